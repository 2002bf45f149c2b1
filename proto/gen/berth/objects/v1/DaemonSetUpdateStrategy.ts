// Original file: proto/berth/objects/v1/objects.proto

import type { RollingUpdateDaemonSet as _berth_objects_v1_RollingUpdateDaemonSet, RollingUpdateDaemonSet__Output as _berth_objects_v1_RollingUpdateDaemonSet__Output } from '../../../berth/objects/v1/RollingUpdateDaemonSet.js';

export interface DaemonSetUpdateStrategy {
  /**
   * RollingUpdate or OnDelete
   */
  'type'?: (string);
  'rollingUpdate'?: (_berth_objects_v1_RollingUpdateDaemonSet | null);
  '_type'?: "type";
}

export interface DaemonSetUpdateStrategy__Output {
  /**
   * RollingUpdate or OnDelete
   */
  'type'?: (string);
  'rollingUpdate': (_berth_objects_v1_RollingUpdateDaemonSet__Output | null);
  '_type'?: "type";
}
