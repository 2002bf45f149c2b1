// The public face of server/store: the replicated state machine, a revisioned (MVCC) key-value
// store in the replica's LevelDB. Nothing outside this folder imports its other files.
export { Store } from './store.js';
export { encodeCommand, decodeCommand } from './command.js';
export { checkCommand } from './validate.js';
export { prefixEnd, compareKeys, RANGE_END_UNBOUNDED } from './keys.js';
export { compileStoreOptions } from './options.js';
export type { StoreOptions, CompiledStoreOptions } from './options.js';
export type { StoreDb } from './read.js';
export type {
  ApplyEntry,
  ApplyResult,
  BatchOp,
  Command,
  CommandResult,
  CompactCommand,
  Compare,
  CompareOp,
  CompareTarget,
  DeleteCommand,
  DeleteOp,
  GetOptions,
  KeyValue,
  OpResponse,
  PutCommand,
  PutOp,
  RangeOp,
  RangeRequest,
  RangeResult,
  RequestId,
  RequestOp,
  RestorePlan,
  TxnCommand,
  Watch,
  WatchErrorHandler,
  WatchEvent,
  WatchEventHandler,
  WatchRequest,
} from './types.js';
