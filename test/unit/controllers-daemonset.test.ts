// Proves the DaemonSet controller over a real store: one pod per node that matches the template's
// nodeSelector and tolerates the node's taints, each naming its node by a required node affinity
// (the scheduler binds it) and carrying the daemon tolerations, so cordoned nodes get one too; a
// node added later gets a pod; a node that stops matching loses it; extra pods on a node go (the
// oldest stays); failed pods are replaced with a per-node back-off; a rolling update keeps at most
// maxUnavailable nodes without an available pod (and with maxSurge, starts the new pod beside the
// old one); and the status counts follow. There is no scheduler or agent here: the test binds
// pods, writes their status, and force-deletes Terminating pods where an agent would remove them.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../client/index.js';
import { resolveKind } from '../../client/index.js';
import { listObjects } from '../../server/api/index.js';
import { CONTROLLER_REVISION_HASH_LABEL, controllerRef } from '../../server/controllers/index.js';
import { FailedPodBackoff } from '../../server/controllers/daemonset-backoff.js';
import { DAEMON_TOLERATIONS, targetNode } from '../../server/controllers/daemonset-nodes.js';
import { daemonSetController } from '../../server/controllers/daemonset.js';
import type { ControllerHarness } from '../support/controllers.js';
import { addNode, controllerHarness, readyNode } from '../support/controllers.js';
import { levelFixtures } from '../support/level-fixtures.js';
import { waitFor } from '../support/procs.js';

const fx = levelFixtures('berth-ds-');
const POD = resolveKind('Pod');
const DS = resolveKind('DaemonSet');
const NODE = resolveKind('Node');
const EVENT = resolveKind('Event');

type Rec = Record<string, unknown>;

function daemonSet(spec: Rec = {}, podSpec: Rec = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'logger', namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: 'logger' } },
      template: { metadata: { labels: { app: 'logger' } }, spec: { containers: [{ name: 'l', image: 'busybox:1' }], ...podSpec } },
      ...spec,
    },
  };
}

async function allPods(h: ControllerHarness): Promise<KubeObject[]> {
  const page = await listObjects(h.reg, POD, { namespace: 'default', labelSelector: '', fieldSelector: '', limit: 0, continueToken: '', stale: false });
  return page.items;
}

/** node → its pods' names (bound, or meant for it by their node affinity). */
async function byNode(h: ControllerHarness, live = true): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const p of await allPods(h)) {
    if (live && p.metadata.deletionTimestamp !== undefined) continue;
    const n = targetNode(p) ?? '?';
    (out[n] ??= []).push(String(p.metadata.name));
  }
  return out;
}

const nodesWithPods = async (h: ControllerHarness): Promise<string[]> => Object.keys(await byNode(h)).sort();

async function dsStatus(h: ControllerHarness): Promise<Rec> {
  return ((await h.reg.get(DS, 'default', 'logger')).status ?? {}) as Rec;
}

async function modifyNode(h: ControllerHarness, name: string, change: (n: KubeObject) => KubeObject): Promise<void> {
  await h.reg.modify(NODE, undefined, name, {}, change);
}

async function modifyDs(h: ControllerHarness, change: (spec: Rec) => Rec): Promise<void> {
  await h.reg.modify(DS, 'default', 'logger', {}, (cur) => ({ ...cur, spec: change((cur.spec ?? {}) as Rec) }));
}

/** What the scheduler and an agent would do: bind each live pod to its node and make it Ready. */
async function runAll(h: ControllerHarness): Promise<void> {
  const at = new Date(Date.now() - 1000).toISOString().slice(0, 19) + 'Z';
  for (const p of await allPods(h)) {
    if (p.metadata.deletionTimestamp !== undefined || (p.status as Rec | undefined)?.phase === 'Running') continue;
    await h.reg.modify(POD, 'default', String(p.metadata.name), {}, (cur) => ({
      ...cur,
      spec: { ...cur.spec, nodeName: targetNode(cur) },
      status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: at }] },
    }));
  }
  await h.settled();
}

/** What agents do once Terminating pods stopped. */
async function removeTerminating(h: ControllerHarness): Promise<number> {
  let n = 0;
  for (const p of await allPods(h)) {
    if (p.metadata.deletionTimestamp === undefined) continue;
    await h.reg.delete(POD, 'default', String(p.metadata.name), {}, false, 0);
    n++;
  }
  await h.settled();
  return n;
}

async function events(h: ControllerHarness): Promise<string[]> {
  const page = await listObjects(h.reg, EVENT, { namespace: 'default', labelSelector: '', fieldSelector: '', limit: 0, continueToken: '', stale: false });
  return page.items.map((e) => `${String(e.reason)}: ${String(e.message)}`);
}

async function withHarness(nodes: string[], fn: (h: ControllerHarness) => Promise<void>, labels: Record<string, Record<string, string>> = {}): Promise<void> {
  const h = await controllerHarness(fx, [daemonSetController()]);
  try {
    for (const n of nodes) await addNode(h.reg, readyNode(n, undefined, labels[n] ?? {}));
    await fn(h);
  } finally {
    await h.close();
  }
}

const image = (spec: Rec, img: string): Rec => {
  const t = spec.template as { metadata: Rec; spec: { containers: Rec[] } };
  return { ...spec, template: { ...t, spec: { ...t.spec, containers: [{ ...t.spec.containers[0], image: img }] } } };
};

describe('DaemonSet controller', () => {
  it('runs one pod per matching node, placed by node affinity with the daemon tolerations; a node added later gets one', async () => {
    const edge = { role: 'edge' };
    await withHarness(['n1', 'n2', 'n3'], async (h) => {
      await h.reg.create(daemonSet({}, { nodeSelector: { role: 'edge' } }));
      await h.settled();
      expect(await nodesWithPods(h)).toEqual(['n1', 'n2']);
      const pod = (await allPods(h))[0]!;
      expect(String(pod.metadata.name)).toMatch(/^logger-/);
      expect(pod.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL]).toMatch(/^[a-z0-9]{10}$/);
      const spec = (pod.spec ?? {}) as Rec;
      expect(spec.nodeName).toBeUndefined();
      expect((spec.affinity as Rec).nodeAffinity).toEqual({
        requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [targetNode(pod)] }] }] },
      });
      expect(spec.tolerations).toEqual(DAEMON_TOLERATIONS);
      expect(await dsStatus(h)).toMatchObject({ desiredNumberScheduled: 2, currentNumberScheduled: 2, numberReady: 0, numberAvailable: 0, numberUnavailable: 2, updatedNumberScheduled: 2, numberMisscheduled: 0, observedGeneration: 1 });

      await addNode(h.reg, readyNode('n4', undefined, edge));
      await h.settled();
      expect(await nodesWithPods(h)).toEqual(['n1', 'n2', 'n4']);
      await runAll(h);
      expect(await dsStatus(h)).toMatchObject({ desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 3, numberAvailable: 3, numberUnavailable: 0, updatedNumberScheduled: 3 });
      expect((await events(h)).filter((e) => e.startsWith('SuccessfulCreate: Created pod: logger-'))).toHaveLength(3);
    }, { n1: edge, n2: edge });
  });

  it('follows taints and tolerations, and still covers a cordoned node', async () => {
    await withHarness(['n1', 'n2', 'n3'], async (h) => {
      await modifyNode(h, 'n2', (n) => ({ ...n, spec: { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] } }));
      await modifyNode(h, 'n3', (n) => ({ ...n, spec: { unschedulable: true } }));
      await h.reg.create(daemonSet());
      await h.settled();
      expect(await nodesWithPods(h)).toEqual(['n1', 'n3']);
      await runAll(h);

      // A NoSchedule taint does not evict the pod already there; it counts as misscheduled.
      await modifyNode(h, 'n1', (n) => ({ ...n, spec: { taints: [{ key: 'maint', effect: 'NoSchedule' }] } }));
      await h.settled();
      expect(await nodesWithPods(h)).toEqual(['n1', 'n3']);
      expect(await dsStatus(h)).toMatchObject({ desiredNumberScheduled: 1, currentNumberScheduled: 1, numberMisscheduled: 1 });
      // A NoExecute one does.
      await modifyNode(h, 'n1', (n) => ({ ...n, spec: { taints: [{ key: 'maint', effect: 'NoExecute' }] } }));
      await h.settled();
      expect(await nodesWithPods(h)).toEqual(['n3']);
      await removeTerminating(h);

      // Tolerating the gpu taint brings n2 in.
      await modifyDs(h, (spec) => {
        const t = spec.template as { metadata: Rec; spec: Rec };
        return { ...spec, template: { ...t, spec: { ...t.spec, tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }] } } };
      });
      await h.settled();
      expect((await byNode(h)).n2).toHaveLength(1);
    });
  });

  it('removes the pods of nodes that stop matching the nodeSelector', async () => {
    const labels = { n1: { zone: 'a' }, n2: { zone: 'b' } };
    await withHarness(['n1', 'n2'], async (h) => {
      await h.reg.create(daemonSet({ updateStrategy: { type: 'OnDelete' } }, { nodeSelector: { zone: 'a' } }));
      await h.settled();
      expect(await nodesWithPods(h)).toEqual(['n1']);
      await modifyDs(h, (spec) => {
        const t = spec.template as { metadata: Rec; spec: Rec };
        return { ...spec, template: { ...t, spec: { ...t.spec, nodeSelector: { zone: 'b' } } } };
      });
      await h.settled();
      expect(await nodesWithPods(h)).toEqual(['n2']);
      // And a node that changes its labels.
      await modifyNode(h, 'n1', (n) => ({ ...n, metadata: { ...n.metadata, labels: { ...n.metadata.labels, zone: 'b' } } }));
      await h.settled();
      expect(await nodesWithPods(h)).toEqual(['n1', 'n2']);
    }, labels);
  });

  it('keeps the oldest of several pods on one node, and replaces failed pods with a back-off', async () => {
    await withHarness(['n1'], async (h) => {
      await h.reg.create(daemonSet());
      await h.settled();
      await runAll(h);
      const ds = await h.reg.get(DS, 'default', 'logger');
      const [first] = await allPods(h);
      // A second pod meant for n1 (as a late duplicate would be): the bound, older one stays.
      const extra = { ...first!, metadata: { name: 'logger-extra', namespace: 'default', labels: first!.metadata.labels, ownerReferences: [controllerRef(ds)] }, spec: { ...first!.spec, nodeName: undefined }, status: undefined };
      await h.reg.create(extra);
      await h.settled();
      expect((await byNode(h)).n1).toEqual([String(first!.metadata.name)]);

      const fail = async (): Promise<string> => {
        const [p] = await allPods(h);
        await h.reg.modify(POD, 'default', String(p!.metadata.name), {}, (cur) => ({ ...cur, status: { phase: 'Failed' } }));
        return String(p!.metadata.name);
      };
      const failed1 = await fail();
      await h.settled();
      // Bound pods are deleted gracefully: the agent removes it, then a new one comes.
      expect(await removeTerminating(h)).toBe(1);
      const second = (await byNode(h)).n1!;
      expect(second).toHaveLength(1);
      expect(second[0]).not.toBe(failed1);
      expect((await events(h)).some((e) => e.startsWith(`FailedDaemonPod: Found failed daemon pod default/${failed1} on node n1`))).toBe(true);

      // Failing again at once: left alone for the back-off (1 s), then replaced.
      await runAll(h);
      const failed2 = await fail();
      await h.settled();
      expect((await allPods(h)).find((p) => p.metadata.name === failed2)?.metadata.deletionTimestamp).toBeUndefined();
      await waitFor(async () => (await allPods(h)).find((p) => p.metadata.name === failed2)?.metadata.deletionTimestamp !== undefined, { what: 'the failed pod deleted after its back-off', timeoutMs: 5000 });
    });
  });

  it('rolls an update node by node within maxUnavailable', async () => {
    await withHarness(['n1', 'n2', 'n3', 'n4', 'n5'], async (h) => {
      await h.reg.create(daemonSet({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 2 } } }));
      await h.settled();
      await runAll(h);
      expect(await dsStatus(h)).toMatchObject({ desiredNumberScheduled: 5, numberAvailable: 5, updatedNumberScheduled: 5 });

      await modifyDs(h, (spec) => image(spec, 'busybox:2'));
      await h.settled();
      const rounds: number[] = [];
      for (let round = 0; round < 6; round++) {
        const terminating = (await allPods(h)).filter((p) => p.metadata.deletionTimestamp !== undefined).length;
        if (terminating === 0) break;
        rounds.push(terminating);
        // Never more than maxUnavailable nodes without an available pod.
        expect(terminating).toBeLessThanOrEqual(2);
        await removeTerminating(h);
        // The replacements exist but are not available yet: nothing more goes meanwhile.
        expect((await allPods(h)).filter((p) => p.metadata.deletionTimestamp !== undefined)).toHaveLength(0);
        await runAll(h);
      }
      expect(rounds).toEqual([2, 2, 1]);
      expect(await dsStatus(h)).toMatchObject({ desiredNumberScheduled: 5, currentNumberScheduled: 5, numberAvailable: 5, updatedNumberScheduled: 5, numberUnavailable: 0, observedGeneration: 2 });
      expect(Object.values(await byNode(h)).every((names) => names.length === 1)).toBe(true);
    });
  });

  it('with maxSurge, starts the new pod beside the old one and removes the old one once the new is available', async () => {
    await withHarness(['n1', 'n2'], async (h) => {
      await h.reg.create(daemonSet({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } } }));
      await h.settled();
      await runAll(h);
      await modifyDs(h, (spec) => image(spec, 'busybox:2'));
      await h.settled();
      const nodes = await byNode(h);
      // One node surges: two pods there, none deleted yet.
      expect(Object.values(nodes).map((n) => n.length).sort()).toEqual([1, 2]);
      expect((await allPods(h)).filter((p) => p.metadata.deletionTimestamp !== undefined)).toHaveLength(0);
      await runAll(h);
      // The new pod is available: the old one of that node goes, and the other node surges.
      expect((await allPods(h)).filter((p) => p.metadata.deletionTimestamp !== undefined)).toHaveLength(1);
      await removeTerminating(h);
      await runAll(h);
      await removeTerminating(h);
      await runAll(h);
      expect(Object.values(await byNode(h)).map((n) => n.length)).toEqual([1, 1]);
      expect(await dsStatus(h)).toMatchObject({ desiredNumberScheduled: 2, updatedNumberScheduled: 2, numberAvailable: 2 });
    });
  });
});

describe('failed pod back-off', () => {
  it('doubles per failure up to its cap, starts over after a quiet while, and stays within its bound', () => {
    const b = new FailedPodBackoff({ initialMs: 1000, maxMs: 4000, maxEntries: 2 });
    expect(b.remainingMs('a', 0)).toBe(0);
    b.next('a', 0);
    expect(b.remainingMs('a', 400)).toBe(600);
    b.next('a', 1000);
    expect(b.remainingMs('a', 1000)).toBe(2000);
    b.next('a', 3000);
    b.next('a', 7000);
    expect(b.remainingMs('a', 7000)).toBe(4000);
    b.next('a', 7000 + 8001);
    expect(b.remainingMs('a', 15001)).toBe(1000);
    b.next('b', 0);
    b.next('c', 0);
    expect(b.size).toBe(2);
    expect(b.remainingMs('a', 15001)).toBe(0);
    b.forget('b');
    expect(b.size).toBe(1);
  });
});
