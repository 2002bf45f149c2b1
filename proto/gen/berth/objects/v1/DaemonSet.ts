// Original file: proto/berth/objects/v1/objects.proto

import type { ObjectMeta as _berth_objects_v1_ObjectMeta, ObjectMeta__Output as _berth_objects_v1_ObjectMeta__Output } from '../../../berth/objects/v1/ObjectMeta.js';
import type { DaemonSetSpec as _berth_objects_v1_DaemonSetSpec, DaemonSetSpec__Output as _berth_objects_v1_DaemonSetSpec__Output } from '../../../berth/objects/v1/DaemonSetSpec.js';
import type { DaemonSetStatus as _berth_objects_v1_DaemonSetStatus, DaemonSetStatus__Output as _berth_objects_v1_DaemonSetStatus__Output } from '../../../berth/objects/v1/DaemonSetStatus.js';

export interface DaemonSet {
  'apiVersion'?: (string);
  'kind'?: (string);
  'metadata'?: (_berth_objects_v1_ObjectMeta | null);
  'spec'?: (_berth_objects_v1_DaemonSetSpec | null);
  'status'?: (_berth_objects_v1_DaemonSetStatus | null);
  '_apiVersion'?: "apiVersion";
  '_kind'?: "kind";
}

export interface DaemonSet__Output {
  'apiVersion'?: (string);
  'kind'?: (string);
  'metadata': (_berth_objects_v1_ObjectMeta__Output | null);
  'spec': (_berth_objects_v1_DaemonSetSpec__Output | null);
  'status': (_berth_objects_v1_DaemonSetStatus__Output | null);
  '_apiVersion'?: "apiVersion";
  '_kind'?: "kind";
}
