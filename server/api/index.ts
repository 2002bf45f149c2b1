// The public face of the API services: registration on the replica's one grpc.Server.
export { registerKvService, createKvService } from './kv-service.js';
export { registerClusterService, createClusterService } from './cluster-service.js';
export { registerObjectService } from './object-service.js';
export type { ObjectServiceOptions, ObjectServiceHandle } from './object-service.js';
export { ObjectRegistry } from './registry/registry.js';
export { WatchCaches } from './registry/watch-cache.js';
export { WatchSession } from './registry/watch-session.js';
export type { EventOutlet, OutgoingEvent } from './registry/watch-session.js';
export { listObjects } from './registry/list.js';
export { recordEvent } from './registry/events.js';
export type { EventRecord } from './registry/events.js';
export { timestamp } from './registry/options.js';
export { failStream, unary } from './respond.js';
export { compileApiOptions } from './options.js';
export type { ApiOptions, CompiledApiOptions } from './options.js';
export type { ApiNode, ApiStore, ApiMember, ApiService, WriteCommand } from './backend.js';
export { GRPC_STATUS, toErrorStatus } from './errors.js';
export { RESERVED_PREFIX } from './validate.js';
