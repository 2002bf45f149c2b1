import { BerthError } from '../../client/index.js';

/**
 * Options of the replicated key-value store. The options marked "replicated" change what a
 * command does when it is applied, so every replica of a cluster must use the same value or
 * their states diverge.
 */
export interface StoreOptions {
  /**
   * Largest command (encoded entry data) and largest put value, in bytes. A bigger command is
   * applied as a TOO_LARGE error result. Replicated.
   * @default 1572864 (1.5 MiB)
   */
  maxRequestBytes?: number;
  /** Largest key, in UTF-8 bytes. Replicated. @default 4096 */
  maxKeyBytes?: number;
  /** Most compares, and most ops in each branch, of one txn. Replicated. @default 128 */
  maxTxnOps?: number;
  /**
   * Largest `limit` of a range, and the number of keys a range without a limit returns at most
   * (it then reports `more: true`). Replicated, because txn range ops are checked against it.
   * @default 10000
   */
  maxRangeLimit?: number;
  /**
   * A range stops adding keys once their values reach this many bytes (it always returns at
   * least one key) and reports `more: true`.
   * @default 33554432 (32 MiB)
   */
  maxRangeBytes?: number;
  /**
   * Events a watcher may have queued (not yet taken by its consumer) before it is cut off with
   * RESOURCE_EXHAUSTED. A watch request may ask for a different bound.
   * @default 10000
   */
  maxWatchQueuedEvents?: number;
  /** Watchers open at once; one more is refused with RESOURCE_EXHAUSTED. @default 10000 */
  maxWatchers?: number;
  /** Version records read from LevelDB in one getMany (ranges, watch replay, snapshots). @default 256 */
  readBatchSize?: number;
  /**
   * Records of compacted history deleted from LevelDB in one apply batch. Compaction itself is
   * immediate; the physical deletes are spread over later batches so that no batch is huge.
   * @default 10000
   */
  compactionDeletesPerBatch?: number;
}

export type CompiledStoreOptions = Readonly<Required<StoreOptions>>;

function positiveInt(name: keyof StoreOptions, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new BerthError('INVALID_ARGUMENT', `store.${name}: must be an integer >= 1 (got ${String(value)})`, {
      details: { field: `store.${name}` },
    });
  }
  return value;
}

/** Fills defaults and validates, once. Throws INVALID_ARGUMENT naming the bad option. */
export function compileStoreOptions(raw: StoreOptions = {}): CompiledStoreOptions {
  return {
    maxRequestBytes: positiveInt('maxRequestBytes', raw.maxRequestBytes ?? 1_572_864),
    maxKeyBytes: positiveInt('maxKeyBytes', raw.maxKeyBytes ?? 4096),
    maxTxnOps: positiveInt('maxTxnOps', raw.maxTxnOps ?? 128),
    maxRangeLimit: positiveInt('maxRangeLimit', raw.maxRangeLimit ?? 10_000),
    maxRangeBytes: positiveInt('maxRangeBytes', raw.maxRangeBytes ?? 32 << 20),
    maxWatchQueuedEvents: positiveInt('maxWatchQueuedEvents', raw.maxWatchQueuedEvents ?? 10_000),
    maxWatchers: positiveInt('maxWatchers', raw.maxWatchers ?? 10_000),
    readBatchSize: positiveInt('readBatchSize', raw.readBatchSize ?? 256),
    compactionDeletesPerBatch: positiveInt('compactionDeletesPerBatch', raw.compactionDeletesPerBatch ?? 10_000),
  };
}
