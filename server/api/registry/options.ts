// Options of the object registry and its watch caches, compiled once.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { BerthError } from '../../../client/index.js';

export interface RegistryOptions {
  logger: Logger;
  /** Largest stored object, in bytes of its JSON. @default 1048576 (1 MiB) */
  maxObjectBytes?: number;
  /** Retries of a write whose compare failed because another write came first. @default 16 */
  maxWriteRetries?: number;
  /** Keys read from the store per round while listing with selectors. @default 500 */
  listChunk?: number;
  /** Changes kept per kind by the watch cache for watchers that resume. @default 10000 */
  watchCacheEvents?: number;
  /** Events queued for one watcher before it is cut off as too slow. @default 10000 */
  maxWatcherQueuedEvents?: number;
  /** Interval of BOOKMARK events on watches that ask for them. @default 5000 */
  bookmarkIntervalMs?: number;
  /** Watchers that resume from before a cache's window and get their own store watch. @default 256 */
  maxCatchUpWatchers?: number;
  /** The clock for timestamps. @default () => new Date() */
  now?: () => Date;
  /** New object uids. @default crypto.randomUUID */
  newUid?: () => string;
}

export interface CompiledRegistryOptions {
  readonly logger: Logger;
  readonly maxObjectBytes: number;
  readonly maxWriteRetries: number;
  readonly listChunk: number;
  readonly watchCacheEvents: number;
  readonly maxWatcherQueuedEvents: number;
  readonly bookmarkIntervalMs: number;
  readonly maxCatchUpWatchers: number;
  readonly now: () => Date;
  readonly newUid: () => string;
}

function positive(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new BerthError('INVALID_ARGUMENT', `registry.${name}: must be an integer >= 1 (got ${String(value)})`);
  }
  return value;
}

export function compileRegistryOptions(raw: RegistryOptions): CompiledRegistryOptions {
  return {
    logger: raw.logger,
    maxObjectBytes: positive('maxObjectBytes', raw.maxObjectBytes ?? 1 << 20),
    maxWriteRetries: positive('maxWriteRetries', raw.maxWriteRetries ?? 16),
    listChunk: positive('listChunk', raw.listChunk ?? 500),
    watchCacheEvents: positive('watchCacheEvents', raw.watchCacheEvents ?? 10_000),
    maxWatcherQueuedEvents: positive('maxWatcherQueuedEvents', raw.maxWatcherQueuedEvents ?? 10_000),
    bookmarkIntervalMs: positive('bookmarkIntervalMs', raw.bookmarkIntervalMs ?? 5000),
    maxCatchUpWatchers: positive('maxCatchUpWatchers', raw.maxCatchUpWatchers ?? 256),
    now: raw.now ?? (() => new Date()),
    newUid: raw.newUid ?? randomUUID,
  };
}

/** RFC 3339 in whole seconds, as Kubernetes writes timestamps. */
export function timestamp(d: Date): string {
  return `${d.toISOString().slice(0, 19)}Z`;
}
