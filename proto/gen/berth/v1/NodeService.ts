// Original file: proto/berth/v1/node.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AgentMessage as _berth_v1_AgentMessage, AgentMessage__Output as _berth_v1_AgentMessage__Output } from '../../berth/v1/AgentMessage.js';
import type { ExecRequest as _berth_v1_ExecRequest, ExecRequest__Output as _berth_v1_ExecRequest__Output } from '../../berth/v1/ExecRequest.js';
import type { ExecResponse as _berth_v1_ExecResponse, ExecResponse__Output as _berth_v1_ExecResponse__Output } from '../../berth/v1/ExecResponse.js';
import type { LogsRequest as _berth_v1_LogsRequest, LogsRequest__Output as _berth_v1_LogsRequest__Output } from '../../berth/v1/LogsRequest.js';
import type { LogsResponse as _berth_v1_LogsResponse, LogsResponse__Output as _berth_v1_LogsResponse__Output } from '../../berth/v1/LogsResponse.js';
import type { ServerMessage as _berth_v1_ServerMessage, ServerMessage__Output as _berth_v1_ServerMessage__Output } from '../../berth/v1/ServerMessage.js';
import type { UsageRequest as _berth_v1_UsageRequest, UsageRequest__Output as _berth_v1_UsageRequest__Output } from '../../berth/v1/UsageRequest.js';
import type { UsageResponse as _berth_v1_UsageResponse, UsageResponse__Output as _berth_v1_UsageResponse__Output } from '../../berth/v1/UsageResponse.js';

export interface NodeServiceClient extends grpc.Client {
  Connect(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_berth_v1_AgentMessage, _berth_v1_ServerMessage__Output>;
  Connect(options?: grpc.CallOptions): grpc.ClientDuplexStream<_berth_v1_AgentMessage, _berth_v1_ServerMessage__Output>;
  connect(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_berth_v1_AgentMessage, _berth_v1_ServerMessage__Output>;
  connect(options?: grpc.CallOptions): grpc.ClientDuplexStream<_berth_v1_AgentMessage, _berth_v1_ServerMessage__Output>;
  
  /**
   * Runs a command in a container's environment; output streams back, the last message has the
   * exit code.
   */
  Exec(argument: _berth_v1_ExecRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_berth_v1_ExecResponse__Output>;
  Exec(argument: _berth_v1_ExecRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_berth_v1_ExecResponse__Output>;
  /**
   * Runs a command in a container's environment; output streams back, the last message has the
   * exit code.
   */
  exec(argument: _berth_v1_ExecRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_berth_v1_ExecResponse__Output>;
  exec(argument: _berth_v1_ExecRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_berth_v1_ExecResponse__Output>;
  
  /**
   * A container's log, from the agent of the pod's node; with follow, until the client cancels.
   */
  Logs(argument: _berth_v1_LogsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_berth_v1_LogsResponse__Output>;
  Logs(argument: _berth_v1_LogsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_berth_v1_LogsResponse__Output>;
  /**
   * A container's log, from the agent of the pod's node; with follow, until the client cancels.
   */
  logs(argument: _berth_v1_LogsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_berth_v1_LogsResponse__Output>;
  logs(argument: _berth_v1_LogsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_berth_v1_LogsResponse__Output>;
  
  /**
   * Resource usage of nodes and pods as the agents' last heartbeats reported it (kept in the
   * leader's memory, never in the store).
   */
  Usage(argument: _berth_v1_UsageRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_UsageResponse__Output>): grpc.ClientUnaryCall;
  Usage(argument: _berth_v1_UsageRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_UsageResponse__Output>): grpc.ClientUnaryCall;
  Usage(argument: _berth_v1_UsageRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_UsageResponse__Output>): grpc.ClientUnaryCall;
  Usage(argument: _berth_v1_UsageRequest, callback: grpc.requestCallback<_berth_v1_UsageResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Resource usage of nodes and pods as the agents' last heartbeats reported it (kept in the
   * leader's memory, never in the store).
   */
  usage(argument: _berth_v1_UsageRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_UsageResponse__Output>): grpc.ClientUnaryCall;
  usage(argument: _berth_v1_UsageRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_UsageResponse__Output>): grpc.ClientUnaryCall;
  usage(argument: _berth_v1_UsageRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_UsageResponse__Output>): grpc.ClientUnaryCall;
  usage(argument: _berth_v1_UsageRequest, callback: grpc.requestCallback<_berth_v1_UsageResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface NodeServiceHandlers extends grpc.UntypedServiceImplementation {
  Connect: grpc.handleBidiStreamingCall<_berth_v1_AgentMessage__Output, _berth_v1_ServerMessage>;
  
  /**
   * Runs a command in a container's environment; output streams back, the last message has the
   * exit code.
   */
  Exec: grpc.handleServerStreamingCall<_berth_v1_ExecRequest__Output, _berth_v1_ExecResponse>;
  
  /**
   * A container's log, from the agent of the pod's node; with follow, until the client cancels.
   */
  Logs: grpc.handleServerStreamingCall<_berth_v1_LogsRequest__Output, _berth_v1_LogsResponse>;
  
  /**
   * Resource usage of nodes and pods as the agents' last heartbeats reported it (kept in the
   * leader's memory, never in the store).
   */
  Usage: grpc.handleUnaryCall<_berth_v1_UsageRequest__Output, _berth_v1_UsageResponse>;
  
}

export interface NodeServiceDefinition extends grpc.ServiceDefinition {
  Connect: MethodDefinition<_berth_v1_AgentMessage, _berth_v1_ServerMessage, _berth_v1_AgentMessage__Output, _berth_v1_ServerMessage__Output>
  Exec: MethodDefinition<_berth_v1_ExecRequest, _berth_v1_ExecResponse, _berth_v1_ExecRequest__Output, _berth_v1_ExecResponse__Output>
  Logs: MethodDefinition<_berth_v1_LogsRequest, _berth_v1_LogsResponse, _berth_v1_LogsRequest__Output, _berth_v1_LogsResponse__Output>
  Usage: MethodDefinition<_berth_v1_UsageRequest, _berth_v1_UsageResponse, _berth_v1_UsageRequest__Output, _berth_v1_UsageResponse__Output>
}
