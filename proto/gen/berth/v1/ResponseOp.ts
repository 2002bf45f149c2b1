// Original file: proto/berth/v1/kv.proto

import type { RangeResponse as _berth_v1_RangeResponse, RangeResponse__Output as _berth_v1_RangeResponse__Output } from '../../berth/v1/RangeResponse.js';
import type { PutResponse as _berth_v1_PutResponse, PutResponse__Output as _berth_v1_PutResponse__Output } from '../../berth/v1/PutResponse.js';
import type { DeleteRangeResponse as _berth_v1_DeleteRangeResponse, DeleteRangeResponse__Output as _berth_v1_DeleteRangeResponse__Output } from '../../berth/v1/DeleteRangeResponse.js';

export interface ResponseOp {
  'range'?: (_berth_v1_RangeResponse | null);
  'put'?: (_berth_v1_PutResponse | null);
  'deleteRange'?: (_berth_v1_DeleteRangeResponse | null);
  'op'?: "range"|"put"|"deleteRange";
}

export interface ResponseOp__Output {
  'range'?: (_berth_v1_RangeResponse__Output | null);
  'put'?: (_berth_v1_PutResponse__Output | null);
  'deleteRange'?: (_berth_v1_DeleteRangeResponse__Output | null);
  'op'?: "range"|"put"|"deleteRange";
}
