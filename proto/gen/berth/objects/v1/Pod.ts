// Original file: proto/berth/objects/v1/objects.proto

import type { ObjectMeta as _berth_objects_v1_ObjectMeta, ObjectMeta__Output as _berth_objects_v1_ObjectMeta__Output } from '../../../berth/objects/v1/ObjectMeta.js';
import type { PodSpec as _berth_objects_v1_PodSpec, PodSpec__Output as _berth_objects_v1_PodSpec__Output } from '../../../berth/objects/v1/PodSpec.js';
import type { PodStatus as _berth_objects_v1_PodStatus, PodStatus__Output as _berth_objects_v1_PodStatus__Output } from '../../../berth/objects/v1/PodStatus.js';

export interface Pod {
  'apiVersion'?: (string);
  'kind'?: (string);
  'metadata'?: (_berth_objects_v1_ObjectMeta | null);
  'spec'?: (_berth_objects_v1_PodSpec | null);
  'status'?: (_berth_objects_v1_PodStatus | null);
  '_apiVersion'?: "apiVersion";
  '_kind'?: "kind";
}

export interface Pod__Output {
  'apiVersion'?: (string);
  'kind'?: (string);
  'metadata': (_berth_objects_v1_ObjectMeta__Output | null);
  'spec': (_berth_objects_v1_PodSpec__Output | null);
  'status': (_berth_objects_v1_PodStatus__Output | null);
  '_apiVersion'?: "apiVersion";
  '_kind'?: "kind";
}
