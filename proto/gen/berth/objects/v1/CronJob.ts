// Original file: proto/berth/objects/v1/objects.proto

import type { ObjectMeta as _berth_objects_v1_ObjectMeta, ObjectMeta__Output as _berth_objects_v1_ObjectMeta__Output } from '../../../berth/objects/v1/ObjectMeta.js';
import type { CronJobSpec as _berth_objects_v1_CronJobSpec, CronJobSpec__Output as _berth_objects_v1_CronJobSpec__Output } from '../../../berth/objects/v1/CronJobSpec.js';
import type { CronJobStatus as _berth_objects_v1_CronJobStatus, CronJobStatus__Output as _berth_objects_v1_CronJobStatus__Output } from '../../../berth/objects/v1/CronJobStatus.js';

export interface CronJob {
  'apiVersion'?: (string);
  'kind'?: (string);
  'metadata'?: (_berth_objects_v1_ObjectMeta | null);
  'spec'?: (_berth_objects_v1_CronJobSpec | null);
  'status'?: (_berth_objects_v1_CronJobStatus | null);
  '_apiVersion'?: "apiVersion";
  '_kind'?: "kind";
}

export interface CronJob__Output {
  'apiVersion'?: (string);
  'kind'?: (string);
  'metadata': (_berth_objects_v1_ObjectMeta__Output | null);
  'spec': (_berth_objects_v1_CronJobSpec__Output | null);
  'status': (_berth_objects_v1_CronJobStatus__Output | null);
  '_apiVersion'?: "apiVersion";
  '_kind'?: "kind";
}
