// Proves the leader's NATS publisher on a real 3-replica cluster and a real nats-server: a
// Service's set (with the store revision it reflects) reaches its subject and the endpoints
// bucket, an update a newer revision and a deletion a tombstone; after nats-server is killed with
// -9 while the Endpoints change and then restarted on the same port and store, the bucket
// converges to the current set; after the leader is killed with -9 the new leader republishes (a
// subscriber sees a set at least as new as the last one, and the bucket follows later changes);
// and with NATS configured but never started, the cluster serves writes as usual and its replicas
// still stop cleanly. Endpoints objects are written by the test (only the publisher runs).
import type { KV } from '@nats-io/kv';
import { Kvm } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, EndpointSet, KubeObject } from '../../client/index.js';
import { connectNats, decodeEndpointSet, endpointsBucket, endpointsKey, subjects } from '../../client/index.js';
import { BerthCluster } from '../support/berth-cluster.js';
import type { NatsServer } from '../support/nats.js';
import { natsAvailable, startNats } from '../support/nats.js';
import { Resources, freePort, waitFor } from '../support/procs.js';

const CLUSTER = 'test';
const NS = 'default';
/** Only the publisher runs: no controller of the cluster's own touches the Endpoints the test writes. */
const CONTROLLERS = ['--controllers', 'nats-publisher'];

function service(name: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: NS }, spec: { selector: { app: name }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] } };
}

function endpoints(name: string, ips: readonly string[]): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name, namespace: NS },
    subsets: [{ addresses: ips.map((ip, i) => ({ ip, nodeName: 'n1', targetRef: { kind: 'Pod', name: `${name}-${i}`, namespace: NS } })), ports: [{ name: 'http', port: 8080 }] }],
  } as KubeObject;
}

const rv = (o: KubeObject): number => Number(o.metadata.resourceVersion);
const addresses = (s: EndpointSet | undefined): string[] => (s?.endpoints ?? []).map((e) => e.address);

async function setEndpoints(client: Client, name: string, ips: readonly string[]): Promise<KubeObject> {
  const cur = await client.get('Endpoints', name, { namespace: NS });
  return client.update({ ...cur, subsets: endpoints(name, ips).subsets } as KubeObject);
}

describe.skipIf(!natsAvailable())('the NATS publisher on a 3-replica cluster', () => {
  let res: Resources;
  let nats: NatsServer;
  let cluster: BerthCluster;
  let client: Client;
  let nc: NatsConnection;
  let kv: KV;
  const heard: EndpointSet[] = [];

  beforeAll(async () => {
    res = new Resources();
    res.installSignalHandlers();
    nats = await startNats(res);
    cluster = await BerthCluster.start(res, { replicas: 3, clusterId: CLUSTER, extraArgs: ['--nats', nats.url, ...CONTROLLERS] });
    client = cluster.client();
    nc = await connectNats({ servers: [nats.url] }, { reconnectTimeWaitMs: 200 });
    nc.subscribe(subjects.allEndpoints(CLUSTER), {
      callback: (err, msg) => {
        const set = err === null ? decodeEndpointSet(msg.data) : undefined;
        if (set !== undefined) heard.push(set);
      },
    });
    await nc.flush();
    await waitFor(
      async () => {
        kv = await new Kvm(nc).open(endpointsBucket(CLUSTER));
        await kv.status();
        return true;
      },
      { what: `the leader to create the bucket\n${cluster.logs()}`, timeoutMs: 20_000, intervalMs: 200 },
    );
  });

  afterAll(async () => {
    client?.close();
    await nc?.close().catch(() => undefined);
    await res?.cleanup();
  });

  async function inBucket(name: string): Promise<EndpointSet | undefined> {
    const e = await kv.get(endpointsKey(NS, name));
    return e === null || e.operation !== 'PUT' ? undefined : decodeEndpointSet(e.value);
  }

  async function waitForBucket(name: string, what: string, ok: (s: EndpointSet | undefined) => boolean, timeoutMs = 20_000): Promise<EndpointSet> {
    let last: EndpointSet | undefined;
    await waitFor(async () => ok((last = await inBucket(name))), { what: `${what} (bucket has ${JSON.stringify(last)})\n${cluster.logs()}`, timeoutMs, intervalMs: 100 });
    return last!;
  }

  it('publishes a Service set on its subject and in the bucket, a newer revision on update, a tombstone on delete', async () => {
    const svc = await client.create(service('web'));
    const ep = await client.create(endpoints('web', ['10.0.0.1']));
    const first = await waitForBucket('web', 'web with 10.0.0.1', (s) => addresses(s).join() === '10.0.0.1');
    expect(first.revision).toBeGreaterThanOrEqual(Math.max(rv(svc), rv(ep)));
    expect(first.endpoints[0]).toMatchObject({ port: 8080, portName: 'http', ready: true, pod: 'web-0', node: 'n1' });
    expect(first.ports).toEqual([{ name: 'http', port: 80, protocol: 'TCP' }]);
    await waitFor(() => heard.some((s) => s.service === 'web' && s.revision === first.revision), { what: 'the same set on the subject' });

    const updated = await setEndpoints(client, 'web', ['10.0.0.1', '10.0.0.2']);
    const second = await waitForBucket('web', 'web with two addresses', (s) => addresses(s).length === 2);
    expect(second.revision).toBeGreaterThanOrEqual(rv(updated));
    expect(second.revision).toBeGreaterThan(first.revision);
    await waitFor(() => heard.some((s) => s.service === 'web' && s.revision === second.revision && s.endpoints.length === 2), { what: 'the update on the subject' });

    await client.create(service('gone'));
    const live = await waitForBucket('gone', 'gone in the bucket', (s) => s !== undefined);
    await client.delete('Service', 'gone', { namespace: NS });
    const tomb = await waitForBucket('gone', 'the tombstone of gone', (s) => s?.deleted === true);
    expect(tomb.revision).toBeGreaterThan(live.revision);
    expect(tomb.endpoints).toEqual([]);
    await waitFor(() => heard.some((s) => s.service === 'gone' && s.deleted === true), { what: 'the tombstone on the subject' });
  });

  it('converges after nats-server is killed with -9, the Endpoints change, and it restarts on the same port and store', async () => {
    const before = (await inBucket('web'))!;
    await nats.kill();
    // The control plane takes writes with NATS gone.
    const changed = await setEndpoints(client, 'web', ['10.0.0.1', '10.0.0.2', '10.0.0.3']);
    await nats.restart();
    const after = await waitForBucket('web', 'web with three addresses', (s) => addresses(s).length === 3, 30_000);
    expect(after.revision).toBeGreaterThanOrEqual(rv(changed));
    expect(after.revision).toBeGreaterThan(before.revision);
    expect((await inBucket('gone'))?.deleted).toBe(true);
  });

  it('a new leader republishes after the leader is killed with -9, and publishes what changes next', async () => {
    const current = (await inBucket('web'))!;
    const leader = await cluster.waitForLeader();
    const from = heard.length;
    await cluster.procs.get(leader)!.kill();
    const survivors = cluster.specs.map((s) => s.id).filter((id) => id !== leader);
    const next = await cluster.waitForLeader(survivors, 30_000);
    expect(next).not.toBe(leader);
    await waitFor(() => heard.slice(from).some((s) => s.service === 'web' && s.revision >= current.revision && s.endpoints.length === 3), {
      what: `the new leader ${next} to republish web\n${cluster.logs()}`,
      timeoutMs: 30_000,
    });

    const survivorClient = cluster.client(survivors);
    try {
      const changed = await setEndpoints(survivorClient, 'web', ['10.0.0.4']);
      const latest = await waitForBucket('web', 'web with 10.0.0.4 from the new leader', (s) => addresses(s).join() === '10.0.0.4');
      expect(latest.revision).toBeGreaterThanOrEqual(rv(changed));
    } finally {
      survivorClient.close();
    }
  });
});

describe('a cluster whose NATS never started', () => {
  let res: Resources;
  let cluster: BerthCluster;
  let client: Client;

  beforeAll(async () => {
    res = new Resources();
    res.installSignalHandlers();
    const nobody = await freePort();
    cluster = await BerthCluster.start(res, { replicas: 3, clusterId: CLUSTER, extraArgs: ['--nats', `nats://127.0.0.1:${nobody}`, ...CONTROLLERS] });
    client = cluster.client();
  });

  afterAll(async () => {
    client?.close();
    await res?.cleanup();
  });

  it('serves writes as usual, says once that NATS is not reachable, and stops cleanly', async () => {
    const svc = await client.create(service('web'));
    await client.create(endpoints('web', ['10.0.0.1']));
    const updated = await setEndpoints(client, 'web', ['10.0.0.1', '10.0.0.2']);
    expect(rv(updated)).toBeGreaterThan(rv(svc));
    await client.delete('Service', 'web', { namespace: NS });
    expect((await client.list('Service', { namespace: NS })).items.map((s) => s.metadata.name)).not.toContain('web');

    const leader = await cluster.waitForLeader();
    const proc = cluster.procs.get(leader)!;
    await proc.waitForLog(/NATS is not reachable/, { timeoutMs: 10_000 });
    expect(proc.readLog().match(/NATS is not reachable/g)).toHaveLength(1);

    // Shutdown is not held up by the attempts to reach NATS.
    expect(proc.signal('SIGTERM')).toBe(true);
    expect(await proc.waitExit(15_000)).toBe(true);
    expect((await proc.exited).code).toBe(0);
  });
});
