// Original file: proto/berth/objects/v1/objects.proto

import type { HPAScalingPolicy as _berth_objects_v1_HPAScalingPolicy, HPAScalingPolicy__Output as _berth_objects_v1_HPAScalingPolicy__Output } from '../../../berth/objects/v1/HPAScalingPolicy.js';

export interface HPAScalingRules {
  'stabilizationWindowSeconds'?: (number);
  /**
   * Max, Min or Disabled
   */
  'selectPolicy'?: (string);
  'policies'?: (_berth_objects_v1_HPAScalingPolicy)[];
  '_stabilizationWindowSeconds'?: "stabilizationWindowSeconds";
  '_selectPolicy'?: "selectPolicy";
}

export interface HPAScalingRules__Output {
  'stabilizationWindowSeconds'?: (number);
  /**
   * Max, Min or Disabled
   */
  'selectPolicy'?: (string);
  'policies': (_berth_objects_v1_HPAScalingPolicy__Output)[];
  '_stabilizationWindowSeconds'?: "stabilizationWindowSeconds";
  '_selectPolicy'?: "selectPolicy";
}
