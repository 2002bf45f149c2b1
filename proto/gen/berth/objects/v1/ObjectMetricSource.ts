// Original file: proto/berth/objects/v1/objects.proto

import type { CrossVersionObjectReference as _berth_objects_v1_CrossVersionObjectReference, CrossVersionObjectReference__Output as _berth_objects_v1_CrossVersionObjectReference__Output } from '../../../berth/objects/v1/CrossVersionObjectReference.js';
import type { MetricTarget as _berth_objects_v1_MetricTarget, MetricTarget__Output as _berth_objects_v1_MetricTarget__Output } from '../../../berth/objects/v1/MetricTarget.js';
import type { MetricIdentifier as _berth_objects_v1_MetricIdentifier, MetricIdentifier__Output as _berth_objects_v1_MetricIdentifier__Output } from '../../../berth/objects/v1/MetricIdentifier.js';

export interface ObjectMetricSource {
  'describedObject'?: (_berth_objects_v1_CrossVersionObjectReference | null);
  'target'?: (_berth_objects_v1_MetricTarget | null);
  'metric'?: (_berth_objects_v1_MetricIdentifier | null);
}

export interface ObjectMetricSource__Output {
  'describedObject': (_berth_objects_v1_CrossVersionObjectReference__Output | null);
  'target': (_berth_objects_v1_MetricTarget__Output | null);
  'metric': (_berth_objects_v1_MetricIdentifier__Output | null);
}
