// Original file: proto/berth/objects/v1/objects.proto

import type { ObjectMeta as _berth_objects_v1_ObjectMeta, ObjectMeta__Output as _berth_objects_v1_ObjectMeta__Output } from '../../../berth/objects/v1/ObjectMeta.js';

/**
 * scheduling.k8s.io/v1: a name for a pod priority (spec.priorityClassName). Cluster-scoped, with
 * its fields at the top like ConfigMap's. Higher values schedule first and may preempt lower ones.
 */
export interface PriorityClass {
  'apiVersion'?: (string);
  'kind'?: (string);
  'metadata'?: (_berth_objects_v1_ObjectMeta | null);
  /**
   * The priority of pods that name this class; above 1,000,000,000 is reserved for the system.
   */
  'value'?: (number);
  /**
   * The priority of pods that name no class (one class at most should say so).
   */
  'globalDefault'?: (boolean);
  'description'?: (string);
  /**
   * Never or PreemptLowerPriority
   */
  'preemptionPolicy'?: (string);
  '_apiVersion'?: "apiVersion";
  '_kind'?: "kind";
  '_value'?: "value";
  '_globalDefault'?: "globalDefault";
  '_description'?: "description";
  '_preemptionPolicy'?: "preemptionPolicy";
}

/**
 * scheduling.k8s.io/v1: a name for a pod priority (spec.priorityClassName). Cluster-scoped, with
 * its fields at the top like ConfigMap's. Higher values schedule first and may preempt lower ones.
 */
export interface PriorityClass__Output {
  'apiVersion'?: (string);
  'kind'?: (string);
  'metadata': (_berth_objects_v1_ObjectMeta__Output | null);
  /**
   * The priority of pods that name this class; above 1,000,000,000 is reserved for the system.
   */
  'value'?: (number);
  /**
   * The priority of pods that name no class (one class at most should say so).
   */
  'globalDefault'?: (boolean);
  'description'?: (string);
  /**
   * Never or PreemptLowerPriority
   */
  'preemptionPolicy'?: (string);
  '_apiVersion'?: "apiVersion";
  '_kind'?: "kind";
  '_value'?: "value";
  '_globalDefault'?: "globalDefault";
  '_description'?: "description";
  '_preemptionPolicy'?: "preemptionPolicy";
}
