// Original file: proto/berth/objects/v1/objects.proto

import type { NodeAffinity as _berth_objects_v1_NodeAffinity, NodeAffinity__Output as _berth_objects_v1_NodeAffinity__Output } from '../../../berth/objects/v1/NodeAffinity.js';
import type { PodAffinity as _berth_objects_v1_PodAffinity, PodAffinity__Output as _berth_objects_v1_PodAffinity__Output } from '../../../berth/objects/v1/PodAffinity.js';
import type { PodAntiAffinity as _berth_objects_v1_PodAntiAffinity, PodAntiAffinity__Output as _berth_objects_v1_PodAntiAffinity__Output } from '../../../berth/objects/v1/PodAntiAffinity.js';

export interface Affinity {
  'nodeAffinity'?: (_berth_objects_v1_NodeAffinity | null);
  'podAffinity'?: (_berth_objects_v1_PodAffinity | null);
  'podAntiAffinity'?: (_berth_objects_v1_PodAntiAffinity | null);
}

export interface Affinity__Output {
  'nodeAffinity': (_berth_objects_v1_NodeAffinity__Output | null);
  'podAffinity': (_berth_objects_v1_PodAffinity__Output | null);
  'podAntiAffinity': (_berth_objects_v1_PodAntiAffinity__Output | null);
}
