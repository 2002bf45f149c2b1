// Original file: proto/berth/objects/v1/objects.proto

import type { ObjectMetricSource as _berth_objects_v1_ObjectMetricSource, ObjectMetricSource__Output as _berth_objects_v1_ObjectMetricSource__Output } from '../../../berth/objects/v1/ObjectMetricSource.js';
import type { PodsMetricSource as _berth_objects_v1_PodsMetricSource, PodsMetricSource__Output as _berth_objects_v1_PodsMetricSource__Output } from '../../../berth/objects/v1/PodsMetricSource.js';
import type { ResourceMetricSource as _berth_objects_v1_ResourceMetricSource, ResourceMetricSource__Output as _berth_objects_v1_ResourceMetricSource__Output } from '../../../berth/objects/v1/ResourceMetricSource.js';
import type { ContainerResourceMetricSource as _berth_objects_v1_ContainerResourceMetricSource, ContainerResourceMetricSource__Output as _berth_objects_v1_ContainerResourceMetricSource__Output } from '../../../berth/objects/v1/ContainerResourceMetricSource.js';
import type { ExternalMetricSource as _berth_objects_v1_ExternalMetricSource, ExternalMetricSource__Output as _berth_objects_v1_ExternalMetricSource__Output } from '../../../berth/objects/v1/ExternalMetricSource.js';

/**
 * One metric; type names the member that is set.
 */
export interface MetricSpec {
  /**
   * Object, Pods, Resource, ContainerResource or External
   */
  'type'?: (string);
  'object'?: (_berth_objects_v1_ObjectMetricSource | null);
  'pods'?: (_berth_objects_v1_PodsMetricSource | null);
  'resource'?: (_berth_objects_v1_ResourceMetricSource | null);
  'containerResource'?: (_berth_objects_v1_ContainerResourceMetricSource | null);
  'external'?: (_berth_objects_v1_ExternalMetricSource | null);
  '_type'?: "type";
}

/**
 * One metric; type names the member that is set.
 */
export interface MetricSpec__Output {
  /**
   * Object, Pods, Resource, ContainerResource or External
   */
  'type'?: (string);
  'object': (_berth_objects_v1_ObjectMetricSource__Output | null);
  'pods': (_berth_objects_v1_PodsMetricSource__Output | null);
  'resource': (_berth_objects_v1_ResourceMetricSource__Output | null);
  'containerResource': (_berth_objects_v1_ContainerResourceMetricSource__Output | null);
  'external': (_berth_objects_v1_ExternalMetricSource__Output | null);
  '_type'?: "type";
}
