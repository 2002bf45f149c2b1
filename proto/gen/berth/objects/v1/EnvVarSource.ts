// Original file: proto/berth/objects/v1/objects.proto

import type { ObjectFieldSelector as _berth_objects_v1_ObjectFieldSelector, ObjectFieldSelector__Output as _berth_objects_v1_ObjectFieldSelector__Output } from '../../../berth/objects/v1/ObjectFieldSelector.js';
import type { ResourceFieldSelector as _berth_objects_v1_ResourceFieldSelector, ResourceFieldSelector__Output as _berth_objects_v1_ResourceFieldSelector__Output } from '../../../berth/objects/v1/ResourceFieldSelector.js';
import type { ConfigMapKeySelector as _berth_objects_v1_ConfigMapKeySelector, ConfigMapKeySelector__Output as _berth_objects_v1_ConfigMapKeySelector__Output } from '../../../berth/objects/v1/ConfigMapKeySelector.js';
import type { SecretKeySelector as _berth_objects_v1_SecretKeySelector, SecretKeySelector__Output as _berth_objects_v1_SecretKeySelector__Output } from '../../../berth/objects/v1/SecretKeySelector.js';

/**
 * Exactly one source.
 */
export interface EnvVarSource {
  'fieldRef'?: (_berth_objects_v1_ObjectFieldSelector | null);
  'resourceFieldRef'?: (_berth_objects_v1_ResourceFieldSelector | null);
  'configMapKeyRef'?: (_berth_objects_v1_ConfigMapKeySelector | null);
  'secretKeyRef'?: (_berth_objects_v1_SecretKeySelector | null);
}

/**
 * Exactly one source.
 */
export interface EnvVarSource__Output {
  'fieldRef': (_berth_objects_v1_ObjectFieldSelector__Output | null);
  'resourceFieldRef': (_berth_objects_v1_ResourceFieldSelector__Output | null);
  'configMapKeyRef': (_berth_objects_v1_ConfigMapKeySelector__Output | null);
  'secretKeyRef': (_berth_objects_v1_SecretKeySelector__Output | null);
}
