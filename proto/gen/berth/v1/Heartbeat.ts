// Original file: proto/berth/v1/node.proto

import type { ResourceUsage as _berth_v1_ResourceUsage, ResourceUsage__Output as _berth_v1_ResourceUsage__Output } from '../../berth/v1/ResourceUsage.js';
import type { PodUsage as _berth_v1_PodUsage, PodUsage__Output as _berth_v1_PodUsage__Output } from '../../berth/v1/PodUsage.js';
import type { Long } from '@grpc/proto-loader';

export interface Heartbeat {
  'seq'?: (number | string | Long);
  'node'?: (_berth_v1_ResourceUsage | null);
  'pods'?: (_berth_v1_PodUsage)[];
}

export interface Heartbeat__Output {
  'seq': (number);
  'node': (_berth_v1_ResourceUsage__Output | null);
  'pods': (_berth_v1_PodUsage__Output)[];
}
