// Original file: proto/berth/v1/kv.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CompactRequest as _berth_v1_CompactRequest, CompactRequest__Output as _berth_v1_CompactRequest__Output } from '../../berth/v1/CompactRequest.js';
import type { CompactResponse as _berth_v1_CompactResponse, CompactResponse__Output as _berth_v1_CompactResponse__Output } from '../../berth/v1/CompactResponse.js';
import type { DeleteRangeRequest as _berth_v1_DeleteRangeRequest, DeleteRangeRequest__Output as _berth_v1_DeleteRangeRequest__Output } from '../../berth/v1/DeleteRangeRequest.js';
import type { DeleteRangeResponse as _berth_v1_DeleteRangeResponse, DeleteRangeResponse__Output as _berth_v1_DeleteRangeResponse__Output } from '../../berth/v1/DeleteRangeResponse.js';
import type { KvCall as _berth_v1_KvCall, KvCall__Output as _berth_v1_KvCall__Output } from '../../berth/v1/KvCall.js';
import type { KvReply as _berth_v1_KvReply, KvReply__Output as _berth_v1_KvReply__Output } from '../../berth/v1/KvReply.js';
import type { PutRequest as _berth_v1_PutRequest, PutRequest__Output as _berth_v1_PutRequest__Output } from '../../berth/v1/PutRequest.js';
import type { PutResponse as _berth_v1_PutResponse, PutResponse__Output as _berth_v1_PutResponse__Output } from '../../berth/v1/PutResponse.js';
import type { RangeRequest as _berth_v1_RangeRequest, RangeRequest__Output as _berth_v1_RangeRequest__Output } from '../../berth/v1/RangeRequest.js';
import type { RangeResponse as _berth_v1_RangeResponse, RangeResponse__Output as _berth_v1_RangeResponse__Output } from '../../berth/v1/RangeResponse.js';
import type { TxnRequest as _berth_v1_TxnRequest, TxnRequest__Output as _berth_v1_TxnRequest__Output } from '../../berth/v1/TxnRequest.js';
import type { TxnResponse as _berth_v1_TxnResponse, TxnResponse__Output as _berth_v1_TxnResponse__Output } from '../../berth/v1/TxnResponse.js';
import type { WatchRequest as _berth_v1_WatchRequest, WatchRequest__Output as _berth_v1_WatchRequest__Output } from '../../berth/v1/WatchRequest.js';
import type { WatchResponse as _berth_v1_WatchResponse, WatchResponse__Output as _berth_v1_WatchResponse__Output } from '../../berth/v1/WatchResponse.js';

export interface KVClient extends grpc.Client {
  /**
   * Range, Put, DeleteRange, Txn and Compact requests over one long-lived stream, each answered
   * by its id, in any order. A client with many requests in flight pays for one HTTP/2 stream
   * instead of one per request; the semantics of each request are those of its unary method.
   */
  Call(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_berth_v1_KvCall, _berth_v1_KvReply__Output>;
  Call(options?: grpc.CallOptions): grpc.ClientDuplexStream<_berth_v1_KvCall, _berth_v1_KvReply__Output>;
  /**
   * Range, Put, DeleteRange, Txn and Compact requests over one long-lived stream, each answered
   * by its id, in any order. A client with many requests in flight pays for one HTTP/2 stream
   * instead of one per request; the semantics of each request are those of its unary method.
   */
  call(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_berth_v1_KvCall, _berth_v1_KvReply__Output>;
  call(options?: grpc.CallOptions): grpc.ClientDuplexStream<_berth_v1_KvCall, _berth_v1_KvReply__Output>;
  
  /**
   * Drops the history older than a revision; the latest version of every live key is kept.
   */
  Compact(argument: _berth_v1_CompactRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_CompactResponse__Output>): grpc.ClientUnaryCall;
  Compact(argument: _berth_v1_CompactRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_CompactResponse__Output>): grpc.ClientUnaryCall;
  Compact(argument: _berth_v1_CompactRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_CompactResponse__Output>): grpc.ClientUnaryCall;
  Compact(argument: _berth_v1_CompactRequest, callback: grpc.requestCallback<_berth_v1_CompactResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Drops the history older than a revision; the latest version of every live key is kept.
   */
  compact(argument: _berth_v1_CompactRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_CompactResponse__Output>): grpc.ClientUnaryCall;
  compact(argument: _berth_v1_CompactRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_CompactResponse__Output>): grpc.ClientUnaryCall;
  compact(argument: _berth_v1_CompactRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_CompactResponse__Output>): grpc.ClientUnaryCall;
  compact(argument: _berth_v1_CompactRequest, callback: grpc.requestCallback<_berth_v1_CompactResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Deletes one key, a range or a prefix.
   */
  DeleteRange(argument: _berth_v1_DeleteRangeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteRangeResponse__Output>): grpc.ClientUnaryCall;
  DeleteRange(argument: _berth_v1_DeleteRangeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DeleteRangeResponse__Output>): grpc.ClientUnaryCall;
  DeleteRange(argument: _berth_v1_DeleteRangeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteRangeResponse__Output>): grpc.ClientUnaryCall;
  DeleteRange(argument: _berth_v1_DeleteRangeRequest, callback: grpc.requestCallback<_berth_v1_DeleteRangeResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Deletes one key, a range or a prefix.
   */
  deleteRange(argument: _berth_v1_DeleteRangeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteRangeResponse__Output>): grpc.ClientUnaryCall;
  deleteRange(argument: _berth_v1_DeleteRangeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DeleteRangeResponse__Output>): grpc.ClientUnaryCall;
  deleteRange(argument: _berth_v1_DeleteRangeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteRangeResponse__Output>): grpc.ClientUnaryCall;
  deleteRange(argument: _berth_v1_DeleteRangeRequest, callback: grpc.requestCallback<_berth_v1_DeleteRangeResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Writes one key. Acknowledged once committed and applied.
   */
  Put(argument: _berth_v1_PutRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_PutResponse__Output>): grpc.ClientUnaryCall;
  Put(argument: _berth_v1_PutRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_PutResponse__Output>): grpc.ClientUnaryCall;
  Put(argument: _berth_v1_PutRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_PutResponse__Output>): grpc.ClientUnaryCall;
  Put(argument: _berth_v1_PutRequest, callback: grpc.requestCallback<_berth_v1_PutResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Writes one key. Acknowledged once committed and applied.
   */
  put(argument: _berth_v1_PutRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_PutResponse__Output>): grpc.ClientUnaryCall;
  put(argument: _berth_v1_PutRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_PutResponse__Output>): grpc.ClientUnaryCall;
  put(argument: _berth_v1_PutRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_PutResponse__Output>): grpc.ClientUnaryCall;
  put(argument: _berth_v1_PutRequest, callback: grpc.requestCallback<_berth_v1_PutResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Reads one key, a range or a prefix. Linearizable (confirmed with the leader through Raft's
   * ReadIndex) unless `serializable` asks for a stale read served by the replica alone.
   */
  Range(argument: _berth_v1_RangeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_RangeResponse__Output>): grpc.ClientUnaryCall;
  Range(argument: _berth_v1_RangeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_RangeResponse__Output>): grpc.ClientUnaryCall;
  Range(argument: _berth_v1_RangeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_RangeResponse__Output>): grpc.ClientUnaryCall;
  Range(argument: _berth_v1_RangeRequest, callback: grpc.requestCallback<_berth_v1_RangeResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Reads one key, a range or a prefix. Linearizable (confirmed with the leader through Raft's
   * ReadIndex) unless `serializable` asks for a stale read served by the replica alone.
   */
  range(argument: _berth_v1_RangeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_RangeResponse__Output>): grpc.ClientUnaryCall;
  range(argument: _berth_v1_RangeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_RangeResponse__Output>): grpc.ClientUnaryCall;
  range(argument: _berth_v1_RangeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_RangeResponse__Output>): grpc.ClientUnaryCall;
  range(argument: _berth_v1_RangeRequest, callback: grpc.requestCallback<_berth_v1_RangeResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Runs `success` if every compare holds, else `failure`, as one atomic change (one revision).
   */
  Txn(argument: _berth_v1_TxnRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_TxnResponse__Output>): grpc.ClientUnaryCall;
  Txn(argument: _berth_v1_TxnRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_TxnResponse__Output>): grpc.ClientUnaryCall;
  Txn(argument: _berth_v1_TxnRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_TxnResponse__Output>): grpc.ClientUnaryCall;
  Txn(argument: _berth_v1_TxnRequest, callback: grpc.requestCallback<_berth_v1_TxnResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Runs `success` if every compare holds, else `failure`, as one atomic change (one revision).
   */
  txn(argument: _berth_v1_TxnRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_TxnResponse__Output>): grpc.ClientUnaryCall;
  txn(argument: _berth_v1_TxnRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_TxnResponse__Output>): grpc.ClientUnaryCall;
  txn(argument: _berth_v1_TxnRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_TxnResponse__Output>): grpc.ClientUnaryCall;
  txn(argument: _berth_v1_TxnRequest, callback: grpc.requestCallback<_berth_v1_TxnResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Streams the changes of a key, range or prefix from `start_revision` on (or from now), in
   * revision order. While nothing changes, bookmarks (a response without events) carry the
   * revision the watcher has seen everything up to, so a client can resume from a recent point.
   */
  Watch(argument: _berth_v1_WatchRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_berth_v1_WatchResponse__Output>;
  Watch(argument: _berth_v1_WatchRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_berth_v1_WatchResponse__Output>;
  /**
   * Streams the changes of a key, range or prefix from `start_revision` on (or from now), in
   * revision order. While nothing changes, bookmarks (a response without events) carry the
   * revision the watcher has seen everything up to, so a client can resume from a recent point.
   */
  watch(argument: _berth_v1_WatchRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_berth_v1_WatchResponse__Output>;
  watch(argument: _berth_v1_WatchRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_berth_v1_WatchResponse__Output>;
  
}

export interface KVHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Range, Put, DeleteRange, Txn and Compact requests over one long-lived stream, each answered
   * by its id, in any order. A client with many requests in flight pays for one HTTP/2 stream
   * instead of one per request; the semantics of each request are those of its unary method.
   */
  Call: grpc.handleBidiStreamingCall<_berth_v1_KvCall__Output, _berth_v1_KvReply>;
  
  /**
   * Drops the history older than a revision; the latest version of every live key is kept.
   */
  Compact: grpc.handleUnaryCall<_berth_v1_CompactRequest__Output, _berth_v1_CompactResponse>;
  
  /**
   * Deletes one key, a range or a prefix.
   */
  DeleteRange: grpc.handleUnaryCall<_berth_v1_DeleteRangeRequest__Output, _berth_v1_DeleteRangeResponse>;
  
  /**
   * Writes one key. Acknowledged once committed and applied.
   */
  Put: grpc.handleUnaryCall<_berth_v1_PutRequest__Output, _berth_v1_PutResponse>;
  
  /**
   * Reads one key, a range or a prefix. Linearizable (confirmed with the leader through Raft's
   * ReadIndex) unless `serializable` asks for a stale read served by the replica alone.
   */
  Range: grpc.handleUnaryCall<_berth_v1_RangeRequest__Output, _berth_v1_RangeResponse>;
  
  /**
   * Runs `success` if every compare holds, else `failure`, as one atomic change (one revision).
   */
  Txn: grpc.handleUnaryCall<_berth_v1_TxnRequest__Output, _berth_v1_TxnResponse>;
  
  /**
   * Streams the changes of a key, range or prefix from `start_revision` on (or from now), in
   * revision order. While nothing changes, bookmarks (a response without events) carry the
   * revision the watcher has seen everything up to, so a client can resume from a recent point.
   */
  Watch: grpc.handleServerStreamingCall<_berth_v1_WatchRequest__Output, _berth_v1_WatchResponse>;
  
}

export interface KVDefinition extends grpc.ServiceDefinition {
  Call: MethodDefinition<_berth_v1_KvCall, _berth_v1_KvReply, _berth_v1_KvCall__Output, _berth_v1_KvReply__Output>
  Compact: MethodDefinition<_berth_v1_CompactRequest, _berth_v1_CompactResponse, _berth_v1_CompactRequest__Output, _berth_v1_CompactResponse__Output>
  DeleteRange: MethodDefinition<_berth_v1_DeleteRangeRequest, _berth_v1_DeleteRangeResponse, _berth_v1_DeleteRangeRequest__Output, _berth_v1_DeleteRangeResponse__Output>
  Put: MethodDefinition<_berth_v1_PutRequest, _berth_v1_PutResponse, _berth_v1_PutRequest__Output, _berth_v1_PutResponse__Output>
  Range: MethodDefinition<_berth_v1_RangeRequest, _berth_v1_RangeResponse, _berth_v1_RangeRequest__Output, _berth_v1_RangeResponse__Output>
  Txn: MethodDefinition<_berth_v1_TxnRequest, _berth_v1_TxnResponse, _berth_v1_TxnRequest__Output, _berth_v1_TxnResponse__Output>
  Watch: MethodDefinition<_berth_v1_WatchRequest, _berth_v1_WatchResponse, _berth_v1_WatchRequest__Output, _berth_v1_WatchResponse__Output>
}
