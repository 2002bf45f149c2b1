// Original file: proto/berth/v1/kv.proto

import type { RangeResponse as _berth_v1_RangeResponse, RangeResponse__Output as _berth_v1_RangeResponse__Output } from '../../berth/v1/RangeResponse.js';
import type { PutResponse as _berth_v1_PutResponse, PutResponse__Output as _berth_v1_PutResponse__Output } from '../../berth/v1/PutResponse.js';
import type { DeleteRangeResponse as _berth_v1_DeleteRangeResponse, DeleteRangeResponse__Output as _berth_v1_DeleteRangeResponse__Output } from '../../berth/v1/DeleteRangeResponse.js';
import type { TxnResponse as _berth_v1_TxnResponse, TxnResponse__Output as _berth_v1_TxnResponse__Output } from '../../berth/v1/TxnResponse.js';
import type { CompactResponse as _berth_v1_CompactResponse, CompactResponse__Output as _berth_v1_CompactResponse__Output } from '../../berth/v1/CompactResponse.js';
import type { CallError as _berth_v1_CallError, CallError__Output as _berth_v1_CallError__Output } from '../../berth/v1/CallError.js';
import type { Long } from '@grpc/proto-loader';

/**
 * The answer to the KvCall with the same id.
 */
export interface KvReply {
  'id'?: (number | string | Long);
  'range'?: (_berth_v1_RangeResponse | null);
  'put'?: (_berth_v1_PutResponse | null);
  'deleteRange'?: (_berth_v1_DeleteRangeResponse | null);
  'txn'?: (_berth_v1_TxnResponse | null);
  'compact'?: (_berth_v1_CompactResponse | null);
  'error'?: (_berth_v1_CallError | null);
  'response'?: "range"|"put"|"deleteRange"|"txn"|"compact"|"error";
}

/**
 * The answer to the KvCall with the same id.
 */
export interface KvReply__Output {
  'id': (number);
  'range'?: (_berth_v1_RangeResponse__Output | null);
  'put'?: (_berth_v1_PutResponse__Output | null);
  'deleteRange'?: (_berth_v1_DeleteRangeResponse__Output | null);
  'txn'?: (_berth_v1_TxnResponse__Output | null);
  'compact'?: (_berth_v1_CompactResponse__Output | null);
  'error'?: (_berth_v1_CallError__Output | null);
  'response'?: "range"|"put"|"deleteRange"|"txn"|"compact"|"error";
}
