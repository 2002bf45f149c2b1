// Original file: proto/berth/objects/v1/objects.proto

import type { LifecycleHandler as _berth_objects_v1_LifecycleHandler, LifecycleHandler__Output as _berth_objects_v1_LifecycleHandler__Output } from '../../../berth/objects/v1/LifecycleHandler.js';

export interface Lifecycle {
  'postStart'?: (_berth_objects_v1_LifecycleHandler | null);
  'preStop'?: (_berth_objects_v1_LifecycleHandler | null);
}

export interface Lifecycle__Output {
  'postStart': (_berth_objects_v1_LifecycleHandler__Output | null);
  'preStop': (_berth_objects_v1_LifecycleHandler__Output | null);
}
