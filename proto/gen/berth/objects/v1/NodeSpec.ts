// Original file: proto/berth/objects/v1/objects.proto

import type { Taint as _berth_objects_v1_Taint, Taint__Output as _berth_objects_v1_Taint__Output } from '../../../berth/objects/v1/Taint.js';

export interface NodeSpec {
  'podCidr'?: (string);
  'podCidrs'?: (string)[];
  'providerId'?: (string);
  /**
   * Cordoned: the scheduler places no new pods here.
   */
  'unschedulable'?: (boolean);
  'taints'?: (_berth_objects_v1_Taint)[];
  '_podCidr'?: "podCidr";
  '_providerId'?: "providerId";
  '_unschedulable'?: "unschedulable";
}

export interface NodeSpec__Output {
  'podCidr'?: (string);
  'podCidrs': (string)[];
  'providerId'?: (string);
  /**
   * Cordoned: the scheduler places no new pods here.
   */
  'unschedulable'?: (boolean);
  'taints': (_berth_objects_v1_Taint__Output)[];
  '_podCidr'?: "podCidr";
  '_providerId'?: "providerId";
  '_unschedulable'?: "unschedulable";
}
