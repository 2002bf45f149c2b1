// Original file: proto/berth/v1/api.proto

import type { ResponseHeader as _berth_v1_ResponseHeader, ResponseHeader__Output as _berth_v1_ResponseHeader__Output } from '../../berth/v1/ResponseHeader.js';
import type { Member as _berth_v1_Member, Member__Output as _berth_v1_Member__Output } from '../../berth/v1/Member.js';

export interface MemberListResponse {
  'header'?: (_berth_v1_ResponseHeader | null);
  'members'?: (_berth_v1_Member)[];
}

export interface MemberListResponse__Output {
  'header': (_berth_v1_ResponseHeader__Output | null);
  'members': (_berth_v1_Member__Output)[];
}
