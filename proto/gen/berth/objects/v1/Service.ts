// Original file: proto/berth/objects/v1/objects.proto

import type { ObjectMeta as _berth_objects_v1_ObjectMeta, ObjectMeta__Output as _berth_objects_v1_ObjectMeta__Output } from '../../../berth/objects/v1/ObjectMeta.js';
import type { ServiceSpec as _berth_objects_v1_ServiceSpec, ServiceSpec__Output as _berth_objects_v1_ServiceSpec__Output } from '../../../berth/objects/v1/ServiceSpec.js';
import type { ServiceStatus as _berth_objects_v1_ServiceStatus, ServiceStatus__Output as _berth_objects_v1_ServiceStatus__Output } from '../../../berth/objects/v1/ServiceStatus.js';

export interface Service {
  'apiVersion'?: (string);
  'kind'?: (string);
  'metadata'?: (_berth_objects_v1_ObjectMeta | null);
  'spec'?: (_berth_objects_v1_ServiceSpec | null);
  'status'?: (_berth_objects_v1_ServiceStatus | null);
  '_apiVersion'?: "apiVersion";
  '_kind'?: "kind";
}

export interface Service__Output {
  'apiVersion'?: (string);
  'kind'?: (string);
  'metadata': (_berth_objects_v1_ObjectMeta__Output | null);
  'spec': (_berth_objects_v1_ServiceSpec__Output | null);
  'status': (_berth_objects_v1_ServiceStatus__Output | null);
  '_apiVersion'?: "apiVersion";
  '_kind'?: "kind";
}
