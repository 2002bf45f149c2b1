// Where pod workers read ConfigMaps and Secrets. The agent's implementation keeps one informer per
// (kind, namespace) that a pod has asked about, so a node reads each object once and hears of
// every change (mounted files are rewritten); the number of namespaces it follows is bounded and
// beyond that it asks the server each time.
import type { Informer, KubeObject, ObjectApi } from '../../client/index.js';
import { isBerthError } from '../../client/index.js';

export type SourceKind = 'ConfigMap' | 'Secret';

export interface PodSources {
  /** The ConfigMap or Secret, or undefined when it does not exist. */
  get(kind: SourceKind, namespace: string, name: string): Promise<KubeObject | undefined>;
  /** Called when a ConfigMap or Secret changes (so mounted files are rewritten). */
  onChange(listener: (kind: SourceKind, namespace: string, name: string) => void): () => void;
  close(): void;
}

/** Most namespaces whose ConfigMaps and Secrets one agent caches; further ones are read directly. */
export const MAX_INFORMER_NAMESPACES = 256;

interface Followed {
  readonly informer: Informer;
  readonly synced: Promise<void>;
  readonly off: () => void;
}

export class InformerPodSources implements PodSources {
  private readonly followed = new Map<string, Followed>();
  private readonly namespaces = new Set<string>();
  private readonly listeners = new Set<(kind: SourceKind, namespace: string, name: string) => void>();
  private closed = false;

  constructor(
    private readonly client: Pick<ObjectApi, 'get' | 'informer'>,
    private readonly maxNamespaces = MAX_INFORMER_NAMESPACES,
  ) {}

  async get(kind: SourceKind, namespace: string, name: string): Promise<KubeObject | undefined> {
    const f = this.follow(kind, namespace);
    if (f !== undefined) {
      try {
        await f.synced;
        return f.informer.get(name, namespace);
      } catch {
        // The first list failed; the informer was dropped (the next get starts another). Ask directly.
      }
    }
    try {
      return await this.client.get(kind, name, { namespace });
    } catch (e) {
      if (isBerthError(e, 'NOT_FOUND')) return undefined;
      throw e;
    }
  }

  onChange(listener: (kind: SourceKind, namespace: string, name: string) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  close(): void {
    this.closed = true;
    for (const f of this.followed.values()) {
      f.off();
      f.informer.stop();
    }
    this.followed.clear();
    this.namespaces.clear();
    this.listeners.clear();
  }

  /** The informer of (kind, namespace), started on first use; undefined past the bound or after close(). */
  private follow(kind: SourceKind, namespace: string): Followed | undefined {
    const key = `${kind}/${namespace}`;
    const known = this.followed.get(key);
    if (known !== undefined || this.closed) return known;
    if (!this.namespaces.has(namespace) && this.namespaces.size >= this.maxNamespaces) return undefined;
    this.namespaces.add(namespace);
    const informer = this.client.informer(kind, { namespace });
    const tell = (obj: KubeObject): void => {
      // The first list's objects are not changes: nobody has read them yet.
      if (!informer.synced) return;
      for (const l of [...this.listeners]) l(kind, obj.metadata.namespace ?? namespace, obj.metadata.name ?? '');
    };
    const off = informer.on({ add: tell, update: (_old, obj) => tell(obj), delete: tell });
    const synced = informer.start();
    const f: Followed = { informer, synced, off };
    this.followed.set(key, f);
    synced.catch(() => {
      if (this.followed.get(key) !== f) return;
      off();
      informer.stop();
      this.followed.delete(key);
      if (![...this.followed.keys()].some((k) => k.endsWith(`/${namespace}`))) this.namespaces.delete(namespace);
    });
    return f;
  }
}
