// Original file: proto/berth/objects/v1/objects.proto

import type { DaemonSetCondition as _berth_objects_v1_DaemonSetCondition, DaemonSetCondition__Output as _berth_objects_v1_DaemonSetCondition__Output } from '../../../berth/objects/v1/DaemonSetCondition.js';
import type { Long } from '@grpc/proto-loader';

export interface DaemonSetStatus {
  'currentNumberScheduled'?: (number);
  'numberMisscheduled'?: (number);
  'desiredNumberScheduled'?: (number);
  'numberReady'?: (number);
  'observedGeneration'?: (number | string | Long);
  'updatedNumberScheduled'?: (number);
  'numberAvailable'?: (number);
  'numberUnavailable'?: (number);
  'collisionCount'?: (number);
  'conditions'?: (_berth_objects_v1_DaemonSetCondition)[];
  '_currentNumberScheduled'?: "currentNumberScheduled";
  '_numberMisscheduled'?: "numberMisscheduled";
  '_desiredNumberScheduled'?: "desiredNumberScheduled";
  '_numberReady'?: "numberReady";
  '_observedGeneration'?: "observedGeneration";
  '_updatedNumberScheduled'?: "updatedNumberScheduled";
  '_numberAvailable'?: "numberAvailable";
  '_numberUnavailable'?: "numberUnavailable";
  '_collisionCount'?: "collisionCount";
}

export interface DaemonSetStatus__Output {
  'currentNumberScheduled'?: (number);
  'numberMisscheduled'?: (number);
  'desiredNumberScheduled'?: (number);
  'numberReady'?: (number);
  'observedGeneration'?: (number);
  'updatedNumberScheduled'?: (number);
  'numberAvailable'?: (number);
  'numberUnavailable'?: (number);
  'collisionCount'?: (number);
  'conditions': (_berth_objects_v1_DaemonSetCondition__Output)[];
  '_currentNumberScheduled'?: "currentNumberScheduled";
  '_numberMisscheduled'?: "numberMisscheduled";
  '_desiredNumberScheduled'?: "desiredNumberScheduled";
  '_numberReady'?: "numberReady";
  '_observedGeneration'?: "observedGeneration";
  '_updatedNumberScheduled'?: "updatedNumberScheduled";
  '_numberAvailable'?: "numberAvailable";
  '_numberUnavailable'?: "numberUnavailable";
  '_collisionCount'?: "collisionCount";
}
