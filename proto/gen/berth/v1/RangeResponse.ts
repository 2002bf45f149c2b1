// Original file: proto/berth/v1/kv.proto

import type { ResponseHeader as _berth_v1_ResponseHeader, ResponseHeader__Output as _berth_v1_ResponseHeader__Output } from '../../berth/v1/ResponseHeader.js';
import type { KeyValue as _berth_v1_KeyValue, KeyValue__Output as _berth_v1_KeyValue__Output } from '../../berth/v1/KeyValue.js';
import type { Long } from '@grpc/proto-loader';

export interface RangeResponse {
  'header'?: (_berth_v1_ResponseHeader | null);
  'kvs'?: (_berth_v1_KeyValue)[];
  /**
   * Whether keys after the last one returned match too.
   */
  'more'?: (boolean);
  /**
   * Keys that match from the start (or continue_after) on, including those not returned.
   */
  'count'?: (number | string | Long);
}

export interface RangeResponse__Output {
  'header': (_berth_v1_ResponseHeader__Output | null);
  'kvs': (_berth_v1_KeyValue__Output)[];
  /**
   * Whether keys after the last one returned match too.
   */
  'more': (boolean);
  /**
   * Keys that match from the start (or continue_after) on, including those not returned.
   */
  'count': (number);
}
