// Original file: proto/berth/v1/node.proto

import type { ResourceUsage as _berth_v1_ResourceUsage, ResourceUsage__Output as _berth_v1_ResourceUsage__Output } from '../../berth/v1/ResourceUsage.js';
import type { ContainerUsage as _berth_v1_ContainerUsage, ContainerUsage__Output as _berth_v1_ContainerUsage__Output } from '../../berth/v1/ContainerUsage.js';

export interface PodUsage {
  'namespace'?: (string);
  'name'?: (string);
  'uid'?: (string);
  'usage'?: (_berth_v1_ResourceUsage | null);
  'containers'?: (_berth_v1_ContainerUsage)[];
  /**
   * Where the pod runs; filled in by the leader in UsageResponse.
   */
  'node'?: (string);
}

export interface PodUsage__Output {
  'namespace': (string);
  'name': (string);
  'uid': (string);
  'usage': (_berth_v1_ResourceUsage__Output | null);
  'containers': (_berth_v1_ContainerUsage__Output)[];
  /**
   * Where the pod runs; filled in by the leader in UsageResponse.
   */
  'node': (string);
}
