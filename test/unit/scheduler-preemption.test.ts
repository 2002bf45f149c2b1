// Proves preemption's choices: it removes the fewest and least important pods that make room,
// never a pod of equal or higher priority, never an assumed one; it prefers the node whose
// victims' highest priority is lowest, then fewer victims; removal must satisfy every filter (a
// node whose taint the pod does not tolerate is no candidate; an anti-affinity conflict is solved
// by evicting the conflicting pod); and a pod waits while its nominated node still has a
// terminating victim. The messages say why preemption did not help.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../client/index.js';
import { findPreemption, podInfoOf, preemptionMessage, waitingForVictims } from '../../server/scheduler/index.js';
import type { PodInfo, PreemptionResult, SchedulerCache } from '../../server/scheduler/index.js';
import { cacheOf, decide, node, nodeOf, pod } from './scheduler-fixtures.js';

const priorityOf = (p: PodInfo): number => p.specPriority ?? 0;

/** A bound pod with priority `priority` using `cpu`. */
function victim(name: string, nodeName: string, priority: number, cpu: string, extra: Parameters<typeof pod>[1] = {}): KubeObject {
  return pod(name, { nodeName, priority, cpu, ...extra });
}

function preempt(cache: SchedulerCache, p: KubeObject): PreemptionResult {
  const priority = podInfoOf(p).specPriority ?? 0;
  const d = decide(cache, p, 'spread', priority);
  if (d.fits) throw new Error(`expected no fit, got ${d.node.name}`);
  return findPreemption(d.ctx, d.candidates, cache, priorityOf, 100);
}

const plan = (r: PreemptionResult): string => (r.plan === undefined ? 'none' : `${r.plan.node.name}: ${r.plan.victims.map((v) => v.name).sort().join(',')}`);

describe('preemption', () => {
  it('evicts the fewest, lowest-priority pods that make room', () => {
    const c = cacheOf([node('n', { cpu: '4' })], [victim('p10', 'n', 10, '1'), victim('p20', 'n', 20, '1'), victim('p30', 'n', 30, '1'), victim('p40', 'n', 40, '1')]);
    expect(plan(preempt(c, pod('vip', { priority: 100, cpu: '2' })))).toBe('n: p10,p20');
  });

  it('never evicts pods of equal or higher priority', () => {
    const c = cacheOf([node('n', { cpu: '2' })], [victim('same', 'n', 100, '1'), victim('higher', 'n', 200, '1')]);
    const r = preempt(c, pod('vip', { priority: 100, cpu: '1' }));
    expect(plan(r)).toBe('none');
    expect(r.noVictims).toBe(1);
    const mixed = cacheOf([node('n', { cpu: '2' })], [victim('same', 'n', 100, '1'), victim('lower', 'n', 99, '1')]);
    expect(plan(preempt(mixed, pod('vip', { priority: 100, cpu: '2' })))).toBe('none');
    expect(plan(preempt(mixed, pod('vip', { priority: 100, cpu: '1' })))).toBe('n: lower');
  });

  it('prefers the node whose victims matter least, then fewer victims', () => {
    const c = cacheOf(
      [node('a', { cpu: '2' }), node('b', { cpu: '2' }), node('c', { cpu: '2' })],
      [victim('a1', 'a', 50, '2'), victim('b1', 'b', 5, '1'), victim('b2', 'b', 5, '1'), victim('c1', 'c', 5, '2')],
    );
    // b and c both top out at priority 5; c needs one victim, b two.
    expect(plan(preempt(c, pod('vip', { priority: 100, cpu: '2' })))).toBe('c: c1');
  });

  it('only looks where removing pods can help', () => {
    const c = cacheOf([node('gpu', { cpu: '2', taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] })], [victim('low', 'gpu', 0, '2')]);
    const d = decide(c, pod('vip', { priority: 100, cpu: '2' }), 'spread', 100);
    expect(d.fits ? [] : d.candidates).toEqual([]);
  });

  it('evicts a pod whose anti-affinity keeps the preemptor out', () => {
    const loner = victim('loner', 'n', 1, '100m', {
      labels: { app: 'loner' },
      affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' }] } },
    });
    const c = cacheOf([node('n')], [loner, victim('bystander', 'n', 1, '100m')]);
    expect(plan(preempt(c, pod('web', { priority: 100, labels: { app: 'web' } })))).toBe('n: loner');
  });

  it('leaves assumed pods alone', () => {
    const c = cacheOf([node('n', { cpu: '1' })]);
    c.assume(podInfoOf(pod('inflight', { priority: 0, cpu: '1' })), 'n');
    expect(plan(preempt(c, pod('vip', { priority: 100, cpu: '1' })))).toBe('none');
  });

  it('waits while a lower-priority pod on the nominated node terminates', () => {
    const c = cacheOf([node('n')], [victim('going', 'n', 0, '1', { terminating: true })]);
    expect(waitingForVictims(nodeOf(c, 'n'), 100, priorityOf)).toBe(true);
    expect(waitingForVictims(nodeOf(c, 'n'), 0, priorityOf)).toBe(false);
    expect(waitingForVictims(undefined, 100, priorityOf)).toBe(false);
  });

  it('says why it did not help', () => {
    expect(preemptionMessage(5, 3)).toBe('preemption: 0/5 nodes are available: 3 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.');
    expect(preemptionMessage(2, 0)).toBe('preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.');
  });
});
