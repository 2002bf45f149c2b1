// Original file: proto/berth/objects/v1/objects.proto

import type { MetricIdentifier as _berth_objects_v1_MetricIdentifier, MetricIdentifier__Output as _berth_objects_v1_MetricIdentifier__Output } from '../../../berth/objects/v1/MetricIdentifier.js';
import type { MetricValueStatus as _berth_objects_v1_MetricValueStatus, MetricValueStatus__Output as _berth_objects_v1_MetricValueStatus__Output } from '../../../berth/objects/v1/MetricValueStatus.js';

export interface ExternalMetricStatus {
  'metric'?: (_berth_objects_v1_MetricIdentifier | null);
  'current'?: (_berth_objects_v1_MetricValueStatus | null);
}

export interface ExternalMetricStatus__Output {
  'metric': (_berth_objects_v1_MetricIdentifier__Output | null);
  'current': (_berth_objects_v1_MetricValueStatus__Output | null);
}
