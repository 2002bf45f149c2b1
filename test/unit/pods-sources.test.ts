// Proves that InformerPodSources starts one informer per (kind, namespace) on first use, answers
// from its cache once synced, tells listeners of changes after the first list (not of the list
// itself), reads directly past its namespace bound or when the first list fails, and stops its
// informers on close().
import { describe, expect, it } from 'vitest';
import type { Informer, InformerHandlers, InformerOptions, KubeObject, ObjectApi } from '../../client/index.js';
import { NotFoundError } from '../../client/index.js';
import { InformerPodSources } from '../../node/pods/index.js';

class FakeInformer implements Informer {
  synced = false;
  stopped = false;
  readonly handlers = new Set<InformerHandlers>();
  readonly cache = new Map<string, KubeObject>();
  constructor(
    readonly kind: string,
    readonly namespace: string,
    private readonly fail: boolean,
  ) {}
  start(): Promise<void> {
    if (this.fail) return Promise.reject(new Error('list failed'));
    for (const o of this.cache.values()) for (const h of this.handlers) h.add?.(o);
    this.synced = true;
    return Promise.resolve();
  }
  list(): KubeObject[] {
    return [...this.cache.values()];
  }
  get(name: string): KubeObject | undefined {
    return this.cache.get(name);
  }
  on(h: InformerHandlers): () => void {
    this.handlers.add(h);
    return () => this.handlers.delete(h);
  }
  stop(): void {
    this.stopped = true;
  }
  change(obj: KubeObject): void {
    const old = this.cache.get(obj.metadata.name ?? '');
    this.cache.set(obj.metadata.name ?? '', obj);
    for (const h of this.handlers) {
      if (old) h.update?.(old, obj);
      else h.add?.(obj);
    }
  }
}

class FakeApi implements Pick<ObjectApi, 'get' | 'informer'> {
  readonly informers: FakeInformer[] = [];
  readonly gets: string[] = [];
  failLists = false;
  readonly seed = new Map<string, KubeObject>();

  get<T extends KubeObject = KubeObject>(kind: string, name: string, options?: Parameters<ObjectApi['get']>[2]): Promise<T> {
    this.gets.push(`${kind}/${options?.namespace ?? ''}/${name}`);
    const o = this.seed.get(`${kind}/${options?.namespace ?? ''}/${name}`);
    return o ? Promise.resolve(o as T) : Promise.reject(new NotFoundError(`${kind} "${name}" not found`));
  }

  informer<T extends KubeObject = KubeObject>(kind: string, options?: InformerOptions): Informer<T> {
    const inf = new FakeInformer(kind, options?.namespace ?? '', this.failLists);
    for (const [k, o] of this.seed) if (k.startsWith(`${kind}/${options?.namespace ?? ''}/`)) inf.cache.set(o.metadata.name ?? '', o);
    this.informers.push(inf);
    return inf as unknown as Informer<T>;
  }
}

function cm(ns: string, name: string, v: string): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { namespace: ns, name }, data: { v } };
}

describe('InformerPodSources', () => {
  it('starts one informer per kind and namespace and answers from its cache', async () => {
    const api = new FakeApi();
    api.seed.set('ConfigMap/a/x', cm('a', 'x', '1'));
    const s = new InformerPodSources(api);
    const heard: string[] = [];
    s.onChange((kind, ns, name) => heard.push(`${kind}/${ns}/${name}`));
    await expect(s.get('ConfigMap', 'a', 'x')).resolves.toMatchObject({ data: { v: '1' } });
    await expect(s.get('ConfigMap', 'a', 'missing')).resolves.toBeUndefined();
    await expect(s.get('Secret', 'a', 'y')).resolves.toBeUndefined();
    expect(api.informers.map((i) => `${i.kind}/${i.namespace}`)).toEqual(['ConfigMap/a', 'Secret/a']);
    expect(api.gets).toEqual([]);
    expect(heard).toEqual([]);
    api.informers[0]!.change(cm('a', 'x', '2'));
    expect(heard).toEqual(['ConfigMap/a/x']);
    await expect(s.get('ConfigMap', 'a', 'x')).resolves.toMatchObject({ data: { v: '2' } });
    s.close();
    expect(api.informers.every((i) => i.stopped)).toBe(true);
  });

  it('reads directly beyond its namespace bound', async () => {
    const api = new FakeApi();
    api.seed.set('ConfigMap/c/x', cm('c', 'x', '3'));
    const s = new InformerPodSources(api, 2);
    await s.get('ConfigMap', 'a', 'x');
    await s.get('Secret', 'b', 'x');
    await expect(s.get('ConfigMap', 'c', 'x')).resolves.toMatchObject({ data: { v: '3' } });
    await expect(s.get('ConfigMap', 'c', 'nope')).resolves.toBeUndefined();
    expect(api.informers).toHaveLength(2);
    expect(api.gets).toEqual(['ConfigMap/c/x', 'ConfigMap/c/nope']);
  });

  it('reads directly when the first list fails, and tries an informer again next time', async () => {
    const api = new FakeApi();
    api.failLists = true;
    api.seed.set('Secret/a/s', { apiVersion: 'v1', kind: 'Secret', metadata: { namespace: 'a', name: 's' } });
    const s = new InformerPodSources(api);
    await expect(s.get('Secret', 'a', 's')).resolves.toMatchObject({ metadata: { name: 's' } });
    expect(api.informers[0]!.stopped).toBe(true);
    api.failLists = false;
    await s.get('Secret', 'a', 's');
    expect(api.informers).toHaveLength(2);
    expect(api.gets).toEqual(['Secret/a/s']);
  });
});
