// Original file: proto/berth/objects/v1/objects.proto

import type { NodeSelectorTerm as _berth_objects_v1_NodeSelectorTerm, NodeSelectorTerm__Output as _berth_objects_v1_NodeSelectorTerm__Output } from '../../../berth/objects/v1/NodeSelectorTerm.js';

/**
 * The terms are ORed; a node matches a term when it matches all of the term's requirements.
 */
export interface NodeSelector {
  'nodeSelectorTerms'?: (_berth_objects_v1_NodeSelectorTerm)[];
}

/**
 * The terms are ORed; a node matches a term when it matches all of the term's requirements.
 */
export interface NodeSelector__Output {
  'nodeSelectorTerms': (_berth_objects_v1_NodeSelectorTerm__Output)[];
}
