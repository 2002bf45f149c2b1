// Original file: proto/berth/objects/v1/objects.proto

import type { Long } from '@grpc/proto-loader';

/**
 * The condition shape of metav1.Condition, used where Kubernetes uses it (Service status).
 */
export interface Condition {
  'type'?: (string);
  /**
   * True, False or Unknown
   */
  'status'?: (string);
  'observedGeneration'?: (number | string | Long);
  'lastTransitionTime'?: (string);
  'reason'?: (string);
  'message'?: (string);
  '_type'?: "type";
  '_status'?: "status";
  '_observedGeneration'?: "observedGeneration";
  '_lastTransitionTime'?: "lastTransitionTime";
  '_reason'?: "reason";
  '_message'?: "message";
}

/**
 * The condition shape of metav1.Condition, used where Kubernetes uses it (Service status).
 */
export interface Condition__Output {
  'type'?: (string);
  /**
   * True, False or Unknown
   */
  'status'?: (string);
  'observedGeneration'?: (number);
  'lastTransitionTime'?: (string);
  'reason'?: (string);
  'message'?: (string);
  '_type'?: "type";
  '_status'?: "status";
  '_observedGeneration'?: "observedGeneration";
  '_lastTransitionTime'?: "lastTransitionTime";
  '_reason'?: "reason";
  '_message'?: "message";
}
