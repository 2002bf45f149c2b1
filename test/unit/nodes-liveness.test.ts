// Proves node liveness and pod status writes on a leader over a real store, with a clock the test
// moves: a node heard from stays Ready with no write; a silent one becomes NotReady after
// notReadyAfterMs, with its pods Ready=False; pods are evicted evictAfterMs later, at most
// maxEvictionsPerCheck per check; a new term gives every node a fresh grace period; and status
// reports for one pod coalesce, with no more than maxStatusWritesInFlight writes at once.
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../client/index.js';
import { resolveKind } from '../../client/index.js';
import { ObjectRegistry } from '../../server/api/index.js';
import { compileRegistryOptions } from '../../server/api/registry/options.js';
import { NodeLiveness } from '../../server/nodes/liveness.js';
import { registeredNode, readyStatus } from '../../server/nodes/node-state.js';
import { compileNodeServiceOptions } from '../../server/nodes/index.js';
import { PodStatusWriter } from '../../server/nodes/status-writer.js';
import { levelFixtures } from '../support/level-fixtures.js';
import { singleReplica } from '../support/single-replica.js';
import { waitFor } from '../support/procs.js';

const fx = levelFixtures('berth-liveness-');
const NODE = resolveKind('Node');
const POD = resolveKind('Pod');
const T0 = Date.parse('2026-11-22T09:00:00Z');

async function setup(extra: { maxEvictionsPerCheck?: number; maxStatusWritesInFlight?: number } = {}) {
  const replica = await singleReplica(fx);
  const clock = { now: T0 };
  const logger = pino({ level: 'silent' });
  const reg = new ObjectRegistry(replica.node, compileRegistryOptions({ logger, now: () => new Date(clock.now) }));
  await reg.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  const opts = compileNodeServiceOptions({ logger, now: () => clock.now, livenessCheckIntervalMs: 10, ...extra });
  return { replica, clock, reg, opts };
}

async function addNode(reg: ObjectRegistry, name: string): Promise<void> {
  const reported: KubeObject = { apiVersion: 'v1', kind: 'Node', metadata: { name }, status: { capacity: { pods: '110' } } };
  await reg.create(registeredNode(undefined, reported, '2026-11-22T09:00:00Z'));
  await reg.modify(NODE, undefined, name, {}, (cur) => registeredNode(cur, reported, '2026-11-22T09:00:00Z'));
}

function pod(name: string, node: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { nodeName: node, containers: [{ name: 'c', image: 'x' }] } };
}

const deleting = async (reg: ObjectRegistry, names: string[]): Promise<string[]> => {
  const out: string[] = [];
  for (const n of names) if ((await reg.get(POD, 'default', n)).metadata.deletionTimestamp !== undefined) out.push(n);
  return out;
};

describe('node liveness on the leader', () => {
  it('writes nothing while heartbeats come, then NotReady, then evictions, bounded per check', async () => {
    const { replica, clock, reg, opts } = await setup({ maxEvictionsPerCheck: 2 });
    await addNode(reg, 'n1');
    const names = ['p1', 'p2', 'p3', 'p4', 'p5'];
    for (const n of names) await reg.create(pod(n, 'n1'));
    const live = new NodeLiveness(reg, opts);
    live.start();
    try {
      for (let i = 0; i < 10; i++) {
        live.heard('n1');
        const rev = replica.store.revision;
        await new Promise((r) => setTimeout(r, 30));
        clock.now += 1000;
        expect(replica.store.revision).toBe(rev);
      }
      live.heard('n1');
      clock.now += 4001;
      await waitFor(async () => readyStatus(await reg.get(NODE, undefined, 'n1')) === 'Unknown', { what: 'NotReady', timeoutMs: 5000 });
      const podReady = async (n: string): Promise<string | undefined> =>
        (((await reg.get(POD, 'default', n)).status ?? {}) as { conditions?: { type: string; status: string }[] }).conditions?.find((c) => c.type === 'Ready')?.status;
      await waitFor(async () => (await podReady('p5')) === 'False', { what: 'pods not ready', timeoutMs: 5000 });
      await new Promise((r) => setTimeout(r, 100));
      expect(await deleting(reg, names)).toEqual([]);
      clock.now += 5000;
      await waitFor(async () => (await deleting(reg, names)).length >= 2, { what: 'first evictions', timeoutMs: 5000, intervalMs: 2 });
      expect((await deleting(reg, names)).length).toBeLessThanOrEqual(4);
      // Later checks come later: the clock moves on as it would.
      await waitFor(
        async () => {
          clock.now += 100;
          return (await deleting(reg, names)).length === 5;
        },
        { what: 'all evicted', timeoutMs: 5000 },
      );
    } finally {
      live.stop();
    }
  });

  it('makes a node whose agent disconnected NotReady after disconnectedNotReadyAfterMs, and not before', async () => {
    const { clock, reg, opts } = await setup();
    await addNode(reg, 'n1');
    await addNode(reg, 'n2');
    const live = new NodeLiveness(reg, opts);
    live.start();
    try {
      live.heard('n1');
      live.heard('n2');
      await new Promise((r) => setTimeout(r, 50));
      live.disconnected('n1');
      // A reconnect within the window clears it: n2 drops and comes back at once.
      live.disconnected('n2');
      live.heard('n2');
      clock.now += opts.disconnectedNotReadyAfterMs - 100;
      await new Promise((r) => setTimeout(r, 100));
      expect(readyStatus(await reg.get(NODE, undefined, 'n1'))).toBe('True');
      clock.now += 200;
      await waitFor(async () => readyStatus(await reg.get(NODE, undefined, 'n1')) === 'Unknown', { what: 'n1 NotReady', timeoutMs: 5000 });
      expect(opts.disconnectedNotReadyAfterMs).toBeLessThan(opts.notReadyAfterMs);
      expect(readyStatus(await reg.get(NODE, undefined, 'n2'))).toBe('True');
    } finally {
      live.stop();
    }
  });

  it('gives every node a fresh grace period when this replica starts leading', async () => {
    const { replica, clock, reg, opts } = await setup();
    await addNode(reg, 'n1');
    replica.leading = false;
    const live = new NodeLiveness(reg, opts);
    live.start();
    try {
      clock.now += 60_000; // long silence while another replica led
      await new Promise((r) => setTimeout(r, 50));
      replica.leading = true;
      await new Promise((r) => setTimeout(r, 100));
      expect(readyStatus(await reg.get(NODE, undefined, 'n1'))).toBe('True');
      clock.now += 4001;
      await waitFor(async () => readyStatus(await reg.get(NODE, undefined, 'n1')) === 'Unknown', { what: 'NotReady after the fresh grace', timeoutMs: 5000 });
    } finally {
      live.stop();
    }
  });
});

describe('pod status writes', () => {
  it('coalesce reports of one pod and never exceed the in-flight bound', async () => {
    const { replica, reg, opts } = await setup({ maxStatusWritesInFlight: 2 });
    await addNode(reg, 'n1');
    const created = await reg.create(pod('busy', 'n1'));
    const writer = new PodStatusWriter(reg, opts);
    let inFlight = 0;
    let most = 0;
    const propose = replica.node.propose.bind(replica.node);
    (replica.node as { propose: typeof propose }).propose = async (cmd) => {
      most = Math.max(most, ++inFlight);
      try {
        return await propose(cmd);
      } finally {
        inFlight--;
      }
    };
    const rev = replica.store.revision;
    for (let i = 1; i <= 100; i++) {
      writer.submit('n1', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'busy', namespace: 'default', uid: created.metadata.uid! }, status: { phase: 'Running', message: `report ${i}` } });
    }
    await waitFor(async () => ((await reg.get(POD, 'default', 'busy')).status as { message?: string }).message === 'report 100', { what: 'the last report', timeoutMs: 5000 });
    expect(most).toBeLessThanOrEqual(2);
    expect(replica.store.revision - rev).toBeLessThan(10);
  });

  it('refuses a report from a node the pod is not bound to', async () => {
    const { reg, opts } = await setup();
    await addNode(reg, 'n1');
    const created = await reg.create(pod('mine', 'n1'));
    const writer = new PodStatusWriter(reg, opts);
    writer.submit('n2', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'mine', namespace: 'default', uid: created.metadata.uid! }, status: { phase: 'Running' } });
    await new Promise((r) => setTimeout(r, 200));
    expect((await reg.get(POD, 'default', 'mine')).status).not.toMatchObject({ phase: 'Running' });
  });
});
