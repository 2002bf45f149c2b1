// Original file: proto/berth/objects/v1/objects.proto

import type { DeploymentCondition as _berth_objects_v1_DeploymentCondition, DeploymentCondition__Output as _berth_objects_v1_DeploymentCondition__Output } from '../../../berth/objects/v1/DeploymentCondition.js';
import type { Long } from '@grpc/proto-loader';

export interface DeploymentStatus {
  'observedGeneration'?: (number | string | Long);
  'replicas'?: (number);
  'updatedReplicas'?: (number);
  'readyReplicas'?: (number);
  'availableReplicas'?: (number);
  'unavailableReplicas'?: (number);
  'terminatingReplicas'?: (number);
  'conditions'?: (_berth_objects_v1_DeploymentCondition)[];
  /**
   * Bumped when a new ReplicaSet's name collides; part of the name hash.
   */
  'collisionCount'?: (number);
  '_observedGeneration'?: "observedGeneration";
  '_replicas'?: "replicas";
  '_updatedReplicas'?: "updatedReplicas";
  '_readyReplicas'?: "readyReplicas";
  '_availableReplicas'?: "availableReplicas";
  '_unavailableReplicas'?: "unavailableReplicas";
  '_terminatingReplicas'?: "terminatingReplicas";
  '_collisionCount'?: "collisionCount";
}

export interface DeploymentStatus__Output {
  'observedGeneration'?: (number);
  'replicas'?: (number);
  'updatedReplicas'?: (number);
  'readyReplicas'?: (number);
  'availableReplicas'?: (number);
  'unavailableReplicas'?: (number);
  'terminatingReplicas'?: (number);
  'conditions': (_berth_objects_v1_DeploymentCondition__Output)[];
  /**
   * Bumped when a new ReplicaSet's name collides; part of the name hash.
   */
  'collisionCount'?: (number);
  '_observedGeneration'?: "observedGeneration";
  '_replicas'?: "replicas";
  '_updatedReplicas'?: "updatedReplicas";
  '_readyReplicas'?: "readyReplicas";
  '_availableReplicas'?: "availableReplicas";
  '_unavailableReplicas'?: "unavailableReplicas";
  '_terminatingReplicas'?: "terminatingReplicas";
  '_collisionCount'?: "collisionCount";
}
