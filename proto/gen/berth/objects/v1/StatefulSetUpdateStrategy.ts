// Original file: proto/berth/objects/v1/objects.proto

import type { RollingUpdateStatefulSetStrategy as _berth_objects_v1_RollingUpdateStatefulSetStrategy, RollingUpdateStatefulSetStrategy__Output as _berth_objects_v1_RollingUpdateStatefulSetStrategy__Output } from '../../../berth/objects/v1/RollingUpdateStatefulSetStrategy.js';

export interface StatefulSetUpdateStrategy {
  /**
   * RollingUpdate or OnDelete
   */
  'type'?: (string);
  'rollingUpdate'?: (_berth_objects_v1_RollingUpdateStatefulSetStrategy | null);
  '_type'?: "type";
}

export interface StatefulSetUpdateStrategy__Output {
  /**
   * RollingUpdate or OnDelete
   */
  'type'?: (string);
  'rollingUpdate': (_berth_objects_v1_RollingUpdateStatefulSetStrategy__Output | null);
  '_type'?: "type";
}
