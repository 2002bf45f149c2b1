// Nodes, pods and caches for the scheduler's unit tests: objects shaped as the store holds them
// (defaults filled where the scheduler reads them), and a cache loaded as the informers would.
import type { KubeObject } from '../../client/index.js';
import type { Decision, PodContext } from '../../server/scheduler/index.js';
import { Decider, podContext, podInfoOf, SchedulerCache } from '../../server/scheduler/index.js';

export interface NodeOpts {
  cpu?: string;
  memory?: string;
  pods?: string;
  extra?: Record<string, string>;
  labels?: Record<string, string>;
  taints?: { key: string; value?: string; effect: string }[];
  unschedulable?: boolean;
  ready?: string;
}

export function node(name: string, o: NodeOpts = {}): KubeObject {
  const allocatable = { cpu: o.cpu ?? '4', memory: o.memory ?? '8Gi', pods: o.pods ?? '110', ...o.extra };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, uid: `uid-node-${name}`, resourceVersion: '1', labels: { 'kubernetes.io/hostname': name, ...o.labels } },
    spec: { ...(o.taints === undefined ? {} : { taints: o.taints }), ...(o.unschedulable === undefined ? {} : { unschedulable: o.unschedulable }) },
    status: { capacity: allocatable, allocatable, conditions: [{ type: 'Ready', status: o.ready ?? 'True' }] },
  };
}

export interface PodOpts {
  namespace?: string;
  cpu?: string;
  memory?: string;
  extraRequests?: Record<string, string>;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ports?: { hostPort: number; containerPort?: number; protocol?: string; hostIP?: string }[];
  tolerations?: Record<string, unknown>[];
  nodeSelector?: Record<string, string>;
  affinity?: Record<string, unknown>;
  spread?: Record<string, unknown>[];
  priority?: number;
  priorityClassName?: string;
  preemptionPolicy?: string;
  owner?: string;
  nodeName?: string;
  created?: string;
  initContainers?: Record<string, unknown>[];
  overhead?: Record<string, string>;
  terminating?: boolean;
  phase?: string;
  schedulerName?: string;
}

export function pod(name: string, o: PodOpts = {}): KubeObject {
  const requests: Record<string, string> = { ...o.extraRequests };
  if (o.cpu !== undefined) requests['cpu'] = o.cpu;
  if (o.memory !== undefined) requests['memory'] = o.memory;
  const container: Record<string, unknown> = { name: 'main', image: 'nginx:1.25' };
  if (Object.keys(requests).length > 0) container['resources'] = { requests };
  if (o.ports !== undefined) container['ports'] = o.ports.map((p) => ({ containerPort: p.containerPort ?? p.hostPort, protocol: 'TCP', ...p }));
  const spec: Record<string, unknown> = { containers: [container], schedulerName: o.schedulerName ?? 'default-scheduler' };
  const optional: [string, unknown][] = [
    ['tolerations', o.tolerations],
    ['nodeSelector', o.nodeSelector],
    ['affinity', o.affinity],
    ['topologySpreadConstraints', o.spread],
    ['priority', o.priority],
    ['priorityClassName', o.priorityClassName],
    ['preemptionPolicy', o.preemptionPolicy],
    ['nodeName', o.nodeName],
    ['initContainers', o.initContainers],
    ['overhead', o.overhead],
  ];
  for (const [k, v] of optional) if (v !== undefined) spec[k] = v;
  const namespace = o.namespace ?? 'default';
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace,
      uid: `uid-${namespace}-${name}`,
      resourceVersion: '1',
      generation: 1,
      creationTimestamp: o.created ?? '2024-05-01T12:00:00Z',
      labels: o.labels ?? {},
      ...(o.annotations === undefined ? {} : { annotations: o.annotations }),
      ...(o.owner === undefined ? {} : { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: o.owner, uid: `uid-rs-${o.owner}`, controller: true }] }),
      ...(o.terminating === true ? { deletionTimestamp: '2024-05-01T12:00:00Z' } : {}),
    },
    spec,
    status: { phase: o.phase ?? (o.nodeName === undefined ? 'Pending' : 'Running') },
  };
}

/** A cache holding `nodes` and the bound pods among `pods`, as the informers would fill it. */
export function cacheOf(nodes: readonly KubeObject[], pods: readonly KubeObject[] = []): SchedulerCache {
  const c = new SchedulerCache();
  for (const n of nodes) c.setNode(n);
  for (const p of pods) c.observePod(p);
  return c;
}

export function ctxFor(cache: SchedulerCache, p: KubeObject, priority = 0): PodContext {
  return podContext(podInfoOf(p), priority, cache.nodeList());
}

export function nodeOf(cache: SchedulerCache, name: string): NonNullable<ReturnType<SchedulerCache['getNode']>> {
  const n = cache.getNode(name);
  if (n === undefined) throw new Error(`no node ${name}`);
  return n;
}

export function decide(cache: SchedulerCache, p: KubeObject, placement: 'spread' | 'binpack' = 'spread', priority = 0): Decision {
  return new Decider(cache, { placement, percentageOfNodesToScore: 0 }).decide(podInfoOf(p), priority);
}

/** The node a decision chose, or the reasons it gave. */
export function outcome(d: Decision): string {
  return d.fits ? d.node.name : [...d.reasons].map(([r, n]) => `${n} ${r}`).join(', ');
}
