// A shared informer: one kind's objects in memory on the leader, listed once and then kept up to
// date from the replica's watch cache of that kind (one store watch per kind, shared with API
// watchers). Controllers read from it instead of the store, and find an owner's dependents (or a
// node's pods) through indexes. When the watch fails (the cache fell behind), the informer lists
// again and reports the difference as changes, so that handlers never miss a transition.
import type { BerthError, KindInfo, KubeObject } from '../../client/index.js';
import type { ObjectRegistry, WatchCaches } from '../api/index.js';
import { listObjects } from '../api/index.js';
import type { InformerEvent, InformerView } from './types.js';
import { keyOf } from './types.js';

type IndexFn = (obj: KubeObject) => readonly string[];

/** The uid of the object's controlling owner, if any. */
export function controllerUid(obj: KubeObject): string | undefined {
  return obj.metadata.ownerReferences?.find((r) => r.controller === true)?.uid;
}

const BUILT_IN_INDEXES: Record<string, IndexFn> = {
  controller: (o) => {
    const uid = controllerUid(o);
    return uid === undefined ? [] : [uid];
  },
  owner: (o) => (o.metadata.ownerReferences ?? []).map((r) => r.uid),
};

const POD_INDEXES: Record<string, IndexFn> = {
  node: (o) => {
    const n = (o.spec as { nodeName?: string } | undefined)?.nodeName;
    return n === undefined || n === '' ? [] : [n];
  },
};

/** Changes of one store revision or more, as the watch cache hands them over. */
interface Change {
  readonly revision: number;
  readonly object: KubeObject;
  readonly prev: KubeObject | undefined;
  readonly deleted: boolean;
}

export class Informer implements InformerView {
  private readonly objects = new Map<string, KubeObject>();
  private readonly indexFns = new Map<string, IndexFn>();
  private readonly indexes = new Map<string, Map<string, Set<string>>>();
  private readonly handlers = new Set<(e: InformerEvent) => void>();
  private readonly waiters: { revision: number; resolve: () => void }[] = [];
  private rev = 0;
  private stopped = false;
  private readonly sink = { offer: (c: readonly Change[]) => this.apply(c), fail: (err: BerthError) => this.failed(err) };

  constructor(
    readonly kind: KindInfo,
    private readonly reg: ObjectRegistry,
    private readonly caches: WatchCaches,
  ) {
    for (const [name, fn] of Object.entries(BUILT_IN_INDEXES)) this.addIndex(name, fn);
    if (kind.kind === 'Pod') for (const [name, fn] of Object.entries(POD_INDEXES)) this.addIndex(name, fn);
  }

  get revision(): number {
    return this.rev;
  }

  /** Lists the kind and starts following its changes. Resolves once the copy is complete. */
  async start(): Promise<void> {
    await this.sync(false);
  }

  stop(): void {
    this.stopped = true;
    this.caches.of(this.kind).unsubscribe(this.sink);
    this.handlers.clear();
    for (const w of this.waiters.splice(0)) w.resolve();
  }

  get(namespace: string | undefined, name: string): KubeObject | undefined {
    return this.objects.get(this.kind.namespaced ? `${namespace === undefined || namespace === '' ? 'default' : namespace}/${name}` : name);
  }

  list(namespace?: string): KubeObject[] {
    const all = [...this.objects.values()];
    return namespace === undefined ? all : all.filter((o) => (o.metadata.namespace ?? '') === namespace);
  }

  byIndex(index: string, value: string): KubeObject[] {
    const keys = this.indexes.get(index)?.get(value);
    if (keys === undefined) return [];
    const out: KubeObject[] = [];
    for (const k of keys) {
      const o = this.objects.get(k);
      if (o !== undefined) out.push(o);
    }
    return out;
  }

  addIndex(name: string, keys: IndexFn): void {
    this.indexFns.set(name, keys);
    const idx = new Map<string, Set<string>>();
    this.indexes.set(name, idx);
    for (const [k, o] of this.objects) for (const v of keys(o)) addTo(idx, v, k);
  }

  on(handler: (e: InformerEvent) => void): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  /** Resolves once this copy has every change through `revision` (or the informer stopped). */
  waitFor(revision: number): Promise<void> {
    if (this.rev >= revision || this.stopped) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ revision, resolve }));
  }

  /**
   * Lists at one revision and subscribes to the watch cache from there. The cache is taken before
   * the list, so that its window starts at or before the list's revision.
   */
  private async sync(relist: boolean): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      const cache = this.caches.of(this.kind);
      const page = await listObjects(this.reg, this.kind, { namespace: '', labelSelector: '', fieldSelector: '', limit: 0, continueToken: '', stale: true });
      if (this.stopped) return;
      if (relist) this.replaceAll(page.items, page.revision);
      else for (const o of page.items) this.put(keyOf(o), o);
      this.setRevision(page.revision);
      if (cache.subscribe(this.sink, page.revision)) return;
      // The cache's window already moved past the list (a busy kind): list again.
    }
  }

  /** After a relist: every difference from what was held, as changes. */
  private replaceAll(items: readonly KubeObject[], revision: number): void {
    const seen = new Set<string>();
    for (const o of items) {
      const k = keyOf(o);
      seen.add(k);
      const prev = this.objects.get(k);
      if (prev !== undefined && prev.metadata.resourceVersion === o.metadata.resourceVersion) continue;
      this.put(k, o);
      this.emit(prev === undefined ? { type: 'ADDED', object: o } : { type: 'MODIFIED', object: o, prev });
    }
    for (const [k, prev] of [...this.objects]) {
      if (seen.has(k)) continue;
      this.remove(k);
      this.emit({ type: 'DELETED', object: { ...prev, metadata: { ...prev.metadata, resourceVersion: String(revision) } }, prev });
    }
  }

  private apply(changes: readonly Change[]): void {
    if (this.stopped) return;
    for (const c of changes) {
      if (c.revision <= this.rev) continue;
      const k = keyOf(c.object);
      const had = this.objects.get(k);
      if (c.deleted) {
        this.remove(k);
        this.emit({ type: 'DELETED', object: c.object, prev: had ?? c.prev ?? c.object });
      } else {
        this.put(k, c.object);
        this.emit(had === undefined ? { type: 'ADDED', object: c.object } : { type: 'MODIFIED', object: c.object, prev: had });
      }
    }
    const last = changes[changes.length - 1];
    if (last !== undefined) this.setRevision(Math.max(this.rev, last.revision));
  }

  private failed(err: BerthError): void {
    if (this.stopped) return;
    this.reg.opts.logger.warn({ component: 'informer', kind: this.kind.kind, err: err.message }, 'watch ended; listing again');
    void this.sync(true).catch((e: unknown) => {
      this.reg.opts.logger.error({ component: 'informer', kind: this.kind.kind, err: e }, 'relist failed; retrying');
      setTimeout(() => this.failed(err), 1000).unref();
    });
  }

  private setRevision(rev: number): void {
    this.rev = rev;
    if (this.waiters.length === 0) return;
    const due = this.waiters.filter((w) => w.revision <= rev);
    if (due.length === 0) return;
    for (const w of due) this.waiters.splice(this.waiters.indexOf(w), 1);
    for (const w of due) w.resolve();
  }

  private put(k: string, o: KubeObject): void {
    const prev = this.objects.get(k);
    if (prev !== undefined) this.unindex(k, prev);
    this.objects.set(k, o);
    for (const [name, fn] of this.indexFns) {
      const idx = this.indexes.get(name)!;
      for (const v of fn(o)) addTo(idx, v, k);
    }
  }

  private remove(k: string): void {
    const prev = this.objects.get(k);
    if (prev === undefined) return;
    this.unindex(k, prev);
    this.objects.delete(k);
  }

  private unindex(k: string, o: KubeObject): void {
    for (const [name, fn] of this.indexFns) {
      const idx = this.indexes.get(name)!;
      for (const v of fn(o)) {
        const set = idx.get(v);
        if (set === undefined) continue;
        set.delete(k);
        if (set.size === 0) idx.delete(v);
      }
    }
  }

  private emit(e: InformerEvent): void {
    for (const h of this.handlers) {
      try {
        h(e);
      } catch (err) {
        this.reg.opts.logger.error({ component: 'informer', kind: this.kind.kind, err }, 'an informer handler threw');
      }
    }
  }
}

function addTo(idx: Map<string, Set<string>>, v: string, k: string): void {
  let set = idx.get(v);
  if (set === undefined) {
    set = new Set();
    idx.set(v, set);
  }
  set.add(k);
}
