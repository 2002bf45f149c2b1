// Original file: proto/berth/objects/v1/objects.proto

import type { IntOrString as _berth_objects_v1_IntOrString, IntOrString__Output as _berth_objects_v1_IntOrString__Output } from '../../../berth/objects/v1/IntOrString.js';

export interface TCPSocketAction {
  'port'?: (_berth_objects_v1_IntOrString | null);
  'host'?: (string);
  '_host'?: "host";
}

export interface TCPSocketAction__Output {
  'port': (_berth_objects_v1_IntOrString__Output | null);
  'host'?: (string);
  '_host'?: "host";
}
