// Original file: proto/berth/objects/v1/objects.proto

import type { NodeSelector as _berth_objects_v1_NodeSelector, NodeSelector__Output as _berth_objects_v1_NodeSelector__Output } from '../../../berth/objects/v1/NodeSelector.js';
import type { PreferredSchedulingTerm as _berth_objects_v1_PreferredSchedulingTerm, PreferredSchedulingTerm__Output as _berth_objects_v1_PreferredSchedulingTerm__Output } from '../../../berth/objects/v1/PreferredSchedulingTerm.js';

export interface NodeAffinity {
  'requiredDuringSchedulingIgnoredDuringExecution'?: (_berth_objects_v1_NodeSelector | null);
  'preferredDuringSchedulingIgnoredDuringExecution'?: (_berth_objects_v1_PreferredSchedulingTerm)[];
}

export interface NodeAffinity__Output {
  'requiredDuringSchedulingIgnoredDuringExecution': (_berth_objects_v1_NodeSelector__Output | null);
  'preferredDuringSchedulingIgnoredDuringExecution': (_berth_objects_v1_PreferredSchedulingTerm__Output)[];
}
