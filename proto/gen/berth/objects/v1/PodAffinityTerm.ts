// Original file: proto/berth/objects/v1/objects.proto

import type { LabelSelector as _berth_objects_v1_LabelSelector, LabelSelector__Output as _berth_objects_v1_LabelSelector__Output } from '../../../berth/objects/v1/LabelSelector.js';

/**
 * Pods matching label_selector in the namespaces, within one topology domain (topology_key).
 */
export interface PodAffinityTerm {
  'labelSelector'?: (_berth_objects_v1_LabelSelector | null);
  'namespaces'?: (string)[];
  'topologyKey'?: (string);
  'namespaceSelector'?: (_berth_objects_v1_LabelSelector | null);
  'matchLabelKeys'?: (string)[];
  'mismatchLabelKeys'?: (string)[];
  '_topologyKey'?: "topologyKey";
}

/**
 * Pods matching label_selector in the namespaces, within one topology domain (topology_key).
 */
export interface PodAffinityTerm__Output {
  'labelSelector': (_berth_objects_v1_LabelSelector__Output | null);
  'namespaces': (string)[];
  'topologyKey'?: (string);
  'namespaceSelector': (_berth_objects_v1_LabelSelector__Output | null);
  'matchLabelKeys': (string)[];
  'mismatchLabelKeys': (string)[];
  '_topologyKey'?: "topologyKey";
}
