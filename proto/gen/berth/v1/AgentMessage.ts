// Original file: proto/berth/v1/node.proto

import type { Register as _berth_v1_Register, Register__Output as _berth_v1_Register__Output } from '../../berth/v1/Register.js';
import type { Heartbeat as _berth_v1_Heartbeat, Heartbeat__Output as _berth_v1_Heartbeat__Output } from '../../berth/v1/Heartbeat.js';
import type { PodStatusReport as _berth_v1_PodStatusReport, PodStatusReport__Output as _berth_v1_PodStatusReport__Output } from '../../berth/v1/PodStatusReport.js';
import type { PodTerminated as _berth_v1_PodTerminated, PodTerminated__Output as _berth_v1_PodTerminated__Output } from '../../berth/v1/PodTerminated.js';
import type { StreamData as _berth_v1_StreamData, StreamData__Output as _berth_v1_StreamData__Output } from '../../berth/v1/StreamData.js';

export interface AgentMessage {
  'register'?: (_berth_v1_Register | null);
  'heartbeat'?: (_berth_v1_Heartbeat | null);
  'podStatus'?: (_berth_v1_PodStatusReport | null);
  'podTerminated'?: (_berth_v1_PodTerminated | null);
  'streamData'?: (_berth_v1_StreamData | null);
  'msg'?: "register"|"heartbeat"|"podStatus"|"podTerminated"|"streamData";
}

export interface AgentMessage__Output {
  'register'?: (_berth_v1_Register__Output | null);
  'heartbeat'?: (_berth_v1_Heartbeat__Output | null);
  'podStatus'?: (_berth_v1_PodStatusReport__Output | null);
  'podTerminated'?: (_berth_v1_PodTerminated__Output | null);
  'streamData'?: (_berth_v1_StreamData__Output | null);
  'msg'?: "register"|"heartbeat"|"podStatus"|"podTerminated"|"streamData";
}
