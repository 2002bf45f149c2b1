// Original file: proto/berth/objects/v1/objects.proto


export interface MetricValueStatus {
  /**
   * A quantity.
   */
  'value'?: (string);
  /**
   * A quantity.
   */
  'averageValue'?: (string);
  'averageUtilization'?: (number);
  '_value'?: "value";
  '_averageValue'?: "averageValue";
  '_averageUtilization'?: "averageUtilization";
}

export interface MetricValueStatus__Output {
  /**
   * A quantity.
   */
  'value'?: (string);
  /**
   * A quantity.
   */
  'averageValue'?: (string);
  'averageUtilization'?: (number);
  '_value'?: "value";
  '_averageValue'?: "averageValue";
  '_averageUtilization'?: "averageUtilization";
}
