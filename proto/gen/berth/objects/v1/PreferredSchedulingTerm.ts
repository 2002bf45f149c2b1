// Original file: proto/berth/objects/v1/objects.proto

import type { NodeSelectorTerm as _berth_objects_v1_NodeSelectorTerm, NodeSelectorTerm__Output as _berth_objects_v1_NodeSelectorTerm__Output } from '../../../berth/objects/v1/NodeSelectorTerm.js';

export interface PreferredSchedulingTerm {
  /**
   * 1-100, added to a node's score when it matches.
   */
  'weight'?: (number);
  'preference'?: (_berth_objects_v1_NodeSelectorTerm | null);
  '_weight'?: "weight";
}

export interface PreferredSchedulingTerm__Output {
  /**
   * 1-100, added to a node's score when it matches.
   */
  'weight'?: (number);
  'preference': (_berth_objects_v1_NodeSelectorTerm__Output | null);
  '_weight'?: "weight";
}
