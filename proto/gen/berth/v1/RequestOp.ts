// Original file: proto/berth/v1/kv.proto

import type { RangeRequest as _berth_v1_RangeRequest, RangeRequest__Output as _berth_v1_RangeRequest__Output } from '../../berth/v1/RangeRequest.js';
import type { PutRequest as _berth_v1_PutRequest, PutRequest__Output as _berth_v1_PutRequest__Output } from '../../berth/v1/PutRequest.js';
import type { DeleteRangeRequest as _berth_v1_DeleteRangeRequest, DeleteRangeRequest__Output as _berth_v1_DeleteRangeRequest__Output } from '../../berth/v1/DeleteRangeRequest.js';

/**
 * One operation of a txn branch. A range inside a txn sees the txn's earlier writes; it reads
 * the current state only (no revision, continue_after or serializable).
 */
export interface RequestOp {
  'range'?: (_berth_v1_RangeRequest | null);
  'put'?: (_berth_v1_PutRequest | null);
  'deleteRange'?: (_berth_v1_DeleteRangeRequest | null);
  'op'?: "range"|"put"|"deleteRange";
}

/**
 * One operation of a txn branch. A range inside a txn sees the txn's earlier writes; it reads
 * the current state only (no revision, continue_after or serializable).
 */
export interface RequestOp__Output {
  'range'?: (_berth_v1_RangeRequest__Output | null);
  'put'?: (_berth_v1_PutRequest__Output | null);
  'deleteRange'?: (_berth_v1_DeleteRangeRequest__Output | null);
  'op'?: "range"|"put"|"deleteRange";
}
