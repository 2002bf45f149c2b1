// Original file: proto/berth/objects/v1/objects.proto

import type { IntOrString as _berth_objects_v1_IntOrString, IntOrString__Output as _berth_objects_v1_IntOrString__Output } from '../../../berth/objects/v1/IntOrString.js';

export interface RollingUpdateDaemonSet {
  'maxUnavailable'?: (_berth_objects_v1_IntOrString | null);
  'maxSurge'?: (_berth_objects_v1_IntOrString | null);
}

export interface RollingUpdateDaemonSet__Output {
  'maxUnavailable': (_berth_objects_v1_IntOrString__Output | null);
  'maxSurge': (_berth_objects_v1_IntOrString__Output | null);
}
