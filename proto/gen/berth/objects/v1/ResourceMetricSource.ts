// Original file: proto/berth/objects/v1/objects.proto

import type { MetricTarget as _berth_objects_v1_MetricTarget, MetricTarget__Output as _berth_objects_v1_MetricTarget__Output } from '../../../berth/objects/v1/MetricTarget.js';

export interface ResourceMetricSource {
  /**
   * cpu or memory
   */
  'name'?: (string);
  'target'?: (_berth_objects_v1_MetricTarget | null);
  '_name'?: "name";
}

export interface ResourceMetricSource__Output {
  /**
   * cpu or memory
   */
  'name'?: (string);
  'target': (_berth_objects_v1_MetricTarget__Output | null);
  '_name'?: "name";
}
