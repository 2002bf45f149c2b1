// Proves service discovery of the SDK and the CLI against a real 3-replica cluster WITHOUT NATS:
// client.discovery follows the control plane's watches of Services and Endpoints (the fallback),
// so Services and Endpoints objects made by hand here (Services without a selector, which no
// controller manages) show up in resolve(), subscriptions hear their changes, a deleted Service is
// not found, and the cache keeps following after the replica it watched (the first of its servers)
// is killed with -9. The CLI's `berth resolve -o json` prints the documented shape with the same
// revision (also when the NATS it is given is unreachable), exits 1 for an unknown Service, and
// `berth get ep` prints kubectl's ENDPOINTS column.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, NotFoundError } from '../../client/index.js';
import type { KubeObject, ServiceEndpoint } from '../../client/index.js';
import { cliEnv, runBerth, shownRun } from '../support/berth-cli.js';
import { BerthCluster } from '../support/berth-cluster.js';
import { Resources, freePort, waitFor } from '../support/procs.js';

let res: Resources;
let cluster: BerthCluster;
let client: Client;
let tmp: string;

function service(name: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec: { ports: [{ name: 'http', port: 80, protocol: 'TCP' }] } };
}

/** An Endpoints object as the Endpoints controller would write it: one subset per pod (each has its own port). */
function endpoints(name: string, ready: readonly number[], notReady: readonly number[] = []): KubeObject {
  const address = (port: number): Record<string, unknown> => ({ ip: '127.0.0.1', nodeName: 'n1', targetRef: { kind: 'Pod', name: `${name}-${port}`, namespace: 'default' } });
  const subset = (port: number, isReady: boolean): Record<string, unknown> => ({ [isReady ? 'addresses' : 'notReadyAddresses']: [address(port)], ports: [{ name: 'http', port, protocol: 'TCP' }] });
  return { apiVersion: 'v1', kind: 'Endpoints', metadata: { name, namespace: 'default' }, subsets: [...ready.map((p) => subset(p, true)), ...notReady.map((p) => subset(p, false))] };
}

const ports = (list: readonly ServiceEndpoint[]): number[] => list.map((e) => e.port).sort((a, b) => a - b);

/** Waits until the cache's ready endpoints of `name` are `expected`. */
async function resolvesTo(name: string, expected: readonly number[]): Promise<void> {
  await waitFor(() => JSON.stringify(ports(client.discovery.resolveCached(name))) === JSON.stringify(expected), {
    what: `${name} to resolve to ${JSON.stringify(expected)}`,
    timeoutMs: 20_000,
  });
}

function berth(args: readonly string[], env?: NodeJS.ProcessEnv): ReturnType<typeof runBerth> {
  return runBerth(args, { home: tmp, servers: cluster.endpoints().join(','), ...(env === undefined ? {} : { env }) });
}

beforeAll(async () => {
  res = new Resources();
  tmp = await res.tempDir('berth-discovery-it-');
  cluster = await BerthCluster.start(res, { replicas: 3 });
  // No NATS anywhere: no option, an empty environment (no BERTH_NATS) and a home without a config file.
  client = new Client({ servers: cluster.endpoints(), timeoutMs: 5_000 }, { env: {}, homeDir: tmp });
  expect(client.options.nats).toBeUndefined();
}, 60_000);

afterAll(async () => {
  client?.close();
  await res?.cleanup();
});

describe('service discovery without NATS (the control-plane fallback)', () => {
  it('follows a Service and its Endpoints made by hand, in the SDK and in berth resolve', async () => {
    await client.create(service('web'));
    expect(await client.discovery.resolve('web')).toEqual([]);
    expect(client.discovery.cache.mode).toBe('control-plane');

    const heard: number[][] = [];
    const unsubscribe = client.discovery.subscribe('web', (ready) => void heard.push(ports(ready)));
    await client.create(endpoints('web', [30101], [30102]));
    await resolvesTo('web', [30101]);
    const ep = await client.get('Endpoints', 'web');
    await client.update({ ...endpoints('web', [30101, 30102]), metadata: { ...ep.metadata } });
    await resolvesTo('web', [30101, 30102]);
    await waitFor(() => heard.some((h) => JSON.stringify(h) === '[30101,30102]'), { what: 'the subscriber to hear both endpoints' });
    expect(heard[0]).toEqual([]);
    unsubscribe();

    const set = await client.discovery.lookup('web');
    const [svc, eps] = await Promise.all([client.get('Service', 'web'), client.get('Endpoints', 'web')]);
    expect(set.revision).toBe(Math.max(Number(svc.metadata.resourceVersion), Number(eps.metadata.resourceVersion)));

    const r = await berth(['resolve', 'web', '-o', 'json']);
    expect(r.code, shownRun(r)).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      service: 'web',
      namespace: 'default',
      revision: set.revision,
      endpoints: [
        { address: '127.0.0.1', port: 30101, portName: 'http', ready: true, pod: 'web-30101', node: 'n1' },
        { address: '127.0.0.1', port: 30102, portName: 'http', ready: true, pod: 'web-30102', node: 'n1' },
      ],
    });
    // With a NATS configured that nobody runs, the CLI answers all the same, from the control plane.
    const unreachable = await berth(['resolve', 'web', '-o', 'json'], { ...cliEnv(tmp), BERTH_NATS: `nats://127.0.0.1:${await freePort()}` });
    expect(unreachable.code, shownRun(unreachable)).toBe(0);
    expect(JSON.parse(unreachable.stdout)).toEqual(JSON.parse(r.stdout));

    const table = await berth(['resolve', 'web']);
    expect(table.stdout.split('\n')[0]).toBe('ADDRESS    PORT   PORT-NAME  POD        NODE');

    const unknown = await berth(['resolve', 'nope']);
    expect(unknown.code, shownRun(unknown)).toBe(1);
    expect(unknown.stderr).toBe('error: service "nope" not found in namespace "default"\n');

    const get = await berth(['get', 'ep', 'web']);
    expect(get.code, shownRun(get)).toBe(0);
    expect(get.stdout).toMatch(/^NAME\s+ENDPOINTS\s+AGE\nweb\s+127\.0\.0\.1:30101,127\.0\.0\.1:30102\s+\d+s\n$/);
  });

  it('turns deletions into [] (Endpoints) and not found (Service)', async () => {
    await client.delete('Endpoints', 'web');
    await resolvesTo('web', []);
    await client.delete('Service', 'web');
    await waitFor(() => client.discovery.cache.get('default', 'web')?.deleted === true, { what: 'the tombstone of web', timeoutMs: 20_000 });
    await expect(client.discovery.resolve('web')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('keeps following after the replica it watched is killed with -9', async () => {
    await cluster.procs.get('r1')!.kill();
    await waitFor(async () => (await cluster.leader(['r2', 'r3'])) !== undefined, { what: 'a leader among r2 and r3', timeoutMs: 30_000 });
    await client.create(service('api'));
    await client.create(endpoints('api', [30201, 30202]));
    await resolvesTo('api', [30201, 30202]);
    expect(client.discovery.cache.mode).toBe('control-plane');
  });
});
