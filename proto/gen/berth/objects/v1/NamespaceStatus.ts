// Original file: proto/berth/objects/v1/objects.proto

import type { NamespaceCondition as _berth_objects_v1_NamespaceCondition, NamespaceCondition__Output as _berth_objects_v1_NamespaceCondition__Output } from '../../../berth/objects/v1/NamespaceCondition.js';

export interface NamespaceStatus {
  /**
   * Active or Terminating
   */
  'phase'?: (string);
  'conditions'?: (_berth_objects_v1_NamespaceCondition)[];
  '_phase'?: "phase";
}

export interface NamespaceStatus__Output {
  /**
   * Active or Terminating
   */
  'phase'?: (string);
  'conditions': (_berth_objects_v1_NamespaceCondition__Output)[];
  '_phase'?: "phase";
}
