// One Watch call: a store watch whose events are written to the gRPC stream as the client takes
// them. Back-pressure runs end to end: while the client does not read, gRPC's buffer fills, the
// event handler's promise stays pending, events queue in the store's watcher, and the store cuts
// the watcher off at its bound; the call then ends with RESOURCE_EXHAUSTED and the client resumes
// from the last revision it saw.
import type { ServerWritableStream } from '@grpc/grpc-js';
import { BerthError } from '../../client/index.js';
import type { WatchRequest__Output } from '../../proto/gen/berth/v1/WatchRequest.js';
import type { WatchResponse } from '../../proto/gen/berth/v1/WatchResponse.js';
import type { Watch, WatchEvent } from '../store/index.js';
import type { ApiNode } from './backend.js';
import type { CompiledApiOptions } from './options.js';
import { failStream, responseHeader, toProtoKv } from './respond.js';
import { validateWatch } from './validate.js';
import { packEvents } from './watch-pack.js';

type WatchCall = ServerWritableStream<WatchRequest__Output, WatchResponse>;

const METHOD = 'KV/Watch';

export class WatchSession {
  private storeWatch: Watch | undefined;
  private bookmarkTimer: NodeJS.Timeout | undefined;
  private ended = false;
  /** Handlers of the store that have not finished writing (the client is slow). */
  private busy = 0;
  /** Every change up to this revision has been sent. */
  private sentUpTo = 0;
  /** Store revision when the watch opened: history up to it is replayed, later changes are live. */
  private openRevision = 0;
  /** Whether the replay of history is known to be over, so the store's revision can be a bookmark. */
  private live = false;
  /** The store's revision at the previous bookmark tick: see bookmark(). */
  private candidate = 0;
  /** When this replica was first seen without a leader, or undefined while it has one. */
  private leaderlessSince: number | undefined;

  constructor(
    private readonly call: WatchCall,
    private readonly node: ApiNode,
    private readonly opts: CompiledApiOptions,
    /** The open sessions of the service, which close() ends when the replica shuts down. */
    private readonly sessions: Set<WatchSession>,
  ) {}

  async start(): Promise<void> {
    this.sessions.add(this);
    const stop = (): void => this.stop();
    this.call.on('cancelled', stop);
    this.call.on('close', stop);
    this.call.on('finish', stop);
    this.call.on('error', stop);
    try {
      await this.open();
    } catch (err) {
      this.fail(err);
    }
  }

  private async open(): Promise<void> {
    const { request, startRevision } = validateWatch(this.call.request, this.opts);
    const store = this.node.store;
    this.openRevision = store.revision;
    // A watch "from now" is pinned to an explicit revision, so that the first response can say
    // exactly where it starts and a client that reconnects loses nothing.
    const from = startRevision > 0 ? startRevision : this.openRevision + 1;
    this.sentUpTo = from - 1;
    this.live = from > this.openRevision;
    const bound = this.opts.maxWatchQueuedEvents;
    const watch = await store.watch(
      { ...request, fromRevision: from, ...(bound !== undefined ? { maxQueuedEvents: bound } : {}) },
      (events) => this.onEvents(events),
      (err) => this.fail(err),
    );
    if (this.ended) {
      watch.cancel();
      return;
    }
    this.storeWatch = watch;
    this.write({ header: responseHeader(this.node, this.opts.clusterId, this.sentUpTo), events: [], fragment: false });
    this.candidate = store.revision;
    this.bookmarkTimer = setInterval(() => this.bookmark(), this.opts.watchBookmarkIntervalMs);
  }

  private async onEvents(events: WatchEvent[]): Promise<void> {
    if (this.ended) return;
    this.busy++;
    try {
      for (const packed of packEvents(events, this.opts.maxWatchResponseBytes)) {
        const last = packed.events.at(-1);
        if (last === undefined) continue;
        const upTo = packed.fragment ? last.revision - 1 : last.revision;
        if (!this.write({ header: responseHeader(this.node, this.opts.clusterId, upTo), events: packed.events.map(toProtoEvent), fragment: packed.fragment })) {
          await this.drained();
        }
        if (this.ended) return;
        this.sentUpTo = Math.max(this.sentUpTo, upTo);
        if (upTo >= this.openRevision) this.live = true;
      }
    } finally {
      this.busy--;
    }
  }

  /**
   * Sends the revision this watcher is known to be complete up to. Once live, that is the store's
   * revision as of the previous tick (an interval ago), not now: the store may hand events to
   * watchers a little after it advances its revision, and a bookmark must never get ahead of an
   * event still on its way. While history is still being replayed, only what was sent counts.
   */
  private bookmark(): void {
    const previous = this.candidate;
    this.candidate = this.node.store.revision;
    if (this.cutOff()) return;
    if (this.ended || this.busy > 0 || this.call.writableNeedDrain) return;
    const upTo = this.live ? Math.max(this.sentUpTo, previous) : this.sentUpTo;
    this.sentUpTo = upTo;
    this.write({ header: responseHeader(this.node, this.opts.clusterId, upTo), events: [], fragment: false });
  }

  /**
   * A replica cut off from the others hears of no changes, yet its bookmarks would tell the
   * client all is well: once it has known no leader for watchNoLeaderTimeoutMs, the watch ends
   * with UNAVAILABLE and the client resumes elsewhere.
   */
  private cutOff(): boolean {
    if (this.node.status().leader !== '') {
      this.leaderlessSince = undefined;
      return false;
    }
    const now = Date.now();
    this.leaderlessSince ??= now;
    if (now - this.leaderlessSince < this.opts.watchNoLeaderTimeoutMs) return false;
    this.fail(new BerthError('UNAVAILABLE', `replica ${this.node.id} has known no leader for ${this.opts.watchNoLeaderTimeoutMs} ms; watch on another replica`));
    return true;
  }

  /** Ends the call with `err` (UNAVAILABLE when the replica shuts down): the client resumes elsewhere. */
  close(err: BerthError): void {
    this.fail(err);
  }

  private write(res: WatchResponse): boolean {
    if (this.ended) return true;
    return this.call.write(res);
  }

  private drained(): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        for (const ev of ['drain', 'close', 'finish', 'error', 'cancelled']) this.call.off(ev, done);
        resolve();
      };
      for (const ev of ['drain', 'close', 'finish', 'error', 'cancelled']) this.call.once(ev, done);
    });
  }

  private fail(err: unknown): void {
    if (this.ended) return;
    this.stop();
    failStream(this.call, err, this.opts.logger, METHOD);
  }

  /** Releases the store watcher and the timer; idempotent. */
  private stop(): void {
    if (this.ended) return;
    this.ended = true;
    this.sessions.delete(this);
    if (this.bookmarkTimer !== undefined) clearInterval(this.bookmarkTimer);
    this.storeWatch?.cancel();
    this.storeWatch = undefined;
  }
}

function toProtoEvent(e: WatchEvent): NonNullable<WatchResponse['events']>[number] {
  return {
    type: e.type === 'put' ? 'PUT' : 'DELETE',
    kv: toProtoKv(e.kv),
    ...(e.prevKv !== undefined ? { prevKv: toProtoKv(e.prevKv) } : {}),
  };
}
