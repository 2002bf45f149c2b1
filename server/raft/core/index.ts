// The pure Raft core: no I/O, timers, clock or ambient randomness (see API.md beside this file).
export { RawNode } from './raw-node.js';
export { encodeConfChange, decodeConfChange } from './conf-change.js';
export { compileRaftOptions } from './options.js';
export type { RaftOptions, CompiledRaftOptions } from './options.js';
export { InvariantError } from './assert.js';
export * from './types.js';
