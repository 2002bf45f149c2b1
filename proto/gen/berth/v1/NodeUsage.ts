// Original file: proto/berth/v1/node.proto

import type { ResourceUsage as _berth_v1_ResourceUsage, ResourceUsage__Output as _berth_v1_ResourceUsage__Output } from '../../berth/v1/ResourceUsage.js';

export interface NodeUsage {
  'name'?: (string);
  'usage'?: (_berth_v1_ResourceUsage | null);
  /**
   * RFC 3339; when the leader last heard from the node.
   */
  'lastHeartbeatTime'?: (string);
}

export interface NodeUsage__Output {
  'name': (string);
  'usage': (_berth_v1_ResourceUsage__Output | null);
  /**
   * RFC 3339; when the leader last heard from the node.
   */
  'lastHeartbeatTime': (string);
}
