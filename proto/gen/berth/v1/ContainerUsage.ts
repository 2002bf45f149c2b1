// Original file: proto/berth/v1/node.proto

import type { ResourceUsage as _berth_v1_ResourceUsage, ResourceUsage__Output as _berth_v1_ResourceUsage__Output } from '../../berth/v1/ResourceUsage.js';

export interface ContainerUsage {
  'name'?: (string);
  'usage'?: (_berth_v1_ResourceUsage | null);
}

export interface ContainerUsage__Output {
  'name': (string);
  'usage': (_berth_v1_ResourceUsage__Output | null);
}
