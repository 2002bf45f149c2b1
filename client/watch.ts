// A watch that survives disconnects. It remembers the revision up to which it has delivered
// everything (the server says so in every response's header, bookmarks included), and when the
// stream breaks — the replica died, the network dropped, the server cut a slow consumer off, or
// nothing arrived for watchIdleTimeoutMs — it opens a new one, on the next endpoint, from the
// revision after that. Back-pressure is end to end: the stream is read only as fast as the
// consumer takes batches.
import type { ClientReadableStream } from '@grpc/grpc-js';
import type { WatchResponse__Output } from '../proto/gen/berth/v1/WatchResponse.js';
import { fromEvent } from './convert.js';
import type { EndpointPool } from './endpoints.js';
import { BerthError } from './errors.js';
import { fromGrpcError } from './grpc-errors.js';
import type { CompiledConnectOptions } from './options.js';
import { backoffMs, sleep } from './retry.js';
import type { WatchEvent, WatchOptions } from './types.js';

/**
 * Failures after which a watch reconnects: the replica or the network failed, or the server cut
 * off a consumer that fell behind. Anything else (COMPACTED, INVALID_ARGUMENT, CANCELLED by a
 * closed client, ...) ends the iteration with that error.
 */
const RESUMABLE = new Set(['UNAVAILABLE', 'RESOURCE_EXHAUSTED', 'TIMEOUT']);

export class WatchStream implements AsyncIterable<WatchEvent[]> {
  private call: ClientReadableStream<WatchResponse__Output> | undefined;
  private cancelled = false;
  private idleTimer: NodeJS.Timeout | undefined;
  private idleExpired = false;
  private started = false;
  /** Everything up to this revision has been delivered. */
  private deliveredUpTo = 0;
  /** Whether deliveredUpTo is known: set by fromRevision or by the server's first response. */
  private anchored = false;
  /** Reconnects since the last response from a server. */
  private failures = 0;

  constructor(
    private readonly pool: EndpointPool,
    private readonly opts: CompiledConnectOptions,
    private readonly key: string,
    private readonly options: WatchOptions,
  ) {
    if (options.fromRevision !== undefined && options.fromRevision > 0) {
      this.deliveredUpTo = options.fromRevision - 1;
      this.anchored = true;
    }
  }

  /** The revision up to which every change has been delivered (where a new watch would resume). */
  get revision(): number {
    return this.deliveredUpTo;
  }

  /** Ends the watch: the iteration finishes normally. Idempotent. */
  cancel(): void {
    this.cancelled = true;
    this.call?.cancel();
  }

  [Symbol.asyncIterator](): AsyncIterator<WatchEvent[]> {
    if (this.started) throw new BerthError('FAILED_PRECONDITION', 'a watch can be iterated only once');
    this.started = true;
    return this.run();
  }

  private async *run(): AsyncGenerator<WatchEvent[]> {
    try {
      while (!this.cancelled) {
        const index = this.pool.currentIndex();
        try {
          const ep = await this.pool.ready(index);
          yield* this.follow(ep.kv.Watch(this.request()));
          // The server ended the stream without an error (it is shutting down): resume.
        } catch (e) {
          if (this.cancelled) return;
          const err = this.idleExpired ? idleError(this.opts.watchIdleTimeoutMs) : fromGrpcError(e, this.pool.addresses[index] ?? '');
          if (!RESUMABLE.has(err.code) || this.failures >= this.opts.watchMaxReconnects) throw err;
          this.failures++;
        }
        if (this.cancelled) return;
        this.pool.advance();
        await sleep(backoffMs(this.failures, this.opts.retry.initialBackoffMs, this.opts.retry.maxBackoffMs));
      }
    } finally {
      this.stopCall();
    }
  }

  private request(): { key: string; rangeEnd: string; prefix: boolean; startRevision: number; prevKv: boolean } {
    return {
      key: this.key,
      rangeEnd: this.options.rangeEnd ?? '',
      prefix: this.options.prefix ?? false,
      // 0 asks for "from now"; once the server said where the watch starts, resume from there.
      startRevision: this.anchored ? this.deliveredUpTo + 1 : 0,
      prevKv: this.options.prevKv ?? false,
    };
  }

  /** Reads one stream: joins fragments into whole revisions and tracks the delivered revision. */
  private async *follow(call: ClientReadableStream<WatchResponse__Output>): AsyncGenerator<WatchEvent[]> {
    this.call = call;
    this.idleExpired = false;
    this.armIdle();
    let pending: WatchEvent[] = [];
    try {
      for await (const res of call as AsyncIterable<WatchResponse__Output>) {
        this.armIdle();
        this.failures = 0;
        pending.push(...res.events.map(fromEvent));
        if (res.fragment) continue;
        const batch = pending;
        pending = [];
        this.deliveredUpTo = Math.max(this.deliveredUpTo, res.header?.revision ?? 0);
        this.anchored = true;
        if (batch.length === 0) continue;
        // The consumer's time is not the server's silence: no idle timeout while it holds a batch.
        this.disarmIdle();
        yield batch;
        this.armIdle();
      }
    } finally {
      this.stopCall();
    }
  }

  /** Restarts the idle timer: a stream silent for longer than bookmarks allow is presumed dead. */
  private armIdle(): void {
    this.disarmIdle();
    this.idleTimer = setTimeout(() => {
      this.idleExpired = true;
      this.call?.cancel();
    }, this.opts.watchIdleTimeoutMs);
  }

  private disarmIdle(): void {
    if (this.idleTimer !== undefined) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
  }

  private stopCall(): void {
    this.disarmIdle();
    this.call?.cancel();
    this.call = undefined;
  }
}

function idleError(ms: number): BerthError {
  return new BerthError('UNAVAILABLE', `the watch stream was silent for ${ms} ms (no events, no bookmarks); reconnecting`);
}
