// Original file: proto/berth/objects/v1/objects.proto

import type { HPAScalingRules as _berth_objects_v1_HPAScalingRules, HPAScalingRules__Output as _berth_objects_v1_HPAScalingRules__Output } from '../../../berth/objects/v1/HPAScalingRules.js';

export interface HorizontalPodAutoscalerBehavior {
  'scaleUp'?: (_berth_objects_v1_HPAScalingRules | null);
  'scaleDown'?: (_berth_objects_v1_HPAScalingRules | null);
}

export interface HorizontalPodAutoscalerBehavior__Output {
  'scaleUp': (_berth_objects_v1_HPAScalingRules__Output | null);
  'scaleDown': (_berth_objects_v1_HPAScalingRules__Output | null);
}
