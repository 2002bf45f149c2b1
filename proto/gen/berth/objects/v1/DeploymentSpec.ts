// Original file: proto/berth/objects/v1/objects.proto

import type { LabelSelector as _berth_objects_v1_LabelSelector, LabelSelector__Output as _berth_objects_v1_LabelSelector__Output } from '../../../berth/objects/v1/LabelSelector.js';
import type { PodTemplateSpec as _berth_objects_v1_PodTemplateSpec, PodTemplateSpec__Output as _berth_objects_v1_PodTemplateSpec__Output } from '../../../berth/objects/v1/PodTemplateSpec.js';
import type { DeploymentStrategy as _berth_objects_v1_DeploymentStrategy, DeploymentStrategy__Output as _berth_objects_v1_DeploymentStrategy__Output } from '../../../berth/objects/v1/DeploymentStrategy.js';

export interface DeploymentSpec {
  'replicas'?: (number);
  'selector'?: (_berth_objects_v1_LabelSelector | null);
  'template'?: (_berth_objects_v1_PodTemplateSpec | null);
  'strategy'?: (_berth_objects_v1_DeploymentStrategy | null);
  'minReadySeconds'?: (number);
  'revisionHistoryLimit'?: (number);
  'paused'?: (boolean);
  'progressDeadlineSeconds'?: (number);
  '_replicas'?: "replicas";
  '_minReadySeconds'?: "minReadySeconds";
  '_revisionHistoryLimit'?: "revisionHistoryLimit";
  '_paused'?: "paused";
  '_progressDeadlineSeconds'?: "progressDeadlineSeconds";
}

export interface DeploymentSpec__Output {
  'replicas'?: (number);
  'selector': (_berth_objects_v1_LabelSelector__Output | null);
  'template': (_berth_objects_v1_PodTemplateSpec__Output | null);
  'strategy': (_berth_objects_v1_DeploymentStrategy__Output | null);
  'minReadySeconds'?: (number);
  'revisionHistoryLimit'?: (number);
  'paused'?: (boolean);
  'progressDeadlineSeconds'?: (number);
  '_replicas'?: "replicas";
  '_minReadySeconds'?: "minReadySeconds";
  '_revisionHistoryLimit'?: "revisionHistoryLimit";
  '_paused'?: "paused";
  '_progressDeadlineSeconds'?: "progressDeadlineSeconds";
}
