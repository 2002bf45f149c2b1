// Original file: proto/berth/v1/node.proto

import type { LogsRequest as _berth_v1_LogsRequest, LogsRequest__Output as _berth_v1_LogsRequest__Output } from '../../berth/v1/LogsRequest.js';

export interface AgentLogsRequest {
  'requestId'?: (string);
  'uid'?: (string);
  'request'?: (_berth_v1_LogsRequest | null);
}

export interface AgentLogsRequest__Output {
  'requestId': (string);
  'uid': (string);
  'request': (_berth_v1_LogsRequest__Output | null);
}
