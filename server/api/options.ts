// Options of the API services (KV and ClusterService), compiled once with defaults and checks.
import type { Logger } from 'pino';
import { pino } from 'pino';
import { BerthError } from '../../client/index.js';

export interface ApiOptions {
  /** The cluster's id, reported in every response header. Required. */
  clusterId: string;
  /** Where the services log (a child with component "api" is made). @default a silent logger */
  logger?: Logger;
  /**
   * Largest key, in UTF-8 bytes. Keep equal to the store's maxKeyBytes, so that a bad key is
   * refused before it costs a Raft round. @default 4096
   */
  maxKeyBytes?: number;
  /** Largest put value, in bytes. Keep equal to the store's maxRequestBytes. @default 1572864 (1.5 MiB) */
  maxValueBytes?: number;
  /** Most compares, and most ops in each branch, of one txn. Keep equal to the store's. @default 128 */
  maxTxnOps?: number;
  /** Requests in flight on one KV.Call stream; more are answered RESOURCE_EXHAUSTED. @default 4096 */
  maxCallsPerStream?: number;
  /** Largest `limit` of a range. Keep equal to the store's maxRangeLimit. @default 10000 */
  maxRangeLimit?: number;
  /** A watch with nothing to send sends a bookmark this often. @default 5000 */
  watchBookmarkIntervalMs?: number;
  /**
   * Soft bound on the key and value bytes of one watch response: more events go in the next one
   * (a single event bigger than this is still sent, alone). @default 1048576 (1 MiB)
   */
  maxWatchResponseBytes?: number;
  /**
   * Events a watch may have waiting for a slow client before it is cut off with
   * RESOURCE_EXHAUSTED. @default the store's maxWatchQueuedEvents
   */
  maxWatchQueuedEvents?: number;
  /**
   * A watch on a replica that has known no leader for this long is ended with UNAVAILABLE, so
   * that its client resumes on a replica that is not cut off from the cluster. @default 10000
   */
  watchNoLeaderTimeoutMs?: number;
  /** TransferLeader fails with TIMEOUT if `to` does not lead within this time. @default 10000 */
  transferLeaderTimeoutMs?: number;
}

export interface CompiledApiOptions {
  readonly clusterId: string;
  readonly logger: Logger;
  readonly maxKeyBytes: number;
  readonly maxValueBytes: number;
  readonly maxTxnOps: number;
  readonly maxCallsPerStream: number;
  readonly maxRangeLimit: number;
  readonly watchBookmarkIntervalMs: number;
  readonly maxWatchResponseBytes: number;
  readonly maxWatchQueuedEvents: number | undefined;
  readonly watchNoLeaderTimeoutMs: number;
  readonly transferLeaderTimeoutMs: number;
}

function positiveInt(name: keyof ApiOptions, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new BerthError('INVALID_ARGUMENT', `api.${name}: must be an integer >= 1 (got ${String(value)})`, {
      details: { field: `api.${name}` },
    });
  }
  return value;
}

/** Fills defaults and validates, once. Throws INVALID_ARGUMENT naming the bad option. */
export function compileApiOptions(raw: ApiOptions): CompiledApiOptions {
  if (typeof raw.clusterId !== 'string' || raw.clusterId === '') {
    throw new BerthError('INVALID_ARGUMENT', `api.clusterId: must be a non-empty string (got ${JSON.stringify(raw.clusterId)})`, {
      details: { field: 'api.clusterId' },
    });
  }
  return {
    clusterId: raw.clusterId,
    logger: (raw.logger ?? pino({ level: 'silent' })).child({ component: 'api' }),
    maxKeyBytes: positiveInt('maxKeyBytes', raw.maxKeyBytes ?? 4096),
    maxValueBytes: positiveInt('maxValueBytes', raw.maxValueBytes ?? 1_572_864),
    maxTxnOps: positiveInt('maxTxnOps', raw.maxTxnOps ?? 128),
    maxCallsPerStream: positiveInt('maxCallsPerStream', raw.maxCallsPerStream ?? 4096),
    maxRangeLimit: positiveInt('maxRangeLimit', raw.maxRangeLimit ?? 10_000),
    watchBookmarkIntervalMs: positiveInt('watchBookmarkIntervalMs', raw.watchBookmarkIntervalMs ?? 5000),
    maxWatchResponseBytes: positiveInt('maxWatchResponseBytes', raw.maxWatchResponseBytes ?? 1 << 20),
    maxWatchQueuedEvents:
      raw.maxWatchQueuedEvents === undefined ? undefined : positiveInt('maxWatchQueuedEvents', raw.maxWatchQueuedEvents),
    watchNoLeaderTimeoutMs: positiveInt('watchNoLeaderTimeoutMs', raw.watchNoLeaderTimeoutMs ?? 10_000),
    transferLeaderTimeoutMs: positiveInt('transferLeaderTimeoutMs', raw.transferLeaderTimeoutMs ?? 10_000),
  };
}
