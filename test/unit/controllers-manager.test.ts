// Proves the controller machinery over a real store: controllers run only while the replica leads
// and start from a full look; a reconcile never runs twice at once for a key and sees its own
// writes on the next pass (no duplicates); writes made under an old leadership epoch are fenced
// off; failing keys come back with back-off; the work queue dedups and delays; and repeated
// Events fold into one with a count.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../client/index.js';
import { isBerthError, resolveKind } from '../../client/index.js';
import type { ObjectRegistry } from '../../server/api/index.js';
import type { ControllerSpec } from '../../server/controllers/index.js';
import { controllerRef, keyOf, splitKey } from '../../server/controllers/index.js';
import { claimEpoch, FencedRegistry } from '../../server/controllers/fence.js';
import { WorkQueue } from '../../server/controllers/queue.js';
import { controllerHarness } from '../support/controllers.js';
import { levelFixtures } from '../support/level-fixtures.js';
import { waitFor } from '../support/procs.js';

const fx = levelFixtures('berth-ctrl-');
const CM = resolveKind('ConfigMap');
const SECRET = resolveKind('Secret');
const EVENT = resolveKind('Event');

/** A toy controller: every ConfigMap gets `copies` Secrets it owns (as a ReplicaSet keeps pods). */
function mirror(calls: { active: Map<string, number>; maxActive: number; reconciles: number; failOnce?: Set<string> }): ControllerSpec {
  return {
    name: 'mirror',
    kinds: [CM, SECRET],
    workers: 4,
    create(ctx) {
      const cms = ctx.informers.of(CM);
      const secrets = ctx.informers.of(SECRET);
      for (const cm of cms.list()) ctx.queue.add(keyOf(cm));
      cms.on((e) => ctx.queue.add(keyOf(e.object)));
      secrets.on((e) => {
        const owner = e.object.metadata.ownerReferences?.[0];
        if (owner !== undefined) ctx.queue.add(`${String(e.object.metadata.namespace)}/${owner.name}`);
      });
      return {
        async reconcile(key) {
          calls.reconciles++;
          const n = (calls.active.get(key) ?? 0) + 1;
          calls.active.set(key, n);
          calls.maxActive = Math.max(calls.maxActive, n);
          try {
            if (calls.failOnce?.delete(key) === true) throw new Error('injected failure');
            const { namespace, name } = splitKey(key);
            const cm = cms.get(namespace, name);
            if (cm === undefined) return;
            const want = Number((cm.data as Record<string, string> | undefined)?.copies ?? '1');
            const have = secrets.byIndex('controller', String(cm.metadata.uid));
            for (let i = have.length; i < want; i++) {
              await ctx.reg.create({ apiVersion: 'v1', kind: 'Secret', metadata: { generateName: `${name}-`, namespace, ownerReferences: [controllerRef(cm)] } });
            }
            if (have.length < want) ctx.events.record(cm, 'Normal', 'Mirrored', `made ${want - have.length} secrets`);
          } finally {
            calls.active.set(key, (calls.active.get(key) ?? 1) - 1);
          }
        },
      };
    },
  };
}

const owned = async (reg: ObjectRegistry): Promise<number> =>
  (await reg.node.store.range({ key: '/registry/secrets/', prefix: true })).kvs.length;

describe('controller manager', () => {
  it('starts from a full look, sees its own writes (no duplicates), and never runs a key twice at once', async () => {
    const calls = { active: new Map<string, number>(), maxActive: 0, reconciles: 0 };
    const pre: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'before', namespace: 'default' }, data: { copies: '2' } };
    const h = await controllerHarness(fx, [mirror(calls)]);
    try {
      await h.reg.create(pre);
      await h.settled();
      // Many changes of one ConfigMap in a row: each queues the key, none may duplicate a Secret.
      await h.reg.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web', namespace: 'default' }, data: { copies: '3' } });
      for (let i = 0; i < 10; i++) await h.reg.modify(CM, 'default', 'web', {}, (cur) => ({ ...cur, data: { copies: '3', round: String(i) } }));
      await h.settled();
      expect(await owned(h.reg)).toBe(5);
      expect(calls.maxActive).toBe(1);
    } finally {
      await h.close();
    }
  });

  it('runs only on the leader, and fences writes made under an older epoch', async () => {
    const calls = { active: new Map<string, number>(), maxActive: 0, reconciles: 0 };
    const h = await controllerHarness(fx, [mirror(calls)]);
    try {
      await h.settled();
      expect(h.manager.running).toBe(true);
      h.replica.leading = false;
      await waitFor(() => !h.manager.running, { what: 'the condition', timeoutMs: 2000, intervalMs: 5 });
      await h.reg.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'idle', namespace: 'default' } });
      await new Promise((r) => setTimeout(r, 300));
      expect(await owned(h.reg)).toBe(0);
      // Leading again: the new session looks at everything and catches up.
      h.replica.leading = true;
      await h.settled();
      await waitFor(async () => (await owned(h.reg)) === 1, { what: 'the condition', timeoutMs: 3000, intervalMs: 5 });

      const old = new FencedRegistry(h.reg, await claimEpoch(h.reg, 7), () => undefined);
      await old.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ok', namespace: 'default' } });
      await claimEpoch(h.reg, 8);
      const err = await old.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'late', namespace: 'default' } }).catch((e: unknown) => e);
      expect(isBerthError(err, 'UNAVAILABLE')).toBe(true);
      await expect(h.reg.get(CM, 'default', 'late')).rejects.toThrow(/not found/);
    } finally {
      await h.close();
    }
  });

  it('retries a failing key with back-off, and folds repeated events into one with a count', async () => {
    const calls = { active: new Map<string, number>(), maxActive: 0, reconciles: 0, failOnce: new Set(['default/flaky']) };
    const h = await controllerHarness(fx, [mirror(calls)], { eventUpdateIntervalMs: 1 });
    try {
      await h.reg.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'flaky', namespace: 'default' } });
      await waitFor(async () => (await owned(h.reg)) === 1, { what: 'the condition', timeoutMs: 3000, intervalMs: 5 });
      expect(calls.failOnce.size).toBe(0);
      const ev = (): Promise<KubeObject[]> => h.reg.node.store.range({ key: '/registry/events/', prefix: true }).then((r) => r.kvs.map((kv) => JSON.parse(new TextDecoder().decode(kv.value)) as KubeObject));
      await waitFor(async () => (await ev()).length === 1, { what: 'the condition', timeoutMs: 3000, intervalMs: 5 });
      const events = await ev();
      expect(events[0]!.reason).toBe('Mirrored');
      expect(events[0]!.involvedObject).toMatchObject({ kind: 'ConfigMap', name: 'flaky' });
      void EVENT;
    } finally {
      await h.close();
    }
  });
});

describe('work queue', () => {
  it('dedups, never runs one key twice at once, re-queues a key changed while running, and delays', async () => {
    const seen: string[] = [];
    let release: (() => void) | undefined;
    const q = new WorkQueue({ workers: 2, retryMinMs: 5, retryMaxMs: 50 }, async (key) => {
      seen.push(key);
      if (key === 'a' && release === undefined) await new Promise<void>((r) => (release = r));
      return undefined;
    }, () => undefined);
    q.add('a');
    q.add('a');
    await waitFor(() => release !== undefined, { what: 'the condition', timeoutMs: 1000, intervalMs: 5 });
    q.add('a'); // while running: queued again afterwards, once
    q.add('a');
    q.add('b');
    await waitFor(() => seen.includes('b'), { what: 'the condition', timeoutMs: 1000, intervalMs: 5 });
    release!();
    await q.idle();
    expect(seen.filter((k) => k === 'a')).toHaveLength(2);
    const t0 = Date.now();
    q.addAfter('c', 80);
    q.addAfter('c', 200); // a later request does not postpone an earlier one
    await waitFor(() => seen.includes('c'), { what: 'the condition', timeoutMs: 1000, intervalMs: 5 });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(70);
    expect(Date.now() - t0).toBeLessThan(190);
    q.stop();
  });

  it('backs off exponentially per key and resets after a success', async () => {
    const times: number[] = [];
    let fails = 3;
    const q = new WorkQueue({ workers: 1, retryMinMs: 20, retryMaxMs: 1000 }, () => {
      times.push(Date.now());
      if (fails-- > 0) return Promise.reject(new Error('no'));
      return Promise.resolve(undefined);
    }, () => undefined);
    q.add('k');
    await waitFor(() => times.length === 4, { what: 'the condition', timeoutMs: 3000, intervalMs: 5 });
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(gaps[0]).toBeGreaterThanOrEqual(15);
    expect(gaps[1]).toBeGreaterThanOrEqual(35);
    expect(gaps[2]).toBeGreaterThanOrEqual(75);
    q.stop();
  });
});
