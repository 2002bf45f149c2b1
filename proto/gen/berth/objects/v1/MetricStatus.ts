// Original file: proto/berth/objects/v1/objects.proto

import type { ObjectMetricStatus as _berth_objects_v1_ObjectMetricStatus, ObjectMetricStatus__Output as _berth_objects_v1_ObjectMetricStatus__Output } from '../../../berth/objects/v1/ObjectMetricStatus.js';
import type { PodsMetricStatus as _berth_objects_v1_PodsMetricStatus, PodsMetricStatus__Output as _berth_objects_v1_PodsMetricStatus__Output } from '../../../berth/objects/v1/PodsMetricStatus.js';
import type { ResourceMetricStatus as _berth_objects_v1_ResourceMetricStatus, ResourceMetricStatus__Output as _berth_objects_v1_ResourceMetricStatus__Output } from '../../../berth/objects/v1/ResourceMetricStatus.js';
import type { ContainerResourceMetricStatus as _berth_objects_v1_ContainerResourceMetricStatus, ContainerResourceMetricStatus__Output as _berth_objects_v1_ContainerResourceMetricStatus__Output } from '../../../berth/objects/v1/ContainerResourceMetricStatus.js';
import type { ExternalMetricStatus as _berth_objects_v1_ExternalMetricStatus, ExternalMetricStatus__Output as _berth_objects_v1_ExternalMetricStatus__Output } from '../../../berth/objects/v1/ExternalMetricStatus.js';

export interface MetricStatus {
  'type'?: (string);
  'object'?: (_berth_objects_v1_ObjectMetricStatus | null);
  'pods'?: (_berth_objects_v1_PodsMetricStatus | null);
  'resource'?: (_berth_objects_v1_ResourceMetricStatus | null);
  'containerResource'?: (_berth_objects_v1_ContainerResourceMetricStatus | null);
  'external'?: (_berth_objects_v1_ExternalMetricStatus | null);
  '_type'?: "type";
}

export interface MetricStatus__Output {
  'type'?: (string);
  'object': (_berth_objects_v1_ObjectMetricStatus__Output | null);
  'pods': (_berth_objects_v1_PodsMetricStatus__Output | null);
  'resource': (_berth_objects_v1_ResourceMetricStatus__Output | null);
  'containerResource': (_berth_objects_v1_ContainerResourceMetricStatus__Output | null);
  'external': (_berth_objects_v1_ExternalMetricStatus__Output | null);
  '_type'?: "type";
}
