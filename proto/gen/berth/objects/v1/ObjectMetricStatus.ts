// Original file: proto/berth/objects/v1/objects.proto

import type { MetricIdentifier as _berth_objects_v1_MetricIdentifier, MetricIdentifier__Output as _berth_objects_v1_MetricIdentifier__Output } from '../../../berth/objects/v1/MetricIdentifier.js';
import type { MetricValueStatus as _berth_objects_v1_MetricValueStatus, MetricValueStatus__Output as _berth_objects_v1_MetricValueStatus__Output } from '../../../berth/objects/v1/MetricValueStatus.js';
import type { CrossVersionObjectReference as _berth_objects_v1_CrossVersionObjectReference, CrossVersionObjectReference__Output as _berth_objects_v1_CrossVersionObjectReference__Output } from '../../../berth/objects/v1/CrossVersionObjectReference.js';

export interface ObjectMetricStatus {
  'metric'?: (_berth_objects_v1_MetricIdentifier | null);
  'current'?: (_berth_objects_v1_MetricValueStatus | null);
  'describedObject'?: (_berth_objects_v1_CrossVersionObjectReference | null);
}

export interface ObjectMetricStatus__Output {
  'metric': (_berth_objects_v1_MetricIdentifier__Output | null);
  'current': (_berth_objects_v1_MetricValueStatus__Output | null);
  'describedObject': (_berth_objects_v1_CrossVersionObjectReference__Output | null);
}
