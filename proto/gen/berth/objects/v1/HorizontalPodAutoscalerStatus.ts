// Original file: proto/berth/objects/v1/objects.proto

import type { MetricStatus as _berth_objects_v1_MetricStatus, MetricStatus__Output as _berth_objects_v1_MetricStatus__Output } from '../../../berth/objects/v1/MetricStatus.js';
import type { HorizontalPodAutoscalerCondition as _berth_objects_v1_HorizontalPodAutoscalerCondition, HorizontalPodAutoscalerCondition__Output as _berth_objects_v1_HorizontalPodAutoscalerCondition__Output } from '../../../berth/objects/v1/HorizontalPodAutoscalerCondition.js';
import type { Long } from '@grpc/proto-loader';

export interface HorizontalPodAutoscalerStatus {
  'observedGeneration'?: (number | string | Long);
  'lastScaleTime'?: (string);
  'currentReplicas'?: (number);
  'desiredReplicas'?: (number);
  'currentMetrics'?: (_berth_objects_v1_MetricStatus)[];
  'conditions'?: (_berth_objects_v1_HorizontalPodAutoscalerCondition)[];
  '_observedGeneration'?: "observedGeneration";
  '_lastScaleTime'?: "lastScaleTime";
  '_currentReplicas'?: "currentReplicas";
  '_desiredReplicas'?: "desiredReplicas";
}

export interface HorizontalPodAutoscalerStatus__Output {
  'observedGeneration'?: (number);
  'lastScaleTime'?: (string);
  'currentReplicas'?: (number);
  'desiredReplicas'?: (number);
  'currentMetrics': (_berth_objects_v1_MetricStatus__Output)[];
  'conditions': (_berth_objects_v1_HorizontalPodAutoscalerCondition__Output)[];
  '_observedGeneration'?: "observedGeneration";
  '_lastScaleTime'?: "lastScaleTime";
  '_currentReplicas'?: "currentReplicas";
  '_desiredReplicas'?: "desiredReplicas";
}
