// Original file: proto/berth/objects/v1/objects.proto

import type { StatefulSetCondition as _berth_objects_v1_StatefulSetCondition, StatefulSetCondition__Output as _berth_objects_v1_StatefulSetCondition__Output } from '../../../berth/objects/v1/StatefulSetCondition.js';
import type { Long } from '@grpc/proto-loader';

export interface StatefulSetStatus {
  'observedGeneration'?: (number | string | Long);
  'replicas'?: (number);
  'readyReplicas'?: (number);
  'currentReplicas'?: (number);
  'updatedReplicas'?: (number);
  'currentRevision'?: (string);
  'updateRevision'?: (string);
  'collisionCount'?: (number);
  'conditions'?: (_berth_objects_v1_StatefulSetCondition)[];
  'availableReplicas'?: (number);
  '_observedGeneration'?: "observedGeneration";
  '_replicas'?: "replicas";
  '_readyReplicas'?: "readyReplicas";
  '_currentReplicas'?: "currentReplicas";
  '_updatedReplicas'?: "updatedReplicas";
  '_currentRevision'?: "currentRevision";
  '_updateRevision'?: "updateRevision";
  '_collisionCount'?: "collisionCount";
  '_availableReplicas'?: "availableReplicas";
}

export interface StatefulSetStatus__Output {
  'observedGeneration'?: (number);
  'replicas'?: (number);
  'readyReplicas'?: (number);
  'currentReplicas'?: (number);
  'updatedReplicas'?: (number);
  'currentRevision'?: (string);
  'updateRevision'?: (string);
  'collisionCount'?: (number);
  'conditions': (_berth_objects_v1_StatefulSetCondition__Output)[];
  'availableReplicas'?: (number);
  '_observedGeneration'?: "observedGeneration";
  '_replicas'?: "replicas";
  '_readyReplicas'?: "readyReplicas";
  '_currentReplicas'?: "currentReplicas";
  '_updatedReplicas'?: "updatedReplicas";
  '_currentRevision'?: "currentRevision";
  '_updateRevision'?: "updateRevision";
  '_collisionCount'?: "collisionCount";
  '_availableReplicas'?: "availableReplicas";
}
