// Original file: proto/berth/v1/node.proto

import type { Registered as _berth_v1_Registered, Registered__Output as _berth_v1_Registered__Output } from '../../berth/v1/Registered.js';
import type { PodSet as _berth_v1_PodSet, PodSet__Output as _berth_v1_PodSet__Output } from '../../berth/v1/PodSet.js';
import type { PodChange as _berth_v1_PodChange, PodChange__Output as _berth_v1_PodChange__Output } from '../../berth/v1/PodChange.js';
import type { AgentLogsRequest as _berth_v1_AgentLogsRequest, AgentLogsRequest__Output as _berth_v1_AgentLogsRequest__Output } from '../../berth/v1/AgentLogsRequest.js';
import type { AgentExecRequest as _berth_v1_AgentExecRequest, AgentExecRequest__Output as _berth_v1_AgentExecRequest__Output } from '../../berth/v1/AgentExecRequest.js';
import type { StreamCancel as _berth_v1_StreamCancel, StreamCancel__Output as _berth_v1_StreamCancel__Output } from '../../berth/v1/StreamCancel.js';

export interface ServerMessage {
  'registered'?: (_berth_v1_Registered | null);
  'podSet'?: (_berth_v1_PodSet | null);
  'podChange'?: (_berth_v1_PodChange | null);
  'logs'?: (_berth_v1_AgentLogsRequest | null);
  'exec'?: (_berth_v1_AgentExecRequest | null);
  'cancel'?: (_berth_v1_StreamCancel | null);
  'msg'?: "registered"|"podSet"|"podChange"|"logs"|"exec"|"cancel";
}

export interface ServerMessage__Output {
  'registered'?: (_berth_v1_Registered__Output | null);
  'podSet'?: (_berth_v1_PodSet__Output | null);
  'podChange'?: (_berth_v1_PodChange__Output | null);
  'logs'?: (_berth_v1_AgentLogsRequest__Output | null);
  'exec'?: (_berth_v1_AgentExecRequest__Output | null);
  'cancel'?: (_berth_v1_StreamCancel__Output | null);
  'msg'?: "registered"|"podSet"|"podChange"|"logs"|"exec"|"cancel";
}
