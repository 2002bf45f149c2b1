// Original file: proto/berth/objects/v1/objects.proto

import type { ReplicaSetCondition as _berth_objects_v1_ReplicaSetCondition, ReplicaSetCondition__Output as _berth_objects_v1_ReplicaSetCondition__Output } from '../../../berth/objects/v1/ReplicaSetCondition.js';
import type { Long } from '@grpc/proto-loader';

export interface ReplicaSetStatus {
  'replicas'?: (number);
  'fullyLabeledReplicas'?: (number);
  'readyReplicas'?: (number);
  'availableReplicas'?: (number);
  'terminatingReplicas'?: (number);
  'observedGeneration'?: (number | string | Long);
  'conditions'?: (_berth_objects_v1_ReplicaSetCondition)[];
  '_replicas'?: "replicas";
  '_fullyLabeledReplicas'?: "fullyLabeledReplicas";
  '_readyReplicas'?: "readyReplicas";
  '_availableReplicas'?: "availableReplicas";
  '_terminatingReplicas'?: "terminatingReplicas";
  '_observedGeneration'?: "observedGeneration";
}

export interface ReplicaSetStatus__Output {
  'replicas'?: (number);
  'fullyLabeledReplicas'?: (number);
  'readyReplicas'?: (number);
  'availableReplicas'?: (number);
  'terminatingReplicas'?: (number);
  'observedGeneration'?: (number);
  'conditions': (_berth_objects_v1_ReplicaSetCondition__Output)[];
  '_replicas'?: "replicas";
  '_fullyLabeledReplicas'?: "fullyLabeledReplicas";
  '_readyReplicas'?: "readyReplicas";
  '_availableReplicas'?: "availableReplicas";
  '_terminatingReplicas'?: "terminatingReplicas";
  '_observedGeneration'?: "observedGeneration";
}
