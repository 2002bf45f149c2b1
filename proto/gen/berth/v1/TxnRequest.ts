// Original file: proto/berth/v1/kv.proto

import type { Compare as _berth_v1_Compare, Compare__Output as _berth_v1_Compare__Output } from '../../berth/v1/Compare.js';
import type { RequestOp as _berth_v1_RequestOp, RequestOp__Output as _berth_v1_RequestOp__Output } from '../../berth/v1/RequestOp.js';

export interface TxnRequest {
  'compares'?: (_berth_v1_Compare)[];
  'success'?: (_berth_v1_RequestOp)[];
  'failure'?: (_berth_v1_RequestOp)[];
}

export interface TxnRequest__Output {
  'compares': (_berth_v1_Compare__Output)[];
  'success': (_berth_v1_RequestOp__Output)[];
  'failure': (_berth_v1_RequestOp__Output)[];
}
