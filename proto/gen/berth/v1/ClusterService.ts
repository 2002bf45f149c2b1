// Original file: proto/berth/v1/api.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { MemberAddRequest as _berth_v1_MemberAddRequest, MemberAddRequest__Output as _berth_v1_MemberAddRequest__Output } from '../../berth/v1/MemberAddRequest.js';
import type { MemberAddResponse as _berth_v1_MemberAddResponse, MemberAddResponse__Output as _berth_v1_MemberAddResponse__Output } from '../../berth/v1/MemberAddResponse.js';
import type { MemberListRequest as _berth_v1_MemberListRequest, MemberListRequest__Output as _berth_v1_MemberListRequest__Output } from '../../berth/v1/MemberListRequest.js';
import type { MemberListResponse as _berth_v1_MemberListResponse, MemberListResponse__Output as _berth_v1_MemberListResponse__Output } from '../../berth/v1/MemberListResponse.js';
import type { MemberRemoveRequest as _berth_v1_MemberRemoveRequest, MemberRemoveRequest__Output as _berth_v1_MemberRemoveRequest__Output } from '../../berth/v1/MemberRemoveRequest.js';
import type { MemberRemoveResponse as _berth_v1_MemberRemoveResponse, MemberRemoveResponse__Output as _berth_v1_MemberRemoveResponse__Output } from '../../berth/v1/MemberRemoveResponse.js';
import type { StatusRequest as _berth_v1_StatusRequest, StatusRequest__Output as _berth_v1_StatusRequest__Output } from '../../berth/v1/StatusRequest.js';
import type { StatusResponse as _berth_v1_StatusResponse, StatusResponse__Output as _berth_v1_StatusResponse__Output } from '../../berth/v1/StatusResponse.js';
import type { TransferLeaderRequest as _berth_v1_TransferLeaderRequest, TransferLeaderRequest__Output as _berth_v1_TransferLeaderRequest__Output } from '../../berth/v1/TransferLeaderRequest.js';
import type { TransferLeaderResponse as _berth_v1_TransferLeaderResponse, TransferLeaderResponse__Output as _berth_v1_TransferLeaderResponse__Output } from '../../berth/v1/TransferLeaderResponse.js';

/**
 * What a replica says about the Raft group. Membership changes go to the leader: a follower
 * answers FAILED_PRECONDITION with trailing metadata berth-code NOT_LEADER and, in berth-details,
 * the leader's id and address when known.
 */
export interface ClusterServiceClient extends grpc.Client {
  /**
   * Adds a replica: first as a learner, then, once it has caught up, as a voter. Streams
   * progress messages; the last response has `done` set.
   */
  MemberAdd(argument: _berth_v1_MemberAddRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_berth_v1_MemberAddResponse__Output>;
  MemberAdd(argument: _berth_v1_MemberAddRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_berth_v1_MemberAddResponse__Output>;
  /**
   * Adds a replica: first as a learner, then, once it has caught up, as a voter. Streams
   * progress messages; the last response has `done` set.
   */
  memberAdd(argument: _berth_v1_MemberAddRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_berth_v1_MemberAddResponse__Output>;
  memberAdd(argument: _berth_v1_MemberAddRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_berth_v1_MemberAddResponse__Output>;
  
  /**
   * The members as the replicated member table records them.
   */
  MemberList(argument: _berth_v1_MemberListRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_MemberListResponse__Output>): grpc.ClientUnaryCall;
  MemberList(argument: _berth_v1_MemberListRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_MemberListResponse__Output>): grpc.ClientUnaryCall;
  MemberList(argument: _berth_v1_MemberListRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_MemberListResponse__Output>): grpc.ClientUnaryCall;
  MemberList(argument: _berth_v1_MemberListRequest, callback: grpc.requestCallback<_berth_v1_MemberListResponse__Output>): grpc.ClientUnaryCall;
  /**
   * The members as the replicated member table records them.
   */
  memberList(argument: _berth_v1_MemberListRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_MemberListResponse__Output>): grpc.ClientUnaryCall;
  memberList(argument: _berth_v1_MemberListRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_MemberListResponse__Output>): grpc.ClientUnaryCall;
  memberList(argument: _berth_v1_MemberListRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_MemberListResponse__Output>): grpc.ClientUnaryCall;
  memberList(argument: _berth_v1_MemberListRequest, callback: grpc.requestCallback<_berth_v1_MemberListResponse__Output>): grpc.ClientUnaryCall;
  
  MemberRemove(argument: _berth_v1_MemberRemoveRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_MemberRemoveResponse__Output>): grpc.ClientUnaryCall;
  MemberRemove(argument: _berth_v1_MemberRemoveRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_MemberRemoveResponse__Output>): grpc.ClientUnaryCall;
  MemberRemove(argument: _berth_v1_MemberRemoveRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_MemberRemoveResponse__Output>): grpc.ClientUnaryCall;
  MemberRemove(argument: _berth_v1_MemberRemoveRequest, callback: grpc.requestCallback<_berth_v1_MemberRemoveResponse__Output>): grpc.ClientUnaryCall;
  memberRemove(argument: _berth_v1_MemberRemoveRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_MemberRemoveResponse__Output>): grpc.ClientUnaryCall;
  memberRemove(argument: _berth_v1_MemberRemoveRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_MemberRemoveResponse__Output>): grpc.ClientUnaryCall;
  memberRemove(argument: _berth_v1_MemberRemoveRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_MemberRemoveResponse__Output>): grpc.ClientUnaryCall;
  memberRemove(argument: _berth_v1_MemberRemoveRequest, callback: grpc.requestCallback<_berth_v1_MemberRemoveResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * This replica's view: role, term, indexes, store revisions, and follower progress on a leader.
   */
  Status(argument: _berth_v1_StatusRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_StatusResponse__Output>): grpc.ClientUnaryCall;
  Status(argument: _berth_v1_StatusRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_StatusResponse__Output>): grpc.ClientUnaryCall;
  Status(argument: _berth_v1_StatusRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_StatusResponse__Output>): grpc.ClientUnaryCall;
  Status(argument: _berth_v1_StatusRequest, callback: grpc.requestCallback<_berth_v1_StatusResponse__Output>): grpc.ClientUnaryCall;
  /**
   * This replica's view: role, term, indexes, store revisions, and follower progress on a leader.
   */
  status(argument: _berth_v1_StatusRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_StatusResponse__Output>): grpc.ClientUnaryCall;
  status(argument: _berth_v1_StatusRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_StatusResponse__Output>): grpc.ClientUnaryCall;
  status(argument: _berth_v1_StatusRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_StatusResponse__Output>): grpc.ClientUnaryCall;
  status(argument: _berth_v1_StatusRequest, callback: grpc.requestCallback<_berth_v1_StatusResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Asks the leader to hand leadership to a caught-up voter; returns once `to` leads.
   */
  TransferLeader(argument: _berth_v1_TransferLeaderRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_TransferLeaderResponse__Output>): grpc.ClientUnaryCall;
  TransferLeader(argument: _berth_v1_TransferLeaderRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_TransferLeaderResponse__Output>): grpc.ClientUnaryCall;
  TransferLeader(argument: _berth_v1_TransferLeaderRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_TransferLeaderResponse__Output>): grpc.ClientUnaryCall;
  TransferLeader(argument: _berth_v1_TransferLeaderRequest, callback: grpc.requestCallback<_berth_v1_TransferLeaderResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Asks the leader to hand leadership to a caught-up voter; returns once `to` leads.
   */
  transferLeader(argument: _berth_v1_TransferLeaderRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_TransferLeaderResponse__Output>): grpc.ClientUnaryCall;
  transferLeader(argument: _berth_v1_TransferLeaderRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_TransferLeaderResponse__Output>): grpc.ClientUnaryCall;
  transferLeader(argument: _berth_v1_TransferLeaderRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_TransferLeaderResponse__Output>): grpc.ClientUnaryCall;
  transferLeader(argument: _berth_v1_TransferLeaderRequest, callback: grpc.requestCallback<_berth_v1_TransferLeaderResponse__Output>): grpc.ClientUnaryCall;
  
}

/**
 * What a replica says about the Raft group. Membership changes go to the leader: a follower
 * answers FAILED_PRECONDITION with trailing metadata berth-code NOT_LEADER and, in berth-details,
 * the leader's id and address when known.
 */
export interface ClusterServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Adds a replica: first as a learner, then, once it has caught up, as a voter. Streams
   * progress messages; the last response has `done` set.
   */
  MemberAdd: grpc.handleServerStreamingCall<_berth_v1_MemberAddRequest__Output, _berth_v1_MemberAddResponse>;
  
  /**
   * The members as the replicated member table records them.
   */
  MemberList: grpc.handleUnaryCall<_berth_v1_MemberListRequest__Output, _berth_v1_MemberListResponse>;
  
  MemberRemove: grpc.handleUnaryCall<_berth_v1_MemberRemoveRequest__Output, _berth_v1_MemberRemoveResponse>;
  
  /**
   * This replica's view: role, term, indexes, store revisions, and follower progress on a leader.
   */
  Status: grpc.handleUnaryCall<_berth_v1_StatusRequest__Output, _berth_v1_StatusResponse>;
  
  /**
   * Asks the leader to hand leadership to a caught-up voter; returns once `to` leads.
   */
  TransferLeader: grpc.handleUnaryCall<_berth_v1_TransferLeaderRequest__Output, _berth_v1_TransferLeaderResponse>;
  
}

export interface ClusterServiceDefinition extends grpc.ServiceDefinition {
  MemberAdd: MethodDefinition<_berth_v1_MemberAddRequest, _berth_v1_MemberAddResponse, _berth_v1_MemberAddRequest__Output, _berth_v1_MemberAddResponse__Output>
  MemberList: MethodDefinition<_berth_v1_MemberListRequest, _berth_v1_MemberListResponse, _berth_v1_MemberListRequest__Output, _berth_v1_MemberListResponse__Output>
  MemberRemove: MethodDefinition<_berth_v1_MemberRemoveRequest, _berth_v1_MemberRemoveResponse, _berth_v1_MemberRemoveRequest__Output, _berth_v1_MemberRemoveResponse__Output>
  Status: MethodDefinition<_berth_v1_StatusRequest, _berth_v1_StatusResponse, _berth_v1_StatusRequest__Output, _berth_v1_StatusResponse__Output>
  TransferLeader: MethodDefinition<_berth_v1_TransferLeaderRequest, _berth_v1_TransferLeaderResponse, _berth_v1_TransferLeaderRequest__Output, _berth_v1_TransferLeaderResponse__Output>
}
