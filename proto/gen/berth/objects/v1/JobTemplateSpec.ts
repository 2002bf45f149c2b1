// Original file: proto/berth/objects/v1/objects.proto

import type { ObjectMeta as _berth_objects_v1_ObjectMeta, ObjectMeta__Output as _berth_objects_v1_ObjectMeta__Output } from '../../../berth/objects/v1/ObjectMeta.js';
import type { JobSpec as _berth_objects_v1_JobSpec, JobSpec__Output as _berth_objects_v1_JobSpec__Output } from '../../../berth/objects/v1/JobSpec.js';

export interface JobTemplateSpec {
  'metadata'?: (_berth_objects_v1_ObjectMeta | null);
  'spec'?: (_berth_objects_v1_JobSpec | null);
}

export interface JobTemplateSpec__Output {
  'metadata': (_berth_objects_v1_ObjectMeta__Output | null);
  'spec': (_berth_objects_v1_JobSpec__Output | null);
}
