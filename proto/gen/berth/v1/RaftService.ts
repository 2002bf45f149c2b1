// Original file: proto/berth/v1/raft.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { RaftEnvelope as _berth_v1_RaftEnvelope, RaftEnvelope__Output as _berth_v1_RaftEnvelope__Output } from '../../berth/v1/RaftEnvelope.js';
import type { SendAck as _berth_v1_SendAck, SendAck__Output as _berth_v1_SendAck__Output } from '../../berth/v1/SendAck.js';
import type { SnapshotAck as _berth_v1_SnapshotAck, SnapshotAck__Output as _berth_v1_SnapshotAck__Output } from '../../berth/v1/SnapshotAck.js';
import type { SnapshotChunk as _berth_v1_SnapshotChunk, SnapshotChunk__Output as _berth_v1_SnapshotChunk__Output } from '../../berth/v1/SnapshotChunk.js';

export interface RaftServiceClient extends grpc.Client {
  /**
   * A snapshot too large for one message, streamed in chunks. The receiver reassembles it,
   * checks the CRC32 on the last chunk and delivers one complete 'snap' message to its core.
   */
  InstallSnapshot(metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_SnapshotAck__Output>): grpc.ClientWritableStream<_berth_v1_SnapshotChunk>;
  InstallSnapshot(metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_SnapshotAck__Output>): grpc.ClientWritableStream<_berth_v1_SnapshotChunk>;
  InstallSnapshot(options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_SnapshotAck__Output>): grpc.ClientWritableStream<_berth_v1_SnapshotChunk>;
  InstallSnapshot(callback: grpc.requestCallback<_berth_v1_SnapshotAck__Output>): grpc.ClientWritableStream<_berth_v1_SnapshotChunk>;
  /**
   * A snapshot too large for one message, streamed in chunks. The receiver reassembles it,
   * checks the CRC32 on the last chunk and delivers one complete 'snap' message to its core.
   */
  installSnapshot(metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_SnapshotAck__Output>): grpc.ClientWritableStream<_berth_v1_SnapshotChunk>;
  installSnapshot(metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_SnapshotAck__Output>): grpc.ClientWritableStream<_berth_v1_SnapshotChunk>;
  installSnapshot(options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_SnapshotAck__Output>): grpc.ClientWritableStream<_berth_v1_SnapshotChunk>;
  installSnapshot(callback: grpc.requestCallback<_berth_v1_SnapshotAck__Output>): grpc.ClientWritableStream<_berth_v1_SnapshotChunk>;
  
  /**
   * One long-lived client stream per (sender, receiver) pair. Each envelope is a batch of Raft
   * messages for the receiver, in the order the sender's core produced them. The ack is only
   * sent when the stream ends; Raft itself carries acknowledgements in its own messages.
   */
  Send(metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_SendAck__Output>): grpc.ClientWritableStream<_berth_v1_RaftEnvelope>;
  Send(metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_SendAck__Output>): grpc.ClientWritableStream<_berth_v1_RaftEnvelope>;
  Send(options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_SendAck__Output>): grpc.ClientWritableStream<_berth_v1_RaftEnvelope>;
  Send(callback: grpc.requestCallback<_berth_v1_SendAck__Output>): grpc.ClientWritableStream<_berth_v1_RaftEnvelope>;
  /**
   * One long-lived client stream per (sender, receiver) pair. Each envelope is a batch of Raft
   * messages for the receiver, in the order the sender's core produced them. The ack is only
   * sent when the stream ends; Raft itself carries acknowledgements in its own messages.
   */
  send(metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_SendAck__Output>): grpc.ClientWritableStream<_berth_v1_RaftEnvelope>;
  send(metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_SendAck__Output>): grpc.ClientWritableStream<_berth_v1_RaftEnvelope>;
  send(options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_SendAck__Output>): grpc.ClientWritableStream<_berth_v1_RaftEnvelope>;
  send(callback: grpc.requestCallback<_berth_v1_SendAck__Output>): grpc.ClientWritableStream<_berth_v1_RaftEnvelope>;
  
}

export interface RaftServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * A snapshot too large for one message, streamed in chunks. The receiver reassembles it,
   * checks the CRC32 on the last chunk and delivers one complete 'snap' message to its core.
   */
  InstallSnapshot: grpc.handleClientStreamingCall<_berth_v1_SnapshotChunk__Output, _berth_v1_SnapshotAck>;
  
  /**
   * One long-lived client stream per (sender, receiver) pair. Each envelope is a batch of Raft
   * messages for the receiver, in the order the sender's core produced them. The ack is only
   * sent when the stream ends; Raft itself carries acknowledgements in its own messages.
   */
  Send: grpc.handleClientStreamingCall<_berth_v1_RaftEnvelope__Output, _berth_v1_SendAck>;
  
}

export interface RaftServiceDefinition extends grpc.ServiceDefinition {
  InstallSnapshot: MethodDefinition<_berth_v1_SnapshotChunk, _berth_v1_SnapshotAck, _berth_v1_SnapshotChunk__Output, _berth_v1_SnapshotAck__Output>
  Send: MethodDefinition<_berth_v1_RaftEnvelope, _berth_v1_SendAck, _berth_v1_RaftEnvelope__Output, _berth_v1_SendAck__Output>
}
