// Original file: proto/berth/objects/v1/objects.proto

import type { ObjectMeta as _berth_objects_v1_ObjectMeta, ObjectMeta__Output as _berth_objects_v1_ObjectMeta__Output } from '../../../berth/objects/v1/ObjectMeta.js';
import type { StatefulSetSpec as _berth_objects_v1_StatefulSetSpec, StatefulSetSpec__Output as _berth_objects_v1_StatefulSetSpec__Output } from '../../../berth/objects/v1/StatefulSetSpec.js';
import type { StatefulSetStatus as _berth_objects_v1_StatefulSetStatus, StatefulSetStatus__Output as _berth_objects_v1_StatefulSetStatus__Output } from '../../../berth/objects/v1/StatefulSetStatus.js';

export interface StatefulSet {
  'apiVersion'?: (string);
  'kind'?: (string);
  'metadata'?: (_berth_objects_v1_ObjectMeta | null);
  'spec'?: (_berth_objects_v1_StatefulSetSpec | null);
  'status'?: (_berth_objects_v1_StatefulSetStatus | null);
  '_apiVersion'?: "apiVersion";
  '_kind'?: "kind";
}

export interface StatefulSet__Output {
  'apiVersion'?: (string);
  'kind'?: (string);
  'metadata': (_berth_objects_v1_ObjectMeta__Output | null);
  'spec': (_berth_objects_v1_StatefulSetSpec__Output | null);
  'status': (_berth_objects_v1_StatefulSetStatus__Output | null);
  '_apiVersion'?: "apiVersion";
  '_kind'?: "kind";
}
