// What the scheduler needs of a pod, worked out once per pod version: its requests, host ports,
// tolerations, node selector and affinity (compiled), inter-pod affinity terms and topology spread
// constraints with their selectors parsed, its owner, and its priority fields. Filtering a
// thousand nodes then touches numbers and precompiled matchers only.
import type { KubeObject } from '../../client/index.js';
import type { LabelMatcher } from '../api/objects/index.js';
import { labelSelectorFromObject } from '../api/objects/index.js';
import type { NodeMatcher, NodeSelectorTermLike, PreferredNodeTerm } from './node-affinity.js';
import { compileNodeSelector, compileNodeSelectorMap, compilePreferredNodeTerms } from './node-affinity.js';
import type { PodRequests, PodSpecLike } from './resources.js';
import { podRequests } from './resources.js';
import type { Toleration } from '../api/objects/index.js';
import { parseTolerations } from '../api/objects/index.js';

/** The annotation by which a pod picks its placement strategy over the cluster's. */
export const PLACEMENT_ANNOTATION = 'berth.io/placement';

export type Placement = 'spread' | 'binpack';

export interface HostPort {
  readonly hostIP: string;
  readonly protocol: string;
  readonly port: number;
}

/** A required or preferred inter-pod (anti-)affinity term. */
export interface AffinityTerm {
  readonly selector: LabelMatcher;
  /** The namespaces whose pods count; undefined: every namespace. */
  readonly namespaces: ReadonlySet<string> | undefined;
  readonly topologyKey: string;
  readonly weight: number;
}

export interface SpreadConstraint {
  readonly maxSkew: number;
  readonly topologyKey: string;
  /** whenUnsatisfiable: DoNotSchedule (a filter) or ScheduleAnyway (a score). */
  readonly hard: boolean;
  readonly selector: LabelMatcher;
  /** Identifies the selector (with the namespace) for per-node memoized counts. */
  readonly selectorKey: string;
  readonly minDomains: number;
  /** nodeAffinityPolicy Honor (the default): only nodes the pod's node affinity allows count. */
  readonly honorNodeAffinity: boolean;
  /** nodeTaintsPolicy Honor: only nodes whose taints the pod tolerates count. @default Ignore */
  readonly honorTaints: boolean;
}

export interface PodInfo {
  readonly uid: string;
  readonly namespace: string;
  readonly name: string;
  /** "ns/name" */
  readonly key: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly generation: number;
  readonly creationMs: number;
  readonly terminating: boolean;
  readonly requests: PodRequests;
  readonly hostPorts: readonly HostPort[];
  readonly tolerations: readonly Toleration[];
  readonly nodeSelector: NodeMatcher | undefined;
  readonly requiredNodeAffinity: NodeMatcher | undefined;
  readonly preferredNodeAffinity: readonly PreferredNodeTerm[];
  readonly requiredAffinity: readonly AffinityTerm[];
  readonly requiredAntiAffinity: readonly AffinityTerm[];
  readonly preferredAffinity: readonly AffinityTerm[];
  readonly preferredAntiAffinity: readonly AffinityTerm[];
  readonly spread: readonly SpreadConstraint[];
  /** The uid of the controlling owner (a ReplicaSet...), for spreading its pods. */
  readonly ownerUid: string | undefined;
  readonly specPriority: number | undefined;
  readonly priorityClassName: string;
  readonly preemptionPolicy: string | undefined;
  readonly placement: Placement | undefined;
}

type Rec = Record<string, unknown>;

function rec(v: unknown): Rec | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Rec) : undefined;
}

function recs(v: unknown): Rec[] {
  return Array.isArray(v) ? v.map(rec).filter((x): x is Rec => x !== undefined) : [];
}

function strs(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

export function podSpecOf(pod: KubeObject): Rec {
  return rec(pod.spec) ?? {};
}

export function podPhase(pod: KubeObject): string {
  const phase = rec(pod.status)?.['phase'];
  return typeof phase === 'string' ? phase : '';
}

export function isTerminal(pod: KubeObject): boolean {
  const phase = podPhase(pod);
  return phase === 'Succeeded' || phase === 'Failed';
}

export function nodeNameOf(pod: KubeObject): string {
  const n = podSpecOf(pod)['nodeName'];
  return typeof n === 'string' ? n : '';
}

const OUR_NAMES = new Set(['', 'default-scheduler', 'berth']);

/** Whether this scheduler should place the pod: unbound, not being deleted, ours, not finished. */
export function needsScheduling(pod: KubeObject): boolean {
  if (nodeNameOf(pod) !== '' || pod.metadata.deletionTimestamp !== undefined || isTerminal(pod)) return false;
  const name = podSpecOf(pod)['schedulerName'];
  return name === undefined || (typeof name === 'string' && OUR_NAMES.has(name));
}

/**
 * The host ports a pod takes. berth's process runtime runs every pod in the host's network (as
 * hostNetwork does in Kubernetes), so a fixed containerPort is a host port too: two pods that fix
 * the same one cannot share a node. A named port without one gets a free port from its agent and
 * takes nothing here. (A runtime with a network per pod would make this rule per node.)
 */
function hostPortsOf(spec: Rec): HostPort[] {
  const out: HostPort[] = [];
  for (const list of ['initContainers', 'containers']) {
    for (const c of recs(spec[list])) {
      for (const p of recs(c['ports'])) {
        let port = typeof p['hostPort'] === 'number' ? p['hostPort'] : 0;
        if (port <= 0 && typeof p['containerPort'] === 'number') port = p['containerPort'];
        if (port <= 0) continue;
        const hostIP = typeof p['hostIP'] === 'string' && p['hostIP'] !== '' ? p['hostIP'] : '0.0.0.0';
        const protocol = typeof p['protocol'] === 'string' && p['protocol'] !== '' ? p['protocol'] : 'TCP';
        out.push({ hostIP, protocol, port });
      }
    }
  }
  return out;
}

/** A selector narrowed by matchLabelKeys (same value as the pod) and mismatchLabelKeys (another value). */
function withLabelKeys(base: LabelMatcher, labels: Readonly<Record<string, string>>, match: string[], mismatch: string[]): LabelMatcher {
  const same = match.filter((k) => Object.hasOwn(labels, k)).map((k) => [k, labels[k]] as const);
  const other = mismatch.filter((k) => Object.hasOwn(labels, k)).map((k) => [k, labels[k]] as const);
  if (same.length === 0 && other.length === 0) return base;
  const extra = [...same.map(([k, v]) => `${k}=${String(v)}`), ...other.map(([k, v]) => `${k}!=${String(v)}`)].join(',');
  return {
    empty: false,
    matches: (l) => {
      if (!base.matches(l)) return false;
      for (const [k, v] of same) if (l?.[k] !== v) return false;
      for (const [k, v] of other) if (l === undefined || l[k] === undefined || l[k] === v) return false;
      return true;
    },
    toString: () => `${base.toString()},${extra}`,
  };
}

function affinityTerm(t: Rec, namespace: string, labels: Readonly<Record<string, string>>, weight: number): AffinityTerm {
  const selector = withLabelKeys(labelSelectorFromObject(t['labelSelector'], 'labelSelector').matcher, labels, strs(t['matchLabelKeys']), strs(t['mismatchLabelKeys']));
  const listed = strs(t['namespaces']);
  const nsSelector = rec(t['namespaceSelector']);
  // An empty namespaceSelector selects every namespace. One with requirements would need the
  // namespaces' labels, which the scheduler does not follow: it counts the listed namespaces only.
  const everywhere = nsSelector !== undefined && labelSelectorFromObject(nsSelector, 'namespaceSelector').matcher.empty;
  const namespaces = everywhere ? undefined : new Set(listed.length > 0 || nsSelector !== undefined ? listed : [namespace]);
  return { selector, namespaces, topologyKey: typeof t['topologyKey'] === 'string' ? t['topologyKey'] : '', weight };
}

function affinityTerms(group: Rec | undefined, namespace: string, labels: Readonly<Record<string, string>>): [AffinityTerm[], AffinityTerm[]] {
  const required = recs(group?.['requiredDuringSchedulingIgnoredDuringExecution']).map((t) => affinityTerm(t, namespace, labels, 1));
  const preferred = recs(group?.['preferredDuringSchedulingIgnoredDuringExecution']).flatMap((w) => {
    const term = rec(w['podAffinityTerm']);
    const weight = typeof w['weight'] === 'number' ? w['weight'] : 0;
    return term === undefined || weight === 0 ? [] : [affinityTerm(term, namespace, labels, weight)];
  });
  return [required, preferred];
}

function spreadConstraints(spec: Rec, namespace: string, labels: Readonly<Record<string, string>>): SpreadConstraint[] {
  return recs(spec['topologySpreadConstraints']).map((c) => {
    const selector = withLabelKeys(labelSelectorFromObject(c['labelSelector'], 'labelSelector').matcher, labels, strs(c['matchLabelKeys']), []);
    return {
      maxSkew: typeof c['maxSkew'] === 'number' && c['maxSkew'] > 0 ? c['maxSkew'] : 1,
      topologyKey: typeof c['topologyKey'] === 'string' ? c['topologyKey'] : '',
      hard: c['whenUnsatisfiable'] !== 'ScheduleAnyway',
      selector,
      selectorKey: `${namespace}\u0000${selector.toString()}`,
      minDomains: typeof c['minDomains'] === 'number' && c['minDomains'] > 0 ? c['minDomains'] : 1,
      honorNodeAffinity: c['nodeAffinityPolicy'] !== 'Ignore',
      honorTaints: c['nodeTaintsPolicy'] === 'Honor',
    };
  });
}

function placementOf(pod: KubeObject): Placement | undefined {
  const v = pod.metadata.annotations?.[PLACEMENT_ANNOTATION];
  return v === 'spread' || v === 'binpack' ? v : undefined;
}

/** The scheduler's view of a pod. Pure: the same pod gives the same info. */
export function podInfoOf(pod: KubeObject): PodInfo {
  const spec = podSpecOf(pod);
  const namespace = pod.metadata.namespace ?? 'default';
  const name = pod.metadata.name ?? '';
  const labels = pod.metadata.labels ?? {};
  const affinity = rec(spec['affinity']);
  const nodeAffinity = rec(affinity?.['nodeAffinity']);
  const required = rec(nodeAffinity?.['requiredDuringSchedulingIgnoredDuringExecution']);
  const [requiredAffinity, preferredAffinity] = affinityTerms(rec(affinity?.['podAffinity']), namespace, labels);
  const [requiredAntiAffinity, preferredAntiAffinity] = affinityTerms(rec(affinity?.['podAntiAffinity']), namespace, labels);
  const created = Date.parse(pod.metadata.creationTimestamp ?? '');
  return {
    uid: pod.metadata.uid ?? '',
    namespace,
    name,
    key: `${namespace}/${name}`,
    labels,
    generation: pod.metadata.generation ?? 0,
    creationMs: Number.isFinite(created) ? created : 0,
    terminating: pod.metadata.deletionTimestamp !== undefined,
    requests: podRequests(spec as PodSpecLike),
    hostPorts: hostPortsOf(spec),
    tolerations: parseTolerations(spec['tolerations']),
    nodeSelector: compileNodeSelectorMap(rec(spec['nodeSelector'])),
    requiredNodeAffinity: required === undefined ? undefined : compileNodeSelector(recs(required['nodeSelectorTerms']) as NodeSelectorTermLike[]),
    preferredNodeAffinity: compilePreferredNodeTerms(recs(nodeAffinity?.['preferredDuringSchedulingIgnoredDuringExecution'])),
    requiredAffinity,
    requiredAntiAffinity,
    preferredAffinity,
    preferredAntiAffinity,
    spread: spreadConstraints(spec, namespace, labels),
    ownerUid: pod.metadata.ownerReferences?.find((r) => r.controller === true)?.uid,
    specPriority: typeof spec['priority'] === 'number' ? spec['priority'] : undefined,
    priorityClassName: typeof spec['priorityClassName'] === 'string' ? spec['priorityClassName'] : '',
    preemptionPolicy: typeof spec['preemptionPolicy'] === 'string' ? spec['preemptionPolicy'] : undefined,
    placement: placementOf(pod),
  };
}

function sameLabels(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  if (a === b) return true;
  let n = 0;
  for (const k in a) {
    if (!Object.hasOwn(a, k)) continue;
    if (a[k] !== b[k]) return false;
    n++;
  }
  return n === Object.keys(b).length;
}

/**
 * The info of a pod's new version, reusing `prev` when nothing the scheduler reads can have
 * changed: same uid, generation (the spec), labels, annotations' placement and deletion state.
 * Binding bumps the generation, so a bound pod's info is rebuilt once, when it is confirmed.
 */
export function podInfoUpdated(pod: KubeObject, prev: PodInfo | undefined): PodInfo {
  if (
    prev !== undefined &&
    prev.uid === pod.metadata.uid &&
    prev.generation === (pod.metadata.generation ?? 0) &&
    prev.terminating === (pod.metadata.deletionTimestamp !== undefined) &&
    prev.placement === placementOf(pod) &&
    sameLabels(prev.labels, pod.metadata.labels ?? {})
  ) {
    return prev;
  }
  return podInfoOf(pod);
}

/** Whether the term counts pod `q`: its namespace is one of the term's and its labels match. */
export function termMatches(term: AffinityTerm, q: PodInfo): boolean {
  return (term.namespaces === undefined || term.namespaces.has(q.namespace)) && term.selector.matches(q.labels);
}

/** Whether the pod has any inter-pod (anti-)affinity at all. */
export function hasPodAffinity(p: PodInfo): boolean {
  return p.requiredAffinity.length + p.requiredAntiAffinity.length + p.preferredAffinity.length + p.preferredAntiAffinity.length > 0;
}
