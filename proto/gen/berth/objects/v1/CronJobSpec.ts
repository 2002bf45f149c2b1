// Original file: proto/berth/objects/v1/objects.proto

import type { JobTemplateSpec as _berth_objects_v1_JobTemplateSpec, JobTemplateSpec__Output as _berth_objects_v1_JobTemplateSpec__Output } from '../../../berth/objects/v1/JobTemplateSpec.js';
import type { Long } from '@grpc/proto-loader';

export interface CronJobSpec {
  /**
   * Cron syntax, e.g. "* /5 * * * *".
   */
  'schedule'?: (string);
  /**
   * An IANA zone name; the controller's zone when unset.
   */
  'timeZone'?: (string);
  'startingDeadlineSeconds'?: (number | string | Long);
  /**
   * Allow, Forbid or Replace
   */
  'concurrencyPolicy'?: (string);
  'suspend'?: (boolean);
  'jobTemplate'?: (_berth_objects_v1_JobTemplateSpec | null);
  'successfulJobsHistoryLimit'?: (number);
  'failedJobsHistoryLimit'?: (number);
  '_schedule'?: "schedule";
  '_timeZone'?: "timeZone";
  '_startingDeadlineSeconds'?: "startingDeadlineSeconds";
  '_concurrencyPolicy'?: "concurrencyPolicy";
  '_suspend'?: "suspend";
  '_successfulJobsHistoryLimit'?: "successfulJobsHistoryLimit";
  '_failedJobsHistoryLimit'?: "failedJobsHistoryLimit";
}

export interface CronJobSpec__Output {
  /**
   * Cron syntax, e.g. "* /5 * * * *".
   */
  'schedule'?: (string);
  /**
   * An IANA zone name; the controller's zone when unset.
   */
  'timeZone'?: (string);
  'startingDeadlineSeconds'?: (number);
  /**
   * Allow, Forbid or Replace
   */
  'concurrencyPolicy'?: (string);
  'suspend'?: (boolean);
  'jobTemplate': (_berth_objects_v1_JobTemplateSpec__Output | null);
  'successfulJobsHistoryLimit'?: (number);
  'failedJobsHistoryLimit'?: (number);
  '_schedule'?: "schedule";
  '_timeZone'?: "timeZone";
  '_startingDeadlineSeconds'?: "startingDeadlineSeconds";
  '_concurrencyPolicy'?: "concurrencyPolicy";
  '_suspend'?: "suspend";
  '_successfulJobsHistoryLimit'?: "successfulJobsHistoryLimit";
  '_failedJobsHistoryLimit'?: "failedJobsHistoryLimit";
}
