// Proves that NodePort Services get node ports race-free, over a real store: ports are allocated in
// 30000-32767 and unique across many Services created at once; an explicit port is kept, and one
// another Service holds is refused naming the field, with nothing written; applying a manifest
// twice keeps the port; type changes allocate and give back; deletion (direct, after a finalizer,
// or with the namespace) gives the ports back for reuse; a dry run reserves nothing; and the
// reservation keys are what make it race-free: two writes that chose the same port cannot both
// commit.
import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { InvalidError, isBerthError, resolveKind } from '../../client/index.js';
import type { KubeObject } from '../../client/index.js';
import { applyObject, patchObject, updateObject } from '../../server/api/registry/apply.js';
import { NamespaceLifecycle } from '../../server/api/registry/namespace-lifecycle.js';
import { MAX_NODE_PORTS_PER_SERVICE, NODE_PORTS_PREFIX, carryNodePorts, nodePortKey, pickFreePort, planNodePorts } from '../../server/api/registry/node-ports.js';
import { compileRegistryOptions } from '../../server/api/registry/options.js';
import { ObjectRegistry } from '../../server/api/registry/registry.js';
import { levelFixtures } from '../support/level-fixtures.js';
import { waitFor } from '../support/procs.js';
import { singleReplica } from '../support/single-replica.js';

const fx = levelFixtures('berth-node-ports-');
const SERVICE = resolveKind('Service');
const NAMESPACE = resolveKind('Namespace');
const MIN = 30000;
const MAX = 32767;

interface PortSpec {
  name?: string;
  port: number;
  protocol?: string;
  nodePort?: number;
}

function service(name: string, type: 'ClusterIP' | 'NodePort', ports: PortSpec[] = [{ port: 80 }], namespace = 'default', labels?: Record<string, string>): KubeObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace, ...(labels !== undefined ? { labels } : {}) }, spec: { type, selector: { app: name }, ports } };
}

function portsOf(svc: KubeObject): Record<string, unknown>[] {
  return (svc.spec?.['ports'] ?? []) as Record<string, unknown>[];
}

function nodePortsOf(svc: KubeObject): (number | undefined)[] {
  return portsOf(svc).map((p) => p['nodePort'] as number | undefined);
}

async function setup() {
  const replica = await singleReplica(fx);
  const reg = new ObjectRegistry(replica.node, compileRegistryOptions({ logger: pino({ level: 'silent' }) }));
  await reg.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  /** Every reservation: "<protocol>/<port>" → the uid of the Service that holds it. */
  const reservations = async (): Promise<Map<string, string>> => {
    const kvs = (await replica.store.range({ key: NODE_PORTS_PREFIX, prefix: true })).kvs;
    return new Map(kvs.map((kv) => [kv.key.slice(NODE_PORTS_PREFIX.length), (JSON.parse(new TextDecoder().decode(kv.value)) as { uid: string }).uid]));
  };
  return { replica, reg, reservations };
}

async function refusal(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => {
      throw new Error('expected a refusal');
    },
    (err: unknown) => err,
  );
}

describe('node ports of new Services', () => {
  it('gives 50 Services created at once 50 distinct ports in range, each reserved for its Service', async () => {
    const { reg, reservations } = await setup();
    const made = await Promise.all(Array.from({ length: 50 }, (_, i) => reg.create(service(`s${i}`, 'NodePort'))));
    const ports = made.map((s) => nodePortsOf(s)[0] ?? 0);
    expect(new Set(ports).size).toBe(50);
    for (const p of ports) expect(p >= MIN && p <= MAX).toBe(true);
    const held = await reservations();
    expect(held.size).toBe(50);
    for (const s of made) {
      expect(held.get(`TCP/${nodePortsOf(s)[0]}`)).toBe(s.metadata.uid);
      expect(nodePortsOf(await reg.get(SERVICE, 'default', s.metadata.name ?? ''))).toEqual(nodePortsOf(s));
    }
  });

  it('gives each port of a multi-port Service its own node port, and keeps an explicit one', async () => {
    const { reg, reservations } = await setup();
    const made = await reg.create(
      service('multi', 'NodePort', [
        { name: 'http', port: 80 },
        { name: 'https', port: 443, nodePort: 30443 },
        { name: 'dns', port: 53, protocol: 'UDP' },
      ]),
    );
    const [http, https, dns] = nodePortsOf(made);
    expect(https).toBe(30443);
    expect(new Set([http, https, dns]).size).toBe(3);
    expect([...(await reservations()).keys()].sort()).toEqual([`TCP/${http}`, 'TCP/30443', `UDP/${dns}`].sort());
  });

  it('refuses an explicit port another Service holds, naming the field, and writes nothing', async () => {
    const { reg, reservations } = await setup();
    const first = await reg.create(service('first', 'NodePort', [{ port: 80, nodePort: 30080 }]));
    const before = await reservations();
    const err = await refusal(reg.create(service('second', 'NodePort', [{ name: 'a', port: 81 }, { name: 'b', port: 80, nodePort: 30080 }])));
    expect(err).toBeInstanceOf(InvalidError);
    expect((err as InvalidError).causes).toEqual([{ field: 'spec.ports[1].nodePort', message: expect.stringContaining('provided port is already allocated') as unknown }]);
    expect(String(err)).toMatch(/spec\.ports\[1\]\.nodePort: provided port is already allocated/);
    expect(await reservations()).toEqual(before);
    expect(isBerthError(await refusal(reg.get(SERVICE, 'default', 'second')), 'NOT_FOUND')).toBe(true);
    expect(before.get('TCP/30080')).toBe(first.metadata.uid);
    // The same number over another protocol is another port.
    const udp = await reg.create(service('udp', 'NodePort', [{ port: 80, protocol: 'UDP', nodePort: 30080 }]));
    expect((await reservations()).get('UDP/30080')).toBe(udp.metadata.uid);
  });

  it('lets exactly one of ten concurrent creates of the same explicit port win', async () => {
    const { reg, reservations } = await setup();
    const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => reg.create(service(`c${i}`, 'NodePort', [{ port: 80, nodePort: 31000 }]))));
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(String(r.reason)).toMatch(/provided port is already allocated/);
    const held = await reservations();
    expect(held.size).toBe(1);
    expect(held.get('TCP/31000')).toBe(won[0]?.status === 'fulfilled' ? won[0].value.metadata.uid : 'none');
  });

  it('shows the allocated port on a dry run but reserves and writes nothing', async () => {
    const { reg, reservations } = await setup();
    const dry = await reg.create(service('dry', 'NodePort'), true);
    const port = nodePortsOf(dry)[0] ?? 0;
    expect(port >= MIN && port <= MAX).toBe(true);
    expect((await reservations()).size).toBe(0);
    expect(isBerthError(await refusal(reg.get(SERVICE, 'default', 'dry')), 'NOT_FOUND')).toBe(true);
    // A dry-run update from ClusterIP to NodePort reserves nothing either.
    await reg.create(service('plain', 'ClusterIP'));
    const upd = await reg.modify(SERVICE, 'default', 'plain', {}, (cur) => ({ ...cur, spec: { ...cur.spec, type: 'NodePort' } }), true);
    expect(nodePortsOf(upd.object)[0]).toBeGreaterThanOrEqual(MIN);
    expect((await reservations()).size).toBe(0);
    expect(nodePortsOf(await reg.get(SERVICE, 'default', 'plain'))).toEqual([undefined]);
  });

  it('refuses a Service when every port of the range is taken, with RESOURCE_EXHAUSTED', async () => {
    const { reg } = await setup();
    const total = MAX - MIN + 1;
    for (let first = MIN, i = 0; first <= MAX; first += MAX_NODE_PORTS_PER_SERVICE, i++) {
      const count = Math.min(MAX_NODE_PORTS_PER_SERVICE, MAX - first + 1);
      const ports = Array.from({ length: count }, (_, j) => ({ name: `p${j}`, port: 1000 + j, nodePort: first + j }));
      await reg.create(service(`full${i}`, 'NodePort', ports));
    }
    const err = await refusal(reg.create(service('one-more', 'NodePort')));
    expect(isBerthError(err, 'RESOURCE_EXHAUSTED')).toBe(true);
    expect(String(err)).toContain(`spec.ports[0].nodePort: no node port is free for TCP: all ${total} ports of ${MIN}-${MAX} are allocated`);
    // UDP has its own range.
    await reg.create(service('udp', 'NodePort', [{ port: 53, protocol: 'UDP' }]));
  });

  it('refuses a NodePort Service with more ports than the bound, naming spec.ports', async () => {
    const { reg, reservations } = await setup();
    const ports = Array.from({ length: MAX_NODE_PORTS_PER_SERVICE + 1 }, (_, j) => ({ name: `p${j}`, port: 1000 + j }));
    const err = await refusal(reg.create(service('wide', 'NodePort', ports)));
    expect(String(err)).toContain(`spec.ports: a NodePort Service may have at most ${MAX_NODE_PORTS_PER_SERVICE} ports (got ${MAX_NODE_PORTS_PER_SERVICE + 1})`);
    expect((await reservations()).size).toBe(0);
    await reg.create(service('wide', 'ClusterIP', ports));
  });

  it('takes over a reservation whose Service is gone', async () => {
    const { replica, reg, reservations } = await setup();
    const stale = new TextEncoder().encode(JSON.stringify({ uid: 'gone-uid', namespace: 'default', name: 'ghost' }));
    await replica.node.propose({ type: 'put', key: nodePortKey('TCP', 30500), value: stale });
    const made = await reg.create(service('heir', 'NodePort', [{ port: 80, nodePort: 30500 }]));
    expect((await reservations()).get('TCP/30500')).toBe(made.metadata.uid);
  });
});

describe('node ports across updates', () => {
  it('keeps the port when the same manifest is applied twice, and when a changed manifest omits it', async () => {
    const { reg, reservations } = await setup();
    const manifest = service('web', 'NodePort', [{ name: 'http', port: 80 }]);
    const created = await applyObject(reg, manifest, false);
    expect(created.result).toBe('created');
    const port = nodePortsOf(created.object)[0];
    expect(port).toBeGreaterThanOrEqual(MIN);
    const again = await applyObject(reg, manifest, false);
    expect(again.result).toBe('unchanged');
    expect(again.object.metadata.resourceVersion).toBe(created.object.metadata.resourceVersion);
    const relabelled = await applyObject(reg, service('web', 'NodePort', [{ name: 'http', port: 80 }], 'default', { tier: 'front' }), false);
    expect(relabelled.result).toBe('configured');
    expect(nodePortsOf(relabelled.object)).toEqual([port]);
    expect([...(await reservations()).keys()]).toEqual([`TCP/${port}`]);
  });

  it('keeps the port through an update and a patch that leave it out', async () => {
    const { reg, reservations } = await setup();
    const made = await reg.create(service('keep', 'NodePort', [{ name: 'http', port: 80 }]));
    const port = nodePortsOf(made)[0];
    const put = await updateObject(reg, { ...service('keep', 'NodePort', [{ name: 'http', port: 80, protocol: 'TCP' }]), metadata: { name: 'keep', namespace: 'default', labels: { v: '2' } } }, '', false);
    expect(nodePortsOf(put.object)).toEqual([port]);
    const patched = await patchObject(reg, SERVICE, 'default', 'keep', JSON.stringify({ spec: { ports: [{ name: 'http', port: 8080 }] } }), '', false);
    expect(nodePortsOf(patched.object)).toEqual([port]);
    expect([...(await reservations()).keys()]).toEqual([`TCP/${port}`]);
  });

  it('allocates when a Service becomes NodePort and gives back when it stops being one', async () => {
    const { reg, reservations } = await setup();
    await applyObject(reg, service('flip', 'ClusterIP'), false);
    expect((await reservations()).size).toBe(0);
    const up = await applyObject(reg, service('flip', 'NodePort'), false);
    const port = nodePortsOf(up.object)[0];
    expect(port).toBeGreaterThanOrEqual(MIN);
    expect((await reservations()).get(`TCP/${port}`)).toBe(up.object.metadata.uid);
    const down = await applyObject(reg, service('flip', 'ClusterIP'), false);
    expect(down.result).toBe('configured');
    expect(nodePortsOf(down.object)).toEqual([undefined]);
    expect(nodePortsOf(await reg.get(SERVICE, 'default', 'flip'))).toEqual([undefined]);
    expect((await reservations()).size).toBe(0);
  });

  it('reserves a changed explicit port and gives back the old one', async () => {
    const { reg, reservations } = await setup();
    const made = await reg.create(service('move', 'NodePort', [{ port: 80, nodePort: 30100 }]));
    const moved = await reg.modify(SERVICE, 'default', 'move', {}, (cur) => ({ ...cur, spec: { ...cur.spec, ports: [{ port: 80, nodePort: 30101 }] } }));
    expect(nodePortsOf(moved.object)).toEqual([30101]);
    expect([...(await reservations()).entries()]).toEqual([['TCP/30101', made.metadata.uid]]);
    await reg.create(service('next', 'NodePort', [{ port: 80, nodePort: 30100 }]));
    // Moving onto a port another Service holds is refused and changes nothing.
    const err = await refusal(reg.modify(SERVICE, 'default', 'move', {}, (cur) => ({ ...cur, spec: { ...cur.spec, ports: [{ port: 80, nodePort: 30100 }] } })));
    expect(String(err)).toMatch(/spec\.ports\[0\]\.nodePort: provided port is already allocated/);
    expect(nodePortsOf(await reg.get(SERVICE, 'default', 'move'))).toEqual([30101]);
  });
});

describe('node ports on deletion', () => {
  it('gives the ports back on delete, for a new Service to take', async () => {
    const { reg, reservations } = await setup();
    await reg.create(service('old', 'NodePort', [{ port: 80, nodePort: 30200 }]));
    await reg.delete(SERVICE, 'default', 'old', {});
    expect((await reservations()).size).toBe(0);
    const heir = await reg.create(service('new', 'NodePort', [{ port: 80, nodePort: 30200 }]));
    expect((await reservations()).get('TCP/30200')).toBe(heir.metadata.uid);
  });

  it('keeps the port while a finalizer holds the Service, and gives it back when the Service goes', async () => {
    const { reg, reservations } = await setup();
    const made = await reg.create({ ...service('held', 'NodePort', [{ port: 80, nodePort: 30300 }]), metadata: { name: 'held', namespace: 'default', finalizers: ['example.com/wait'] } });
    const out = await reg.delete(SERVICE, 'default', 'held', {});
    expect(out.pending).toBe(true);
    expect((await reservations()).get('TCP/30300')).toBe(made.metadata.uid);
    await reg.modify(SERVICE, 'default', 'held', {}, (cur) => ({ ...cur, metadata: { ...cur.metadata, finalizers: [] } }));
    expect(isBerthError(await refusal(reg.get(SERVICE, 'default', 'held')), 'NOT_FOUND')).toBe(true);
    expect((await reservations()).size).toBe(0);
  });

  it('gives back the ports of the Services in a namespace that is deleted', async () => {
    const { reg, reservations } = await setup();
    await reg.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
    await reg.create(service('a', 'NodePort', [{ port: 80 }], 'team'));
    await reg.create(service('b', 'NodePort', [{ port: 80, nodePort: 30400 }], 'team'));
    const stays = await reg.create(service('c', 'NodePort', [{ port: 80 }]));
    expect((await reservations()).size).toBe(3);
    const lifecycle = new NamespaceLifecycle(reg, 10);
    lifecycle.start();
    try {
      await reg.delete(NAMESPACE, undefined, 'team', {});
      await waitFor(async () => (await reg.get(NAMESPACE, undefined, 'team').catch(() => undefined)) === undefined, { what: 'namespace team to be gone' });
    } finally {
      lifecycle.stop();
    }
    expect([...(await reservations()).entries()]).toEqual([[`TCP/${nodePortsOf(stays)[0]}`, stays.metadata.uid]]);
  });
});

describe('the allocator\'s parts', () => {
  it('scans from the start, wraps around the range, and reports a full range', () => {
    expect(pickFreePort(() => false, 5)).toBe(MIN + 5);
    expect(pickFreePort((p) => p >= MIN + 10, 20)).toBe(MIN);
    expect(pickFreePort(() => true, 0)).toBeUndefined();
  });

  it('carries old node ports by name into an update that omits them, and drops them when the type goes', () => {
    const cur = service('s', 'NodePort', [
      { name: 'a', port: 80, protocol: 'TCP', nodePort: 30001 },
      { name: 'b', port: 81, protocol: 'TCP', nodePort: 30002 },
    ]);
    const reordered = carryNodePorts(cur, service('s', 'NodePort', [{ name: 'b', port: 81 }, { name: 'a', port: 80 }, { name: 'c', port: 82 }]));
    expect(nodePortsOf(reordered)).toEqual([30002, 30001, undefined]);
    expect(nodePortsOf(carryNodePorts(cur, service('s', 'ClusterIP', [{ name: 'a', port: 80, nodePort: 30001 }])))).toEqual([undefined]);
  });

  it('makes two writes that chose the same free port exclude each other', async () => {
    const { replica, reg } = await setup();
    const a = { ...service('a', 'NodePort'), metadata: { name: 'a', namespace: 'default', uid: 'uid-a' } };
    const b = { ...service('b', 'NodePort'), metadata: { name: 'b', namespace: 'default', uid: 'uid-b' } };
    const [planA, planB] = await Promise.all([planNodePorts(replica.node, undefined, a, () => 7), planNodePorts(replica.node, undefined, b, () => 7)]);
    expect(nodePortsOf(planA.object ?? a)).toEqual([MIN + 7]);
    expect(nodePortsOf(planB.object ?? b)).toEqual([MIN + 7]);
    expect((await reg.txn(planA.compare, planA.ops)).succeeded).toBe(true);
    expect((await reg.txn(planB.compare, planB.ops)).succeeded).toBe(false);
    const next = await planNodePorts(replica.node, undefined, b, () => 7);
    expect(nodePortsOf(next.object ?? b)).toEqual([MIN + 8]);
  });
});
