// Original file: proto/berth/objects/v1/objects.proto

import type { ObjectMeta as _berth_objects_v1_ObjectMeta, ObjectMeta__Output as _berth_objects_v1_ObjectMeta__Output } from '../../../berth/objects/v1/ObjectMeta.js';
import type { JobSpec as _berth_objects_v1_JobSpec, JobSpec__Output as _berth_objects_v1_JobSpec__Output } from '../../../berth/objects/v1/JobSpec.js';
import type { JobStatus as _berth_objects_v1_JobStatus, JobStatus__Output as _berth_objects_v1_JobStatus__Output } from '../../../berth/objects/v1/JobStatus.js';

export interface Job {
  'apiVersion'?: (string);
  'kind'?: (string);
  'metadata'?: (_berth_objects_v1_ObjectMeta | null);
  'spec'?: (_berth_objects_v1_JobSpec | null);
  'status'?: (_berth_objects_v1_JobStatus | null);
  '_apiVersion'?: "apiVersion";
  '_kind'?: "kind";
}

export interface Job__Output {
  'apiVersion'?: (string);
  'kind'?: (string);
  'metadata': (_berth_objects_v1_ObjectMeta__Output | null);
  'spec': (_berth_objects_v1_JobSpec__Output | null);
  'status': (_berth_objects_v1_JobStatus__Output | null);
  '_apiVersion'?: "apiVersion";
  '_kind'?: "kind";
}
