// Original file: proto/berth/objects/v1/objects.proto

import type { MetricIdentifier as _berth_objects_v1_MetricIdentifier, MetricIdentifier__Output as _berth_objects_v1_MetricIdentifier__Output } from '../../../berth/objects/v1/MetricIdentifier.js';
import type { MetricTarget as _berth_objects_v1_MetricTarget, MetricTarget__Output as _berth_objects_v1_MetricTarget__Output } from '../../../berth/objects/v1/MetricTarget.js';

export interface ExternalMetricSource {
  'metric'?: (_berth_objects_v1_MetricIdentifier | null);
  'target'?: (_berth_objects_v1_MetricTarget | null);
}

export interface ExternalMetricSource__Output {
  'metric': (_berth_objects_v1_MetricIdentifier__Output | null);
  'target': (_berth_objects_v1_MetricTarget__Output | null);
}
