// Original file: proto/berth/objects/v1/objects.proto

import type { LabelSelector as _berth_objects_v1_LabelSelector, LabelSelector__Output as _berth_objects_v1_LabelSelector__Output } from '../../../berth/objects/v1/LabelSelector.js';

export interface TopologySpreadConstraint {
  'maxSkew'?: (number);
  'topologyKey'?: (string);
  /**
   * DoNotSchedule or ScheduleAnyway
   */
  'whenUnsatisfiable'?: (string);
  'labelSelector'?: (_berth_objects_v1_LabelSelector | null);
  'minDomains'?: (number);
  'nodeAffinityPolicy'?: (string);
  'nodeTaintsPolicy'?: (string);
  'matchLabelKeys'?: (string)[];
  '_maxSkew'?: "maxSkew";
  '_topologyKey'?: "topologyKey";
  '_whenUnsatisfiable'?: "whenUnsatisfiable";
  '_minDomains'?: "minDomains";
  '_nodeAffinityPolicy'?: "nodeAffinityPolicy";
  '_nodeTaintsPolicy'?: "nodeTaintsPolicy";
}

export interface TopologySpreadConstraint__Output {
  'maxSkew'?: (number);
  'topologyKey'?: (string);
  /**
   * DoNotSchedule or ScheduleAnyway
   */
  'whenUnsatisfiable'?: (string);
  'labelSelector': (_berth_objects_v1_LabelSelector__Output | null);
  'minDomains'?: (number);
  'nodeAffinityPolicy'?: (string);
  'nodeTaintsPolicy'?: (string);
  'matchLabelKeys': (string)[];
  '_maxSkew'?: "maxSkew";
  '_topologyKey'?: "topologyKey";
  '_whenUnsatisfiable'?: "whenUnsatisfiable";
  '_minDomains'?: "minDomains";
  '_nodeAffinityPolicy'?: "nodeAffinityPolicy";
  '_nodeTaintsPolicy'?: "nodeTaintsPolicy";
}
