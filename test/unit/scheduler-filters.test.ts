// Proves each of the scheduler's filter plugins at its bounds: requests that exactly fit and 1m
// (or one byte, or one pod) over, with init containers, sidecars and overhead; readiness and
// cordons; taints tolerated by Exists, by Equal, and not by a wrong effect; host ports (and fixed
// container ports, with pods in the host's network) that collide only on the same protocol and
// host IP; node selectors and every node affinity operator
// (Gt and Lt too, and matchFields); and the FailedScheduling summary they add up to.
import { describe, expect, it } from 'vitest';
import {
  filterNode,
  fitErrorMessage,
  insufficientResources,
  nodeAffinityMatches,
  PASS,
  podInfoOf,
  podRequests,
  portsConflict,
  tolerates,
  UNRESOLVABLE,
  UNSCHEDULABLE,
  untoleratedTaint,
} from '../../server/scheduler/index.js';
import type { Reasons } from '../../server/scheduler/index.js';
import { cacheOf, ctxFor, decide, node, nodeOf, outcome, pod } from './scheduler-fixtures.js';

const fit = (n: ReturnType<typeof node>, bound: ReturnType<typeof pod>[], p: ReturnType<typeof pod>): string[] | undefined => {
  const c = cacheOf([n], bound);
  return insufficientResources(podInfoOf(p).requests, nodeOf(c, String(n.metadata.name)));
};

describe('requests', () => {
  it('sum the containers, take the largest init container, add sidecars and overhead', () => {
    const spec = {
      containers: [{ resources: { requests: { cpu: '250m', memory: '64Mi' } } }, { resources: { requests: { cpu: '250m' } } }],
      initContainers: [{ resources: { requests: { cpu: '2', memory: '1Mi' } } }, { restartPolicy: 'Always', resources: { requests: { cpu: '100m', memory: '10Mi' } } }],
      overhead: { cpu: '10m', memory: '1Mi' },
    };
    const r = podRequests(spec);
    // max(500m + 100m sidecar, 2000m init) + 10m; max(64Mi + 10Mi, 1Mi) + 1Mi
    expect([r.milliCpu, r.memory]).toEqual([2010, 75 * 2 ** 20]);
    // A regular init container after a sidecar runs alongside it.
    expect(podRequests({ containers: [], initContainers: [{ restartPolicy: 'Always', resources: { requests: { cpu: '1' } } }, { resources: { requests: { cpu: '2' } } }] }).milliCpu).toBe(3000);
  });

  it('count nothing for a pod without requests, but use 100m/200Mi stand-ins for scoring', () => {
    const none = podRequests({ containers: [{}] });
    expect([none.milliCpu, none.memory, none.nonZeroMilliCpu, none.nonZeroMemory]).toEqual([0, 0, 100, 200 * 2 ** 20]);
    const r = podRequests({ containers: [{}, { resources: { requests: { cpu: '1' } } }] });
    expect([r.milliCpu, r.memory, r.nonZeroMilliCpu, r.nonZeroMemory]).toEqual([1000, 0, 1100, 400 * 2 ** 20]);
  });

  it('round millicores like Kubernetes: 100m is 100, 0.1 is 100, 1u is 1', () => {
    expect([podRequests({ containers: [{ resources: { requests: { cpu: '100m' } } }] }).milliCpu, podRequests({ containers: [{ resources: { requests: { cpu: '0.1' } } }] }).milliCpu]).toEqual([100, 100]);
    expect(podRequests({ containers: [{ resources: { requests: { cpu: '1u' } } }] }).milliCpu).toBe(1);
  });
});

describe('resource fit', () => {
  const n = node('n1', { cpu: '2', memory: '1Gi', pods: '3' });

  it('fits exactly and fails 1m over on cpu', () => {
    expect(fit(n, [pod('a', { nodeName: 'n1', cpu: '1500m' })], pod('p', { cpu: '500m' }))).toBeUndefined();
    expect(fit(n, [pod('a', { nodeName: 'n1', cpu: '1500m' })], pod('p', { cpu: '501m' }))).toEqual(['Insufficient cpu']);
  });

  it('fits exactly and fails one byte over on memory, reporting every lack', () => {
    expect(fit(n, [], pod('p', { memory: '1Gi' }))).toBeUndefined();
    expect(fit(n, [], pod('p', { memory: String(2 ** 30 + 1), cpu: '2001m' }))).toEqual(['Insufficient cpu', 'Insufficient memory']);
  });

  it('counts pods against allocatable pods', () => {
    const two = [pod('a', { nodeName: 'n1' }), pod('b', { nodeName: 'n1' })];
    expect(fit(n, two, pod('p'))).toBeUndefined();
    expect(fit(n, [...two, pod('c', { nodeName: 'n1' })], pod('p'))).toEqual(['Too many pods']);
  });

  it('checks extended resources the node lacks, but not ephemeral storage a node does not report', () => {
    expect(fit(n, [], pod('p', { extraRequests: { 'example.com/gpu': '1' } }))).toEqual(['Insufficient example.com/gpu']);
    expect(fit(node('g', { extra: { 'example.com/gpu': '1' } }), [], pod('p', { extraRequests: { 'example.com/gpu': '1' } }))).toBeUndefined();
    expect(fit(n, [], pod('p', { extraRequests: { 'ephemeral-storage': '1Gi' } }))).toBeUndefined();
  });

  it('does not count finished pods, but counts terminating ones until they are gone', () => {
    const done = pod('a', { nodeName: 'n1', cpu: '2', phase: 'Succeeded' });
    const going = pod('b', { nodeName: 'n1', cpu: '2', terminating: true });
    expect(fit(n, [done], pod('p', { cpu: '2' }))).toBeUndefined();
    expect(fit(n, [going], pod('p', { cpu: '1m' }))).toEqual(['Insufficient cpu']);
  });
});

describe('node-level filters', () => {
  it('skip nodes that are not Ready, and cordoned nodes unless the pod tolerates the cordon', () => {
    const c = cacheOf([node('down', { ready: 'Unknown' }), node('cordoned', { unschedulable: true })]);
    const reasons: Reasons = new Map();
    expect(filterNode(ctxFor(c, pod('p')), nodeOf(c, 'down'), reasons)).toBe(UNRESOLVABLE);
    expect(filterNode(ctxFor(c, pod('p')), nodeOf(c, 'cordoned'), reasons)).toBe(UNRESOLVABLE);
    expect([...reasons]).toEqual([
      ['node(s) were not ready', 1],
      ['node(s) were unschedulable', 1],
    ]);
    const tolerant = pod('t', { tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] });
    expect(filterNode(ctxFor(c, tolerant), nodeOf(c, 'cordoned'), undefined)).toBe(PASS);
  });
});

describe('taints and tolerations', () => {
  const taint = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' };
  const c = cacheOf([node('gpu', { taints: [taint, { key: 'soft', effect: 'PreferNoSchedule' }] })]);
  const blocked = (tolerations: Record<string, unknown>[]): string | undefined => {
    const t = untoleratedTaint(nodeOf(c, 'gpu'), podInfoOf(pod('p', { tolerations })).tolerations);
    return t === undefined ? undefined : t.key;
  };

  it('are tolerated by Exists on the key, by Equal with the value, and by an empty key with Exists', () => {
    expect(blocked([{ key: 'dedicated', operator: 'Exists' }])).toBeUndefined();
    expect(blocked([{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }])).toBeUndefined();
    expect(blocked([{ key: 'dedicated', value: 'gpu' }])).toBeUndefined();
    expect(blocked([{ operator: 'Exists' }])).toBeUndefined();
  });

  it('are not tolerated by another value, another key, or another effect', () => {
    expect(blocked([])).toBe('dedicated');
    expect(blocked([{ key: 'dedicated', operator: 'Equal', value: 'cpu' }])).toBe('dedicated');
    expect(blocked([{ key: 'other', operator: 'Exists' }])).toBe('dedicated');
    expect(blocked([{ key: 'dedicated', operator: 'Exists', effect: 'NoExecute' }])).toBe('dedicated');
  });

  it('match effects exactly, an empty effect matching all', () => {
    const t = { key: 'k', value: 'v', effect: 'NoExecute' };
    expect(tolerates({ key: 'k', operator: 'Equal', value: 'v', effect: '' }, t)).toBe(true);
    expect(tolerates({ key: 'k', operator: 'Equal', value: 'v', effect: 'NoSchedule' }, t)).toBe(false);
  });

  it('of PreferNoSchedule never filter', () => {
    const soft = cacheOf([node('s', { taints: [{ key: 'soft', effect: 'PreferNoSchedule' }] })]);
    expect(filterNode(ctxFor(soft, pod('p')), nodeOf(soft, 's'), undefined)).toBe(PASS);
  });
});

describe('host ports', () => {
  const c = cacheOf([node('n1')], [pod('web', { nodeName: 'n1', ports: [{ hostPort: 8080 }, { hostPort: 53, protocol: 'UDP', hostIP: '10.0.0.1' }] })]);
  const clash = (ports: { hostPort: number; protocol?: string; hostIP?: string }[]): boolean => portsConflict(podInfoOf(pod('p', { ports })).hostPorts, nodeOf(c, 'n1'));

  it('collide on the same port and protocol', () => {
    expect(clash([{ hostPort: 8080 }])).toBe(true);
    expect(clash([{ hostPort: 8080, protocol: 'UDP' }])).toBe(false);
    expect(clash([{ hostPort: 8081 }])).toBe(false);
  });

  it('collide on the same host IP or on 0.0.0.0 only', () => {
    expect(clash([{ hostPort: 53, protocol: 'UDP', hostIP: '10.0.0.1' }])).toBe(true);
    expect(clash([{ hostPort: 53, protocol: 'UDP', hostIP: '10.0.0.2' }])).toBe(false);
    expect(clash([{ hostPort: 53, protocol: 'UDP' }])).toBe(true);
    expect(clash([{ hostPort: 8080, hostIP: '10.0.0.9' }])).toBe(true);
  });

  it('include a fixed containerPort (pods share the host network), but not a port left for the agent to allocate', () => {
    const portsOf = (ports: Record<string, unknown>[]) => {
      const p = pod('p', {});
      ((p.spec as { containers: Record<string, unknown>[] }).containers[0]!)['ports'] = ports;
      return podInfoOf(p).hostPorts;
    };
    expect(portsConflict(portsOf([{ name: 'http', containerPort: 8080 }]), nodeOf(c, 'n1'))).toBe(true);
    expect(portsConflict(portsOf([{ name: 'http', containerPort: 8081 }]), nodeOf(c, 'n1'))).toBe(false);
    expect(portsOf([{ name: 'http' }])).toEqual([]);
  });

  it('are freed when the pod leaves', () => {
    const d = cacheOf([node('n1')], [pod('web', { nodeName: 'n1', ports: [{ hostPort: 8080 }] })]);
    d.deletePod(pod('web', { nodeName: 'n1' }));
    expect(portsConflict(podInfoOf(pod('p', { ports: [{ hostPort: 8080 }] })).hostPorts, nodeOf(d, 'n1'))).toBe(false);
  });
});

describe('node selector and affinity', () => {
  const c = cacheOf([node('a', { labels: { zone: 'z1', cores: '8', disk: 'ssd' } }), node('b', { labels: { zone: 'z2', cores: '16' } })]);
  const req = (key: string, operator: string, values?: string[]): Record<string, unknown> => ({
    nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key, operator, ...(values === undefined ? {} : { values }) }] }] } },
  });
  const on = (affinity: Record<string, unknown>): string[] =>
    ['a', 'b'].filter((n) => nodeAffinityMatches(podInfoOf(pod('p', { affinity })), nodeOf(c, n)));

  it('supports every operator', () => {
    expect(on(req('zone', 'In', ['z1', 'z3']))).toEqual(['a']);
    expect(on(req('zone', 'NotIn', ['z1']))).toEqual(['b']);
    expect(on(req('disk', 'NotIn', ['hdd']))).toEqual(['a', 'b']);
    expect(on(req('disk', 'Exists'))).toEqual(['a']);
    expect(on(req('disk', 'DoesNotExist'))).toEqual(['b']);
  });

  it('compares Gt and Lt as integers, strictly', () => {
    expect(on(req('cores', 'Gt', ['8']))).toEqual(['b']);
    expect(on(req('cores', 'Gt', ['7']))).toEqual(['a', 'b']);
    expect(on(req('cores', 'Lt', ['16']))).toEqual(['a']);
    expect(on(req('cores', 'Lt', ['8']))).toEqual([]);
    expect(on(req('zone', 'Gt', ['1']))).toEqual([]);
  });

  it('ORs terms, ANDs requirements within a term, and matches fields by node name', () => {
    const terms = (nodeSelectorTerms: unknown[]): Record<string, unknown> => ({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms } } });
    expect(on(terms([{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['z1'] }] }, { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['b'] }] }]))).toEqual(['a', 'b']);
    expect(on(terms([{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['z1'] }, { key: 'disk', operator: 'DoesNotExist' }] }]))).toEqual([]);
    expect(on(terms([{ matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['b'] }] }]))).toEqual(['a']);
    expect(on(terms([{}]))).toEqual([]);
  });

  it('needs every nodeSelector label', () => {
    const sel = (nodeSelector: Record<string, string>): string[] => ['a', 'b'].filter((n) => nodeAffinityMatches(podInfoOf(pod('p', { nodeSelector })), nodeOf(c, n)));
    expect(sel({ zone: 'z1' })).toEqual(['a']);
    expect(sel({ zone: 'z1', disk: 'hdd' })).toEqual([]);
  });
});

describe('the FailedScheduling summary', () => {
  it('counts reasons over nodes, most first', () => {
    const nodes = [
      node('gpu-1', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] }),
      node('gpu-2', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] }),
      node('small-1', { cpu: '1' }),
      node('small-2', { cpu: '1' }),
      node('small-3', { cpu: '1' }),
    ];
    const d = decide(cacheOf(nodes), pod('big', { cpu: '2' }));
    expect(d.fits).toBe(false);
    if (d.fits) return;
    expect(fitErrorMessage(d.numNodes, d.reasons)).toBe('0/5 nodes are available: 3 Insufficient cpu, 2 node(s) had untolerated taint dedicated=gpu.');
    expect(d.candidates.map((n) => n.name).sort()).toEqual(['small-1', 'small-2', 'small-3']);
  });

  it('says there are no nodes', () => {
    expect(outcome(decide(cacheOf([]), pod('p')))).toBe('');
    expect(fitErrorMessage(0, new Map())).toBe('0/0 nodes are available: no nodes available to schedule pods.');
  });

  it('reports resource failures as resolvable and node-level ones as not', () => {
    const c = cacheOf([node('n1', { cpu: '1' })]);
    expect(filterNode(ctxFor(c, pod('p', { cpu: '2' })), nodeOf(c, 'n1'), undefined)).toBe(UNSCHEDULABLE);
    expect(filterNode(ctxFor(c, pod('p', { nodeSelector: { x: 'y' } })), nodeOf(c, 'n1'), undefined)).toBe(UNRESOLVABLE);
  });
});
