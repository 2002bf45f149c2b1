// Proves how the scheduler picks among feasible nodes: spread prefers the least allocated node and
// binpack the most allocated (and a pod's berth.io/placement annotation overrides the cluster's
// choice), every score stays within 0..100 at its bounds, preferred node affinity, preferred
// inter-pod affinity, PreferNoSchedule taints and ScheduleAnyway spread tilt the choice, pods of
// one ReplicaSet spread, equal scores rotate, a large cluster is sampled with Kubernetes' adaptive
// percentage from a rotating start, and nominated pods keep the room they preempted for.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../client/index.js';
import {
  balancedAllocationScore,
  Decider,
  leastAllocatedScore,
  mostAllocatedScore,
  numFeasibleNodesToFind,
  podInfoOf,
} from '../../server/scheduler/index.js';
import { cacheOf, decide, node, nodeOf, outcome, pod } from './scheduler-fixtures.js';

/** Binds `n` pods one after another through the cache (assumed), returning where each went. */
function placeMany(nodes: KubeObject[], pods: KubeObject[], placement: 'spread' | 'binpack' = 'spread', bound: KubeObject[] = []): string[] {
  const c = cacheOf(nodes, bound);
  const d = new Decider(c, { placement, percentageOfNodesToScore: 0 });
  return pods.map((p) => {
    const info = podInfoOf(p);
    const r = d.decide(info, 0);
    if (!r.fits) return '-';
    c.assume(info, r.node.name);
    return r.node.name;
  });
}

describe('placement strategies', () => {
  const nodes = [node('empty'), node('half')];
  const half = [pod('h', { nodeName: 'half', cpu: '2', memory: '4Gi' })];

  it('spread picks the least allocated node, binpack the most allocated', () => {
    const c = cacheOf(nodes, half);
    const p = pod('p', { cpu: '500m', memory: '512Mi' });
    expect(outcome(decide(c, p, 'spread'))).toBe('empty');
    expect(outcome(decide(c, p, 'binpack'))).toBe('half');
  });

  it('lets the pod’s annotation override the cluster’s strategy', () => {
    const c = cacheOf(nodes, half);
    expect(outcome(decide(c, pod('p', { cpu: '500m', annotations: { 'berth.io/placement': 'binpack' } }), 'spread'))).toBe('half');
    expect(outcome(decide(c, pod('p', { cpu: '500m', annotations: { 'berth.io/placement': 'spread' } }), 'binpack'))).toBe('empty');
  });

  it('spread alternates pods over equal nodes; binpack fills one first', () => {
    const pods = Array.from({ length: 4 }, (_, i) => pod(`p${i}`, { cpu: '1' }));
    expect(placeMany([node('a'), node('b')], pods, 'spread').sort()).toEqual(['a', 'a', 'b', 'b']);
    expect(new Set(placeMany([node('a'), node('b')], pods, 'binpack')).size).toBe(1);
  });

  it('counts the 100m/200Mi stand-ins, so pods without requests spread too', () => {
    const pods = Array.from({ length: 6 }, (_, i) => pod(`p${i}`));
    expect(placeMany([node('a'), node('b'), node('c')], pods).sort()).toEqual(['a', 'a', 'b', 'b', 'c', 'c']);
  });
});

describe('score bounds', () => {
  const c = cacheOf([node('n', { cpu: '1', memory: '1Gi' })]);
  const n = nodeOf(c, 'n');
  const req = (cpu: string, memory: string): ReturnType<typeof podInfoOf>['requests'] => podInfoOf(pod('p', { cpu, memory })).requests;

  it('are 100 and 0 at the ends', () => {
    expect(leastAllocatedScore(req('1m', '1'), n)).toBe(99);
    expect(leastAllocatedScore(req('1', '1Gi'), n)).toBe(0);
    expect(leastAllocatedScore(req('2', '2Gi'), n)).toBe(0);
    expect(mostAllocatedScore(req('1', '1Gi'), n)).toBe(100);
    expect(mostAllocatedScore(req('2', '2Gi'), n)).toBe(100);
    expect(balancedAllocationScore(req('500m', '512Mi'), n)).toBe(100);
    expect(balancedAllocationScore(req('1', '1'), n)).toBe(50);
  });
});

describe('preferences', () => {
  it('preferred node affinity pulls the pod to the heavier matching term', () => {
    const nodes = [node('ssd', { labels: { disk: 'ssd' } }), node('fast', { labels: { net: 'fast' } }), node('plain')];
    const pref = (weight: number, key: string, value: string): Record<string, unknown> => ({ weight, preference: { matchExpressions: [{ key, operator: 'In', values: [value] }] } });
    const p = pod('p', { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [pref(10, 'disk', 'ssd'), pref(80, 'net', 'fast')] } } });
    expect(outcome(decide(cacheOf(nodes), p))).toBe('fast');
  });

  it('preferred pod affinity and anti-affinity tilt toward and away from matching pods', () => {
    const nodes = [node('a'), node('b')];
    const cache = pod('cache', { nodeName: 'b', labels: { app: 'cache' } });
    const weighted = { weight: 100, podAffinityTerm: { labelSelector: { matchLabels: { app: 'cache' } }, topologyKey: 'kubernetes.io/hostname' } };
    expect(outcome(decide(cacheOf(nodes, [cache]), pod('near', { affinity: { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [weighted] } } })))).toBe('b');
    expect(outcome(decide(cacheOf(nodes, [cache]), pod('far', { affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [weighted] } } })))).toBe('a');
  });

  it('avoids PreferNoSchedule taints the pod does not tolerate', () => {
    const nodes = [node('tainted', { taints: [{ key: 'spot', effect: 'PreferNoSchedule' }] }), node('clean')];
    expect(placeMany(nodes, [pod('p0'), pod('p1'), pod('p2')])).toEqual(['clean', 'clean', 'clean']);
    expect(outcome(decide(cacheOf(nodes), pod('ok', { tolerations: [{ key: 'spot', operator: 'Exists' }], cpu: '1' }), 'binpack'))).not.toBe('');
  });

  it('ScheduleAnyway spread prefers the domain with fewer matching pods', () => {
    const nodes = [node('a1', { labels: { zone: 'a' }, cpu: '64', memory: '64Gi' }), node('b1', { labels: { zone: 'b' } })];
    const bound = [pod('w0', { nodeName: 'a1', labels: { app: 'web' } }), pod('w1', { nodeName: 'b1', labels: { app: 'web' } }), pod('w2', { nodeName: 'b1', labels: { app: 'web' } })];
    const soft = [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'web' } } }];
    // binpack alone would pick the busier small node b1; the spread score outweighs it.
    expect(outcome(decide(cacheOf(nodes, bound), pod('w3', { labels: { app: 'web' }, spread: soft }), 'binpack'))).toBe('a1');
  });

  it('spreads the pods of one ReplicaSet even where resources say otherwise', () => {
    const nodes = [node('big', { cpu: '64', memory: '256Gi' }), node('small')];
    const pods = Array.from({ length: 2 }, (_, i) => pod(`rs-${i}`, { owner: 'web' }));
    // The first goes beside no sibling despite the emptier big node; then both have one.
    expect(placeMany(nodes, pods, 'spread', [pod('mine', { nodeName: 'big', owner: 'web' })])).toEqual(['small', 'big']);
    expect(placeMany(nodes, [pod('other', { owner: 'api' })], 'spread', [pod('mine', { nodeName: 'big', owner: 'web' })])).toEqual(['big']);
  });
});

describe('ties and sampling', () => {
  it('rotate among nodes with equal scores', () => {
    const c = cacheOf([node('a'), node('b'), node('c')]);
    const d = new Decider(c, { placement: 'spread', percentageOfNodesToScore: 0 });
    const picks = Array.from({ length: 6 }, (_, i) => outcome(d.decide(podInfoOf(pod(`p${i}`)), 0)));
    expect(new Set(picks)).toEqual(new Set(['a', 'b', 'c']));
  });

  it('look for Kubernetes’ adaptive number of feasible nodes', () => {
    expect(numFeasibleNodesToFind(50)).toBe(50);
    expect(numFeasibleNodesToFind(99)).toBe(99);
    expect(numFeasibleNodesToFind(100)).toBe(100);
    expect(numFeasibleNodesToFind(1000)).toBe(420);
    expect(numFeasibleNodesToFind(5000)).toBe(500);
    expect(numFeasibleNodesToFind(10_000)).toBe(500);
    expect(numFeasibleNodesToFind(1000, 10)).toBe(100);
    expect(numFeasibleNodesToFind(1000, 100)).toBe(1000);
  });

  it('start each decision where the previous one stopped', () => {
    const nodes = Array.from({ length: 300 }, (_, i) => node(`n${String(i).padStart(3, '0')}`));
    const c = cacheOf(nodes);
    // 10%: 100 feasible nodes per decision, so three decisions cover the cluster once.
    const d = new Decider(c, { placement: 'binpack', percentageOfNodesToScore: 10 });
    const picks = Array.from({ length: 3 }, (_, i) => Number(outcome(d.decide(podInfoOf(pod(`p${i}`)), 0)).slice(1)));
    expect(picks.map((p) => Math.floor(p / 100))).toEqual([0, 1, 2]);
  });
});

describe('nominated pods', () => {
  it('keep their room from pods of lower priority, not from higher ones', () => {
    const c = cacheOf([node('n', { cpu: '2' })]);
    const waiting = podInfoOf(pod('vip', { cpu: '2' }));
    c.nominate(waiting, 'n', 100);
    const d = new Decider(c, { placement: 'spread', percentageOfNodesToScore: 0 });
    expect(outcome(d.decide(podInfoOf(pod('low', { cpu: '1' })), 10))).toBe('1 Insufficient cpu');
    expect(outcome(d.decide(podInfoOf(pod('high', { cpu: '1' })), 1000))).toBe('n');
    expect(outcome(d.decide(waiting, 100))).toBe('n');
  });
});
