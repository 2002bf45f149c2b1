// Original file: proto/berth/objects/v1/objects.proto

import type { ObjectMeta as _berth_objects_v1_ObjectMeta, ObjectMeta__Output as _berth_objects_v1_ObjectMeta__Output } from '../../../berth/objects/v1/ObjectMeta.js';
import type { ReplicaSetSpec as _berth_objects_v1_ReplicaSetSpec, ReplicaSetSpec__Output as _berth_objects_v1_ReplicaSetSpec__Output } from '../../../berth/objects/v1/ReplicaSetSpec.js';
import type { ReplicaSetStatus as _berth_objects_v1_ReplicaSetStatus, ReplicaSetStatus__Output as _berth_objects_v1_ReplicaSetStatus__Output } from '../../../berth/objects/v1/ReplicaSetStatus.js';

export interface ReplicaSet {
  'apiVersion'?: (string);
  'kind'?: (string);
  'metadata'?: (_berth_objects_v1_ObjectMeta | null);
  'spec'?: (_berth_objects_v1_ReplicaSetSpec | null);
  'status'?: (_berth_objects_v1_ReplicaSetStatus | null);
  '_apiVersion'?: "apiVersion";
  '_kind'?: "kind";
}

export interface ReplicaSet__Output {
  'apiVersion'?: (string);
  'kind'?: (string);
  'metadata': (_berth_objects_v1_ObjectMeta__Output | null);
  'spec': (_berth_objects_v1_ReplicaSetSpec__Output | null);
  'status': (_berth_objects_v1_ReplicaSetStatus__Output | null);
  '_apiVersion'?: "apiVersion";
  '_kind'?: "kind";
}
