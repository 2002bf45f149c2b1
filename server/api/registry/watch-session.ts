// One object watch (an ObjectService.Watch stream): changes of one kind, filtered by namespace
// and selectors, turned into Kubernetes' event types. An object that stops matching the
// selectors is reported DELETED and one that starts matching ADDED, as a client that keeps a
// cache of the matching set needs. Outgoing events queue while gRPC's buffer is full; a queue past
// its bound ends the watch with RESOURCE_EXHAUSTED (the client resumes from its last revision),
// so that a slow client cannot grow the server's memory.
import { BerthError } from '../../../client/index.js';
import type { KindInfo, KubeObject } from '../../../client/index.js';
import type { Watch } from '../../store/index.js';
import { listPrefix } from './keys.js';
import type { ObjectRegistry } from './registry.js';
import type { ChangeSink, ObjectChange, WatchCache } from './watch-cache.js';
import { decodeChanges } from './watch-cache.js';
import { decodeObject } from './stored.js';

/** Most events in one stream message: bounds a message's size (objects are at most 1 MiB each). */
const MAX_EVENTS_PER_MESSAGE = 64;

export type ObjectEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK';

export interface OutgoingEvent {
  readonly type: ObjectEventType;
  readonly object?: KubeObject;
  readonly revision: number;
  readonly initialEventsEnd?: boolean;
}

/** Where a session's events go: the gRPC stream, adapted by the service. */
export interface EventOutlet {
  /** Sends events as one message; returns false when the stream's buffer is full: wait for onDrain. */
  write(events: readonly OutgoingEvent[]): boolean;
  onDrain(fn: () => void): void;
  /** Ends the stream with an error. */
  fail(err: BerthError): void;
}

export interface WatchParams {
  readonly kind: KindInfo;
  readonly namespace: string;
  readonly matches: (obj: KubeObject) => boolean;
  /**
   * For a kind the watch cache routes (pods, by spec.nodeName): the one value this watch is about.
   * Only an optimisation: `matches` must still accept exactly the objects with that value.
   */
  readonly route?: string;
  /** Changes after this revision; 0: from now on. */
  readonly fromRevision: number;
  readonly sendInitialEvents: boolean;
  readonly allowBookmarks: boolean;
}

export class WatchSession implements ChangeSink {
  private queue: OutgoingEvent[] = [];
  private holding = true;
  private waitingDrain = false;
  private closed = false;
  private lastRevision = 0;
  private timer: NodeJS.Timeout | undefined;
  private ownWatch: Watch | undefined;
  /** Whether this session counts against maxCatchUpWatchers (it has its own store watch). */
  private own = false;
  private readonly prefix: string;

  constructor(
    private readonly reg: ObjectRegistry,
    private readonly cache: WatchCache,
    private readonly p: WatchParams,
    private readonly out: EventOutlet,
    private readonly onEnd: (s: WatchSession) => void,
  ) {
    this.prefix = listPrefix(p.kind, p.namespace);
  }

  get route(): string | undefined {
    return this.p.route;
  }

  async start(): Promise<void> {
    let from = this.p.fromRevision;
    if (this.p.sendInitialEvents) from = await this.sendInitial();
    else if (from === 0) from = Math.max(this.cache.progress, this.reg.node.store.revision);
    if (this.closed) return;
    this.lastRevision = from;
    // A watch "from now" learns at once which revision that was, so that a client whose stream
    // breaks before the first change resumes from there instead of from a later "now".
    if (this.p.allowBookmarks && !this.p.sendInitialEvents) this.push({ type: 'BOOKMARK', revision: from });
    if (!this.cache.subscribe(this, from)) this.watchOwn(from);
    this.holding = false;
    this.flush();
    if (this.p.allowBookmarks) {
      this.timer = setInterval(() => this.bookmark(), this.reg.opts.bookmarkIntervalMs);
      this.timer.unref();
    }
  }

  /** The current matching objects as ADDED, then a BOOKMARK ending them; returns their revision. */
  private async sendInitial(): Promise<number> {
    await this.reg.node.linearizableRead();
    let revision = 0;
    let after: string | undefined;
    for (;;) {
      const r = await this.reg.node.store.range({
        key: this.prefix,
        prefix: true,
        limit: this.reg.opts.listChunk,
        ...(revision > 0 ? { revision } : {}),
        ...(after !== undefined ? { continueAfter: after } : {}),
      });
      revision = r.revision;
      for (const kv of r.kvs) {
        const obj = decodeObject(kv);
        if (this.p.matches(obj)) this.push({ type: 'ADDED', object: obj, revision: kv.modRevision });
      }
      if (!r.more || r.kvs.length === 0) break;
      after = r.kvs[r.kvs.length - 1]!.key;
    }
    this.push({ type: 'BOOKMARK', revision, initialEventsEnd: true });
    return revision;
  }

  /** A private store watch for a resume from before the cache's window. */
  private watchOwn(from: number): void {
    if (from < this.reg.node.store.compactedRevision) {
      this.fail(
        new BerthError('COMPACTED', `resourceVersion ${from} is too old: history before ${this.reg.node.store.compactedRevision} is compacted; list again and watch from the list's resourceVersion`, {
          details: { resourceVersion: from, compactedRevision: this.reg.node.store.compactedRevision },
        }),
      );
      return;
    }
    if (this.reg.catchUpWatches.open >= this.reg.opts.maxCatchUpWatchers) {
      this.fail(new BerthError('RESOURCE_EXHAUSTED', `too many watches resuming from old revisions (limit ${this.reg.opts.maxCatchUpWatchers}, maxCatchUpWatchers); list again and watch from the list's resourceVersion`));
      return;
    }
    this.reg.catchUpWatches.open++;
    this.own = true;
    const req = { key: this.prefix, prefix: true, fromRevision: from + 1, prevKv: true, maxQueuedEvents: this.reg.opts.maxWatcherQueuedEvents };
    Promise.resolve(this.reg.node.store.watch(req, (events) => this.offer(decodeChanges(this.reg, events)), (err) => this.fail(err))).then(
      (w) => {
        if (this.closed) w.cancel();
        else this.ownWatch = w;
      },
      (err: unknown) => this.fail(err as BerthError),
    );
  }

  offer(changes: readonly ObjectChange[]): void {
    if (this.closed) return;
    for (const c of changes) {
      if (c.revision <= this.lastRevision || !c.key.startsWith(this.prefix)) continue;
      const e = this.eventOf(c);
      if (e !== undefined) this.push(e);
    }
    if (this.queue.length > this.reg.opts.maxWatcherQueuedEvents) {
      this.fail(
        new BerthError('RESOURCE_EXHAUSTED', `watch fell more than ${this.reg.opts.maxWatcherQueuedEvents} events behind and was cancelled; watch again from your last resourceVersion`, {
          details: { limit: this.reg.opts.maxWatcherQueuedEvents },
        }),
      );
      return;
    }
    this.flush();
  }

  /** ADDED/MODIFIED/DELETED as seen through this watch's selectors, or nothing. */
  private eventOf(c: ObjectChange): OutgoingEvent | undefined {
    const was = c.prev !== undefined && this.p.matches(c.prev);
    if (c.deleted) return was ? { type: 'DELETED', object: c.object, revision: c.revision } : undefined;
    const is = this.p.matches(c.object);
    if (is) return { type: was ? 'MODIFIED' : 'ADDED', object: c.object, revision: c.revision };
    return was ? { type: 'DELETED', object: c.object, revision: c.revision } : undefined;
  }

  private push(e: OutgoingEvent): void {
    this.queue.push(e);
    if (e.type !== 'BOOKMARK') this.lastRevision = Math.max(this.lastRevision, e.revision);
  }

  private flush(): void {
    if (this.holding || this.waitingDrain || this.closed) return;
    let i = 0;
    while (i < this.queue.length) {
      const batch = this.queue.slice(i, i + MAX_EVENTS_PER_MESSAGE);
      const ok = this.out.write(batch);
      i += batch.length;
      if (!ok) {
        this.waitingDrain = true;
        this.out.onDrain(() => {
          this.waitingDrain = false;
          this.flush();
        });
        break;
      }
    }
    this.queue = i >= this.queue.length ? [] : this.queue.slice(i);
  }

  private bookmark(): void {
    if (this.closed || this.holding || this.queue.length > 0 || this.waitingDrain) return;
    // The cache's progress holds for this session only if it is fed by the cache.
    const revision = this.own ? this.lastRevision : Math.max(this.lastRevision, this.cache.progress);
    this.lastRevision = revision;
    this.out.write([{ type: 'BOOKMARK', revision }]);
  }

  fail(err: BerthError): void {
    if (this.closed) return;
    this.close();
    this.out.fail(err);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.timer !== undefined) clearInterval(this.timer);
    this.cache.unsubscribe(this);
    this.ownWatch?.cancel();
    if (this.own) this.reg.catchUpWatches.open--;
    this.queue = [];
    this.onEnd(this);
  }
}
