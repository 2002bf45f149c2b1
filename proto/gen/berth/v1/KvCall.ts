// Original file: proto/berth/v1/kv.proto

import type { RangeRequest as _berth_v1_RangeRequest, RangeRequest__Output as _berth_v1_RangeRequest__Output } from '../../berth/v1/RangeRequest.js';
import type { PutRequest as _berth_v1_PutRequest, PutRequest__Output as _berth_v1_PutRequest__Output } from '../../berth/v1/PutRequest.js';
import type { DeleteRangeRequest as _berth_v1_DeleteRangeRequest, DeleteRangeRequest__Output as _berth_v1_DeleteRangeRequest__Output } from '../../berth/v1/DeleteRangeRequest.js';
import type { TxnRequest as _berth_v1_TxnRequest, TxnRequest__Output as _berth_v1_TxnRequest__Output } from '../../berth/v1/TxnRequest.js';
import type { CompactRequest as _berth_v1_CompactRequest, CompactRequest__Output as _berth_v1_CompactRequest__Output } from '../../berth/v1/CompactRequest.js';
import type { Long } from '@grpc/proto-loader';

/**
 * One request on the KV.Call stream.
 */
export interface KvCall {
  /**
   * Chosen by the client, unique among its requests in flight on this stream.
   */
  'id'?: (number | string | Long);
  'range'?: (_berth_v1_RangeRequest | null);
  'put'?: (_berth_v1_PutRequest | null);
  'deleteRange'?: (_berth_v1_DeleteRangeRequest | null);
  'txn'?: (_berth_v1_TxnRequest | null);
  'compact'?: (_berth_v1_CompactRequest | null);
  'request'?: "range"|"put"|"deleteRange"|"txn"|"compact";
}

/**
 * One request on the KV.Call stream.
 */
export interface KvCall__Output {
  /**
   * Chosen by the client, unique among its requests in flight on this stream.
   */
  'id': (number);
  'range'?: (_berth_v1_RangeRequest__Output | null);
  'put'?: (_berth_v1_PutRequest__Output | null);
  'deleteRange'?: (_berth_v1_DeleteRangeRequest__Output | null);
  'txn'?: (_berth_v1_TxnRequest__Output | null);
  'compact'?: (_berth_v1_CompactRequest__Output | null);
  'request'?: "range"|"put"|"deleteRange"|"txn"|"compact";
}
