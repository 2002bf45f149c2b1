// Original file: proto/berth/v1/kv.proto

import type { ResponseHeader as _berth_v1_ResponseHeader, ResponseHeader__Output as _berth_v1_ResponseHeader__Output } from '../../berth/v1/ResponseHeader.js';
import type { KeyValue as _berth_v1_KeyValue, KeyValue__Output as _berth_v1_KeyValue__Output } from '../../berth/v1/KeyValue.js';

export interface PutResponse {
  'header'?: (_berth_v1_ResponseHeader | null);
  /**
   * The replaced version, when asked for and the key existed.
   */
  'prevKv'?: (_berth_v1_KeyValue | null);
}

export interface PutResponse__Output {
  'header': (_berth_v1_ResponseHeader__Output | null);
  /**
   * The replaced version, when asked for and the key existed.
   */
  'prevKv': (_berth_v1_KeyValue__Output | null);
}
