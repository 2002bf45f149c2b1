// The public face of the API services: registration on the replica's one grpc.Server.
export { registerKvService, createKvService } from './kv-service.js';
export { registerClusterService, createClusterService } from './cluster-service.js';
export { registerObjectService } from './object-service.js';
export type { ObjectServiceOptions } from './object-service.js';
export { compileApiOptions } from './options.js';
export type { ApiOptions, CompiledApiOptions } from './options.js';
export type { ApiNode, ApiStore, ApiMember, ApiService, WriteCommand } from './backend.js';
export { GRPC_STATUS, toErrorStatus } from './errors.js';
export { RESERVED_PREFIX } from './validate.js';
