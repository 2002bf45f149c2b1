// The set of watchers of one store: creates them (bounded in number), hands each committed
// batch's events to them, and tells the apply path which changes need their previous value read.
import { BerthError } from '../../client/index.js';
import { invalid } from './errors.js';
import { prefixEnd, spanContains } from './keys.js';
import type { CompiledStoreOptions } from './options.js';
import type { WatchErrorHandler, WatchEvent, WatchEventHandler, WatchRequest, Watch } from './types.js';
import { checkRevision, checkSpan } from './validate.js';
import type { WatcherSpec, WatchSource } from './watch.js';
import { Watcher } from './watch.js';

export class WatchHub {
  private readonly watchers = new Set<Watcher>();
  private readonly prevKvWatchers = new Set<Watcher>();
  private deferred: Watcher[] = [];

  constructor(
    private readonly src: WatchSource,
    private readonly opts: CompiledStoreOptions,
  ) {}

  get size(): number {
    return this.watchers.size;
  }

  /**
   * Creates a watcher; `defer` holds its start until startDeferred() (a batch is being applied).
   * Throws INVALID_ARGUMENT for a bad request and RESOURCE_EXHAUSTED when maxWatchers are open.
   */
  create(req: WatchRequest, onEvents: WatchEventHandler, onError: WatchErrorHandler, defer: boolean): Watch {
    const spec = this.compile(req);
    if (this.watchers.size >= this.opts.maxWatchers) {
      throw new BerthError('RESOURCE_EXHAUSTED', `too many watchers (limit ${this.opts.maxWatchers}, maxWatchers); retry later`, {
        details: { limit: this.opts.maxWatchers },
      });
    }
    const w = new Watcher(spec, this.src, onEvents, onError, (closed) => this.remove(closed));
    this.watchers.add(w);
    if (spec.prevKv) this.prevKvWatchers.add(w);
    if (defer) this.deferred.push(w);
    else w.start();
    return w;
  }

  private compile(req: WatchRequest): WatcherSpec {
    if (req.prefix === true && req.rangeEnd !== undefined) throw invalid('watch.rangeEnd', 'cannot be given with prefix');
    const rangeEnd = req.prefix === true ? prefixEnd(req.key) : req.rangeEnd;
    const span = checkSpan('watch', req.key, rangeEnd, this.opts);
    const fromRevision = checkRevision('watch.fromRevision', req.fromRevision ?? 0);
    const maxQueuedEvents = req.maxQueuedEvents ?? this.opts.maxWatchQueuedEvents;
    if (!Number.isSafeInteger(maxQueuedEvents) || maxQueuedEvents < 1) {
      throw invalid('watch.maxQueuedEvents', `must be an integer >= 1 (got ${String(maxQueuedEvents)})`);
    }
    return { span, fromRevision, maxQueuedEvents, prevKv: req.prevKv === true };
  }

  /** Whether an active watcher wants the previous version of a change to `key`. */
  wantsPrevKv(key: string): boolean {
    for (const w of this.prevKvWatchers) if (w.active && spanContains(w.spec.span, key)) return true;
    return false;
  }

  /** Hands a committed batch's events to every watcher, then starts the watchers that waited. */
  publish(events: readonly WatchEvent[]): void {
    if (events.length > 0) for (const w of [...this.watchers]) w.offer(events);
    const waiting = this.deferred;
    this.deferred = [];
    for (const w of waiting) w.start();
  }

  /** Ends every watcher with `err` (the store was replaced or closed). */
  failAll(err: BerthError): void {
    this.deferred = [];
    for (const w of [...this.watchers]) w.fail(err);
  }

  private remove(w: Watcher): void {
    this.watchers.delete(w);
    this.prevKvWatchers.delete(w);
  }
}
