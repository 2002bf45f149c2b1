// An informer: a local cache of one kind's objects, filled by a list and kept current by a watch
// from the list's revision. The watch resumes by itself (watch-resume.ts); when it fails for good
// the informer lists again after a backoff, reports the difference to its handlers, and watches
// anew, until stop(). Like the watch, it reaches the server only through a WatchSource.
import { BerthError } from '../errors.js';
import type { Informer, InformerHandlers, KubeObject, ObjectWatchEvent } from './types.js';
import { ResumingWatch, objectKey } from './watch-resume.js';
import type { ResumingWatchOptions, WatchSource } from './watch-resume.js';

export interface CachingInformerOptions {
  /** Whether the kind's objects live in namespaces (get() then defaults to "default"). */
  readonly namespaced: boolean;
  /** How the informer's watches reconnect and buffer. */
  readonly watch: Pick<ResumingWatchOptions, 'idleTimeoutMs' | 'maxReconnects' | 'bufferEvents' | 'backoffMs'>;
  /** Delay before list attempt number `failure` (0 for the first) after the watch failed for good. */
  backoffMs(failure: number): number;
}

type Listed = { items: KubeObject[]; resourceVersion: string };

export class CachingInformer<T extends KubeObject = KubeObject> implements Informer<T> {
  private readonly cache = new Map<string, T>();
  private readonly handlers = new Set<InformerHandlers<T>>();
  private watch: ResumingWatch<T> | undefined;
  private started: Promise<void> | undefined;
  private stopped = false;
  private isSynced = false;
  private wakeSleep: (() => void) | undefined;
  /** Why the last watch or list failed; the informer keeps trying until stop(). */
  lastError: BerthError | undefined;

  constructor(
    private readonly source: WatchSource,
    private readonly opts: CachingInformerOptions,
    private readonly onStopped?: () => void,
  ) {}

  get synced(): boolean {
    return this.isSynced;
  }

  /** Lists, fills the cache, and resolves; then watches. Rejects when the first list fails. */
  start(): Promise<void> {
    this.started ??= this.begin();
    return this.started;
  }

  private async begin(): Promise<void> {
    if (this.stopped) throw new BerthError('CANCELLED', 'the informer was stopped');
    const listed = await this.source.list();
    if (this.stopped) return;
    this.replace(listed.items);
    this.isSynced = true;
    void this.run(listed).catch((e: unknown) => (this.lastError = asBerthError(e)));
  }

  list(namespace?: string): T[] {
    const all = [...this.cache.values()];
    return namespace === undefined || namespace === '' ? all : all.filter((o) => (o.metadata.namespace ?? '') === namespace);
  }

  get(name: string, namespace?: string): T | undefined {
    return this.cache.get(this.opts.namespaced ? `${namespace || 'default'}/${name}` : name);
  }

  /** Adds handlers; once synced, `add` hears every cached object at once. */
  on(handlers: InformerHandlers<T>): () => void {
    this.handlers.add(handlers);
    if (this.isSynced) for (const obj of this.cache.values()) this.call(() => handlers.add?.(obj));
    return () => {
      this.handlers.delete(handlers);
    };
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.watch?.close();
    this.wakeSleep?.();
    this.onStopped?.();
  }

  /** Watch from each list's revision; list again (after a backoff) whenever a watch fails for good. */
  private async run(first: Listed): Promise<void> {
    let listed: Listed | undefined = first;
    let failures = 0;
    while (!this.stopped) {
      if (listed === undefined) {
        await this.sleep(this.opts.backoffMs(failures++));
        if (this.stopped) return;
        try {
          listed = await this.source.list();
        } catch (e) {
          this.lastError = asBerthError(e);
          continue;
        }
        if (this.stopped) return;
        this.replace(listed.items);
      }
      const watch = new ResumingWatch<T>(this.source, { ...this.opts.watch, resourceVersion: listed.resourceVersion, seed: [...this.cache.values()] });
      this.watch = watch;
      listed = undefined;
      try {
        for await (const event of watch) {
          failures = 0;
          this.apply(event);
        }
      } catch (e) {
        this.lastError = asBerthError(e);
      }
    }
  }

  private apply(event: ObjectWatchEvent<T>): void {
    const key = objectKey(event.object);
    const old = this.cache.get(key);
    if (event.type === 'DELETED') {
      this.cache.delete(key);
      this.emit((h) => h.delete?.(event.object));
      return;
    }
    this.cache.set(key, event.object);
    if (old === undefined) this.emit((h) => h.add?.(event.object));
    else this.emit((h) => h.update?.(old, event.object));
  }

  /** Makes the cache hold exactly `items`, telling the handlers what changed. */
  private replace(items: readonly KubeObject[]): void {
    const present = new Set<string>();
    for (const item of items as readonly T[]) {
      const key = objectKey(item);
      present.add(key);
      const old = this.cache.get(key);
      this.cache.set(key, item);
      if (old === undefined) this.emit((h) => h.add?.(item));
      else if (old.metadata.resourceVersion !== item.metadata.resourceVersion) this.emit((h) => h.update?.(old, item));
    }
    for (const [key, old] of [...this.cache]) {
      if (present.has(key)) continue;
      this.cache.delete(key);
      this.emit((h) => h.delete?.(old));
    }
  }

  private emit(run: (h: InformerHandlers<T>) => void): void {
    for (const h of [...this.handlers]) this.call(() => run(h));
  }

  /**
   * Runs a handler. One that throws must not leave the cache half-updated or stop the informer,
   * so its error is raised again on a fresh stack, where it is uncaught (as a throwing
   * EventEmitter listener's would be) instead of being lost.
   */
  private call(run: () => void): void {
    try {
      run();
    } catch (e) {
      setImmediate(() => {
        throw e;
      });
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wakeSleep = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeSleep = done;
    });
  }
}

function asBerthError(e: unknown): BerthError {
  return e instanceof BerthError ? e : new BerthError('INTERNAL', e instanceof Error ? e.message : String(e), { cause: e });
}
