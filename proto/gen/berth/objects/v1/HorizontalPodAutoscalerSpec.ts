// Original file: proto/berth/objects/v1/objects.proto

import type { CrossVersionObjectReference as _berth_objects_v1_CrossVersionObjectReference, CrossVersionObjectReference__Output as _berth_objects_v1_CrossVersionObjectReference__Output } from '../../../berth/objects/v1/CrossVersionObjectReference.js';
import type { MetricSpec as _berth_objects_v1_MetricSpec, MetricSpec__Output as _berth_objects_v1_MetricSpec__Output } from '../../../berth/objects/v1/MetricSpec.js';
import type { HorizontalPodAutoscalerBehavior as _berth_objects_v1_HorizontalPodAutoscalerBehavior, HorizontalPodAutoscalerBehavior__Output as _berth_objects_v1_HorizontalPodAutoscalerBehavior__Output } from '../../../berth/objects/v1/HorizontalPodAutoscalerBehavior.js';

export interface HorizontalPodAutoscalerSpec {
  'scaleTargetRef'?: (_berth_objects_v1_CrossVersionObjectReference | null);
  'minReplicas'?: (number);
  'maxReplicas'?: (number);
  'metrics'?: (_berth_objects_v1_MetricSpec)[];
  'behavior'?: (_berth_objects_v1_HorizontalPodAutoscalerBehavior | null);
  '_minReplicas'?: "minReplicas";
  '_maxReplicas'?: "maxReplicas";
}

export interface HorizontalPodAutoscalerSpec__Output {
  'scaleTargetRef': (_berth_objects_v1_CrossVersionObjectReference__Output | null);
  'minReplicas'?: (number);
  'maxReplicas'?: (number);
  'metrics': (_berth_objects_v1_MetricSpec__Output)[];
  'behavior': (_berth_objects_v1_HorizontalPodAutoscalerBehavior__Output | null);
  '_minReplicas'?: "minReplicas";
  '_maxReplicas'?: "maxReplicas";
}
