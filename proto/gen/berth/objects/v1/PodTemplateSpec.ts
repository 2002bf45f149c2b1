// Original file: proto/berth/objects/v1/objects.proto

import type { ObjectMeta as _berth_objects_v1_ObjectMeta, ObjectMeta__Output as _berth_objects_v1_ObjectMeta__Output } from '../../../berth/objects/v1/ObjectMeta.js';
import type { PodSpec as _berth_objects_v1_PodSpec, PodSpec__Output as _berth_objects_v1_PodSpec__Output } from '../../../berth/objects/v1/PodSpec.js';

/**
 * What controllers stamp pods from.
 */
export interface PodTemplateSpec {
  'metadata'?: (_berth_objects_v1_ObjectMeta | null);
  'spec'?: (_berth_objects_v1_PodSpec | null);
}

/**
 * What controllers stamp pods from.
 */
export interface PodTemplateSpec__Output {
  'metadata': (_berth_objects_v1_ObjectMeta__Output | null);
  'spec': (_berth_objects_v1_PodSpec__Output | null);
}
