// The public face of server/raft: the driver that the server process and the API use. The pure
// core, the storage and the transport have their own index.ts files beneath it.
export { RaftNode, MEMBERS_PREFIX } from './node.js';
export type { Member, Proposal, RaftNodeParts } from './node.js';
export { compileRaftNodeOptions } from './node-options.js';
export type { RaftNodeOptions, CompiledRaftNodeOptions } from './node-options.js';
