// Original file: proto/berth/objects/v1/objects.proto

import type { ObjectMeta as _berth_objects_v1_ObjectMeta, ObjectMeta__Output as _berth_objects_v1_ObjectMeta__Output } from '../../../berth/objects/v1/ObjectMeta.js';
import type { DeploymentSpec as _berth_objects_v1_DeploymentSpec, DeploymentSpec__Output as _berth_objects_v1_DeploymentSpec__Output } from '../../../berth/objects/v1/DeploymentSpec.js';
import type { DeploymentStatus as _berth_objects_v1_DeploymentStatus, DeploymentStatus__Output as _berth_objects_v1_DeploymentStatus__Output } from '../../../berth/objects/v1/DeploymentStatus.js';

export interface Deployment {
  'apiVersion'?: (string);
  'kind'?: (string);
  'metadata'?: (_berth_objects_v1_ObjectMeta | null);
  'spec'?: (_berth_objects_v1_DeploymentSpec | null);
  'status'?: (_berth_objects_v1_DeploymentStatus | null);
  '_apiVersion'?: "apiVersion";
  '_kind'?: "kind";
}

export interface Deployment__Output {
  'apiVersion'?: (string);
  'kind'?: (string);
  'metadata': (_berth_objects_v1_ObjectMeta__Output | null);
  'spec': (_berth_objects_v1_DeploymentSpec__Output | null);
  'status': (_berth_objects_v1_DeploymentStatus__Output | null);
  '_apiVersion'?: "apiVersion";
  '_kind'?: "kind";
}
