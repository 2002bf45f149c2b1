// Original file: proto/berth/objects/v1/objects.proto


export interface HorizontalPodAutoscalerCondition {
  /**
   * AbleToScale, ScalingActive or ScalingLimited
   */
  'type'?: (string);
  'status'?: (string);
  'lastTransitionTime'?: (string);
  'reason'?: (string);
  'message'?: (string);
  '_type'?: "type";
  '_status'?: "status";
  '_lastTransitionTime'?: "lastTransitionTime";
  '_reason'?: "reason";
  '_message'?: "message";
}

export interface HorizontalPodAutoscalerCondition__Output {
  /**
   * AbleToScale, ScalingActive or ScalingLimited
   */
  'type'?: (string);
  'status'?: (string);
  'lastTransitionTime'?: (string);
  'reason'?: (string);
  'message'?: (string);
  '_type'?: "type";
  '_status'?: "status";
  '_lastTransitionTime'?: "lastTransitionTime";
  '_reason'?: "reason";
  '_message'?: "message";
}
