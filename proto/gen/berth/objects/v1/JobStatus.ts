// Original file: proto/berth/objects/v1/objects.proto

import type { JobCondition as _berth_objects_v1_JobCondition, JobCondition__Output as _berth_objects_v1_JobCondition__Output } from '../../../berth/objects/v1/JobCondition.js';

export interface JobStatus {
  'conditions'?: (_berth_objects_v1_JobCondition)[];
  'startTime'?: (string);
  'completionTime'?: (string);
  'active'?: (number);
  'succeeded'?: (number);
  'failed'?: (number);
  'ready'?: (number);
  'terminating'?: (number);
  /**
   * For Indexed jobs, e.g. "1,3-5".
   */
  'completedIndexes'?: (string);
  'failedIndexes'?: (string);
  '_startTime'?: "startTime";
  '_completionTime'?: "completionTime";
  '_active'?: "active";
  '_succeeded'?: "succeeded";
  '_failed'?: "failed";
  '_ready'?: "ready";
  '_terminating'?: "terminating";
  '_completedIndexes'?: "completedIndexes";
  '_failedIndexes'?: "failedIndexes";
}

export interface JobStatus__Output {
  'conditions': (_berth_objects_v1_JobCondition__Output)[];
  'startTime'?: (string);
  'completionTime'?: (string);
  'active'?: (number);
  'succeeded'?: (number);
  'failed'?: (number);
  'ready'?: (number);
  'terminating'?: (number);
  /**
   * For Indexed jobs, e.g. "1,3-5".
   */
  'completedIndexes'?: (string);
  'failedIndexes'?: (string);
  '_startTime'?: "startTime";
  '_completionTime'?: "completionTime";
  '_active'?: "active";
  '_succeeded'?: "succeeded";
  '_failed'?: "failed";
  '_ready'?: "ready";
  '_terminating'?: "terminating";
  '_completedIndexes'?: "completedIndexes";
  '_failedIndexes'?: "failedIndexes";
}
