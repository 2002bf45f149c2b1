// The public face of the Raft transport: the seam the driver depends on, the gRPC implementation
// the server process runs, and the in-process one for driver unit tests.
export type { Transport, TransportHandler } from './transport.js';
export { GrpcTransport } from './grpc-transport.js';
export { compileGrpcTransportOptions, grpcServerOptions } from './options.js';
export type { CompiledGrpcTransportOptions, GrpcTransportOptions } from './options.js';
export { MemoryNetwork, MemoryTransport, compileMemoryNetworkOptions, copyMessage } from './memory-transport.js';
export type { CompiledMemoryNetworkOptions, MemoryNetworkOptions } from './memory-transport.js';
