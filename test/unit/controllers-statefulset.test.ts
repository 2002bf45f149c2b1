// Proves the StatefulSet controller over a real store: OrderedReady makes web-1 only once web-0 is
// Running and Ready, Parallel makes them all at once; scaling down goes from the highest ordinal,
// one at a time; a deleted pod comes back with the same name, claim volume and a node affinity to
// the node its claim was first bound on; a Terminating pod blocks its ordinal until it is gone
// (force-deleted); a failed pod is replaced; a rolling update goes from the highest ordinal down to
// the partition, one pod at a time; status counts and revisions follow; and whenScaled: Delete
// forgets a claim's node. There is no scheduler or agent here: the test binds pods and writes
// their status itself, and force-deletes Terminating pods where an agent would remove them.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../client/index.js';
import { resolveKind } from '../../client/index.js';
import { listObjects } from '../../server/api/index.js';
import { CONTROLLER_REVISION_HASH_LABEL } from '../../server/controllers/index.js';
import { claimNodeKey, ordinalOfClaimKey } from '../../server/controllers/statefulset-pods.js';
import { statefulSetController } from '../../server/controllers/statefulset.js';
import type { ControllerHarness } from '../support/controllers.js';
import { addNode, controllerHarness, readyNode } from '../support/controllers.js';
import { levelFixtures } from '../support/level-fixtures.js';
import { waitFor } from '../support/procs.js';

const fx = levelFixtures('berth-sts-');
const POD = resolveKind('Pod');
const STS = resolveKind('StatefulSet');
const EVENT = resolveKind('Event');

type Rec = Record<string, unknown>;

function statefulSet(spec: Rec = {}, name = 'web'): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas: 3,
      serviceName: 'web',
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'c', image: 'busybox:1', volumeMounts: [{ name: 'data', mountPath: '/data' }] }] },
      },
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
      ...spec,
    },
  };
}

async function pods(h: ControllerHarness): Promise<Map<string, KubeObject>> {
  const page = await listObjects(h.reg, POD, { namespace: 'default', labelSelector: '', fieldSelector: '', limit: 0, continueToken: '', stale: false });
  return new Map(page.items.map((p) => [String(p.metadata.name), p]));
}

const names = async (h: ControllerHarness): Promise<string[]> => [...(await pods(h)).keys()].sort();

const specOf = (o: KubeObject): Rec => (o.spec ?? {}) as Rec;
const statusOf = (o: KubeObject): Rec => (o.status ?? {}) as Rec;

/** What an agent would report: Running and Ready (or Running, not Ready; or Failed). */
async function setPhase(h: ControllerHarness, name: string, phase: 'Ready' | 'Running' | 'Failed', readySince = Date.now() - 1000): Promise<void> {
  const at = new Date(readySince).toISOString().slice(0, 19) + 'Z';
  const status =
    phase === 'Failed'
      ? { phase: 'Failed', conditions: [{ type: 'Ready', status: 'False', lastTransitionTime: at }] }
      : { phase: 'Running', conditions: [{ type: 'Ready', status: phase === 'Ready' ? 'True' : 'False', lastTransitionTime: at }] };
  await h.reg.modify(POD, 'default', name, {}, (cur) => ({ ...cur, status }));
}

/** What the scheduler would do. */
async function bind(h: ControllerHarness, name: string, node: string): Promise<void> {
  await h.reg.modify(POD, 'default', name, {}, (cur) => ({ ...cur, spec: { ...cur.spec, nodeName: node } }));
}

/** What an agent does once a Terminating pod stopped (or an operator's force delete). */
async function forceDelete(h: ControllerHarness, name: string): Promise<void> {
  await h.reg.delete(POD, 'default', name, {}, false, 0);
}

/** Binds each pod to `node` and makes it Ready, one settle after another, until `count` are Ready. */
async function bringUp(h: ControllerHarness, count: number, node = 'n1'): Promise<void> {
  for (let i = 0; i < count; i++) {
    await h.settled();
    const name = `web-${i}`;
    await bind(h, name, node);
    await setPhase(h, name, 'Ready');
  }
  await h.settled();
}

async function stsNow(h: ControllerHarness, name = 'web'): Promise<KubeObject> {
  return h.reg.get(STS, 'default', name);
}

async function events(h: ControllerHarness): Promise<string[]> {
  const page = await listObjects(h.reg, EVENT, { namespace: 'default', labelSelector: '', fieldSelector: '', limit: 0, continueToken: '', stale: false });
  return page.items.map((e) => `${String(e.reason)}: ${String(e.message)}`);
}

async function withHarness(fn: (h: ControllerHarness) => Promise<void>): Promise<void> {
  const h = await controllerHarness(fx, [statefulSetController()]);
  try {
    await addNode(h.reg, readyNode('n1'));
    await addNode(h.reg, readyNode('n2'));
    await fn(h);
  } finally {
    await h.close();
  }
}

describe('StatefulSet controller', () => {
  it('OrderedReady: makes web-1 only once web-0 is Running and Ready, each with its identity', async () => {
    await withHarness(async (h) => {
      await h.reg.create(statefulSet());
      await h.settled();
      expect(await names(h)).toEqual(['web-0']);
      const p0 = (await pods(h)).get('web-0')!;
      expect(p0.metadata.labels).toMatchObject({ app: 'web', 'statefulset.kubernetes.io/pod-name': 'web-0', 'apps.kubernetes.io/pod-index': '0' });
      expect(p0.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL]).toMatch(/^web-[a-z0-9]{10}$/);
      expect(p0.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'StatefulSet', name: 'web', controller: true });
      expect(specOf(p0)).toMatchObject({ hostname: 'web-0', subdomain: 'web', volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data-web-0' } }] });
      expect(specOf(p0).affinity).toBeUndefined();

      // Running but not Ready: still waiting.
      await setPhase(h, 'web-0', 'Running');
      await h.settled();
      expect(await names(h)).toEqual(['web-0']);
      await setPhase(h, 'web-0', 'Ready');
      await h.settled();
      expect(await names(h)).toEqual(['web-0', 'web-1']);
      await setPhase(h, 'web-1', 'Ready');
      await h.settled();
      expect(await names(h)).toEqual(['web-0', 'web-1', 'web-2']);
      expect(await events(h)).toContain('SuccessfulCreate: create Pod web-1 in StatefulSet web successful');
    });
  });

  it('OrderedReady with minReadySeconds: waits until web-0 has been Ready that long', async () => {
    await withHarness(async (h) => {
      await h.reg.create(statefulSet({ replicas: 2, minReadySeconds: 2 }));
      await h.settled();
      const readySince = Date.now();
      await setPhase(h, 'web-0', 'Ready', readySince);
      await h.settled();
      expect(await names(h)).toEqual(['web-0']);
      expect(statusOf(await stsNow(h))).toMatchObject({ readyReplicas: 1, availableReplicas: 0 });
      // No event comes: the controller looks again by itself once web-0 is available.
      await waitFor(async () => (await names(h)).length === 2, { what: 'web-1', timeoutMs: 5000 });
      expect(Date.now() - readySince).toBeGreaterThanOrEqual(1000);
    });
  });

  it('Parallel: makes and removes all pods at once; ordinals.start is honoured', async () => {
    await withHarness(async (h) => {
      await h.reg.create(statefulSet({ podManagementPolicy: 'Parallel', ordinals: { start: 5 } }));
      await h.settled();
      expect(await names(h)).toEqual(['web-5', 'web-6', 'web-7']);
      await h.reg.modify(STS, 'default', 'web', {}, (cur) => ({ ...cur, spec: { ...cur.spec, replicas: 1 } }));
      await h.settled();
      expect(await names(h)).toEqual(['web-5']);
    });
  });

  it('scales down from the highest ordinal, one pod at a time', async () => {
    await withHarness(async (h) => {
      await h.reg.create(statefulSet());
      await bringUp(h, 3);
      await h.reg.modify(STS, 'default', 'web', {}, (cur) => ({ ...cur, spec: { ...cur.spec, replicas: 1 } }));
      await h.settled();
      // Bound pods are deleted gracefully: web-2 is Terminating, web-1 waits for it to go.
      let now = await pods(h);
      expect(now.get('web-2')!.metadata.deletionTimestamp).toBeDefined();
      expect(now.get('web-1')!.metadata.deletionTimestamp).toBeUndefined();
      await forceDelete(h, 'web-2');
      await h.settled();
      now = await pods(h);
      expect([...now.keys()].sort()).toEqual(['web-0', 'web-1']);
      expect(now.get('web-1')!.metadata.deletionTimestamp).toBeDefined();
      await forceDelete(h, 'web-1');
      await h.settled();
      expect(await names(h)).toEqual(['web-0']);
      expect(await events(h)).toContain('SuccessfulDelete: delete Pod web-2 in StatefulSet web successful');
    });
  });

  it('brings a deleted pod back with its name, claim and node; a Terminating one blocks it until force-deleted', async () => {
    await withHarness(async (h) => {
      await h.reg.create(statefulSet({ replicas: 2 }));
      await h.settled();
      await bind(h, 'web-0', 'n1');
      await setPhase(h, 'web-0', 'Ready');
      await h.settled();
      await bind(h, 'web-1', 'n2');
      await setPhase(h, 'web-1', 'Ready');
      await h.settled();
      // The claim's node is remembered once its pod is seen bound.
      const ann = (await stsNow(h)).metadata.annotations ?? {};
      expect(ann).toMatchObject({ 'volumes.berth.io/data-web-0': 'n1', 'volumes.berth.io/data-web-1': 'n2' });

      const old = (await pods(h)).get('web-1')!;
      await h.reg.delete(POD, 'default', 'web-1', {});
      await h.settled();
      // Still the old pod, Terminating (its node has not confirmed it stopped): no second web-1.
      const terminating = (await pods(h)).get('web-1')!;
      expect(terminating.metadata.uid).toBe(old.metadata.uid);
      expect(terminating.metadata.deletionTimestamp).toBeDefined();

      await forceDelete(h, 'web-1');
      await h.settled();
      const fresh = (await pods(h)).get('web-1')!;
      expect(fresh.metadata.uid).not.toBe(old.metadata.uid);
      expect(specOf(fresh)).toMatchObject({ hostname: 'web-1', volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data-web-1' } }] });
      expect(specOf(fresh).affinity).toEqual({
        nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n2'] }] }] } },
      });
      // Bound elsewhere later (it would not be), the claim still names its first node.
      await bind(h, 'web-1', 'n1');
      await h.settled();
      expect((await stsNow(h)).metadata.annotations?.['volumes.berth.io/data-web-1']).toBe('n2');
    });
  });

  it('replaces a failed pod', async () => {
    await withHarness(async (h) => {
      await h.reg.create(statefulSet({ replicas: 1 }));
      await h.settled();
      const before = (await pods(h)).get('web-0')!;
      await setPhase(h, 'web-0', 'Failed');
      await h.settled();
      const after = (await pods(h)).get('web-0')!;
      expect(after.metadata.uid).not.toBe(before.metadata.uid);
      expect(statusOf(after).phase).toBe('Pending');
    });
  });

  it('rolls an update from the highest ordinal down to the partition, one Ready pod at a time', async () => {
    await withHarness(async (h) => {
      await h.reg.create(statefulSet());
      await bringUp(h, 3);
      const first = statusOf(await stsNow(h));
      expect(first).toMatchObject({ replicas: 3, readyReplicas: 3, availableReplicas: 3, currentReplicas: 3, updatedReplicas: 3, observedGeneration: 1 });
      expect(first.currentRevision).toBe(first.updateRevision);

      const setImage = (image: string, partition: number) =>
        h.reg.modify(STS, 'default', 'web', {}, (cur) => {
          const spec = specOf(cur);
          const template = spec.template as { spec: { containers: Rec[] } };
          return { ...cur, spec: { ...spec, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition } }, template: { ...template, spec: { ...template.spec, containers: [{ ...template.spec.containers[0], image }] } } } };
        });
      await setImage('busybox:2', 2);
      await h.settled();
      let now = await pods(h);
      expect(now.get('web-2')!.metadata.deletionTimestamp).toBeDefined();
      expect(now.get('web-1')!.metadata.deletionTimestamp).toBeUndefined();
      await forceDelete(h, 'web-2');
      await h.settled();
      const web2 = (await pods(h)).get('web-2')!;
      const updateRevision = String(statusOf(await stsNow(h)).updateRevision);
      expect(updateRevision).not.toBe(first.updateRevision);
      expect(web2.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL]).toBe(updateRevision);
      expect(((specOf(web2).containers as Rec[])[0] as Rec).image).toBe('busybox:2');
      await bind(h, 'web-2', 'n1');
      await setPhase(h, 'web-2', 'Ready');
      await h.settled();
      // The partition holds web-0 and web-1 back.
      now = await pods(h);
      expect(now.get('web-1')!.metadata.deletionTimestamp).toBeUndefined();
      let st = statusOf(await stsNow(h));
      expect(st).toMatchObject({ replicas: 3, readyReplicas: 3, currentReplicas: 2, updatedReplicas: 1, currentRevision: first.currentRevision, updateRevision, observedGeneration: 2 });

      // Partition 0: web-1, and only once it is Ready, web-0.
      await setImage('busybox:2', 0);
      await h.settled();
      now = await pods(h);
      expect(now.get('web-1')!.metadata.deletionTimestamp).toBeDefined();
      expect(now.get('web-0')!.metadata.deletionTimestamp).toBeUndefined();
      await forceDelete(h, 'web-1');
      await h.settled();
      expect((await pods(h)).get('web-0')!.metadata.deletionTimestamp).toBeUndefined();
      await bind(h, 'web-1', 'n1');
      await setPhase(h, 'web-1', 'Ready');
      await h.settled();
      expect((await pods(h)).get('web-0')!.metadata.deletionTimestamp).toBeDefined();
      await forceDelete(h, 'web-0');
      await h.settled();
      await bind(h, 'web-0', 'n1');
      await setPhase(h, 'web-0', 'Ready');
      await h.settled();
      st = statusOf(await stsNow(h));
      expect(st).toMatchObject({ replicas: 3, readyReplicas: 3, currentReplicas: 3, updatedReplicas: 3, currentRevision: updateRevision, updateRevision, observedGeneration: 3 });
    });
  });

  it('OnDelete: only pods deleted by someone else come back with the new template', async () => {
    await withHarness(async (h) => {
      await h.reg.create(statefulSet({ replicas: 2, podManagementPolicy: 'Parallel', updateStrategy: { type: 'OnDelete' } }));
      await h.settled();
      const before = await pods(h);
      await h.reg.modify(STS, 'default', 'web', {}, (cur) => {
        const t = specOf(cur).template as Rec;
        return { ...cur, spec: { ...specOf(cur), template: { ...t, metadata: { labels: { app: 'web', tier: 'db' } } } } };
      });
      await h.settled();
      const same = await pods(h);
      expect(same.get('web-1')!.metadata.uid).toBe(before.get('web-1')!.metadata.uid);
      await h.reg.delete(POD, 'default', 'web-1', {});
      await h.settled();
      const after = await pods(h);
      expect(after.get('web-1')!.metadata.labels?.tier).toBe('db');
      expect(after.get('web-0')!.metadata.labels?.tier).toBeUndefined();
      expect(statusOf(await stsNow(h))).toMatchObject({ replicas: 2, updatedReplicas: 1, currentReplicas: 1 });
    });
  });

  it('whenScaled: Delete forgets the node of a scaled-away claim (Retain keeps it)', async () => {
    await withHarness(async (h) => {
      await h.reg.create(statefulSet({ replicas: 2, persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Delete' } }));
      await bringUp(h, 2);
      expect(Object.keys((await stsNow(h)).metadata.annotations ?? {}).sort()).toEqual(['volumes.berth.io/data-web-0', 'volumes.berth.io/data-web-1']);
      await h.reg.modify(STS, 'default', 'web', {}, (cur) => ({ ...cur, spec: { ...cur.spec, replicas: 1 } }));
      await h.settled();
      // Kept while the pod is still there (Terminating).
      expect((await stsNow(h)).metadata.annotations?.['volumes.berth.io/data-web-1']).toBe('n1');
      await forceDelete(h, 'web-1');
      await h.settled();
      expect(Object.keys((await stsNow(h)).metadata.annotations ?? {})).toEqual(['volumes.berth.io/data-web-0']);
    });
  });

  it('remembers the node of a claim whose name is too long for an annotation key', async () => {
    await withHarness(async (h) => {
      const template = 'd'.repeat(60);
      const base = statefulSet({ replicas: 1 });
      const spec = specOf(base);
      const t = spec.template as { spec: { containers: Rec[] } };
      spec.volumeClaimTemplates = [{ metadata: { name: template }, spec: { resources: { requests: { storage: '1Gi' } } } }];
      spec.template = { ...t, spec: { containers: [{ name: 'c', image: 'busybox:1', volumeMounts: [{ name: template, mountPath: '/data' }] }] } };
      await h.reg.create(base);
      await bringUp(h, 1, 'n2');
      const key = claimNodeKey(`${template}-web-0`);
      expect(key).not.toBe(`volumes.berth.io/${template}-web-0`);
      expect((await stsNow(h)).metadata.annotations?.[key]).toBe('n2');
    });
  });

  it('keys the claim annotation by a hash when the claim name is too long, keeping the ordinal readable', () => {
    const long = `data-${'x'.repeat(70)}-12`;
    const key = claimNodeKey(long);
    expect(key.startsWith('volumes.berth.io/')).toBe(true);
    expect(key.length - 'volumes.berth.io/'.length).toBe(63);
    expect(ordinalOfClaimKey(key)).toBe(12);
    expect(claimNodeKey(`data-${'x'.repeat(70)}-13`)).not.toBe(key);
    expect(claimNodeKey('data-web-0')).toBe('volumes.berth.io/data-web-0');
  });
});
