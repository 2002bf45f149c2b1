// Original file: proto/berth/objects/v1/objects.proto

import type { LabelSelector as _berth_objects_v1_LabelSelector, LabelSelector__Output as _berth_objects_v1_LabelSelector__Output } from '../../../berth/objects/v1/LabelSelector.js';
import type { PodTemplateSpec as _berth_objects_v1_PodTemplateSpec, PodTemplateSpec__Output as _berth_objects_v1_PodTemplateSpec__Output } from '../../../berth/objects/v1/PodTemplateSpec.js';
import type { Long } from '@grpc/proto-loader';

export interface JobSpec {
  'parallelism'?: (number);
  'completions'?: (number);
  'activeDeadlineSeconds'?: (number | string | Long);
  'backoffLimit'?: (number);
  'backoffLimitPerIndex'?: (number);
  'maxFailedIndexes'?: (number);
  'selector'?: (_berth_objects_v1_LabelSelector | null);
  /**
   * The user supplies selector and pod labels instead of the generated controller-uid.
   */
  'manualSelector'?: (boolean);
  'template'?: (_berth_objects_v1_PodTemplateSpec | null);
  'ttlSecondsAfterFinished'?: (number);
  /**
   * NonIndexed or Indexed
   */
  'completionMode'?: (string);
  'suspend'?: (boolean);
  /**
   * TerminatingOrFailed or Failed
   */
  'podReplacementPolicy'?: (string);
  '_parallelism'?: "parallelism";
  '_completions'?: "completions";
  '_activeDeadlineSeconds'?: "activeDeadlineSeconds";
  '_backoffLimit'?: "backoffLimit";
  '_backoffLimitPerIndex'?: "backoffLimitPerIndex";
  '_maxFailedIndexes'?: "maxFailedIndexes";
  '_manualSelector'?: "manualSelector";
  '_ttlSecondsAfterFinished'?: "ttlSecondsAfterFinished";
  '_completionMode'?: "completionMode";
  '_suspend'?: "suspend";
  '_podReplacementPolicy'?: "podReplacementPolicy";
}

export interface JobSpec__Output {
  'parallelism'?: (number);
  'completions'?: (number);
  'activeDeadlineSeconds'?: (number);
  'backoffLimit'?: (number);
  'backoffLimitPerIndex'?: (number);
  'maxFailedIndexes'?: (number);
  'selector': (_berth_objects_v1_LabelSelector__Output | null);
  /**
   * The user supplies selector and pod labels instead of the generated controller-uid.
   */
  'manualSelector'?: (boolean);
  'template': (_berth_objects_v1_PodTemplateSpec__Output | null);
  'ttlSecondsAfterFinished'?: (number);
  /**
   * NonIndexed or Indexed
   */
  'completionMode'?: (string);
  'suspend'?: (boolean);
  /**
   * TerminatingOrFailed or Failed
   */
  'podReplacementPolicy'?: (string);
  '_parallelism'?: "parallelism";
  '_completions'?: "completions";
  '_activeDeadlineSeconds'?: "activeDeadlineSeconds";
  '_backoffLimit'?: "backoffLimit";
  '_backoffLimitPerIndex'?: "backoffLimitPerIndex";
  '_maxFailedIndexes'?: "maxFailedIndexes";
  '_manualSelector'?: "manualSelector";
  '_ttlSecondsAfterFinished'?: "ttlSecondsAfterFinished";
  '_completionMode'?: "completionMode";
  '_suspend'?: "suspend";
  '_podReplacementPolicy'?: "podReplacementPolicy";
}
