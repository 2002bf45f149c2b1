// Proves the garbage collector and delete propagation over a real store: a background delete of a
// Deployment takes its ReplicaSet and then the ReplicaSet's pods; a foreground delete keeps the
// owner (marked) until every dependent is gone, a pod in its grace period included; an orphan
// delete leaves the dependents running without the reference; a dependent with a second owner
// survives the first one's deletion (losing only that reference); and an owner replaced by a new
// object of the same name counts as gone.
import { describe, expect, it } from 'vitest';
import type { KubeObject, OwnerReference } from '../../client/index.js';
import { isBerthError, resolveKind } from '../../client/index.js';
import type { ObjectRegistry } from '../../server/api/index.js';
import { controllerRef } from '../../server/controllers/index.js';
import { garbageCollector } from '../../server/controllers/gc.js';
import type { ControllerHarness } from '../support/controllers.js';
import { controllerHarness } from '../support/controllers.js';
import { levelFixtures } from '../support/level-fixtures.js';
import { waitFor } from '../support/procs.js';

const fx = levelFixtures('berth-gc-');
const DEPLOYMENT = resolveKind('Deployment');
const RS = resolveKind('ReplicaSet');
const POD = resolveKind('Pod');

const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'x' }] } };

function deployment(name: string): KubeObject {
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: 'default' }, spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template } };
}

function replicaSet(name: string, owners: OwnerReference[]): KubeObject {
  return { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name, namespace: 'default', ownerReferences: owners }, spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template } };
}

function pod(name: string, owners: OwnerReference[], nodeName?: string): KubeObject {
  const spec: Record<string, unknown> = { containers: [{ name: 'c', image: 'x' }] };
  if (nodeName !== undefined) spec.nodeName = nodeName;
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', labels: { app: 'web' }, ownerReferences: owners }, spec };
}

const ref = (o: KubeObject, controller = true): OwnerReference => ({ ...controllerRef(o), controller });

async function exists(reg: ObjectRegistry, kind: typeof POD, name: string): Promise<KubeObject | undefined> {
  try {
    return await reg.get(kind, 'default', name);
  } catch (err) {
    if (isBerthError(err, 'NOT_FOUND')) return undefined;
    throw err;
  }
}

/** A Deployment, its ReplicaSet and two pods (p2 bound to a node, so its deletion is graceful). */
async function chain(h: ControllerHarness): Promise<{ d: KubeObject; rs: KubeObject }> {
  const d = await h.reg.create(deployment('web'));
  const rs = await h.reg.create(replicaSet('web-abc', [ref(d)]));
  await h.reg.create(pod('p1', [ref(rs)]));
  await h.reg.create(pod('p2', [ref(rs)], 'n1'));
  await h.settled();
  return { d, rs };
}

describe('garbage collector', () => {
  it('background: deleting a Deployment deletes its ReplicaSet, then its pods', async () => {
    const h = await controllerHarness(fx, [garbageCollector()]);
    try {
      await chain(h);
      const out = await h.reg.delete(DEPLOYMENT, 'default', 'web', {});
      expect(out.pending).toBe(false);
      await waitFor(async () => (await exists(h.reg, RS, 'web-abc')) === undefined && (await exists(h.reg, POD, 'p1')) === undefined, { what: 'the ReplicaSet and p1 gone', timeoutMs: 5000 });
      // The bound pod is in its grace period: marked, removed by its agent later.
      const p2 = await exists(h.reg, POD, 'p2');
      expect(p2?.metadata.deletionTimestamp).toBeDefined();
    } finally {
      await h.close();
    }
  });

  it('foreground: the owner stays, marked, until every dependent is gone', async () => {
    const h = await controllerHarness(fx, [garbageCollector()]);
    try {
      await chain(h);
      const out = await h.reg.delete(DEPLOYMENT, 'default', 'web', {}, false, undefined, 'Foreground');
      expect(out.pending).toBe(true);
      expect(out.object.metadata.finalizers).toEqual(['foregroundDeletion']);
      await h.settled();
      await waitFor(async () => (await exists(h.reg, POD, 'p1')) === undefined, { what: 'p1 deleted', timeoutMs: 5000 });
      await h.settled();
      // p2 is still stopping: the ReplicaSet (deleted in the foreground too) and the Deployment wait.
      expect((await exists(h.reg, POD, 'p2'))?.metadata.deletionTimestamp).toBeDefined();
      const rs = await exists(h.reg, RS, 'web-abc');
      expect(rs?.metadata.finalizers).toEqual(['foregroundDeletion']);
      expect(rs?.metadata.deletionTimestamp).toBeDefined();
      const d = await exists(h.reg, DEPLOYMENT, 'web');
      expect(d?.metadata.deletionTimestamp).toBeDefined();
      // The agent has stopped p2 and removes it: everything above it goes.
      await h.reg.delete(POD, 'default', 'p2', {}, false, 0);
      await waitFor(async () => (await exists(h.reg, RS, 'web-abc')) === undefined && (await exists(h.reg, DEPLOYMENT, 'web')) === undefined, {
        what: 'the ReplicaSet and the Deployment gone',
        timeoutMs: 5000,
      });
    } finally {
      await h.close();
    }
  });

  it('orphan: the owner goes, its dependents stay without the reference', async () => {
    const h = await controllerHarness(fx, [garbageCollector()]);
    try {
      const { rs } = await chain(h);
      const out = await h.reg.delete(DEPLOYMENT, 'default', 'web', {}, false, undefined, 'Orphan');
      expect(out.object.metadata.finalizers).toEqual(['orphan']);
      await waitFor(async () => (await exists(h.reg, DEPLOYMENT, 'web')) === undefined, { what: 'the Deployment gone', timeoutMs: 5000 });
      await h.settled();
      const left = await h.reg.get(RS, 'default', 'web-abc');
      expect(left.metadata.ownerReferences).toBeUndefined();
      expect(left.metadata.deletionTimestamp).toBeUndefined();
      for (const p of ['p1', 'p2']) expect((await h.reg.get(POD, 'default', p)).metadata.ownerReferences?.[0]?.uid).toBe(rs.metadata.uid);
    } finally {
      await h.close();
    }
  });

  it('keeps a dependent while one of its owners remains, and counts a same-named new owner as gone', async () => {
    const h = await controllerHarness(fx, [garbageCollector()]);
    try {
      const a = await h.reg.create(replicaSet('a', []));
      const b = await h.reg.create(replicaSet('b', []));
      await h.reg.create(pod('shared', [ref(a), ref(b, false)]));
      await h.settled();
      await h.reg.delete(RS, 'default', 'a', {});
      await waitFor(async () => (await h.reg.get(POD, 'default', 'shared')).metadata.ownerReferences?.length === 1, { what: 'the reference to a dropped', timeoutMs: 5000 });
      await h.settled();
      const shared = await h.reg.get(POD, 'default', 'shared');
      expect(shared.metadata.deletionTimestamp).toBeUndefined();
      expect(shared.metadata.ownerReferences?.[0]?.uid).toBe(b.metadata.uid);
      await h.reg.delete(RS, 'default', 'b', {});
      await waitFor(async () => (await exists(h.reg, POD, 'shared')) === undefined, { what: 'the pod gone with its last owner', timeoutMs: 5000 });

      // A pod naming an owner "c" by an old uid: "c" exists, but it is another object.
      await h.reg.create(replicaSet('c', []));
      await h.reg.create(pod('stale', [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'c', uid: 'a-uid-that-is-gone', controller: true }]));
      await waitFor(async () => (await exists(h.reg, POD, 'stale')) === undefined, { what: 'the pod of a replaced owner gone', timeoutMs: 5000 });
      expect(await exists(h.reg, RS, 'c')).toBeDefined();
    } finally {
      await h.close();
    }
  });

  it('Foreground and Orphan only mark kinds that own others', async () => {
    const h = await controllerHarness(fx, [garbageCollector()]);
    try {
      await h.reg.create(pod('solo', []));
      const out = await h.reg.delete(POD, 'default', 'solo', {}, false, undefined, 'Orphan');
      expect(out.pending).toBe(false);
      expect(await exists(h.reg, POD, 'solo')).toBeUndefined();
    } finally {
      await h.close();
    }
  });
});
