// Original file: proto/berth/v1/kv.proto

import type { ResponseHeader as _berth_v1_ResponseHeader, ResponseHeader__Output as _berth_v1_ResponseHeader__Output } from '../../berth/v1/ResponseHeader.js';
import type { KeyValue as _berth_v1_KeyValue, KeyValue__Output as _berth_v1_KeyValue__Output } from '../../berth/v1/KeyValue.js';
import type { Long } from '@grpc/proto-loader';

export interface DeleteRangeResponse {
  'header'?: (_berth_v1_ResponseHeader | null);
  'deleted'?: (number | string | Long);
  'prevKvs'?: (_berth_v1_KeyValue)[];
}

export interface DeleteRangeResponse__Output {
  'header': (_berth_v1_ResponseHeader__Output | null);
  'deleted': (number);
  'prevKvs': (_berth_v1_KeyValue__Output)[];
}
