// Original file: proto/berth/v1/node.proto

import type { ExecRequest as _berth_v1_ExecRequest, ExecRequest__Output as _berth_v1_ExecRequest__Output } from '../../berth/v1/ExecRequest.js';

export interface AgentExecRequest {
  'requestId'?: (string);
  'uid'?: (string);
  'request'?: (_berth_v1_ExecRequest | null);
}

export interface AgentExecRequest__Output {
  'requestId': (string);
  'uid': (string);
  'request': (_berth_v1_ExecRequest__Output | null);
}
