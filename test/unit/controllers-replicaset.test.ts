// Proves the ReplicaSet controller over a real store: it creates pods up to spec.replicas (and
// records it); a Terminating pod no longer counts and is replaced at once; surplus pods go in
// Kubernetes' order (unscheduled, then not ready, then newest); orphans that match are adopted and
// owned pods that stop matching are released; status counts follow the pods, availability after
// minReadySeconds without any further event; creates the API refuses (here: the namespace is
// terminating) fail fast, one attempt per pass, with FailedCreate and ReplicaFailure; and
// reconciles racing pod events never make a pod too many.
// There is no scheduler or agent here: the test binds pods and writes their status itself.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../client/index.js';
import { resolveKind } from '../../client/index.js';
import { listObjects } from '../../server/api/index.js';
import { compareForDeletion, replicaSetController } from '../../server/controllers/replicaset.js';
import type { ControllerSpec } from '../../server/controllers/index.js';
import type { ControllerHarness } from '../support/controllers.js';
import { addNode, controllerHarness, readyNode } from '../support/controllers.js';
import { levelFixtures } from '../support/level-fixtures.js';
import { waitFor } from '../support/procs.js';

const fx = levelFixtures('berth-rs-');
const POD = resolveKind('Pod');
const RS = resolveKind('ReplicaSet');
const EVENT = resolveKind('Event');

type Rec = Record<string, unknown>;

function replicaSet(spec: Rec = {}, name = 'web'): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name, tier: 'fe' } }, spec: { containers: [{ name: 'c', image: 'busybox:1' }] } },
      ...spec,
    },
  };
}

async function allPods(h: ControllerHarness): Promise<KubeObject[]> {
  const page = await listObjects(h.reg, POD, { namespace: 'default', labelSelector: '', fieldSelector: '', limit: 0, continueToken: '', stale: false });
  return page.items;
}

const activePods = async (h: ControllerHarness): Promise<KubeObject[]> => (await allPods(h)).filter((p) => p.metadata.deletionTimestamp === undefined);
const names = (pods: readonly KubeObject[]): string[] => pods.map((p) => String(p.metadata.name)).sort();

async function events(h: ControllerHarness): Promise<string[]> {
  const page = await listObjects(h.reg, EVENT, { namespace: 'default', labelSelector: '', fieldSelector: '', limit: 0, continueToken: '', stale: false });
  return page.items.map((e) => `${String(e.reason)}: ${String(e.message)}`);
}

const rsStatus = async (h: ControllerHarness, name = 'web'): Promise<Rec> => ((await h.reg.get(RS, 'default', name)).status ?? {}) as Rec;

function iso(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19) + 'Z';
}

/** What an agent would report. */
async function setStatus(h: ControllerHarness, name: string, phase: 'Running' | 'Ready' | 'Pending', readySince = Date.now() - 1000, restarts = 0): Promise<void> {
  const ready = phase === 'Ready' ? 'True' : 'False';
  const status = {
    phase: phase === 'Pending' ? 'Pending' : 'Running',
    conditions: [{ type: 'Ready', status: ready, lastTransitionTime: iso(readySince) }],
    containerStatuses: [{ name: 'c', ready: ready === 'True', restartCount: restarts }],
  };
  await h.reg.modify(POD, 'default', name, {}, (cur) => ({ ...cur, status }));
}

/** What the scheduler would do. */
async function bind(h: ControllerHarness, name: string, node = 'n1'): Promise<void> {
  await h.reg.modify(POD, 'default', name, {}, (cur) => ({ ...cur, spec: { ...cur.spec, nodeName: node } }));
}

async function scale(h: ControllerHarness, replicas: number, name = 'web'): Promise<void> {
  await h.reg.modify(RS, 'default', name, {}, (cur) => ({ ...cur, spec: { ...cur.spec, replicas } }));
}

async function withHarness(fn: (h: ControllerHarness) => Promise<void>): Promise<void> {
  const h = await controllerHarness(fx, [replicaSetController()]);
  try {
    await addNode(h.reg, readyNode('n1'));
    await fn(h);
  } finally {
    await h.close();
  }
}

function pod(name: string, opts: { node?: string; phase?: string; ready?: boolean; readySince?: number; restarts?: number; created?: number }): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', creationTimestamp: iso(opts.created ?? 0) },
    spec: { ...(opts.node !== undefined ? { nodeName: opts.node } : {}), containers: [{ name: 'c', image: 'x' }] },
    status: {
      phase: opts.phase ?? 'Pending',
      conditions: [{ type: 'Ready', status: opts.ready === true ? 'True' : 'False', lastTransitionTime: iso(opts.readySince ?? 0) }],
      containerStatuses: [{ name: 'c', restartCount: opts.restarts ?? 0 }],
    },
  };
}

describe('ReplicaSet deletion order', () => {
  it('is Kubernetes\' ActivePods order', () => {
    const t = Date.parse('2026-01-01T00:00:00Z');
    const pods = [
      pod('old-ready', { node: 'n', phase: 'Running', ready: true, readySince: t, created: t - 5000 }),
      pod('new-ready', { node: 'n', phase: 'Running', ready: true, readySince: t + 1000, created: t - 5000 }),
      pod('ready-restarts', { node: 'n', phase: 'Running', ready: true, readySince: t, restarts: 4, created: t - 5000 }),
      pod('running-not-ready', { node: 'n', phase: 'Running', created: t - 5000 }),
      pod('unknown', { node: 'n', phase: 'Unknown', created: t - 5000 }),
      pod('pending-old', { node: 'n', phase: 'Pending', created: t - 9000 }),
      pod('pending-new', { node: 'n', phase: 'Pending', created: t - 1000 }),
      pod('unscheduled', { phase: 'Pending', created: t - 9000 }),
    ];
    expect(names([...pods].reverse().sort(compareForDeletion)).length).toBe(8);
    expect([...pods].reverse().sort(compareForDeletion).map((p) => p.metadata.name)).toEqual([
      'unscheduled',
      'pending-new',
      'pending-old',
      'unknown',
      'running-not-ready',
      'new-ready',
      'ready-restarts',
      'old-ready',
    ]);
  });
});

describe('ReplicaSet controller', () => {
  it('creates pods up to spec.replicas, labelled and owned, and says so', async () => {
    await withHarness(async (h) => {
      await h.reg.create(replicaSet({ replicas: 3 }));
      await h.settled();
      const pods = await allPods(h);
      expect(pods).toHaveLength(3);
      for (const p of pods) {
        expect(String(p.metadata.name)).toMatch(/^web-/);
        expect(p.metadata.labels).toEqual({ app: 'web', tier: 'fe' });
        expect(p.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'ReplicaSet', name: 'web', controller: true });
      }
      expect(await rsStatus(h)).toMatchObject({ replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 0, availableReplicas: 0, observedGeneration: 1 });
      const ev = await events(h);
      expect(ev.filter((e) => e.startsWith('SuccessfulCreate: '))).toEqual(
        expect.arrayContaining([expect.stringMatching(/^SuccessfulCreate: Created pod: web-/), expect.stringMatching(/^SuccessfulCreate: Created 2 pods: web-/)]),
      );
      await scale(h, 5);
      await h.settled();
      expect(await allPods(h)).toHaveLength(5);
      expect(await rsStatus(h)).toMatchObject({ replicas: 5, observedGeneration: 2 });
    });
  });

  it('replaces a Terminating pod at once', async () => {
    await withHarness(async (h) => {
      await h.reg.create(replicaSet({ replicas: 2 }));
      await h.settled();
      const [first] = names(await allPods(h));
      for (const n of names(await allPods(h))) await bind(h, n);
      // Bound: the delete only marks it, as an eviction from a dead node does.
      await h.reg.delete(POD, 'default', first!, {});
      await h.settled();
      const pods = await allPods(h);
      expect(pods).toHaveLength(3);
      expect(pods.find((p) => p.metadata.name === first)?.metadata.deletionTimestamp).toBeDefined();
      expect(await activePods(h)).toHaveLength(2);
      expect(await rsStatus(h)).toMatchObject({ replicas: 2 });
    });
  });

  it('scales down unscheduled, then not ready, then the newest ready pods first', async () => {
    await withHarness(async (h) => {
      await h.reg.create(replicaSet({ replicas: 4 }));
      await h.settled();
      const [a, b, c] = names(await allPods(h));
      const now = Date.now();
      await bind(h, a!);
      await setStatus(h, a!, 'Ready', now - 60_000);
      await bind(h, b!);
      await setStatus(h, b!, 'Ready', now - 2000);
      await bind(h, c!);
      await setStatus(h, c!, 'Running');
      // d stays unscheduled.
      await h.settled();
      await scale(h, 3);
      await h.settled();
      expect(names(await activePods(h))).toEqual([a, b, c].sort());
      await scale(h, 2);
      await h.settled();
      expect(names(await activePods(h))).toEqual([a, b].sort());
      await scale(h, 1);
      await h.settled();
      expect(names(await activePods(h))).toEqual([a]);
      expect((await events(h)).some((e) => e.startsWith(`SuccessfulDelete: Deleted pod: ${b!}`))).toBe(true);
    });
  });

  it('adopts a matching orphan and releases a pod that stops matching', async () => {
    await withHarness(async (h) => {
      await h.reg.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'stray', namespace: 'default', labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'x' }] } });
      await h.reg.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'other', namespace: 'default', labels: { app: 'db' } }, spec: { containers: [{ name: 'c', image: 'x' }] } });
      await h.reg.create(replicaSet({ replicas: 2 }));
      await h.settled();
      const stray = await h.reg.get(POD, 'default', 'stray');
      expect(stray.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'ReplicaSet', name: 'web', controller: true });
      expect((await h.reg.get(POD, 'default', 'other')).metadata.ownerReferences).toBeUndefined();
      expect(await allPods(h)).toHaveLength(3);
      // Not fully labelled: the template says tier=fe too.
      expect(await rsStatus(h)).toMatchObject({ replicas: 2, fullyLabeledReplicas: 1 });

      await h.reg.modify(POD, 'default', 'stray', {}, (cur) => ({ ...cur, metadata: { ...cur.metadata, labels: { app: 'moved' } } }));
      await h.settled();
      expect((await h.reg.get(POD, 'default', 'stray')).metadata.ownerReferences).toBeUndefined();
      const owned = (await allPods(h)).filter((p) => p.metadata.ownerReferences?.[0]?.name === 'web');
      expect(owned).toHaveLength(2);
      expect(await rsStatus(h)).toMatchObject({ replicas: 2, fullyLabeledReplicas: 2 });
    });
  });

  it('counts ready pods, and available ones once minReadySeconds have passed, without another event', async () => {
    await withHarness(async (h) => {
      await h.reg.create(replicaSet({ replicas: 2, minReadySeconds: 1 }));
      await h.settled();
      for (const n of names(await allPods(h))) {
        await bind(h, n);
        await setStatus(h, n, 'Ready', Date.now());
      }
      await h.settled();
      expect(await rsStatus(h)).toMatchObject({ replicas: 2, readyReplicas: 2, availableReplicas: 0 });
      await waitFor(async () => (await rsStatus(h)).availableReplicas === 2, { what: 'available after minReadySeconds', timeoutMs: 4000 });
    });
  });

  it('fails fast when creates fail: one attempt per pass, a FailedCreate Event and the ReplicaFailure condition', async () => {
    // The controller's own context, watched: every pod create it attempts and every Event it records.
    let attempts = 0;
    const recorded: string[] = [];
    const inner = replicaSetController();
    const spec: ControllerSpec = {
      ...inner,
      create: (ctx) => {
        const reg = new Proxy(ctx.reg, {
          get(target, prop) {
            if (prop === 'create') {
              return (obj: KubeObject) => {
                if (obj.kind === 'Pod') attempts++;
                return target.create(obj);
              };
            }
            const v: unknown = Reflect.get(target, prop);
            return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
          },
        });
        const events = { record: (o: KubeObject, t: 'Normal' | 'Warning', r: string, m: string) => (recorded.push(`${r}: ${m}`), ctx.events.record(o, t, r, m)) };
        return inner.create({ ...ctx, reg, events });
      },
    };
    const h = await controllerHarness(fx, [spec], { retryMinMs: 200 });
    try {
      await h.reg.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'gone' } });
      await h.reg.create({ ...replicaSet({ replicas: 8 }), metadata: { name: 'web', namespace: 'gone' } });
      // A pod keeps the namespace Terminating, and no pod can be created in it any more.
      await h.reg.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'keep', namespace: 'gone' }, spec: { containers: [{ name: 'c', image: 'x' }] } });
      await h.settled();
      await h.reg.delete(resolveKind('Namespace'), undefined, 'gone', {});
      await h.reg.modify(RS, 'gone', 'web', {}, (cur) => ({ ...cur, spec: { ...cur.spec, replicas: 20 } }));
      const status = async (): Promise<Rec> => ((await h.reg.get(RS, 'gone', 'web')).status ?? {}) as Rec;
      await waitFor(async () => ((await status()).conditions as Rec[] | undefined)?.[0]?.reason === 'FailedCreate', { what: 'ReplicaFailure', timeoutMs: 4000 });
      expect(((await status()).conditions as Rec[])[0]).toMatchObject({ type: 'ReplicaFailure', status: 'True' });
      expect(recorded.some((e) => e.startsWith('FailedCreate: Error creating: '))).toBe(true);
      const failures = recorded.filter((e) => e.startsWith('FailedCreate')).length;
      // Slow start: each failing pass tried one pod, not the twelve missing.
      expect(attempts - 8).toBeLessThanOrEqual(failures);
    } finally {
      await h.close();
    }
  });

  it('never makes a pod too many while reconciles race pod events', async () => {
    await withHarness(async (h) => {
      await h.reg.create(replicaSet({ replicas: 5 }));
      let max = 0;
      let stop = false;
      const watcher = (async () => {
        while (!stop) {
          max = Math.max(max, (await activePods(h)).length);
          await new Promise((r) => setTimeout(r, 2));
        }
      })();
      for (let round = 0; round < 10; round++) {
        const pods = await activePods(h);
        // Status writes and label churn (not affecting the selector) make pod events.
        await Promise.all(
          pods.map((p) =>
            h.reg.modify(POD, 'default', String(p.metadata.name), {}, (cur) => ({ ...cur, metadata: { ...cur.metadata, annotations: { round: String(round) } } })).catch(() => undefined),
          ),
        );
        await h.reg.modify(RS, 'default', 'web', {}, (cur) => ({ ...cur, metadata: { ...cur.metadata, annotations: { round: String(round) } } }));
      }
      await h.settled();
      stop = true;
      await watcher;
      expect(max).toBeLessThanOrEqual(5);
      expect(await activePods(h)).toHaveLength(5);
    });
  });
});
