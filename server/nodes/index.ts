// The public face of server/nodes: NodeService (agent streams, node liveness, logs and exec relay).
export { registerNodeService } from './node-service.js';
export type { NodeServiceDeps, NodeServiceHandle } from './node-service.js';
export type { PodUsageReport } from './usage.js';
export { compileNodeServiceOptions } from './options.js';
export type { NodeServiceOptions, CompiledNodeServiceOptions } from './options.js';
