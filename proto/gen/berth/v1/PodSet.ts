// Original file: proto/berth/v1/node.proto

import type { ApiObject as _berth_objects_v1_ApiObject, ApiObject__Output as _berth_objects_v1_ApiObject__Output } from '../../berth/objects/v1/ApiObject.js';
import type { Long } from '@grpc/proto-loader';

/**
 * The full set of pods bound to the node at `revision`, in chunks; the last has `last` set.
 * Anything the agent runs that is not in the set must stop.
 */
export interface PodSet {
  'pods'?: (_berth_objects_v1_ApiObject)[];
  'revision'?: (number | string | Long);
  'last'?: (boolean);
}

/**
 * The full set of pods bound to the node at `revision`, in chunks; the last has `last` set.
 * Anything the agent runs that is not in the set must stop.
 */
export interface PodSet__Output {
  'pods': (_berth_objects_v1_ApiObject__Output)[];
  'revision': (number);
  'last': (boolean);
}
