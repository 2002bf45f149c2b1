// Proves the whole scheduler over a real store, run by the controller manager: pending pods are
// bound (spec.nodeName, PodScheduled=True, a Scheduled event) within the nodes' room and never
// twice; a pod that fits nowhere gets PodScheduled=False with the reasons and a FailedScheduling
// event, and is bound once a node that fits appears or a pod leaves; a higher-priority pod
// preempts a lower one (deleted, with a Preempted event) and takes its place; pods of other
// schedulers are left alone.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../client/index.js';
import { resolveKind } from '../../client/index.js';
import type { ObjectRegistry } from '../../server/api/index.js';
import { schedulerSpec } from '../../server/scheduler/index.js';
import type { ControllerHarness } from '../support/controllers.js';
import { addNode, controllerHarness, readyNode } from '../support/controllers.js';
import { levelFixtures } from '../support/level-fixtures.js';
import { waitFor } from '../support/procs.js';

const fx = levelFixtures('berth-sched-');
const POD = resolveKind('Pod');

const FAST = { initialBackoffMs: 10, maxBackoffMs: 100, flushIntervalMs: 10 };

function podObj(name: string, cpu: string, extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: { containers: [{ name: 'main', image: 'nginx:1.25', resources: { requests: { cpu } } }], terminationGracePeriodSeconds: 0, ...extra },
  };
}

async function pods(reg: ObjectRegistry): Promise<KubeObject[]> {
  const kvs = (await reg.node.store.range({ key: '/registry/pods/', prefix: true })).kvs;
  return kvs.map((kv) => JSON.parse(Buffer.from(kv.value).toString('utf8')) as KubeObject);
}

async function podNamed(reg: ObjectRegistry, name: string): Promise<KubeObject | undefined> {
  try {
    return await reg.get(POD, 'default', name);
  } catch {
    return undefined;
  }
}

const nodeName = (p: KubeObject | undefined): string => String((p?.spec as { nodeName?: string } | undefined)?.nodeName ?? '');
const scheduled = (p: KubeObject | undefined): { status?: string; reason?: string; message?: string } | undefined =>
  ((p?.status as { conditions?: { type: string; status?: string; reason?: string; message?: string }[] } | undefined)?.conditions ?? []).find((c) => c.type === 'PodScheduled');

async function events(h: ControllerHarness, reason: string): Promise<KubeObject[]> {
  const kvs = (await h.reg.node.store.range({ key: '/registry/events/', prefix: true })).kvs;
  return kvs.map((kv) => JSON.parse(Buffer.from(kv.value).toString('utf8')) as KubeObject).filter((e) => e['reason'] === reason);
}

describe('the scheduler over a real store', () => {
  it('binds pending pods within the nodes’ room, once each, and says so', async () => {
    const h = await controllerHarness(fx, [schedulerSpec(FAST)], { unschedulableRetryMs: 200 });
    try {
      await addNode(h.reg, readyNode('n1', { cpu: '2', memory: '4Gi', pods: '10' }));
      await addNode(h.reg, readyNode('n2', { cpu: '2', memory: '4Gi', pods: '10' }));
      await h.reg.create(podObj('early', '500m'));
      await h.settled();
      for (let i = 0; i < 6; i++) await h.reg.create(podObj(`web-${i}`, '500m'));
      await h.reg.create(podObj('other', '100m', { schedulerName: 'someone-else' }));
      await waitFor(async () => (await pods(h.reg)).filter((p) => nodeName(p) !== '').length === 7, { what: 'seven pods bound' });
      const all = await pods(h.reg);
      const perNode = new Map<string, number>();
      for (const p of all) if (nodeName(p) !== '') perNode.set(nodeName(p), (perNode.get(nodeName(p)) ?? 0) + 1);
      expect([...perNode.values()].sort()).toEqual([3, 4]);
      expect(nodeName(all.find((p) => p.metadata.name === 'other'))).toBe('');
      expect(scheduled(all.find((p) => p.metadata.name === 'web-0'))?.status).toBe('True');
      await waitFor(async () => (await events(h, 'Scheduled')).length === 7, { what: 'seven Scheduled events' });
      const ev = (await events(h, 'Scheduled')).find((e) => (e['involvedObject'] as { name: string }).name === 'early');
      expect(ev?.['message']).toMatch(/^Successfully assigned default\/early to n[12]$/);
    } finally {
      await h.close();
    }
  });

  it('reports an unschedulable pod and binds it when a node that fits appears, or room is freed', async () => {
    const h = await controllerHarness(fx, [schedulerSpec(FAST)], { unschedulableRetryMs: 60_000 });
    try {
      await addNode(h.reg, readyNode('small', { cpu: '1', memory: '4Gi', pods: '10' }));
      const gpu = readyNode('gpu', { cpu: '8', memory: '4Gi', pods: '10' });
      gpu.spec = { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] };
      await addNode(h.reg, gpu);
      await h.settled();
      await h.reg.create(podObj('big', '2'));
      await waitFor(async () => scheduled(await podNamed(h.reg, 'big'))?.status === 'False', { what: 'big reported unschedulable' });
      const cond = scheduled(await podNamed(h.reg, 'big'));
      expect(cond).toMatchObject({
        reason: 'Unschedulable',
        message: expect.stringMatching(/^0\/2 nodes are available: 1 Insufficient cpu, 1 node\(s\) had untolerated taint dedicated=gpu\./),
      });
      await waitFor(async () => (await events(h, 'FailedScheduling')).length >= 1, { what: 'a FailedScheduling event' });
      await addNode(h.reg, readyNode('large', { cpu: '4', memory: '4Gi', pods: '10' }));
      await waitFor(async () => nodeName(await podNamed(h.reg, 'big')) === 'large', { what: 'big bound to the new node' });

      // Fill `small`, then free it by deleting its pod: the waiting pod goes there.
      await h.reg.create(podObj('filler', '1', { nodeSelector: { 'kubernetes.io/hostname': 'small' } }));
      await waitFor(async () => nodeName(await podNamed(h.reg, 'filler')) === 'small', { what: 'filler bound' });
      await h.reg.create(podObj('waiter', '1', { nodeSelector: { 'kubernetes.io/hostname': 'small' } }));
      await waitFor(async () => scheduled(await podNamed(h.reg, 'waiter'))?.status === 'False', { what: 'waiter unschedulable' });
      await h.reg.delete(POD, 'default', 'filler', {});
      await waitFor(async () => nodeName(await podNamed(h.reg, 'waiter')) === 'small', { what: 'waiter bound after the delete' });
    } finally {
      await h.close();
    }
  });

  it('preempts a lower-priority pod for a higher one', async () => {
    const h = await controllerHarness(fx, [schedulerSpec(FAST)], { unschedulableRetryMs: 60_000 });
    try {
      await addNode(h.reg, readyNode('only', { cpu: '2', memory: '4Gi', pods: '10' }));
      await h.reg.create({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000 });
      await h.reg.create(podObj('low', '2'));
      await waitFor(async () => nodeName(await podNamed(h.reg, 'low')) === 'only', { what: 'low bound' });
      await h.reg.create(podObj('same', '1'));
      await waitFor(async () => scheduled(await podNamed(h.reg, 'same'))?.status === 'False', { what: 'same-priority pod unschedulable' });
      expect(await podNamed(h.reg, 'low')).toBeDefined();
      await h.reg.create(podObj('vip', '2', { priorityClassName: 'high' }));
      await waitFor(async () => nodeName(await podNamed(h.reg, 'vip')) === 'only', { what: 'vip bound where low was' });
      expect(await podNamed(h.reg, 'low')).toBeUndefined();
      const preempted = await events(h, 'Preempted');
      expect(preempted.map((e) => e['message'])).toEqual(['Preempted by default/vip on node only']);
      expect(nodeName(await podNamed(h.reg, 'same'))).toBe('');
    } finally {
      await h.close();
    }
  });
});
