// One store watch per kind on a replica, shared by every object watch of that kind (Kubernetes'
// watch cache). It decodes each change once and keeps the last `watchCacheEvents` of them, so
// that a watcher resuming from a recent resourceVersion is served from memory; a watcher from
// further back gets its own store watch (bounded in number), and one from before the store's
// compacted revision gets COMPACTED and lists again.
import type { BerthError, KindInfo, KubeObject } from '../../../client/index.js';
import type { Watch, WatchEvent } from '../../store/index.js';
import { listPrefix } from './keys.js';
import type { ObjectRegistry } from './registry.js';
import { decodeAt } from './stored.js';

/** One change of an object, decoded. */
export interface ObjectChange {
  readonly revision: number;
  readonly key: string;
  /** The new version, or for a deletion the last version (with resourceVersion = revision). */
  readonly object: KubeObject;
  /** The version before, when there was one. */
  readonly prev: KubeObject | undefined;
  readonly deleted: boolean;
}

export interface ChangeSink {
  /**
   * The one value of the cache's route (a pod's spec.nodeName) this sink wants: it is offered only
   * the changes whose object had or has that value. Undefined: every change.
   */
  readonly route?: string | undefined;
  /** Changes in revision order, whole revisions at a time. */
  offer(changes: readonly ObjectChange[]): void;
  fail(err: BerthError): void;
}

/**
 * The field each kind's cache routes changes by (Kubernetes' watch cache indexes pods by
 * spec.nodeName for the same reason): every agent watches only its own node's pods, and without
 * the index each change would be filtered once per agent.
 */
const ROUTES: ReadonlyMap<string, (obj: KubeObject) => string | undefined> = new Map([
  ['Pod', (obj: KubeObject) => {
    const n = (obj.spec as { nodeName?: unknown } | undefined)?.nodeName;
    return typeof n === 'string' && n !== '' ? n : undefined;
  }],
]);

/** The route of `obj` in a cache of `kind`, if that kind has routes. */
export function routeOf(kind: KindInfo, obj: KubeObject): string | undefined {
  return ROUTES.get(kind.kind)?.(obj);
}

/** Decodes store events; values that do not decode are logged and skipped. */
export function decodeChanges(reg: ObjectRegistry, events: readonly WatchEvent[]): ObjectChange[] {
  const out: ObjectChange[] = [];
  for (const e of events) {
    try {
      const prev = e.prevKv === undefined ? undefined : decodeAt(e.kv.key, e.prevKv.value, e.prevKv.modRevision);
      if (e.type === 'delete') {
        if (prev === undefined) continue;
        const object = { ...prev, metadata: { ...prev.metadata, resourceVersion: String(e.revision) } };
        out.push({ revision: e.revision, key: e.kv.key, object, prev, deleted: true });
      } else {
        out.push({ revision: e.revision, key: e.kv.key, object: decodeAt(e.kv.key, e.kv.value, e.revision), prev, deleted: false });
      }
    } catch (err) {
      reg.opts.logger.error({ component: 'watch-cache', key: e.kv.key, err }, 'skipping a change that does not decode');
    }
  }
  return out;
}

export class WatchCache {
  private buffer: ObjectChange[] = [];
  /** Every change with a revision >= completeFrom is in the buffer or still to come. */
  private completeFrom: number;
  private seen: number;
  private readonly sinks = new Set<ChangeSink>();
  /** Sinks with a route, by route (also in `sinks`). */
  private readonly routed = new Map<string, Set<ChangeSink>>();
  private readonly routeOf: ((obj: KubeObject) => string | undefined) | undefined;
  private readonly storeWatch: Watch;
  private failure: BerthError | undefined;

  constructor(
    private readonly reg: ObjectRegistry,
    readonly kind: KindInfo,
    private readonly onFail: (cache: WatchCache) => void,
  ) {
    this.routeOf = ROUTES.get(kind.kind);
    const from = reg.node.store.revision + 1;
    this.completeFrom = from;
    this.seen = from - 1;
    const req = { key: listPrefix(kind, ''), prefix: true, fromRevision: from, prevKv: true, maxQueuedEvents: reg.opts.watchCacheEvents * 10 };
    this.storeWatch = reg.node.store.watch(req, (events) => this.take(events), (err) => this.fail(err)) as Watch;
  }

  /** The revision through which this cache has every change of its kind. */
  get progress(): number {
    return this.seen;
  }

  get failed(): boolean {
    return this.failure !== undefined;
  }

  /**
   * Adds `sink` for changes after `fromRevision`, first handing it the buffered ones. Returns
   * false when the buffer no longer reaches back that far.
   */
  subscribe(sink: ChangeSink, fromRevision: number): boolean {
    if (this.failure !== undefined) return false;
    if (fromRevision + 1 < this.completeFrom) return false;
    const route = this.routeOf === undefined ? undefined : sink.route;
    const due = this.buffer.filter((c) => c.revision > fromRevision && (route === undefined || this.onRoute(c, route)));
    if (due.length > 0) sink.offer(due);
    this.sinks.add(sink);
    if (route !== undefined) {
      let set = this.routed.get(route);
      if (set === undefined) this.routed.set(route, (set = new Set()));
      set.add(sink);
    }
    return true;
  }

  unsubscribe(sink: ChangeSink): void {
    this.sinks.delete(sink);
    const route = sink.route;
    const set = route === undefined ? undefined : this.routed.get(route);
    if (set !== undefined && route !== undefined) {
      set.delete(sink);
      if (set.size === 0) this.routed.delete(route);
    }
  }

  private onRoute(c: ObjectChange, route: string): boolean {
    return this.routeOf!(c.object) === route || (c.prev !== undefined && this.routeOf!(c.prev) === route);
  }

  get size(): number {
    return this.sinks.size;
  }

  close(): void {
    this.storeWatch.cancel();
    this.sinks.clear();
  }

  private take(events: WatchEvent[]): void {
    const changes = decodeChanges(this.reg, events);
    const last = events[events.length - 1];
    if (last !== undefined) this.seen = Math.max(this.seen, last.revision);
    if (changes.length === 0) return;
    this.buffer.push(...changes);
    const excess = this.buffer.length - this.reg.opts.watchCacheEvents;
    if (excess > 0) {
      // Drop whole revisions only, so that completeFrom stays exact.
      let cut = excess;
      while (cut < this.buffer.length && this.buffer[cut]!.revision === this.buffer[cut - 1]!.revision) cut++;
      this.completeFrom = this.buffer[cut - 1]!.revision + 1;
      this.buffer = this.buffer.slice(cut);
    }
    if (this.routed.size === 0) {
      for (const sink of [...this.sinks]) sink.offer(changes);
      return;
    }
    // Each change goes to the sinks of its route(s) (old and new: a pod moving off a node is news
    // there), in revision order per route; unrouted sinks get everything.
    const byRoute = new Map<string, ObjectChange[]>();
    const add = (route: string | undefined, c: ObjectChange): void => {
      if (route === undefined || !this.routed.has(route)) return;
      const list = byRoute.get(route);
      if (list === undefined) byRoute.set(route, [c]);
      else if (list[list.length - 1] !== c) list.push(c);
    };
    for (const c of changes) {
      add(this.routeOf!(c.object), c);
      if (c.prev !== undefined) add(this.routeOf!(c.prev), c);
    }
    for (const sink of [...this.sinks]) {
      if (sink.route === undefined) sink.offer(changes);
    }
    for (const [route, list] of byRoute) {
      for (const sink of [...(this.routed.get(route) ?? [])]) sink.offer(list);
    }
  }

  private fail(err: BerthError): void {
    this.failure = err;
    for (const sink of [...this.sinks]) sink.fail(err);
    this.sinks.clear();
    this.routed.clear();
    this.onFail(this);
  }
}

/** The caches of one replica, made on first use and dropped when their store watch fails. */
export class WatchCaches {
  private readonly caches = new Map<string, WatchCache>();

  constructor(private readonly reg: ObjectRegistry) {}

  of(kind: KindInfo): WatchCache {
    let c = this.caches.get(kind.kind);
    if (c === undefined || c.failed) {
      c = new WatchCache(this.reg, kind, (dead) => {
        if (this.caches.get(kind.kind) === dead) this.caches.delete(kind.kind);
      });
      this.caches.set(kind.kind, c);
    }
    return c;
  }

  close(): void {
    for (const c of this.caches.values()) c.close();
    this.caches.clear();
  }
}
