// Original file: proto/berth/v1/node.proto

import type { ApiObject as _berth_objects_v1_ApiObject, ApiObject__Output as _berth_objects_v1_ApiObject__Output } from '../../berth/objects/v1/ApiObject.js';
import type { Long } from '@grpc/proto-loader';

/**
 * A change after the pod set. DELETED: the pod is gone from the store (force-deleted); a pod
 * marked for deletion arrives MODIFIED with metadata.deletionTimestamp and
 * deletionGracePeriodSeconds.
 */
export interface PodChange {
  'type'?: (string);
  'pod'?: (_berth_objects_v1_ApiObject | null);
  'revision'?: (number | string | Long);
}

/**
 * A change after the pod set. DELETED: the pod is gone from the store (force-deleted); a pod
 * marked for deletion arrives MODIFIED with metadata.deletionTimestamp and
 * deletionGracePeriodSeconds.
 */
export interface PodChange__Output {
  'type': (string);
  'pod': (_berth_objects_v1_ApiObject__Output | null);
  'revision': (number);
}
