import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { CallError as _berth_v1_CallError, CallError__Output as _berth_v1_CallError__Output } from './berth/v1/CallError.js';
import type { ClusterServiceClient as _berth_v1_ClusterServiceClient, ClusterServiceDefinition as _berth_v1_ClusterServiceDefinition } from './berth/v1/ClusterService.js';
import type { CompactRequest as _berth_v1_CompactRequest, CompactRequest__Output as _berth_v1_CompactRequest__Output } from './berth/v1/CompactRequest.js';
import type { CompactResponse as _berth_v1_CompactResponse, CompactResponse__Output as _berth_v1_CompactResponse__Output } from './berth/v1/CompactResponse.js';
import type { Compare as _berth_v1_Compare, Compare__Output as _berth_v1_Compare__Output } from './berth/v1/Compare.js';
import type { DeleteRangeRequest as _berth_v1_DeleteRangeRequest, DeleteRangeRequest__Output as _berth_v1_DeleteRangeRequest__Output } from './berth/v1/DeleteRangeRequest.js';
import type { DeleteRangeResponse as _berth_v1_DeleteRangeResponse, DeleteRangeResponse__Output as _berth_v1_DeleteRangeResponse__Output } from './berth/v1/DeleteRangeResponse.js';
import type { Event as _berth_v1_Event, Event__Output as _berth_v1_Event__Output } from './berth/v1/Event.js';
import type { KVClient as _berth_v1_KVClient, KVDefinition as _berth_v1_KVDefinition } from './berth/v1/KV.js';
import type { KeyValue as _berth_v1_KeyValue, KeyValue__Output as _berth_v1_KeyValue__Output } from './berth/v1/KeyValue.js';
import type { KvCall as _berth_v1_KvCall, KvCall__Output as _berth_v1_KvCall__Output } from './berth/v1/KvCall.js';
import type { KvReply as _berth_v1_KvReply, KvReply__Output as _berth_v1_KvReply__Output } from './berth/v1/KvReply.js';
import type { Member as _berth_v1_Member, Member__Output as _berth_v1_Member__Output } from './berth/v1/Member.js';
import type { MemberAddRequest as _berth_v1_MemberAddRequest, MemberAddRequest__Output as _berth_v1_MemberAddRequest__Output } from './berth/v1/MemberAddRequest.js';
import type { MemberAddResponse as _berth_v1_MemberAddResponse, MemberAddResponse__Output as _berth_v1_MemberAddResponse__Output } from './berth/v1/MemberAddResponse.js';
import type { MemberListRequest as _berth_v1_MemberListRequest, MemberListRequest__Output as _berth_v1_MemberListRequest__Output } from './berth/v1/MemberListRequest.js';
import type { MemberListResponse as _berth_v1_MemberListResponse, MemberListResponse__Output as _berth_v1_MemberListResponse__Output } from './berth/v1/MemberListResponse.js';
import type { MemberProgress as _berth_v1_MemberProgress, MemberProgress__Output as _berth_v1_MemberProgress__Output } from './berth/v1/MemberProgress.js';
import type { MemberRemoveRequest as _berth_v1_MemberRemoveRequest, MemberRemoveRequest__Output as _berth_v1_MemberRemoveRequest__Output } from './berth/v1/MemberRemoveRequest.js';
import type { MemberRemoveResponse as _berth_v1_MemberRemoveResponse, MemberRemoveResponse__Output as _berth_v1_MemberRemoveResponse__Output } from './berth/v1/MemberRemoveResponse.js';
import type { PutRequest as _berth_v1_PutRequest, PutRequest__Output as _berth_v1_PutRequest__Output } from './berth/v1/PutRequest.js';
import type { PutResponse as _berth_v1_PutResponse, PutResponse__Output as _berth_v1_PutResponse__Output } from './berth/v1/PutResponse.js';
import type { RangeRequest as _berth_v1_RangeRequest, RangeRequest__Output as _berth_v1_RangeRequest__Output } from './berth/v1/RangeRequest.js';
import type { RangeResponse as _berth_v1_RangeResponse, RangeResponse__Output as _berth_v1_RangeResponse__Output } from './berth/v1/RangeResponse.js';
import type { RequestOp as _berth_v1_RequestOp, RequestOp__Output as _berth_v1_RequestOp__Output } from './berth/v1/RequestOp.js';
import type { ResponseHeader as _berth_v1_ResponseHeader, ResponseHeader__Output as _berth_v1_ResponseHeader__Output } from './berth/v1/ResponseHeader.js';
import type { ResponseOp as _berth_v1_ResponseOp, ResponseOp__Output as _berth_v1_ResponseOp__Output } from './berth/v1/ResponseOp.js';
import type { StatusRequest as _berth_v1_StatusRequest, StatusRequest__Output as _berth_v1_StatusRequest__Output } from './berth/v1/StatusRequest.js';
import type { StatusResponse as _berth_v1_StatusResponse, StatusResponse__Output as _berth_v1_StatusResponse__Output } from './berth/v1/StatusResponse.js';
import type { TransferLeaderRequest as _berth_v1_TransferLeaderRequest, TransferLeaderRequest__Output as _berth_v1_TransferLeaderRequest__Output } from './berth/v1/TransferLeaderRequest.js';
import type { TransferLeaderResponse as _berth_v1_TransferLeaderResponse, TransferLeaderResponse__Output as _berth_v1_TransferLeaderResponse__Output } from './berth/v1/TransferLeaderResponse.js';
import type { TxnRequest as _berth_v1_TxnRequest, TxnRequest__Output as _berth_v1_TxnRequest__Output } from './berth/v1/TxnRequest.js';
import type { TxnResponse as _berth_v1_TxnResponse, TxnResponse__Output as _berth_v1_TxnResponse__Output } from './berth/v1/TxnResponse.js';
import type { WatchRequest as _berth_v1_WatchRequest, WatchRequest__Output as _berth_v1_WatchRequest__Output } from './berth/v1/WatchRequest.js';
import type { WatchResponse as _berth_v1_WatchResponse, WatchResponse__Output as _berth_v1_WatchResponse__Output } from './berth/v1/WatchResponse.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  berth: {
    v1: {
      CallError: MessageTypeDefinition<_berth_v1_CallError, _berth_v1_CallError__Output>
      /**
       * What a replica says about the Raft group. Membership changes go to the leader: a follower
       * answers FAILED_PRECONDITION with trailing metadata berth-code NOT_LEADER and, in berth-details,
       * the leader's id and address when known.
       */
      ClusterService: SubtypeConstructor<typeof grpc.Client, _berth_v1_ClusterServiceClient> & { service: _berth_v1_ClusterServiceDefinition }
      CompactRequest: MessageTypeDefinition<_berth_v1_CompactRequest, _berth_v1_CompactRequest__Output>
      CompactResponse: MessageTypeDefinition<_berth_v1_CompactResponse, _berth_v1_CompactResponse__Output>
      Compare: MessageTypeDefinition<_berth_v1_Compare, _berth_v1_Compare__Output>
      DeleteRangeRequest: MessageTypeDefinition<_berth_v1_DeleteRangeRequest, _berth_v1_DeleteRangeRequest__Output>
      DeleteRangeResponse: MessageTypeDefinition<_berth_v1_DeleteRangeResponse, _berth_v1_DeleteRangeResponse__Output>
      Event: MessageTypeDefinition<_berth_v1_Event, _berth_v1_Event__Output>
      KV: SubtypeConstructor<typeof grpc.Client, _berth_v1_KVClient> & { service: _berth_v1_KVDefinition }
      KeyValue: MessageTypeDefinition<_berth_v1_KeyValue, _berth_v1_KeyValue__Output>
      KvCall: MessageTypeDefinition<_berth_v1_KvCall, _berth_v1_KvCall__Output>
      KvReply: MessageTypeDefinition<_berth_v1_KvReply, _berth_v1_KvReply__Output>
      Member: MessageTypeDefinition<_berth_v1_Member, _berth_v1_Member__Output>
      MemberAddRequest: MessageTypeDefinition<_berth_v1_MemberAddRequest, _berth_v1_MemberAddRequest__Output>
      MemberAddResponse: MessageTypeDefinition<_berth_v1_MemberAddResponse, _berth_v1_MemberAddResponse__Output>
      MemberListRequest: MessageTypeDefinition<_berth_v1_MemberListRequest, _berth_v1_MemberListRequest__Output>
      MemberListResponse: MessageTypeDefinition<_berth_v1_MemberListResponse, _berth_v1_MemberListResponse__Output>
      MemberProgress: MessageTypeDefinition<_berth_v1_MemberProgress, _berth_v1_MemberProgress__Output>
      MemberRemoveRequest: MessageTypeDefinition<_berth_v1_MemberRemoveRequest, _berth_v1_MemberRemoveRequest__Output>
      MemberRemoveResponse: MessageTypeDefinition<_berth_v1_MemberRemoveResponse, _berth_v1_MemberRemoveResponse__Output>
      PutRequest: MessageTypeDefinition<_berth_v1_PutRequest, _berth_v1_PutRequest__Output>
      PutResponse: MessageTypeDefinition<_berth_v1_PutResponse, _berth_v1_PutResponse__Output>
      RangeRequest: MessageTypeDefinition<_berth_v1_RangeRequest, _berth_v1_RangeRequest__Output>
      RangeResponse: MessageTypeDefinition<_berth_v1_RangeResponse, _berth_v1_RangeResponse__Output>
      RequestOp: MessageTypeDefinition<_berth_v1_RequestOp, _berth_v1_RequestOp__Output>
      ResponseHeader: MessageTypeDefinition<_berth_v1_ResponseHeader, _berth_v1_ResponseHeader__Output>
      ResponseOp: MessageTypeDefinition<_berth_v1_ResponseOp, _berth_v1_ResponseOp__Output>
      StatusRequest: MessageTypeDefinition<_berth_v1_StatusRequest, _berth_v1_StatusRequest__Output>
      StatusResponse: MessageTypeDefinition<_berth_v1_StatusResponse, _berth_v1_StatusResponse__Output>
      TransferLeaderRequest: MessageTypeDefinition<_berth_v1_TransferLeaderRequest, _berth_v1_TransferLeaderRequest__Output>
      TransferLeaderResponse: MessageTypeDefinition<_berth_v1_TransferLeaderResponse, _berth_v1_TransferLeaderResponse__Output>
      TxnRequest: MessageTypeDefinition<_berth_v1_TxnRequest, _berth_v1_TxnRequest__Output>
      TxnResponse: MessageTypeDefinition<_berth_v1_TxnResponse, _berth_v1_TxnResponse__Output>
      WatchRequest: MessageTypeDefinition<_berth_v1_WatchRequest, _berth_v1_WatchRequest__Output>
      WatchResponse: MessageTypeDefinition<_berth_v1_WatchResponse, _berth_v1_WatchResponse__Output>
    }
  }
}

