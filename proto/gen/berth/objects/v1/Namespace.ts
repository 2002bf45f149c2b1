// Original file: proto/berth/objects/v1/objects.proto

import type { ObjectMeta as _berth_objects_v1_ObjectMeta, ObjectMeta__Output as _berth_objects_v1_ObjectMeta__Output } from '../../../berth/objects/v1/ObjectMeta.js';
import type { NamespaceSpec as _berth_objects_v1_NamespaceSpec, NamespaceSpec__Output as _berth_objects_v1_NamespaceSpec__Output } from '../../../berth/objects/v1/NamespaceSpec.js';
import type { NamespaceStatus as _berth_objects_v1_NamespaceStatus, NamespaceStatus__Output as _berth_objects_v1_NamespaceStatus__Output } from '../../../berth/objects/v1/NamespaceStatus.js';

export interface Namespace {
  'apiVersion'?: (string);
  'kind'?: (string);
  'metadata'?: (_berth_objects_v1_ObjectMeta | null);
  'spec'?: (_berth_objects_v1_NamespaceSpec | null);
  'status'?: (_berth_objects_v1_NamespaceStatus | null);
  '_apiVersion'?: "apiVersion";
  '_kind'?: "kind";
}

export interface Namespace__Output {
  'apiVersion'?: (string);
  'kind'?: (string);
  'metadata': (_berth_objects_v1_ObjectMeta__Output | null);
  'spec': (_berth_objects_v1_NamespaceSpec__Output | null);
  'status': (_berth_objects_v1_NamespaceStatus__Output | null);
  '_apiVersion'?: "apiVersion";
  '_kind'?: "kind";
}
