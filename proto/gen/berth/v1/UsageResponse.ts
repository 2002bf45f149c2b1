// Original file: proto/berth/v1/node.proto

import type { NodeUsage as _berth_v1_NodeUsage, NodeUsage__Output as _berth_v1_NodeUsage__Output } from '../../berth/v1/NodeUsage.js';
import type { PodUsage as _berth_v1_PodUsage, PodUsage__Output as _berth_v1_PodUsage__Output } from '../../berth/v1/PodUsage.js';

export interface UsageResponse {
  'nodes'?: (_berth_v1_NodeUsage)[];
  'pods'?: (_berth_v1_PodUsage)[];
}

export interface UsageResponse__Output {
  'nodes': (_berth_v1_NodeUsage__Output)[];
  'pods': (_berth_v1_PodUsage__Output)[];
}
