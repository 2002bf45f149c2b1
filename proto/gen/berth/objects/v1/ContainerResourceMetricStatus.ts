// Original file: proto/berth/objects/v1/objects.proto

import type { MetricValueStatus as _berth_objects_v1_MetricValueStatus, MetricValueStatus__Output as _berth_objects_v1_MetricValueStatus__Output } from '../../../berth/objects/v1/MetricValueStatus.js';

export interface ContainerResourceMetricStatus {
  'name'?: (string);
  'current'?: (_berth_objects_v1_MetricValueStatus | null);
  'container'?: (string);
  '_name'?: "name";
  '_container'?: "container";
}

export interface ContainerResourceMetricStatus__Output {
  'name'?: (string);
  'current': (_berth_objects_v1_MetricValueStatus__Output | null);
  'container'?: (string);
  '_name'?: "name";
  '_container'?: "container";
}
