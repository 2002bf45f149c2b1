// Original file: proto/berth/objects/v1/objects.proto

import type { LabelSelector as _berth_objects_v1_LabelSelector, LabelSelector__Output as _berth_objects_v1_LabelSelector__Output } from '../../../berth/objects/v1/LabelSelector.js';
import type { PodTemplateSpec as _berth_objects_v1_PodTemplateSpec, PodTemplateSpec__Output as _berth_objects_v1_PodTemplateSpec__Output } from '../../../berth/objects/v1/PodTemplateSpec.js';

export interface ReplicaSetSpec {
  'replicas'?: (number);
  'minReadySeconds'?: (number);
  'selector'?: (_berth_objects_v1_LabelSelector | null);
  'template'?: (_berth_objects_v1_PodTemplateSpec | null);
  '_replicas'?: "replicas";
  '_minReadySeconds'?: "minReadySeconds";
}

export interface ReplicaSetSpec__Output {
  'replicas'?: (number);
  'minReadySeconds'?: (number);
  'selector': (_berth_objects_v1_LabelSelector__Output | null);
  'template': (_berth_objects_v1_PodTemplateSpec__Output | null);
  '_replicas'?: "replicas";
  '_minReadySeconds'?: "minReadySeconds";
}
