// Original file: proto/berth/objects/v1/objects.proto

import type { PodAffinityTerm as _berth_objects_v1_PodAffinityTerm, PodAffinityTerm__Output as _berth_objects_v1_PodAffinityTerm__Output } from '../../../berth/objects/v1/PodAffinityTerm.js';
import type { WeightedPodAffinityTerm as _berth_objects_v1_WeightedPodAffinityTerm, WeightedPodAffinityTerm__Output as _berth_objects_v1_WeightedPodAffinityTerm__Output } from '../../../berth/objects/v1/WeightedPodAffinityTerm.js';

export interface PodAffinity {
  'requiredDuringSchedulingIgnoredDuringExecution'?: (_berth_objects_v1_PodAffinityTerm)[];
  'preferredDuringSchedulingIgnoredDuringExecution'?: (_berth_objects_v1_WeightedPodAffinityTerm)[];
}

export interface PodAffinity__Output {
  'requiredDuringSchedulingIgnoredDuringExecution': (_berth_objects_v1_PodAffinityTerm__Output)[];
  'preferredDuringSchedulingIgnoredDuringExecution': (_berth_objects_v1_WeightedPodAffinityTerm__Output)[];
}
