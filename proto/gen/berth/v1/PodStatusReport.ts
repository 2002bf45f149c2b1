// Original file: proto/berth/v1/node.proto

import type { ApiObject as _berth_objects_v1_ApiObject, ApiObject__Output as _berth_objects_v1_ApiObject__Output } from '../../berth/objects/v1/ApiObject.js';

/**
 * A pod's status as the agent sees it: a Pod carrying metadata (namespace, name, uid) and status.
 */
export interface PodStatusReport {
  'pod'?: (_berth_objects_v1_ApiObject | null);
}

/**
 * A pod's status as the agent sees it: a Pod carrying metadata (namespace, name, uid) and status.
 */
export interface PodStatusReport__Output {
  'pod': (_berth_objects_v1_ApiObject__Output | null);
}
