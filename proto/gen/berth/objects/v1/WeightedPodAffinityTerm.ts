// Original file: proto/berth/objects/v1/objects.proto

import type { PodAffinityTerm as _berth_objects_v1_PodAffinityTerm, PodAffinityTerm__Output as _berth_objects_v1_PodAffinityTerm__Output } from '../../../berth/objects/v1/PodAffinityTerm.js';

export interface WeightedPodAffinityTerm {
  'weight'?: (number);
  'podAffinityTerm'?: (_berth_objects_v1_PodAffinityTerm | null);
  '_weight'?: "weight";
}

export interface WeightedPodAffinityTerm__Output {
  'weight'?: (number);
  'podAffinityTerm': (_berth_objects_v1_PodAffinityTerm__Output | null);
  '_weight'?: "weight";
}
