// Original file: proto/berth/v1/api.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ApplyRequest as _berth_v1_ApplyRequest, ApplyRequest__Output as _berth_v1_ApplyRequest__Output } from '../../berth/v1/ApplyRequest.js';
import type { ApplyResponse as _berth_v1_ApplyResponse, ApplyResponse__Output as _berth_v1_ApplyResponse__Output } from '../../berth/v1/ApplyResponse.js';
import type { CreateRequest as _berth_v1_CreateRequest, CreateRequest__Output as _berth_v1_CreateRequest__Output } from '../../berth/v1/CreateRequest.js';
import type { DeleteRequest as _berth_v1_DeleteRequest, DeleteRequest__Output as _berth_v1_DeleteRequest__Output } from '../../berth/v1/DeleteRequest.js';
import type { DeleteResponse as _berth_v1_DeleteResponse, DeleteResponse__Output as _berth_v1_DeleteResponse__Output } from '../../berth/v1/DeleteResponse.js';
import type { GetRequest as _berth_v1_GetRequest, GetRequest__Output as _berth_v1_GetRequest__Output } from '../../berth/v1/GetRequest.js';
import type { ListRequest as _berth_v1_ListRequest, ListRequest__Output as _berth_v1_ListRequest__Output } from '../../berth/v1/ListRequest.js';
import type { ListResponse as _berth_v1_ListResponse, ListResponse__Output as _berth_v1_ListResponse__Output } from '../../berth/v1/ListResponse.js';
import type { ObjectResponse as _berth_v1_ObjectResponse, ObjectResponse__Output as _berth_v1_ObjectResponse__Output } from '../../berth/v1/ObjectResponse.js';
import type { PatchRequest as _berth_v1_PatchRequest, PatchRequest__Output as _berth_v1_PatchRequest__Output } from '../../berth/v1/PatchRequest.js';
import type { UpdateRequest as _berth_v1_UpdateRequest, UpdateRequest__Output as _berth_v1_UpdateRequest__Output } from '../../berth/v1/UpdateRequest.js';
import type { WatchObjectsRequest as _berth_v1_WatchObjectsRequest, WatchObjectsRequest__Output as _berth_v1_WatchObjectsRequest__Output } from '../../berth/v1/WatchObjectsRequest.js';
import type { WatchObjectsResponse as _berth_v1_WatchObjectsResponse, WatchObjectsResponse__Output as _berth_v1_WatchObjectsResponse__Output } from '../../berth/v1/WatchObjectsResponse.js';

/**
 * The cluster's objects, with Kubernetes' semantics. Any replica serves any call: writes go
 * through Raft (a follower forwards them to the leader); reads are linearizable unless `stale`.
 * `kind` accepts the kind ("Deployment"), its plural ("deployments") or short name ("deploy").
 * Errors carry berth-code metadata: NOT_FOUND, ALREADY_EXISTS, CONFLICT (stale resource_version,
 * gRPC ABORTED), INVALID_ARGUMENT (berth-details has `causes`: [{field, message}]), COMPACTED
 * (the revision is gone: list again), UNAVAILABLE.
 */
export interface ObjectServiceClient extends grpc.Client {
  /**
   * Creates the object or brings it in line with the manifest (idempotent). Fields dropped from
   * the manifest since the last apply are removed; fields it never named are left alone.
   */
  Apply(argument: _berth_v1_ApplyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ApplyResponse__Output>): grpc.ClientUnaryCall;
  Apply(argument: _berth_v1_ApplyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ApplyResponse__Output>): grpc.ClientUnaryCall;
  Apply(argument: _berth_v1_ApplyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ApplyResponse__Output>): grpc.ClientUnaryCall;
  Apply(argument: _berth_v1_ApplyRequest, callback: grpc.requestCallback<_berth_v1_ApplyResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Creates the object or brings it in line with the manifest (idempotent). Fields dropped from
   * the manifest since the last apply are removed; fields it never named are left alone.
   */
  apply(argument: _berth_v1_ApplyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ApplyResponse__Output>): grpc.ClientUnaryCall;
  apply(argument: _berth_v1_ApplyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ApplyResponse__Output>): grpc.ClientUnaryCall;
  apply(argument: _berth_v1_ApplyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ApplyResponse__Output>): grpc.ClientUnaryCall;
  apply(argument: _berth_v1_ApplyRequest, callback: grpc.requestCallback<_berth_v1_ApplyResponse__Output>): grpc.ClientUnaryCall;
  
  Create(argument: _berth_v1_CreateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ObjectResponse__Output>): grpc.ClientUnaryCall;
  Create(argument: _berth_v1_CreateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ObjectResponse__Output>): grpc.ClientUnaryCall;
  Create(argument: _berth_v1_CreateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ObjectResponse__Output>): grpc.ClientUnaryCall;
  Create(argument: _berth_v1_CreateRequest, callback: grpc.requestCallback<_berth_v1_ObjectResponse__Output>): grpc.ClientUnaryCall;
  create(argument: _berth_v1_CreateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ObjectResponse__Output>): grpc.ClientUnaryCall;
  create(argument: _berth_v1_CreateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ObjectResponse__Output>): grpc.ClientUnaryCall;
  create(argument: _berth_v1_CreateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ObjectResponse__Output>): grpc.ClientUnaryCall;
  create(argument: _berth_v1_CreateRequest, callback: grpc.requestCallback<_berth_v1_ObjectResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Deletes the object, or, while it has finalizers, marks it with a deletion timestamp.
   */
  Delete(argument: _berth_v1_DeleteRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  Delete(argument: _berth_v1_DeleteRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  Delete(argument: _berth_v1_DeleteRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  Delete(argument: _berth_v1_DeleteRequest, callback: grpc.requestCallback<_berth_v1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Deletes the object, or, while it has finalizers, marks it with a deletion timestamp.
   */
  delete(argument: _berth_v1_DeleteRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _berth_v1_DeleteRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _berth_v1_DeleteRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _berth_v1_DeleteRequest, callback: grpc.requestCallback<_berth_v1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  
  Get(argument: _berth_v1_GetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ObjectResponse__Output>): grpc.ClientUnaryCall;
  Get(argument: _berth_v1_GetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ObjectResponse__Output>): grpc.ClientUnaryCall;
  Get(argument: _berth_v1_GetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ObjectResponse__Output>): grpc.ClientUnaryCall;
  Get(argument: _berth_v1_GetRequest, callback: grpc.requestCallback<_berth_v1_ObjectResponse__Output>): grpc.ClientUnaryCall;
  get(argument: _berth_v1_GetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ObjectResponse__Output>): grpc.ClientUnaryCall;
  get(argument: _berth_v1_GetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ObjectResponse__Output>): grpc.ClientUnaryCall;
  get(argument: _berth_v1_GetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ObjectResponse__Output>): grpc.ClientUnaryCall;
  get(argument: _berth_v1_GetRequest, callback: grpc.requestCallback<_berth_v1_ObjectResponse__Output>): grpc.ClientUnaryCall;
  
  List(argument: _berth_v1_ListRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListResponse__Output>): grpc.ClientUnaryCall;
  List(argument: _berth_v1_ListRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ListResponse__Output>): grpc.ClientUnaryCall;
  List(argument: _berth_v1_ListRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListResponse__Output>): grpc.ClientUnaryCall;
  List(argument: _berth_v1_ListRequest, callback: grpc.requestCallback<_berth_v1_ListResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _berth_v1_ListRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _berth_v1_ListRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ListResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _berth_v1_ListRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _berth_v1_ListRequest, callback: grpc.requestCallback<_berth_v1_ListResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * A JSON merge patch (RFC 7386) of the object or of its status.
   */
  Patch(argument: _berth_v1_PatchRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ObjectResponse__Output>): grpc.ClientUnaryCall;
  Patch(argument: _berth_v1_PatchRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ObjectResponse__Output>): grpc.ClientUnaryCall;
  Patch(argument: _berth_v1_PatchRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ObjectResponse__Output>): grpc.ClientUnaryCall;
  Patch(argument: _berth_v1_PatchRequest, callback: grpc.requestCallback<_berth_v1_ObjectResponse__Output>): grpc.ClientUnaryCall;
  /**
   * A JSON merge patch (RFC 7386) of the object or of its status.
   */
  patch(argument: _berth_v1_PatchRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ObjectResponse__Output>): grpc.ClientUnaryCall;
  patch(argument: _berth_v1_PatchRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ObjectResponse__Output>): grpc.ClientUnaryCall;
  patch(argument: _berth_v1_PatchRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ObjectResponse__Output>): grpc.ClientUnaryCall;
  patch(argument: _berth_v1_PatchRequest, callback: grpc.requestCallback<_berth_v1_ObjectResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Replaces the object. With metadata.resource_version set, fails with CONFLICT unless it is
   * the current one. With subresource "status", changes only the status.
   */
  Update(argument: _berth_v1_UpdateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ObjectResponse__Output>): grpc.ClientUnaryCall;
  Update(argument: _berth_v1_UpdateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ObjectResponse__Output>): grpc.ClientUnaryCall;
  Update(argument: _berth_v1_UpdateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ObjectResponse__Output>): grpc.ClientUnaryCall;
  Update(argument: _berth_v1_UpdateRequest, callback: grpc.requestCallback<_berth_v1_ObjectResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Replaces the object. With metadata.resource_version set, fails with CONFLICT unless it is
   * the current one. With subresource "status", changes only the status.
   */
  update(argument: _berth_v1_UpdateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ObjectResponse__Output>): grpc.ClientUnaryCall;
  update(argument: _berth_v1_UpdateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ObjectResponse__Output>): grpc.ClientUnaryCall;
  update(argument: _berth_v1_UpdateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ObjectResponse__Output>): grpc.ClientUnaryCall;
  update(argument: _berth_v1_UpdateRequest, callback: grpc.requestCallback<_berth_v1_ObjectResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Changes of objects of one kind in revision order, from resource_version (exclusive) or, with
   * send_initial_events, the current objects first (ADDED) and then the changes.
   */
  Watch(argument: _berth_v1_WatchObjectsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_berth_v1_WatchObjectsResponse__Output>;
  Watch(argument: _berth_v1_WatchObjectsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_berth_v1_WatchObjectsResponse__Output>;
  /**
   * Changes of objects of one kind in revision order, from resource_version (exclusive) or, with
   * send_initial_events, the current objects first (ADDED) and then the changes.
   */
  watch(argument: _berth_v1_WatchObjectsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_berth_v1_WatchObjectsResponse__Output>;
  watch(argument: _berth_v1_WatchObjectsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_berth_v1_WatchObjectsResponse__Output>;
  
}

/**
 * The cluster's objects, with Kubernetes' semantics. Any replica serves any call: writes go
 * through Raft (a follower forwards them to the leader); reads are linearizable unless `stale`.
 * `kind` accepts the kind ("Deployment"), its plural ("deployments") or short name ("deploy").
 * Errors carry berth-code metadata: NOT_FOUND, ALREADY_EXISTS, CONFLICT (stale resource_version,
 * gRPC ABORTED), INVALID_ARGUMENT (berth-details has `causes`: [{field, message}]), COMPACTED
 * (the revision is gone: list again), UNAVAILABLE.
 */
export interface ObjectServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Creates the object or brings it in line with the manifest (idempotent). Fields dropped from
   * the manifest since the last apply are removed; fields it never named are left alone.
   */
  Apply: grpc.handleUnaryCall<_berth_v1_ApplyRequest__Output, _berth_v1_ApplyResponse>;
  
  Create: grpc.handleUnaryCall<_berth_v1_CreateRequest__Output, _berth_v1_ObjectResponse>;
  
  /**
   * Deletes the object, or, while it has finalizers, marks it with a deletion timestamp.
   */
  Delete: grpc.handleUnaryCall<_berth_v1_DeleteRequest__Output, _berth_v1_DeleteResponse>;
  
  Get: grpc.handleUnaryCall<_berth_v1_GetRequest__Output, _berth_v1_ObjectResponse>;
  
  List: grpc.handleUnaryCall<_berth_v1_ListRequest__Output, _berth_v1_ListResponse>;
  
  /**
   * A JSON merge patch (RFC 7386) of the object or of its status.
   */
  Patch: grpc.handleUnaryCall<_berth_v1_PatchRequest__Output, _berth_v1_ObjectResponse>;
  
  /**
   * Replaces the object. With metadata.resource_version set, fails with CONFLICT unless it is
   * the current one. With subresource "status", changes only the status.
   */
  Update: grpc.handleUnaryCall<_berth_v1_UpdateRequest__Output, _berth_v1_ObjectResponse>;
  
  /**
   * Changes of objects of one kind in revision order, from resource_version (exclusive) or, with
   * send_initial_events, the current objects first (ADDED) and then the changes.
   */
  Watch: grpc.handleServerStreamingCall<_berth_v1_WatchObjectsRequest__Output, _berth_v1_WatchObjectsResponse>;
  
}

export interface ObjectServiceDefinition extends grpc.ServiceDefinition {
  Apply: MethodDefinition<_berth_v1_ApplyRequest, _berth_v1_ApplyResponse, _berth_v1_ApplyRequest__Output, _berth_v1_ApplyResponse__Output>
  Create: MethodDefinition<_berth_v1_CreateRequest, _berth_v1_ObjectResponse, _berth_v1_CreateRequest__Output, _berth_v1_ObjectResponse__Output>
  Delete: MethodDefinition<_berth_v1_DeleteRequest, _berth_v1_DeleteResponse, _berth_v1_DeleteRequest__Output, _berth_v1_DeleteResponse__Output>
  Get: MethodDefinition<_berth_v1_GetRequest, _berth_v1_ObjectResponse, _berth_v1_GetRequest__Output, _berth_v1_ObjectResponse__Output>
  List: MethodDefinition<_berth_v1_ListRequest, _berth_v1_ListResponse, _berth_v1_ListRequest__Output, _berth_v1_ListResponse__Output>
  Patch: MethodDefinition<_berth_v1_PatchRequest, _berth_v1_ObjectResponse, _berth_v1_PatchRequest__Output, _berth_v1_ObjectResponse__Output>
  Update: MethodDefinition<_berth_v1_UpdateRequest, _berth_v1_ObjectResponse, _berth_v1_UpdateRequest__Output, _berth_v1_ObjectResponse__Output>
  Watch: MethodDefinition<_berth_v1_WatchObjectsRequest, _berth_v1_WatchObjectsResponse, _berth_v1_WatchObjectsRequest__Output, _berth_v1_WatchObjectsResponse__Output>
}
