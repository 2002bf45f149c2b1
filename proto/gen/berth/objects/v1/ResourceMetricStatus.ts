// Original file: proto/berth/objects/v1/objects.proto

import type { MetricValueStatus as _berth_objects_v1_MetricValueStatus, MetricValueStatus__Output as _berth_objects_v1_MetricValueStatus__Output } from '../../../berth/objects/v1/MetricValueStatus.js';

export interface ResourceMetricStatus {
  'name'?: (string);
  'current'?: (_berth_objects_v1_MetricValueStatus | null);
  '_name'?: "name";
}

export interface ResourceMetricStatus__Output {
  'name'?: (string);
  'current': (_berth_objects_v1_MetricValueStatus__Output | null);
  '_name'?: "name";
}
