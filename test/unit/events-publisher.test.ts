// Proves the leader's NATS publisher against a real nats-server: the outbox sends only the newest
// set of a Service that changed while NATS was away (in the order Services first changed) and
// never takes a bucket entry back to an older revision; beyond its bound of pending Services it
// republishes every Service from its source instead, and beyond its bound of pending messages it
// drops the oldest and counts them; after nats-server is killed with -9 and started again it
// republishes everything and tombstones the bucket keys of Services that are gone; a lost
// leadership drops what waited. Run by the real controller manager over a real store, the
// publisher sends a Service's set, a newer one on every change (an Endpoints deletion included), a
// tombstone on deletion and Events on their subject, without writing to the store. Also the
// metrics map's bound, metrics followed on NATS, pods' usage, and scaling decisions.
//
// NATS being "away" is either real (nats-server killed) or a gate in front of a real link, behind
// the outbox's declared seam (NatsLinkView), so that a subscriber is listening before anything is sent.
import type { KV } from '@nats-io/kv';
import { Kvm } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EndpointSet, KubeObject, ObjectEventMessage, ScalingDecision } from '../../client/index.js';
import { connectNats, decodeEndpointSet, deletedEndpointSet, encodeEndpointSet, endpointsBucket, endpointsKey, resolveKind, subjects } from '../../client/index.js';
import type { EndpointSetSource, NatsLinkView } from '../../server/events/index.js';
import { MetricSamples, NatsLink, Outbox, followMetrics, natsPublisherSpec, natsScalingSink, podSignals } from '../../server/events/index.js';
import { controllerHarness } from '../support/controllers.js';
import { levelFixtures } from '../support/level-fixtures.js';
import type { NatsServer } from '../support/nats.js';
import { natsAvailable, startNats } from '../support/nats.js';
import { LOOPBACK, Resources, waitFor } from '../support/procs.js';

const haveNats = natsAvailable();
const fx = levelFixtures('berth-events-');
const silent = pino({ level: process.env.BERTH_TEST_LOG ?? 'silent' });
const RETRY_MS = 100;
const SERVICE = resolveKind('Service');
const ENDPOINTS = resolveKind('Endpoints');

const res = new Resources();
const links: NatsLink[] = [];
const outboxes: Outbox[] = [];
const connections: NatsConnection[] = [];

afterEach(async () => {
  for (const o of outboxes.splice(0)) o.close();
  await Promise.all(links.splice(0).map((l) => l.close()));
  await Promise.all(connections.splice(0).map((nc) => nc.close().catch(() => undefined)));
});

afterAll(async () => {
  await res.cleanup();
});

function setOf(service: string, revision: number, ports: readonly number[] = [8080]): EndpointSet {
  return {
    namespace: 'default',
    service,
    revision,
    type: 'ClusterIP',
    ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
    endpoints: ports.map((port) => ({ address: LOOPBACK, port, portName: 'http', protocol: 'TCP' as const, ready: true, pod: `${service}-${port}`, node: 'n1' })),
  };
}

function linkTo(url: string, cluster: string): NatsLink {
  const link = NatsLink.start({ nats: { servers: [url] }, cluster, kvReplicas: 1, retryMs: RETRY_MS, logger: silent });
  links.push(link);
  return link;
}

function outboxOn(link: NatsLinkView, cluster: string, bounds: { maxPendingSets?: number; maxPendingEvents?: number } = {}): Outbox {
  const o = new Outbox(link, { cluster, maxPendingSets: bounds.maxPendingSets ?? 100, maxPendingEvents: bounds.maxPendingEvents ?? 100, retryMs: RETRY_MS, logger: silent });
  outboxes.push(o);
  return o;
}

/** A real link behind a gate: "connected" only while the test has opened it. */
class GatedLink implements NatsLinkView {
  private open = false;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly inner: NatsLink) {
    inner.onChange(() => this.notify());
  }

  get connected(): boolean {
    return this.open && this.inner.connected;
  }

  get connection(): NatsConnection | undefined {
    return this.open ? this.inner.connection : undefined;
  }

  get bucket(): KV | undefined {
    return this.open ? this.inner.bucket : undefined;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  set(open: boolean): void {
    this.open = open;
    this.notify();
  }

  private notify(): void {
    for (const l of [...this.listeners]) l();
  }
}

/** A gated link whose real link is connected and has its bucket. */
async function gatedLink(url: string, cluster: string): Promise<GatedLink> {
  const inner = linkTo(url, cluster);
  await waitFor(() => inner.bucket !== undefined, { what: `the ${cluster} bucket to open` });
  return new GatedLink(inner);
}

/** The endpoint-set source of a leader, held in a map by the test. */
class FakeSource implements EndpointSetSource {
  readonly sets = new Map<string, EndpointSet>();
  revision = 0;

  put(set: EndpointSet): void {
    this.sets.set(set.service, set);
    this.revision = Math.max(this.revision, set.revision);
  }

  services(): { namespace: string; name: string }[] {
    return [...this.sets.values()].map((s) => ({ namespace: s.namespace, name: s.service }));
  }

  current(namespace: string, name: string): EndpointSet {
    return this.sets.get(name) ?? deletedEndpointSet(namespace, name, this.revision);
  }
}

async function client(url: string): Promise<NatsConnection> {
  const nc = await connectNats({ servers: [url] });
  connections.push(nc);
  return nc;
}

/** Every message on `subject`, decoded with `decode`, in arrival order. */
async function listen<T>(url: string, subject: string, decode: (data: Uint8Array) => T | undefined): Promise<T[]> {
  const nc = await client(url);
  const heard: T[] = [];
  nc.subscribe(subject, {
    callback: (err, msg) => {
      const v = err === null ? decode(msg.data) : undefined;
      if (v !== undefined) heard.push(v);
    },
  });
  await nc.flush();
  return heard;
}

const json = <T>(data: Uint8Array): T => JSON.parse(new TextDecoder().decode(data)) as T;

async function bucketAt(url: string, cluster: string): Promise<KV> {
  return new Kvm(await client(url)).open(endpointsBucket(cluster));
}

async function stored(kv: KV, service: string, namespace = 'default'): Promise<EndpointSet | undefined> {
  const e = await kv.get(endpointsKey(namespace, service));
  return e === null || e.operation !== 'PUT' ? undefined : decodeEndpointSet(e.value);
}

describe.skipIf(!haveNats)('the outbox, on a real nats-server', () => {
  let nats: NatsServer;
  beforeAll(async () => {
    nats = await startNats(res);
  });

  it('sends only the newest set of a Service that changed while NATS was away, in the order Services first changed', async () => {
    const link = await gatedLink(nats.url, 'co');
    const outbox = outboxOn(link, 'co');
    outbox.attach(new FakeSource());
    const heard = await listen(nats.url, subjects.allEndpoints('co'), decodeEndpointSet);

    outbox.offerSet(setOf('web', 1, [1]));
    outbox.offerSet(setOf('db', 2, [2]));
    outbox.offerSet(setOf('web', 4, [1, 4]));
    // An older set (a late reconcile) does not replace a newer pending one.
    outbox.offerSet(setOf('web', 3, [3]));
    expect(outbox.pendingSets).toBe(2);

    link.set(true);
    await waitFor(() => heard.length >= 2, { what: 'two sets' });
    expect(heard.map((s) => [s.service, s.revision, s.endpoints.map((e) => e.port)])).toEqual([
      ['web', 4, [1, 4]],
      ['db', 2, [2]],
    ]);
    const kv = await bucketAt(nats.url, 'co');
    expect((await stored(kv, 'web'))?.revision).toBe(4);
    expect((await stored(kv, 'db'))?.revision).toBe(2);
    expect(outbox.pendingSets).toBe(0);
  });

  it('never takes a bucket entry back to an older revision, nor rewrites a tombstone', async () => {
    const link = await gatedLink(nats.url, 'cas');
    link.set(true);
    const outbox = outboxOn(link, 'cas');
    outbox.attach(new FakeSource());
    const kv = await bucketAt(nats.url, 'cas');
    // A newer leader already wrote revision 7.
    await kv.put(endpointsKey('default', 'web'), encodeEndpointSet(setOf('web', 7, [7])));
    const heard = await listen(nats.url, subjects.endpoints('cas', 'default', 'web'), decodeEndpointSet);

    outbox.offerSet(setOf('web', 6, [6]));
    await waitFor(() => heard.length === 1, { what: 'revision 6 on the subject' });
    expect((await stored(kv, 'web'))?.revision).toBe(7);

    outbox.offerSet(setOf('web', 8, [8]));
    await waitFor(async () => (await stored(kv, 'web'))?.revision === 8, { what: 'revision 8 in the bucket' });

    outbox.offerSet(deletedEndpointSet('default', 'web', 9));
    await waitFor(async () => (await stored(kv, 'web'))?.deleted === true, { what: 'the tombstone' });
    const seq = (await kv.get(endpointsKey('default', 'web')))!.revision;
    outbox.offerSet(deletedEndpointSet('default', 'web', 10));
    await waitFor(() => heard.length === 4, { what: 'the second tombstone on the subject' });
    const after = await kv.get(endpointsKey('default', 'web'));
    expect(after!.revision).toBe(seq);
    expect(decodeEndpointSet(after!.value)?.revision).toBe(9);
  });

  it('beyond maxPendingSets drops what waits and republishes every Service from its source instead', async () => {
    const link = await gatedLink(nats.url, 'bound');
    const outbox = outboxOn(link, 'bound', { maxPendingSets: 3 });
    const source = new FakeSource();
    outbox.attach(source);
    const names = ['s1', 's2', 's3', 's4', 's5'];
    for (const [i, name] of names.entries()) {
      source.put(setOf(name, 20, [20 + i]));
      outbox.offerSet(setOf(name, 10 + i, [10 + i]));
    }
    expect(outbox.overflows).toBe(1);
    expect(outbox.pendingSets).toBeLessThanOrEqual(3);
    const heard = await listen(nats.url, subjects.allEndpoints('bound'), decodeEndpointSet);

    link.set(true);
    const kv = await bucketAt(nats.url, 'bound');
    for (const [i, name] of names.entries()) {
      await waitFor(async () => (await stored(kv, name))?.revision === 20, { what: `${name} at revision 20` });
      expect((await stored(kv, name))?.endpoints.map((e) => e.port)).toEqual([20 + i]);
    }
    await waitFor(() => names.every((n) => heard.some((s) => s.service === n && s.revision === 20)), { what: 'every Service on its subject' });
  });

  it('keeps at most maxPendingEvents messages, dropping the oldest, and counts the drops', async () => {
    const link = await gatedLink(nats.url, 'ev');
    const outbox = outboxOn(link, 'ev', { maxPendingEvents: 3 });
    const heard = await listen(nats.url, 'berth.ev.events.>', (d) => json<{ n: number }>(d).n);
    for (let n = 1; n <= 5; n++) outbox.offerMessage(`berth.ev.events.default.Pod.p${n}`, new TextEncoder().encode(JSON.stringify({ n })));
    expect(outbox.pendingMessages).toBe(3);
    expect(outbox.droppedMessages).toBe(2);
    link.set(true);
    await waitFor(() => heard.length === 3, { what: 'three events' });
    expect(heard).toEqual([3, 4, 5]);
  });

  it('drops the sets of a detached source and ignores sets offered without one', async () => {
    const link = await gatedLink(nats.url, 'det');
    const outbox = outboxOn(link, 'det');
    const source = new FakeSource();
    outbox.attach(source);
    outbox.offerSet(setOf('web', 1));
    expect(outbox.pendingSets).toBe(1);
    outbox.detach(source);
    expect(outbox.pendingSets).toBe(0);
    outbox.offerSet(setOf('web', 2));
    expect(outbox.pendingSets).toBe(0);
  });

  it('connects when NATS comes, republishes everything after a kill -9 and restart, and tombstones keys of Services that are gone', async () => {
    const own = await startNats(res);
    await own.kill();
    // The link starts with NATS down: it neither throws nor waits.
    const link = linkTo(own.url, 'rs');
    const outbox = outboxOn(link, 'rs');
    const source = new FakeSource();
    source.put(setOf('a', 5, [1]));
    source.put(setOf('b', 6, [2]));
    outbox.attach(source);
    expect(link.connected).toBe(false);

    await own.restart();
    let kv = await waitForBucket(own.url, 'rs');
    await waitFor(async () => (await stored(kv, 'a'))?.revision === 5 && (await stored(kv, 'b'))?.revision === 6, { what: 'a and b in the bucket' });
    // A Service deleted while no leader published: its key is still live.
    await kv.put(endpointsKey('default', 'gone'), encodeEndpointSet(setOf('gone', 3, [3])));

    await own.kill();
    await waitFor(() => !link.connected, { what: 'the link to notice' });
    source.put(setOf('b', 9, [2, 9]));
    outbox.offerSet(setOf('b', 9, [2, 9]));
    outbox.offerSet(setOf('b', 8, [8]));
    expect(outbox.pendingSets).toBe(1);

    await own.restart();
    kv = await waitForBucket(own.url, 'rs');
    await waitFor(async () => (await stored(kv, 'b'))?.revision === 9, { what: 'b at revision 9' });
    expect((await stored(kv, 'b'))?.endpoints.map((e) => e.port)).toEqual([2, 9]);
    await waitFor(async () => (await stored(kv, 'gone'))?.deleted === true, { what: 'the tombstone of gone' });
    expect((await stored(kv, 'gone'))?.revision).toBe(9);
    expect((await stored(kv, 'a'))?.revision).toBe(5);
  });
});

async function waitForBucket(url: string, cluster: string): Promise<KV> {
  let kv: KV | undefined;
  await waitFor(
    async () => {
      kv = await bucketAt(url, cluster);
      await kv.status();
      return true;
    },
    { what: `the ${cluster} bucket`, timeoutMs: 15_000, intervalMs: 200 },
  );
  return kv!;
}

function service(name: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec: { selector: { app: name }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] } };
}

function endpoints(name: string, ips: readonly string[]): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name, namespace: 'default' },
    subsets: [{ addresses: ips.map((ip, i) => ({ ip, nodeName: 'n1', targetRef: { kind: 'Pod', name: `${name}-${i}`, namespace: 'default' } })), ports: [{ name: 'http', port: 8080 }] }],
  } as KubeObject;
}

const rv = (o: KubeObject): number => Number(o.metadata.resourceVersion);

describe.skipIf(!haveNats)('the publisher, run by the controller manager over a real store', () => {
  let nats: NatsServer;
  beforeAll(async () => {
    nats = await startNats(res);
  });

  it('publishes a Service set, a newer one on each change, a tombstone on deletion, and Events; it never writes to the store', async () => {
    const link = linkTo(nats.url, 'pub');
    const outbox = outboxOn(link, 'pub');
    const h = await controllerHarness(fx, [natsPublisherSpec(outbox, 'pub')]);
    try {
      const heard = await listen(nats.url, subjects.allEndpoints('pub'), decodeEndpointSet);
      const events = await listen(nats.url, 'berth.pub.events.>', json<ObjectEventMessage>);
      const svc = await h.reg.create(service('web'));
      const ep = await h.reg.create(endpoints('web', ['10.0.0.1']));
      const kv = await waitForBucket(nats.url, 'pub');
      await waitFor(async () => (await stored(kv, 'web'))?.endpoints.length === 1, { what: 'web with one endpoint' });
      const first = (await stored(kv, 'web'))!;
      expect(first.revision).toBeGreaterThanOrEqual(Math.max(rv(svc), rv(ep)));
      expect(first.endpoints[0]).toMatchObject({ address: '10.0.0.1', port: 8080, portName: 'http', ready: true, pod: 'web-0', node: 'n1' });
      expect(heard.some((s) => s.service === 'web' && s.revision === first.revision)).toBe(true);

      const changed = await h.reg.modify(ENDPOINTS, 'default', 'web', {}, (cur) => ({ ...cur, subsets: endpoints('web', ['10.0.0.1', '10.0.0.2']).subsets }) as KubeObject);
      await waitFor(async () => (await stored(kv, 'web'))?.endpoints.length === 2, { what: 'web with two endpoints' });
      const second = (await stored(kv, 'web'))!;
      expect(second.revision).toBeGreaterThanOrEqual(rv(changed.object));
      expect(second.revision).toBeGreaterThan(first.revision);

      // Deleting the Endpoints leaves neither object newer; the set still outranks the last one.
      await h.reg.delete(ENDPOINTS, 'default', 'web', {});
      await waitFor(async () => (await stored(kv, 'web'))?.endpoints.length === 0, { what: 'web with no endpoints' });
      const third = (await stored(kv, 'web'))!;
      expect(third.revision).toBeGreaterThan(second.revision);

      await h.reg.delete(SERVICE, 'default', 'web', {});
      await waitFor(async () => (await stored(kv, 'web'))?.deleted === true, { what: 'the tombstone of web' });
      expect((await stored(kv, 'web'))!.revision).toBeGreaterThan(third.revision);
      expect(heard.filter((s) => s.service === 'web').map((s) => s.revision)).toEqual([...heard.filter((s) => s.service === 'web').map((s) => s.revision)].sort((a, b) => a - b));

      await h.reg.create({ apiVersion: 'v1', kind: 'Event', metadata: { name: 'web-1', namespace: 'default' }, involvedObject: { kind: 'Service', name: 'web', namespace: 'default' }, reason: 'Tested', message: 'hello', type: 'Normal', count: 1 } as KubeObject);
      await waitFor(() => events.length === 1, { what: 'the Event on its subject' });
      expect(events[0]).toMatchObject({ namespace: 'default', kind: 'Service', name: 'web', reason: 'Tested', message: 'hello', type: 'Normal', count: 1 });

      // Idle, and republishing on a reconnect, the publisher makes no store write.
      await h.settled();
      const revision = h.replica.store.revision;
      await h.reg.create(service('api'));
      await waitFor(async () => (await stored(kv, 'api')) !== undefined, { what: 'api in the bucket' });
      await h.settled();
      expect(h.replica.store.revision).toBe(revision + 1);
    } finally {
      await h.close();
    }
  });

  it('stops publishing when leadership is lost, and republishes everything when it is won again', async () => {
    const link = linkTo(nats.url, 'lead');
    const outbox = outboxOn(link, 'lead');
    const h = await controllerHarness(fx, [natsPublisherSpec(outbox, 'lead')]);
    try {
      await h.reg.create(service('web'));
      const kv = await waitForBucket(nats.url, 'lead');
      await waitFor(async () => (await stored(kv, 'web')) !== undefined, { what: 'web in the bucket' });
      h.replica.leading = false;
      await waitFor(() => !h.manager.running, { what: 'the publisher to stop' });
      await h.reg.create(service('db'));
      await h.reg.create(endpoints('web', ['10.0.0.9']));
      const heard = await listen(nats.url, subjects.allEndpoints('lead'), decodeEndpointSet);
      h.replica.leading = true;
      await h.settled();
      await waitFor(() => heard.some((s) => s.service === 'db') && heard.some((s) => s.service === 'web' && s.endpoints.length === 1), { what: 'the new term to republish db and web' });
      expect((await stored(kv, 'db'))?.deleted).toBeUndefined();
    } finally {
      await h.close();
    }
  });
});

describe.skipIf(!haveNats)('metrics, usage and scaling decisions', () => {
  let nats: NatsServer;
  beforeAll(async () => {
    nats = await startNats(res);
  });

  it('keeps the latest sample per (namespace, pod, metric), evicting the stalest beyond its bound', () => {
    let now = 1000;
    const samples = new MetricSamples(2, () => now);
    samples.record('default', 'p1', 'rps', 1);
    now = 2000;
    samples.record('default', 'p2', 'rps', 2);
    samples.record('default', 'p1', 'rps', 3);
    now = 3000;
    samples.record('default', 'p3', 'rps', 4);
    expect(samples.size).toBe(2);
    expect(samples.get('default', 'p2', 'rps')).toBeUndefined();
    expect(samples.get('default', 'p1', 'rps')).toEqual({ value: 3, atMs: 2000 });
    expect(samples.get('default', 'p3', 'rps')).toEqual({ value: 4, atMs: 3000 });
  });

  it('follows the custom metrics applications publish on NATS, ignoring what is not a sample', async () => {
    const link = linkTo(nats.url, 'met');
    const samples = new MetricSamples(100);
    followMetrics(link, 'met', samples, silent);
    await waitFor(() => link.connected, { what: 'the link' });
    const nc = await client(nats.url);
    await link.connection!.flush();
    nc.publish(subjects.metrics('met', 'default', 'web-1'), new TextEncoder().encode('not json'));
    nc.publish(subjects.metrics('met', 'default', 'web-1'), new TextEncoder().encode(JSON.stringify({ name: 'queue_depth', value: 42 })));
    await waitFor(() => samples.get('default', 'web-1', 'queue_depth')?.value === 42, { what: 'the sample' });
    expect(samples.size).toBe(1);
  });

  it('answers pods usage from the heartbeats, and metrics from the samples', () => {
    let calls = 0;
    const samples = new MetricSamples(10);
    samples.record('default', 'p1', 'rps', 7);
    let now = 0;
    const signals = podSignals(
      () => {
        calls++;
        return [{ namespace: 'default', name: 'p1', usage: { cpuMillicores: 250, memoryBytes: 1024 } }];
      },
      samples,
      () => now,
    );
    expect(signals.usage('default', 'p1')).toEqual({ cpuMillicores: 250, memoryBytes: 1024 });
    expect(signals.usage('default', 'p2')).toBeUndefined();
    expect(calls).toBe(1);
    now = 10_000;
    signals.usage('default', 'p1');
    expect(calls).toBe(2);
    expect(signals.metric('default', 'p1', 'rps')?.value).toBe(7);
    expect(podSignals(() => [], undefined).metric('default', 'p1', 'rps')).toBeUndefined();
  });

  it('publishes scaling decisions on the subject of the object they scale', async () => {
    const link = linkTo(nats.url, 'sc');
    const outbox = outboxOn(link, 'sc');
    const heard = await listen(nats.url, subjects.scaling('sc', 'default', 'Deployment', 'web'), json<ScalingDecision>);
    const decision: ScalingDecision = {
      revision: 12,
      namespace: 'default',
      autoscaler: 'web',
      target: { kind: 'Deployment', name: 'web' },
      currentReplicas: 2,
      desiredReplicas: 4,
      metrics: [{ name: 'cpu', current: 90, target: 50, type: 'Resource' }],
      reason: 'cpu above target',
      time: '2024-01-01T00:00:00Z',
    };
    natsScalingSink(outbox, 'sc', silent).publish(decision);
    await waitFor(() => heard.length === 1, { what: 'the decision' });
    expect(heard[0]).toEqual(decision);
  });
});
