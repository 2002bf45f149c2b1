// Proves inter-pod affinity and topology spread as filters: required affinity needs a matching pod
// in the node's domain (except for the first pod of a self-affine group), anti-affinity keeps a
// pod out of a matching pod's domain and holds both ways (an existing pod's anti-affinity repels
// the newcomer), namespaces narrow the terms; topology spread admits a node at exactly maxSkew
// and refuses it at maxSkew + 1, counts only the pod's namespace and qualifying nodes, and
// minDomains treats missing domains as empty.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../client/index.js';
import { filterNode, PASS, REASON_AFFINITY, REASON_ANTI_AFFINITY, REASON_EXISTING_ANTI_AFFINITY, REASON_SPREAD, REASON_SPREAD_LABEL } from '../../server/scheduler/index.js';
import type { Reasons } from '../../server/scheduler/index.js';
import { cacheOf, ctxFor, node, nodeOf, pod } from './scheduler-fixtures.js';

const zones = [node('a1', { labels: { zone: 'a' } }), node('a2', { labels: { zone: 'a' } }), node('b1', { labels: { zone: 'b' } }), node('c1', { labels: { zone: 'c' } })];

/** Per node: '' when `p` may go there, else the reason. */
function verdicts(nodes: KubeObject[], bound: KubeObject[], p: KubeObject): Record<string, string> {
  const c = cacheOf(nodes, bound);
  const ctx = ctxFor(c, p);
  const out: Record<string, string> = {};
  for (const n of nodes) {
    const reasons: Reasons = new Map();
    const name = String(n.metadata.name);
    out[name] = filterNode(ctx, nodeOf(c, name), reasons) === PASS ? '' : [...reasons.keys()].join(',');
  }
  return out;
}

const term = (labels: Record<string, string>, topologyKey: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  labelSelector: { matchLabels: labels },
  topologyKey,
  ...extra,
});

describe('inter-pod affinity', () => {
  it('needs a matching pod in the same domain', () => {
    const p = pod('web', { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'cache' }, 'zone')] } } });
    expect(verdicts(zones, [pod('cache', { nodeName: 'a2', labels: { app: 'cache' } })], p)).toEqual({ a1: '', a2: '', b1: REASON_AFFINITY, c1: REASON_AFFINITY });
  });

  it('lets the first pod of a group with affinity to itself go anywhere', () => {
    const self = pod('web-0', { labels: { app: 'web' }, affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'web' }, 'zone')] } } });
    expect(verdicts(zones, [], self)).toEqual({ a1: '', a2: '', b1: '', c1: '' });
    expect(verdicts(zones, [pod('web-1', { nodeName: 'b1', labels: { app: 'web' } })], self)).toEqual({ a1: REASON_AFFINITY, a2: REASON_AFFINITY, b1: '', c1: REASON_AFFINITY });
  });

  it('only counts pods of the namespaces named (its own by default)', () => {
    const other = pod('cache', { namespace: 'other', nodeName: 'a1', labels: { app: 'cache' } });
    const p = (extra: Record<string, unknown>): KubeObject => pod('web', { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'cache' }, 'zone', extra)] } } });
    expect(verdicts(zones, [other], p({})).a1).toBe(REASON_AFFINITY);
    expect(verdicts(zones, [other], p({ namespaces: ['other'] })).a1).toBe('');
    expect(verdicts(zones, [other], p({ namespaceSelector: {} })).a2).toBe('');
  });

  it('needs the topology label on the node', () => {
    const p = pod('web', { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'cache' }, 'rack')] } } });
    expect(verdicts(zones, [pod('cache', { nodeName: 'a1', labels: { app: 'cache' } })], p).a1).toBe(REASON_AFFINITY);
  });
});

describe('inter-pod anti-affinity', () => {
  const anti = (labels: Record<string, string>, key: string): Record<string, unknown> => ({ podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term(labels, key)] } });

  it('keeps a pod out of the domain of a matching pod', () => {
    const p = pod('web-1', { labels: { app: 'web' }, affinity: anti({ app: 'web' }, 'zone') });
    expect(verdicts(zones, [pod('web-0', { nodeName: 'a1', labels: { app: 'web' } })], p)).toEqual({ a1: REASON_ANTI_AFFINITY, a2: REASON_ANTI_AFFINITY, b1: '', c1: '' });
  });

  it('is symmetric: an existing pod’s anti-affinity repels a newcomer that has none', () => {
    const loner = pod('loner', { nodeName: 'b1', labels: { app: 'loner' }, affinity: anti({ app: 'web' }, 'kubernetes.io/hostname') });
    expect(verdicts(zones, [loner], pod('web', { labels: { app: 'web' } }))).toEqual({ a1: '', a2: '', b1: REASON_EXISTING_ANTI_AFFINITY, c1: '' });
    expect(verdicts(zones, [loner], pod('api', { labels: { app: 'api' } })).b1).toBe('');
  });

  it('is freed when the matching pod leaves', () => {
    const web0 = pod('web-0', { nodeName: 'a1', labels: { app: 'web' } });
    const c = cacheOf(zones, [web0]);
    const p = pod('web-1', { labels: { app: 'web' }, affinity: anti({ app: 'web' }, 'zone') });
    expect(filterNode(ctxFor(c, p), nodeOf(c, 'a2'), undefined)).not.toBe(PASS);
    c.deletePod(web0);
    expect(filterNode(ctxFor(c, p), nodeOf(c, 'a2'), undefined)).toBe(PASS);
  });
});

describe('topology spread (DoNotSchedule)', () => {
  const spread = (maxSkew: number, extra: Record<string, unknown> = {}): Record<string, unknown>[] => [
    { maxSkew, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } }, ...extra },
  ];
  const web = (name: string, nodeName: string, namespace = 'default'): KubeObject => pod(name, { nodeName, namespace, labels: { app: 'web' } });
  // zone a: 2 pods, b: 1, c: 0.
  const bound = [web('w0', 'a1'), web('w1', 'a2'), web('w2', 'b1')];

  it('admits a domain at exactly maxSkew and refuses it at maxSkew + 1', () => {
    const p = (maxSkew: number): KubeObject => pod('new', { labels: { app: 'web' }, spread: spread(maxSkew) });
    // Placing in a: 2 + 1 - 0 = 3; in b: 1 + 1 - 0 = 2; in c: 0 + 1 - 0 = 1.
    expect(verdicts(zones, bound, p(2))).toEqual({ a1: REASON_SPREAD, a2: REASON_SPREAD, b1: '', c1: '' });
    expect(verdicts(zones, bound, p(3))).toEqual({ a1: '', a2: '', b1: '', c1: '' });
    expect(verdicts(zones, bound, p(1))).toEqual({ a1: REASON_SPREAD, a2: REASON_SPREAD, b1: REASON_SPREAD, c1: '' });
  });

  it('does not count the pod itself when the selector does not match it', () => {
    const p = pod('new', { labels: { app: 'other' }, spread: spread(2) });
    expect(verdicts(zones, bound, p).a1).toBe('');
  });

  it('counts only pods of its namespace that are not being deleted', () => {
    const p = pod('new', { labels: { app: 'web' }, spread: spread(1) });
    const others = [web('x0', 'c1', 'other'), pod('x1', { nodeName: 'c1', labels: { app: 'web' }, terminating: true })];
    expect(verdicts(zones, [...bound, ...others], p).c1).toBe('');
  });

  it('refuses nodes without the topology label', () => {
    const p = pod('new', { labels: { app: 'web' }, spread: spread(5) });
    expect(verdicts([...zones, node('bare')], bound, p).bare).toBe(REASON_SPREAD_LABEL);
  });

  it('with minDomains, treats the global minimum as 0 while there are fewer domains', () => {
    const two = [node('a1', { labels: { zone: 'a' } }), node('b1', { labels: { zone: 'b' } })];
    const pods = [web('w0', 'a1'), web('w1', 'b1')];
    const p = (minDomains?: number): KubeObject => pod('new', { labels: { app: 'web' }, spread: spread(1, minDomains === undefined ? {} : { minDomains }) });
    expect(verdicts(two, pods, p())).toEqual({ a1: '', b1: '' });
    expect(verdicts(two, pods, p(3))).toEqual({ a1: REASON_SPREAD, b1: REASON_SPREAD });
  });

  it('counts only nodes the pod’s node affinity allows', () => {
    const p = pod('new', { labels: { app: 'web' }, spread: spread(1), nodeSelector: { zone: 'b' } });
    // Only zone b qualifies: its own count is the minimum, so the skew is 1.
    expect(verdicts(zones, bound, p).b1).toBe('');
  });
});
