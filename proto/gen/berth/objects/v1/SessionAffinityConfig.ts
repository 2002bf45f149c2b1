// Original file: proto/berth/objects/v1/objects.proto

import type { ClientIPConfig as _berth_objects_v1_ClientIPConfig, ClientIPConfig__Output as _berth_objects_v1_ClientIPConfig__Output } from '../../../berth/objects/v1/ClientIPConfig.js';

export interface SessionAffinityConfig {
  'clientIp'?: (_berth_objects_v1_ClientIPConfig | null);
}

export interface SessionAffinityConfig__Output {
  'clientIp': (_berth_objects_v1_ClientIPConfig__Output | null);
}
