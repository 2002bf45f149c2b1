// Original file: proto/berth/objects/v1/objects.proto

import type { ObjectMeta as _berth_objects_v1_ObjectMeta, ObjectMeta__Output as _berth_objects_v1_ObjectMeta__Output } from '../../../berth/objects/v1/ObjectMeta.js';
import type { EndpointSubset as _berth_objects_v1_EndpointSubset, EndpointSubset__Output as _berth_objects_v1_EndpointSubset__Output } from '../../../berth/objects/v1/EndpointSubset.js';

export interface Endpoints {
  'apiVersion'?: (string);
  'kind'?: (string);
  'metadata'?: (_berth_objects_v1_ObjectMeta | null);
  'subsets'?: (_berth_objects_v1_EndpointSubset)[];
  '_apiVersion'?: "apiVersion";
  '_kind'?: "kind";
}

export interface Endpoints__Output {
  'apiVersion'?: (string);
  'kind'?: (string);
  'metadata': (_berth_objects_v1_ObjectMeta__Output | null);
  'subsets': (_berth_objects_v1_EndpointSubset__Output)[];
  '_apiVersion'?: "apiVersion";
  '_kind'?: "kind";
}
