// Original file: proto/berth/objects/v1/objects.proto

import type { NodeSelectorRequirement as _berth_objects_v1_NodeSelectorRequirement, NodeSelectorRequirement__Output as _berth_objects_v1_NodeSelectorRequirement__Output } from '../../../berth/objects/v1/NodeSelectorRequirement.js';

export interface NodeSelectorTerm {
  /**
   * On node labels.
   */
  'matchExpressions'?: (_berth_objects_v1_NodeSelectorRequirement)[];
  /**
   * On node fields (metadata.name).
   */
  'matchFields'?: (_berth_objects_v1_NodeSelectorRequirement)[];
}

export interface NodeSelectorTerm__Output {
  /**
   * On node labels.
   */
  'matchExpressions': (_berth_objects_v1_NodeSelectorRequirement__Output)[];
  /**
   * On node fields (metadata.name).
   */
  'matchFields': (_berth_objects_v1_NodeSelectorRequirement__Output)[];
}
