// Original file: proto/berth/objects/v1/objects.proto


export interface MetricTarget {
  /**
   * Utilization, Value or AverageValue
   */
  'type'?: (string);
  /**
   * A quantity.
   */
  'value'?: (string);
  /**
   * A quantity.
   */
  'averageValue'?: (string);
  /**
   * Percent of the pods' requests.
   */
  'averageUtilization'?: (number);
  '_type'?: "type";
  '_value'?: "value";
  '_averageValue'?: "averageValue";
  '_averageUtilization'?: "averageUtilization";
}

export interface MetricTarget__Output {
  /**
   * Utilization, Value or AverageValue
   */
  'type'?: (string);
  /**
   * A quantity.
   */
  'value'?: (string);
  /**
   * A quantity.
   */
  'averageValue'?: (string);
  /**
   * Percent of the pods' requests.
   */
  'averageUtilization'?: (number);
  '_type'?: "type";
  '_value'?: "value";
  '_averageValue'?: "averageValue";
  '_averageUtilization'?: "averageUtilization";
}
