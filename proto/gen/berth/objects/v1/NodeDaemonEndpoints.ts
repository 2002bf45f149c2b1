// Original file: proto/berth/objects/v1/objects.proto

import type { DaemonEndpoint as _berth_objects_v1_DaemonEndpoint, DaemonEndpoint__Output as _berth_objects_v1_DaemonEndpoint__Output } from '../../../berth/objects/v1/DaemonEndpoint.js';

export interface NodeDaemonEndpoints {
  'kubeletEndpoint'?: (_berth_objects_v1_DaemonEndpoint | null);
}

export interface NodeDaemonEndpoints__Output {
  'kubeletEndpoint': (_berth_objects_v1_DaemonEndpoint__Output | null);
}
