// Original file: proto/berth/objects/v1/objects.proto

import type { LabelSelector as _berth_objects_v1_LabelSelector, LabelSelector__Output as _berth_objects_v1_LabelSelector__Output } from '../../../berth/objects/v1/LabelSelector.js';
import type { PodTemplateSpec as _berth_objects_v1_PodTemplateSpec, PodTemplateSpec__Output as _berth_objects_v1_PodTemplateSpec__Output } from '../../../berth/objects/v1/PodTemplateSpec.js';
import type { DaemonSetUpdateStrategy as _berth_objects_v1_DaemonSetUpdateStrategy, DaemonSetUpdateStrategy__Output as _berth_objects_v1_DaemonSetUpdateStrategy__Output } from '../../../berth/objects/v1/DaemonSetUpdateStrategy.js';

export interface DaemonSetSpec {
  'selector'?: (_berth_objects_v1_LabelSelector | null);
  'template'?: (_berth_objects_v1_PodTemplateSpec | null);
  'updateStrategy'?: (_berth_objects_v1_DaemonSetUpdateStrategy | null);
  'minReadySeconds'?: (number);
  'revisionHistoryLimit'?: (number);
  '_minReadySeconds'?: "minReadySeconds";
  '_revisionHistoryLimit'?: "revisionHistoryLimit";
}

export interface DaemonSetSpec__Output {
  'selector': (_berth_objects_v1_LabelSelector__Output | null);
  'template': (_berth_objects_v1_PodTemplateSpec__Output | null);
  'updateStrategy': (_berth_objects_v1_DaemonSetUpdateStrategy__Output | null);
  'minReadySeconds'?: (number);
  'revisionHistoryLimit'?: (number);
  '_minReadySeconds'?: "minReadySeconds";
  '_revisionHistoryLimit'?: "revisionHistoryLimit";
}
