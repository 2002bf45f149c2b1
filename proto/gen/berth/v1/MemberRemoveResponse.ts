// Original file: proto/berth/v1/api.proto

import type { ResponseHeader as _berth_v1_ResponseHeader, ResponseHeader__Output as _berth_v1_ResponseHeader__Output } from '../../berth/v1/ResponseHeader.js';

export interface MemberRemoveResponse {
  'header'?: (_berth_v1_ResponseHeader | null);
}

export interface MemberRemoveResponse__Output {
  'header': (_berth_v1_ResponseHeader__Output | null);
}
