// Original file: proto/berth/objects/v1/objects.proto

import type { ObjectReference as _berth_objects_v1_ObjectReference, ObjectReference__Output as _berth_objects_v1_ObjectReference__Output } from '../../../berth/objects/v1/ObjectReference.js';

export interface CronJobStatus {
  /**
   * The Jobs that are running.
   */
  'active'?: (_berth_objects_v1_ObjectReference)[];
  'lastScheduleTime'?: (string);
  'lastSuccessfulTime'?: (string);
  '_lastScheduleTime'?: "lastScheduleTime";
  '_lastSuccessfulTime'?: "lastSuccessfulTime";
}

export interface CronJobStatus__Output {
  /**
   * The Jobs that are running.
   */
  'active': (_berth_objects_v1_ObjectReference__Output)[];
  'lastScheduleTime'?: (string);
  'lastSuccessfulTime'?: (string);
  '_lastScheduleTime'?: "lastScheduleTime";
  '_lastSuccessfulTime'?: "lastSuccessfulTime";
}
