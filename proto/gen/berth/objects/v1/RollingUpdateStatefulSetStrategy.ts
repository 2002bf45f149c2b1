// Original file: proto/berth/objects/v1/objects.proto

import type { IntOrString as _berth_objects_v1_IntOrString, IntOrString__Output as _berth_objects_v1_IntOrString__Output } from '../../../berth/objects/v1/IntOrString.js';

export interface RollingUpdateStatefulSetStrategy {
  /**
   * Pods with an ordinal below this keep the old revision.
   */
  'partition'?: (number);
  'maxUnavailable'?: (_berth_objects_v1_IntOrString | null);
  '_partition'?: "partition";
}

export interface RollingUpdateStatefulSetStrategy__Output {
  /**
   * Pods with an ordinal below this keep the old revision.
   */
  'partition'?: (number);
  'maxUnavailable': (_berth_objects_v1_IntOrString__Output | null);
  '_partition'?: "partition";
}
