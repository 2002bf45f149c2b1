// Original file: proto/berth/objects/v1/objects.proto


export interface HPAScalingPolicy {
  /**
   * Pods or Percent
   */
  'type'?: (string);
  'value'?: (number);
  'periodSeconds'?: (number);
  '_type'?: "type";
  '_value'?: "value";
  '_periodSeconds'?: "periodSeconds";
}

export interface HPAScalingPolicy__Output {
  /**
   * Pods or Percent
   */
  'type'?: (string);
  'value'?: (number);
  'periodSeconds'?: (number);
  '_type'?: "type";
  '_value'?: "value";
  '_periodSeconds'?: "periodSeconds";
}
