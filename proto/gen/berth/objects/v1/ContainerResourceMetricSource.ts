// Original file: proto/berth/objects/v1/objects.proto

import type { MetricTarget as _berth_objects_v1_MetricTarget, MetricTarget__Output as _berth_objects_v1_MetricTarget__Output } from '../../../berth/objects/v1/MetricTarget.js';

export interface ContainerResourceMetricSource {
  'name'?: (string);
  'target'?: (_berth_objects_v1_MetricTarget | null);
  'container'?: (string);
  '_name'?: "name";
  '_container'?: "container";
}

export interface ContainerResourceMetricSource__Output {
  'name'?: (string);
  'target': (_berth_objects_v1_MetricTarget__Output | null);
  'container'?: (string);
  '_name'?: "name";
  '_container'?: "container";
}
