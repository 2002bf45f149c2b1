// The public face of the Raft storage: the seam the driver depends on and its LevelDB implementation.
export type { RaftBatchOp, RaftStorage, RaftStorageState } from './storage.js';
export { LevelRaftStorage } from './level-raft-storage.js';
export { checkDataDir, openDataDb, openLevel } from './data-dir.js';
export type { DataDb } from './data-dir.js';
export { RAFT_PREFIX } from './keys.js';
