// Original file: proto/berth/v1/kv.proto

import type { ResponseHeader as _berth_v1_ResponseHeader, ResponseHeader__Output as _berth_v1_ResponseHeader__Output } from '../../berth/v1/ResponseHeader.js';
import type { ResponseOp as _berth_v1_ResponseOp, ResponseOp__Output as _berth_v1_ResponseOp__Output } from '../../berth/v1/ResponseOp.js';

export interface TxnResponse {
  'header'?: (_berth_v1_ResponseHeader | null);
  /**
   * Whether every compare held, so that `success` ran.
   */
  'succeeded'?: (boolean);
  /**
   * One per op of the branch that ran; their headers are empty (the txn's is above).
   */
  'responses'?: (_berth_v1_ResponseOp)[];
}

export interface TxnResponse__Output {
  'header': (_berth_v1_ResponseHeader__Output | null);
  /**
   * Whether every compare held, so that `success` ran.
   */
  'succeeded': (boolean);
  /**
   * One per op of the branch that ran; their headers are empty (the txn's is above).
   */
  'responses': (_berth_v1_ResponseOp__Output)[];
}
