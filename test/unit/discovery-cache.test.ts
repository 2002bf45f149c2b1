// Proves the discovery cache against a real nats-server: it reads the endpoints bucket's values
// and then its changes, keeps the newest revision per Service (an older one and garbage are
// ignored and counted), turns a tombstone into "not found", converges after nats-server is killed
// with -9 and restarted, follows the control plane while NATS is unreachable and hands back to
// NATS when it comes (keeping the newest set across the switch). The control plane is a fake
// behind the cache's declared seam (DiscoveryFallback: informers of Services and Endpoints). Also
// the store's bound, resolveCached without copies, subscriptions that hold one pending change,
// the pickers, and where connect() takes NATS and the cluster id from.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KV } from '@nats-io/kv';
import { Kvm } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DiscoveryCache, DiscoveryClient, NotFoundError, UnavailableError, connectNats, deletedEndpointSet, encodeEndpointSet, endpointsBucket, endpointsKey } from '../../client/index.js';
import type { DiscoveryFallback, EndpointSet, Informer, InformerHandlers, KubeObject, ServiceEndpoint } from '../../client/index.js';
import { EndpointSetStore } from '../../client/discovery/set-store.js';
import { compileConnectOptions } from '../../client/options.js';
import { natsAvailable, startNats } from '../support/nats.js';
import type { NatsServer } from '../support/nats.js';
import { LOOPBACK, Resources, canConnect, freePort, waitFor } from '../support/procs.js';

const FAST = { natsConnectTimeoutMs: 1500, natsGraceMs: 300, natsRetryMs: 100, controlPlaneRetryMs: 100, syncTimeoutMs: 8000 };

function endpoint(port: number, ready = true, portName = 'http'): ServiceEndpoint {
  return { address: LOOPBACK, port, portName, protocol: 'TCP', ready, pod: `pod-${port}`, node: 'n1' };
}

function setOf(service: string, revision: number, ready: readonly number[], notReady: readonly number[] = [], namespace = 'default'): EndpointSet {
  return {
    namespace,
    service,
    revision,
    type: 'ClusterIP',
    ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
    endpoints: [...ready.map((p) => endpoint(p)), ...notReady.map((p) => endpoint(p, false))],
  };
}

const ports = (list: readonly ServiceEndpoint[]): number[] => list.map((e) => e.port).sort((a, b) => a - b);

// --- a control plane behind the DiscoveryFallback seam -------------------------------------------

class FakeInformer implements Informer {
  synced = false;
  stopped = false;
  private readonly handlers = new Set<InformerHandlers>();

  constructor(
    private readonly plane: FakeControlPlane,
    readonly kind: 'Service' | 'Endpoints',
  ) {}

  start(): Promise<void> {
    if (this.plane.failLists > 0) {
      this.plane.failLists--;
      return Promise.reject(new UnavailableError('no replica answered'));
    }
    this.synced = true;
    // As the real informer: handlers added before start() hear the listed objects.
    for (const obj of this.plane.objects[this.kind].values()) this.emit((h) => h.add?.(obj));
    return Promise.resolve();
  }

  list(): KubeObject[] {
    return [...this.plane.objects[this.kind].values()];
  }

  get(name: string, namespace?: string): KubeObject | undefined {
    return this.plane.objects[this.kind].get(`${namespace ?? 'default'}/${name}`);
  }

  on(handlers: InformerHandlers): () => void {
    this.handlers.add(handlers);
    return () => void this.handlers.delete(handlers);
  }

  stop(): void {
    this.stopped = true;
  }

  emit(run: (h: InformerHandlers) => void): void {
    if (this.synced && !this.stopped) for (const h of this.handlers) run(h);
  }
}

class FakeControlPlane implements DiscoveryFallback {
  readonly objects = { Service: new Map<string, KubeObject>(), Endpoints: new Map<string, KubeObject>() };
  readonly informers: FakeInformer[] = [];
  failLists = 0;
  revision = 100;

  informer<T extends KubeObject = KubeObject>(kind: string): Informer<T> {
    if (kind !== 'Service' && kind !== 'Endpoints') throw new Error(`unexpected informer of ${kind}`);
    const inf = new FakeInformer(this, kind);
    this.informers.push(inf);
    return inf as unknown as Informer<T>;
  }

  live(): FakeInformer[] {
    return this.informers.filter((i) => i.synced && !i.stopped);
  }

  put(obj: KubeObject): KubeObject {
    const kind = obj.kind as 'Service' | 'Endpoints';
    const stored = { ...obj, metadata: { ...obj.metadata, namespace: 'default', resourceVersion: String(++this.revision) } };
    const key = `default/${String(obj.metadata.name)}`;
    const old = this.objects[kind].get(key);
    this.objects[kind].set(key, stored);
    for (const inf of this.live().filter((i) => i.kind === kind)) inf.emit((h) => (old === undefined ? h.add?.(stored) : h.update?.(old, stored)));
    return stored;
  }

  remove(kind: 'Service' | 'Endpoints', name: string): void {
    const key = `default/${name}`;
    const old = this.objects[kind].get(key);
    if (old === undefined) return;
    this.objects[kind].delete(key);
    const gone = { ...old, metadata: { ...old.metadata, resourceVersion: String(++this.revision) } };
    for (const inf of this.live().filter((i) => i.kind === kind)) inf.emit((h) => h.delete?.(gone));
  }
}

function service(name: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { ports: [{ name: 'http', port: 80 }] } };
}

function endpointsObject(name: string, ready: readonly number[], notReady: readonly number[] = []): KubeObject {
  const address = (p: number): Record<string, unknown> => ({ ip: LOOPBACK, nodeName: 'n1', targetRef: { kind: 'Pod', name: `pod-${p}` } });
  // One subset per port, as the process runtime gives each pod its own port.
  const subsets = [...ready.map((p) => ({ addresses: [address(p)], ports: [{ name: 'http', port: p }] })), ...notReady.map((p) => ({ notReadyAddresses: [address(p)], ports: [{ name: 'http', port: p }] }))];
  return { apiVersion: 'v1', kind: 'Endpoints', metadata: { name }, subsets };
}

// --- NATS helpers ----------------------------------------------------------------------------

const res = new Resources();
const caches: DiscoveryCache[] = [];
const connections: NatsConnection[] = [];

function cacheOf(options: ConstructorParameters<typeof DiscoveryCache>[0]): DiscoveryCache {
  const cache = new DiscoveryCache({ ...FAST, ...options });
  caches.push(cache);
  return cache;
}

async function bucketAt(url: string, cluster: string, create = true): Promise<KV> {
  const nc = await connectNats({ servers: [url] });
  connections.push(nc);
  const kvm = new Kvm(nc);
  return create ? kvm.create(endpointsBucket(cluster), { history: 1 }) : kvm.open(endpointsBucket(cluster));
}

async function putSet(kv: KV, set: EndpointSet): Promise<void> {
  await kv.put(endpointsKey(set.namespace, set.service), encodeEndpointSet(set));
}

/** Puts a marker set and waits until the cache has it: everything put before has been read. */
async function flush(kv: KV, cache: DiscoveryCache, revision: number): Promise<void> {
  await putSet(kv, setOf('marker', revision, []));
  await waitFor(() => cache.get('default', 'marker')?.revision === revision, { what: `the marker at ${revision}`, timeoutMs: 10_000 });
}

/** nats-server on a given port and store (to bring one back where it was). */
async function natsAt(port: number, dir: string): Promise<number> {
  const proc = res.spawn({ name: 'nats-server', command: 'nats-server', args: ['-a', LOOPBACK, '-p', String(port), '-js', '--store_dir', join(dir, 'store')], logFile: join(dir, `nats-${Date.now()}.log`) });
  await waitFor(() => canConnect(port), { what: `nats-server on ${port}`, timeoutMs: 15_000 });
  return proc.pid;
}

const haveNats = natsAvailable();

afterEach(async () => {
  await Promise.all(caches.splice(0).map((c) => c.close()));
  await Promise.all(connections.splice(0).map((nc) => nc.close().catch(() => undefined)));
});

afterAll(async () => {
  await res.cleanup();
});

describe.skipIf(!haveNats)('DiscoveryCache on NATS', () => {
  let nats: NatsServer;
  beforeAll(async () => {
    nats = await startNats(res);
  });

  it('reads the bucket, then its changes; ignores older revisions and garbage; a tombstone makes the Service unknown', async () => {
    const kv = await bucketAt(nats.url, 'c1');
    await putSet(kv, setOf('web', 10, [30101, 30102], [30103]));
    await putSet(kv, setOf('db', 5, []));
    const cache = cacheOf({ nats: { servers: [nats.url] }, cluster: 'c1' });
    const discovery = new DiscoveryClient(cache);
    const heard: EndpointSet[] = [];
    cache.onChange((s) => heard.push(s));

    expect(ports(await discovery.resolve('web'))).toEqual([30101, 30102]);
    expect(cache.mode).toBe('nats');
    expect(await discovery.resolve('db')).toEqual([]);
    const unknown = await discovery.resolve('nope', { namespace: 'prod' }).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(NotFoundError);
    expect((unknown as NotFoundError).message).toBe('service "nope" not found in namespace "prod"');

    await putSet(kv, setOf('web', 12, [30101, 30102, 30104]));
    await waitFor(() => cache.get('default', 'web')?.revision === 12, { what: 'revision 12 of web' });
    expect(ports(discovery.resolveCached('web'))).toEqual([30101, 30102, 30104]);
    expect(heard.some((s) => s.service === 'web' && s.revision === 12)).toBe(true);

    // An older revision (a late or repeated message) and values that are not sets change nothing.
    const staleBefore = cache.status().stale;
    await putSet(kv, setOf('web', 11, [30109]));
    await kv.put(endpointsKey('default', 'junk'), new TextEncoder().encode('{not json'));
    await kv.put(endpointsKey('default', 'other'), encodeEndpointSet(setOf('web', 99, [30199])));
    await flush(kv, cache, 13);
    expect(cache.get('default', 'web')?.revision).toBe(12);
    expect(ports(discovery.resolveCached('web'))).toEqual([30101, 30102, 30104]);
    expect(cache.status().stale).toBe(staleBefore + 1);
    expect(cache.status().garbage).toBe(2);
    expect(cache.get('default', 'junk')).toBeUndefined();
    expect(cache.get('default', 'other')).toBeUndefined();

    await putSet(kv, deletedEndpointSet('default', 'web', 14));
    await waitFor(() => cache.get('default', 'web')?.deleted === true, { what: 'the tombstone of web' });
    await expect(discovery.resolve('web')).rejects.toThrow('service "web" not found in namespace "default"');
    expect([...cache.all()].map((s) => s.service).sort()).toEqual(['db', 'marker']);
    // The tombstone holds: an older set of web does not bring it back.
    await putSet(kv, setOf('web', 13, [30101]));
    await flush(kv, cache, 15);
    expect(cache.get('default', 'web')?.deleted).toBe(true);
  });

  it('is ready at once on an empty bucket, and fails lookups with UNAVAILABLE when the bucket is missing', async () => {
    await bucketAt(nats.url, 'empty');
    const empty = new DiscoveryClient(cacheOf({ nats: { servers: [nats.url] }, cluster: 'empty' }));
    await expect(empty.resolve('web')).rejects.toBeInstanceOf(NotFoundError);

    const missing = new DiscoveryClient(cacheOf({ nats: { servers: [nats.url] }, cluster: 'missing', syncTimeoutMs: 1500 }));
    const err = await missing.resolve('web').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnavailableError);
    expect((err as Error).message).toMatch(/^service discovery has no endpoints after 1500 ms \(NATS: .*berth-missing-endpoints/);
    expect(() => missing.resolveCached('web')).toThrow(UnavailableError);
  });

  it('converges after nats-server is killed with -9 and started again', async () => {
    const own = await startNats(res);
    let kv = await bucketAt(own.url, 'c2');
    await putSet(kv, setOf('web', 10, [30101]));
    const cache = cacheOf({ nats: { servers: [own.url] }, cluster: 'c2' });
    const discovery = new DiscoveryClient(cache);
    expect(ports(await discovery.resolve('web'))).toEqual([30101]);

    process.kill(own.pid, 'SIGKILL');
    await waitFor(async () => !(await canConnect(own.port)), { what: 'nats-server to be gone' });
    // While NATS is away (and there is no control plane to follow), the last sets still answer.
    expect(ports(discovery.resolveCached('web'))).toEqual([30101]);

    await natsAt(own.port, own.dir);
    kv = await waitForBucket(own.url, 'c2');
    await putSet(kv, setOf('web', 20, [30101, 30102]));
    await putSet(kv, setOf('api', 21, [30201]));
    await waitFor(() => cache.get('default', 'web')?.revision === 20 && cache.get('default', 'api')?.revision === 21, { what: 'the cache to converge', timeoutMs: 15_000 });
    expect(ports(discovery.resolveCached('web'))).toEqual([30101, 30102]);
    expect(cache.mode).toBe('nats');
  });

  it('follows the control plane while NATS is unreachable, and NATS again once it is back, keeping the newest set', async () => {
    const port = await freePort();
    const dir = await res.tempDir('berth-nats-late-');
    const url = `nats://${LOOPBACK}:${port}`;
    const plane = new FakeControlPlane();
    plane.put(service('web'));
    plane.put(endpointsObject('web', [30101]));
    plane.put(service('gone'));
    const modes: string[] = [];
    const cache = cacheOf({ nats: { servers: [url] }, cluster: 'c3', fallback: plane, onModeChange: (m) => modes.push(m) });
    const discovery = new DiscoveryClient(cache);

    expect(ports(await discovery.resolve('web'))).toEqual([30101]);
    expect(cache.mode).toBe('control-plane');
    const planeRevision = cache.get('default', 'web')!.revision;
    plane.put(endpointsObject('web', [30101, 30102], [30103]));
    expect(ports(discovery.resolveCached('web'))).toEqual([30101, 30102]);

    // NATS comes up with an older set of web (the publisher is behind) and a set of another Service.
    const pid = await natsAt(port, dir);
    const kv = await bucketAt(url, 'c3');
    await putSet(kv, setOf('web', planeRevision - 1, [30999]));
    await putSet(kv, setOf('api', 500, [30201]));
    await waitFor(() => cache.mode === 'nats', { what: 'the cache to follow NATS again', timeoutMs: 15_000 });
    expect(plane.informers.every((i) => i.stopped)).toBe(true);
    await waitFor(() => cache.get('default', 'api')?.revision === 500, { what: 'api from NATS' });
    expect(ports(discovery.resolveCached('web'))).toEqual([30101, 30102]);
    await putSet(kv, setOf('web', 600, [30105]));
    await waitFor(() => cache.get('default', 'web')?.revision === 600, { what: 'a newer web from NATS' });
    expect(ports(discovery.resolveCached('web'))).toEqual([30105]);

    // NATS goes away for longer than the grace period: the control plane again, from a fresh list.
    plane.remove('Service', 'gone');
    plane.put(endpointsObject('web', [30106]));
    process.kill(pid, 'SIGKILL');
    await waitFor(() => cache.mode === 'control-plane', { what: 'the cache to follow the control plane again', timeoutMs: 15_000 });
    expect(cache.get('default', 'gone')?.deleted).toBe(true);
    // The control plane's web (revision ~100) is older than NATS's 600: the newer set stays.
    expect(cache.get('default', 'web')?.revision).toBe(600);
    expect(modes).toEqual(['control-plane', 'nats', 'control-plane']);
  });
});

async function waitForBucket(url: string, cluster: string): Promise<KV> {
  let kv: KV | undefined;
  await waitFor(
    async () => {
      const candidate = await bucketAt(url, cluster, false);
      await candidate.status();
      kv = candidate;
      return true;
    },
    { what: `the bucket of ${cluster} after the restart`, timeoutMs: 15_000, intervalMs: 200 },
  );
  return kv!;
}

describe('DiscoveryCache on the control plane', () => {
  it('computes sets from Services and Endpoints, follows their changes, and retries a failed list', async () => {
    const plane = new FakeControlPlane();
    plane.failLists = 2;
    plane.put(service('web'));
    plane.put(endpointsObject('web', [30101], [30102]));
    const cache = cacheOf({ fallback: plane });
    const discovery = new DiscoveryClient(cache);
    expect(ports(await discovery.resolve('web'))).toEqual([30101]);
    expect(cache.mode).toBe('control-plane');
    expect(plane.informers.length).toBeGreaterThanOrEqual(4);

    plane.put(endpointsObject('web', [30101, 30102]));
    expect(ports(discovery.resolveCached('web'))).toEqual([30101, 30102]);
    plane.remove('Endpoints', 'web');
    expect(discovery.resolveCached('web')).toEqual([]);
    plane.put(endpointsObject('orphan', [30301]));
    expect(cache.get('default', 'orphan')).toBeUndefined();
    plane.remove('Service', 'web');
    expect(() => discovery.resolveCached('web')).toThrow('service "web" not found in namespace "default"');
    expect(cache.get('default', 'web')?.deleted).toBe(true);
    plane.put(service('web'));
    expect(discovery.resolveCached('web')).toEqual([]);
  });

  it('answers resolveCached from the cache without copying, by port, and names a missing port', async () => {
    const plane = new FakeControlPlane();
    plane.put({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { ports: [{ name: 'http', port: 80 }, { name: 'admin', port: 81 }] } });
    plane.put({
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'web' },
      subsets: [{ addresses: [{ ip: LOOPBACK, nodeName: 'n1', targetRef: { kind: 'Pod', name: 'w1' } }], ports: [{ name: 'http', port: 30101 }, { name: 'admin', port: 30102 }] }],
    });
    const discovery = new DiscoveryClient(cacheOf({ fallback: plane }));
    await discovery.ready();
    const all = discovery.resolveCached('web');
    expect(discovery.resolveCached('web')).toBe(all);
    expect(Object.isFrozen(all)).toBe(true);
    expect(ports(all)).toEqual([30101, 30102]);
    const options = { port: 'admin' };
    expect(ports(discovery.resolveCached('web', options))).toEqual([30102]);
    expect(discovery.resolveCached('web', options)).toBe(discovery.resolveCached('web', options));
    expect(() => discovery.resolveCached('web', { port: 'grpc' })).toThrow('service "web" in namespace "default" has no port named "grpc" (its ports: "http", "admin")');
    expect((await discovery.lookup('web')).revision).toBe(102);
  });

  it('calls subscribers at once and on each change, holding one pending change while one is busy', async () => {
    const plane = new FakeControlPlane();
    plane.put(service('web'));
    plane.put(endpointsObject('web', [30101]));
    const discovery = new DiscoveryClient(cacheOf({ fallback: plane }));
    await discovery.ready();
    const seen: number[][] = [];
    let release: () => void = () => undefined;
    const unsubscribe = discovery.subscribe('web', (endpoints) => {
      seen.push(ports(endpoints));
      return new Promise<void>((resolve) => (release = resolve));
    });
    expect(seen).toEqual([[30101]]);
    plane.put(endpointsObject('web', [30102]));
    plane.put(endpointsObject('web', [30103]));
    plane.put(endpointsObject('web', [30104]));
    expect(seen).toEqual([[30101]]);
    release();
    await waitFor(() => seen.length === 2, { what: 'the held change' });
    expect(seen[1]).toEqual([30104]);
    release();
    unsubscribe();
    plane.put(endpointsObject('web', [30105]));
    await new Promise((r) => setTimeout(r, 20));
    expect(seen.length).toBe(2);

    const deletions: boolean[] = [];
    discovery.subscribe('api', (endpoints, set) => void deletions.push(set.deleted === true && endpoints.length === 0));
    plane.put(service('api'));
    plane.remove('Service', 'api');
    expect(deletions).toEqual([false, true]);
  });

  it('refuses listeners past maxListeners with RESOURCE_EXHAUSTED', async () => {
    const plane = new FakeControlPlane();
    const discovery = new DiscoveryClient(cacheOf({ fallback: plane, maxListeners: 2 }));
    discovery.subscribe('a', () => undefined);
    expect(() => discovery.subscribe('b', () => undefined)).toThrow(/at most 2 listeners and subscriptions/);
  });

  it('balances with round robin and least outstanding, following changes', async () => {
    const plane = new FakeControlPlane();
    plane.put(service('web'));
    plane.put(endpointsObject('web', [30101, 30102, 30103]));
    const discovery = new DiscoveryClient(cacheOf({ fallback: plane }));
    await discovery.ready();

    const rr = discovery.roundRobin('web');
    expect([1, 2, 3, 4, 5, 6].map(() => rr.pick().port)).toEqual([30101, 30102, 30103, 30101, 30102, 30103]);
    plane.put(endpointsObject('web', [30104]));
    expect(rr.pick().port).toBe(30104);

    plane.put(endpointsObject('web', [30101, 30102]));
    const lo = discovery.leastOutstanding('web');
    const a = lo.pick();
    const b = lo.pick();
    expect(new Set([a.endpoint.port, b.endpoint.port])).toEqual(new Set([30101, 30102]));
    a.done();
    a.done();
    const c = lo.pick();
    expect(c.endpoint.port).toBe(a.endpoint.port);
    expect(lo.outstanding(b.endpoint)).toBe(1);
    expect(lo.outstanding(c.endpoint)).toBe(1);

    plane.put(endpointsObject('web', [], [30101]));
    expect(() => rr.pick()).toThrow('service "web" in namespace "default" has no ready endpoints');
    expect(() => discovery.roundRobin('nope').pick()).toThrow(NotFoundError);
  });
});

describe('EndpointSetStore', () => {
  it('holds at most maxServices, dropping the oldest tombstone first, then refusing new Services', () => {
    const store = new EndpointSetStore(2);
    expect(store.offer(setOf('a', 1, [1]), 'nats').result).toBe('applied');
    expect(store.offer(deletedEndpointSet('default', 'b', 2), 'nats').result).toBe('applied');
    expect(store.offer(setOf('c', 3, [3]), 'nats').result).toBe('applied');
    expect(store.lookup('default', 'b')).toBeUndefined();
    expect(store.size).toBe(2);
    expect(store.offer(setOf('d', 4, [4]), 'nats').result).toBe('over-limit');
    expect(store.offer(setOf('a', 5, [5]), 'nats').result).toBe('applied');
  });

  it('keeps the larger revision across sources and the watch order within the control plane, never lowering a revision', () => {
    const store = new EndpointSetStore(10);
    store.offer(setOf('web', 10, [1]), 'nats');
    expect(store.offer(setOf('web', 10, [2]), 'control-plane').result).toBe('stale');
    expect(store.offer(setOf('web', 11, [2]), 'control-plane').result).toBe('applied');
    // Two watches of two kinds: a set computed later may have a smaller "larger of the two revisions".
    expect(store.offer(setOf('web', 9, [3]), 'control-plane').result).toBe('applied');
    expect(store.lookup('default', 'web')?.set.revision).toBe(11);
    expect(ports(store.lookup('default', 'web')!.ready)).toEqual([3]);
    expect(store.offer(setOf('web', 11, [3]), 'control-plane').result).toBe('unchanged');
    expect(store.offer(setOf('web', 11, [4]), 'nats').result).toBe('stale');
    expect(store.offer(setOf('web', 12, [4]), 'nats').result).toBe('applied');
  });
});

describe('connect() options of discovery', () => {
  const home = mkdtempSync(join(tmpdir(), 'berth-discovery-options-'));
  mkdirSync(join(home, '.berth'));
  writeFileSync(join(home, '.berth', 'config'), 'cluster: home\nservers: [h:1]\nnats: nats://file:4222\n');
  const compile = (raw: Parameters<typeof compileConnectOptions>[0], env: Record<string, string> = {}): ReturnType<typeof compileConnectOptions> =>
    compileConnectOptions(raw, { env, homeDir: home });
  const message = (f: () => unknown): string => {
    try {
      f();
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error('did not throw');
  };
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('takes the option, then BERTH_NATS, then the config file the servers came from', () => {
    expect(compile({}).nats).toEqual({ servers: ['nats://file:4222'] });
    expect(compile({}).cluster).toBe('home');
    expect(compile({}, { BERTH_NATS: 'env:4222,nats://env2:4222' }).nats).toEqual({ servers: ['nats://env:4222', 'nats://env2:4222'] });
    expect(compile({ nats: ['a:1', 'tls://b:2'] }, { BERTH_NATS: 'env:4222' }).nats).toEqual({ servers: ['nats://a:1', 'tls://b:2'] });
    expect(compile({ nats: { servers: ['nats://c:3'], token: 't' } }).nats).toEqual({ servers: ['nats://c:3'], token: 't' });
    expect(compile({ nats: false }, { BERTH_NATS: 'env:4222' }).nats).toBeUndefined();
    // Servers named elsewhere are not paired with the file's NATS or cluster.
    expect(compile({ servers: ['s:1'] }).nats).toBeUndefined();
    expect(compile({ servers: ['s:1'] }).cluster).toBe('berth');
    expect(compile({ servers: ['s:1'], cluster: 'prod_2' }).cluster).toBe('prod_2');
    expect(compile({}).discovery.maxServices).toBe(100_000);
  });

  it('names the option and the rule when a value is wrong', () => {
    expect(message(() => compile({ nats: 'http://x' }))).toBe('connect.nats: "http://x" is not nats://host:port');
    expect(message(() => compile({ nats: [] }))).toBe('connect.nats: must list at least one nats://host:port (got [])');
    expect(message(() => compile({ nats: { servers: ['a:1'], user: 'u' } }))).toBe('connect.nats.pass: user and pass go together (got "one of them")');
    expect(message(() => compile({}, { BERTH_NATS: 'a:1,bad host' }))).toBe('BERTH_NATS: "bad host" is not nats://host:port');
    expect(message(() => compile({ cluster: 'a.b' }))).toBe('connect.cluster: must be 1-63 letters, digits, "-" or "_" (got "a.b")');
    expect(message(() => compile({ discovery: { syncTimeoutMs: 0 } }))).toBe('connect.discovery.syncTimeoutMs: must be an integer >= 1 (got 0)');
  });
});
