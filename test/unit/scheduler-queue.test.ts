// Proves the scheduling queue and pod priority: pods come out by priority, then age; failed pods
// wait out an exponential back-off; unschedulable pods come back on a cluster change that may help
// them, or after unschedulableRetryMs at the latest; a pod's new version moves it; the queue
// refuses pods beyond its bound and says so; and priority comes from the pod, its PriorityClass,
// the global default class, or 0 for an unknown class (which is reported).
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../client/index.js';
import { FAILED_ON_AFFINITY, FAILED_ON_ANY, FAILED_ON_RESOURCES, podInfoOf, PriorityClasses, SchedulingQueue } from '../../server/scheduler/index.js';
import { pod } from './scheduler-fixtures.js';

const OPTS = { maxPendingPods: 100, initialBackoffMs: 1000, maxBackoffMs: 10_000, unschedulableRetryMs: 30_000 };

function add(q: SchedulingQueue, p: KubeObject, priority: number, now = 0): boolean {
  return q.upsert(p, podInfoOf(p), priority, now);
}

function drain(q: SchedulingQueue): string[] {
  const out: string[] = [];
  for (let p = q.pop(); p !== undefined; p = q.pop()) out.push(p.info.name);
  return out;
}

describe('the active queue', () => {
  it('orders by priority, highest first, then by creation time', () => {
    const q = new SchedulingQueue(OPTS);
    add(q, pod('low-old', { created: '2024-01-01T00:00:00Z' }), 0);
    add(q, pod('high-new', { created: '2024-03-01T00:00:00Z' }), 100);
    add(q, pod('high-old', { created: '2024-02-01T00:00:00Z' }), 100);
    add(q, pod('low-new', { created: '2024-04-01T00:00:00Z' }), 0);
    add(q, pod('negative', { created: '2023-01-01T00:00:00Z' }), -5);
    expect(q.activeLength).toBe(5);
    expect(drain(q)).toEqual(['high-old', 'high-new', 'low-old', 'low-new', 'negative']);
    expect(q.activeLength).toBe(0);
  });

  it('takes a new priority for a queued pod, and forgets removed pods', () => {
    const q = new SchedulingQueue(OPTS);
    add(q, pod('a'), 1);
    add(q, pod('b'), 2);
    add(q, pod('c'), 3);
    add(q, pod('a'), 10);
    q.remove('default/c');
    expect(drain(q)).toEqual(['a', 'b']);
    expect(q.size).toBe(2);
  });
});

describe('back-off and unschedulable pods', () => {
  it('back off exponentially after errors, up to the maximum', () => {
    const q = new SchedulingQueue(OPTS);
    add(q, pod('a'), 0);
    let now = 0;
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      const p = q.pop();
      if (p === undefined) throw new Error('expected a pod');
      q.backoffAfter(p, now);
      let waited = 0;
      while (q.flush(now + waited) === 0) waited += 500;
      waits.push(waited);
      now += waited;
    }
    expect(waits).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
  });

  it('wait for a change that may help, or for the periodic retry', () => {
    const q = new SchedulingQueue(OPTS);
    add(q, pod('cpu'), 0);
    add(q, pod('affinity'), 0);
    for (const [name, mask] of [
      ['cpu', FAILED_ON_RESOURCES],
      ['affinity', FAILED_ON_AFFINITY],
    ] as const) {
      const p = q.pop();
      if (p?.info.name !== name) throw new Error(`expected ${name}`);
      q.unschedulableAfter(p, 0, mask);
    }
    expect(q.unschedulableLength).toBe(2);
    // A pod bound elsewhere helps only affinity failures; past the back-off they are active again.
    expect(q.moveAll(5000, FAILED_ON_AFFINITY)).toBe(1);
    expect(drain(q)).toEqual(['affinity']);
    // The retry period brings back the rest without any change.
    expect(q.flush(29_999)).toBe(0);
    expect(q.flush(30_000)).toBe(1);
    expect(drain(q)).toEqual(['cpu']);
  });

  it('go through the back-off when moved before it ends', () => {
    const q = new SchedulingQueue(OPTS);
    add(q, pod('a'), 0);
    const p = q.pop();
    if (p === undefined) throw new Error('expected a pod');
    q.unschedulableAfter(p, 0, FAILED_ON_ANY);
    expect(q.moveAll(100)).toBe(1);
    expect(q.pop()).toBeUndefined();
    expect(q.flush(1000)).toBe(1);
    expect(drain(q)).toEqual(['a']);
  });

  it('come back when the pod itself changes', () => {
    const q = new SchedulingQueue(OPTS);
    add(q, pod('a'), 0);
    const p = q.pop();
    if (p === undefined) throw new Error('expected a pod');
    q.unschedulableAfter(p, 0, FAILED_ON_ANY);
    add(q, pod('a', { cpu: '1' }), 0, 5000);
    expect(drain(q)).toEqual(['a']);
  });
});

describe('the bound', () => {
  it('refuses pods beyond maxPendingPods and remembers it did', () => {
    const q = new SchedulingQueue({ ...OPTS, maxPendingPods: 3 });
    expect([1, 2, 3, 4].map((i) => add(q, pod(`p${i}`), 0))).toEqual([true, true, true, false]);
    expect(q.overflowed).toBe(true);
    expect(q.size).toBe(3);
    const p = q.pop();
    if (p === undefined) throw new Error('expected a pod');
    q.done(p);
    expect(add(q, pod('p4'), 0)).toBe(true);
  });
});

describe('priority', () => {
  const pc = (name: string, value: number, globalDefault = false, preemptionPolicy?: string): KubeObject => ({
    apiVersion: 'scheduling.k8s.io/v1',
    kind: 'PriorityClass',
    metadata: { name },
    value,
    globalDefault,
    ...(preemptionPolicy === undefined ? {} : { preemptionPolicy }),
  });

  it('comes from spec.priority, the named class, the global default, else 0', () => {
    const classes = new PriorityClasses();
    classes.set(pc('high', 1000, false, 'Never'));
    const of = (p: KubeObject): ReturnType<PriorityClasses['resolve']> => classes.resolve(podInfoOf(p));
    expect(of(pod('a'))).toEqual({ priority: 0, preemptionPolicy: 'PreemptLowerPriority', missingClass: undefined });
    expect(of(pod('b', { priorityClassName: 'high' }))).toEqual({ priority: 1000, preemptionPolicy: 'Never', missingClass: undefined });
    expect(of(pod('c', { priority: 7, priorityClassName: 'high' })).priority).toBe(7);
    expect(of(pod('d', { priorityClassName: 'gold' }))).toEqual({ priority: 0, preemptionPolicy: 'PreemptLowerPriority', missingClass: 'gold' });
    classes.set(pc('default-b', 50, true));
    classes.set(pc('default-a', 20, true));
    expect(of(pod('e')).priority).toBe(20);
    classes.delete('default-a');
    expect(of(pod('e')).priority).toBe(50);
    expect(of(pod('f', { priorityClassName: 'system-node-critical' })).priority).toBe(2_000_001_000);
  });

  it('reorders the queue when a class changes', () => {
    const classes = new PriorityClasses();
    const q = new SchedulingQueue(OPTS);
    const a = pod('a', { priorityClassName: 'x', created: '2024-01-02T00:00:00Z' });
    const b = pod('b', { created: '2024-01-01T00:00:00Z' });
    add(q, a, classes.priorityOf(podInfoOf(a)));
    add(q, b, 0);
    classes.set(pc('x', 5));
    q.reprioritize((info) => classes.priorityOf(info));
    expect(drain(q)).toEqual(['a', 'b']);
  });
});
