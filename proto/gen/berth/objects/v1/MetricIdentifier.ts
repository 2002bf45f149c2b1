// Original file: proto/berth/objects/v1/objects.proto

import type { LabelSelector as _berth_objects_v1_LabelSelector, LabelSelector__Output as _berth_objects_v1_LabelSelector__Output } from '../../../berth/objects/v1/LabelSelector.js';

export interface MetricIdentifier {
  'name'?: (string);
  'selector'?: (_berth_objects_v1_LabelSelector | null);
  '_name'?: "name";
}

export interface MetricIdentifier__Output {
  'name'?: (string);
  'selector': (_berth_objects_v1_LabelSelector__Output | null);
  '_name'?: "name";
}
