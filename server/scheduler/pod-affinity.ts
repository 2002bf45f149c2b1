// Inter-pod affinity and anti-affinity, as Kubernetes' InterPodAffinity plugin does it: once per
// pod, count by topology domain (topologyKey=value) the existing pods that its required terms
// match, and the existing pods whose required anti-affinity matches it; then each node is a few
// map lookups. Counts can be moved by one pod (preemption's what-ifs remove and re-add victims).
import { labelOf } from './node-affinity.js';
import type { NodeInfo } from './node-info.js';
import type { AffinityTerm, PodInfo } from './pod-info.js';
import { hasPodAffinity, termMatches } from './pod-info.js';

export const REASON_EXISTING_ANTI_AFFINITY = "node(s) didn't satisfy existing pods anti-affinity rules";
export const REASON_ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules";
export const REASON_AFFINITY = "node(s) didn't match pod affinity rules";

/** Kubernetes' hardPodAffinityWeight: what an existing pod's required affinity adds to a node's score. */
export const HARD_POD_AFFINITY_WEIGHT = 1;

interface Labeled {
  readonly labels: Readonly<Record<string, string>>;
}

function pair(key: string, value: string): string {
  return `${key}\u0000${value}`;
}

function bump(m: Map<string, number>, k: string, delta: number): void {
  const n = (m.get(k) ?? 0) + delta;
  if (n === 0) m.delete(k);
  else m.set(k, n);
}

function matchesAll(terms: readonly AffinityTerm[], q: PodInfo): boolean {
  for (const t of terms) if (!termMatches(t, q)) return false;
  return true;
}

export class AffinityState {
  /** Existing pods matching every required affinity term, by the terms' domains. */
  readonly affinity = new Map<string, number>();
  /** Existing pods matching a required anti-affinity term, by that term's domain. */
  readonly antiAffinity = new Map<string, number>();
  /** Domains of existing pods whose required anti-affinity matches the incoming pod. */
  readonly existingAnti = new Map<string, number>();

  constructor(readonly pod: PodInfo) {}

  /** Counts (delta 1) or uncounts (-1) the existing pod `q` on `node`. */
  update(q: PodInfo, node: Labeled, delta: number): void {
    const p = this.pod;
    for (const t of q.requiredAntiAffinity) {
      const v = labelOf(node.labels, t.topologyKey);
      if (v !== undefined && termMatches(t, p)) bump(this.existingAnti, pair(t.topologyKey, v), delta);
    }
    if (p.requiredAffinity.length > 0 && matchesAll(p.requiredAffinity, q)) {
      for (const t of p.requiredAffinity) {
        const v = labelOf(node.labels, t.topologyKey);
        if (v !== undefined) bump(this.affinity, pair(t.topologyKey, v), delta);
      }
    }
    for (const t of p.requiredAntiAffinity) {
      const v = labelOf(node.labels, t.topologyKey);
      if (v !== undefined && termMatches(t, q)) bump(this.antiAffinity, pair(t.topologyKey, v), delta);
    }
  }

  clone(): AffinityState {
    const c = new AffinityState(this.pod);
    for (const [k, v] of this.affinity) c.affinity.set(k, v);
    for (const [k, v] of this.antiAffinity) c.antiAffinity.set(k, v);
    for (const [k, v] of this.existingAnti) c.existingAnti.set(k, v);
    return c;
  }
}

/** The counts for `p` over every node's pods; undefined when no affinity rule can apply. */
export function affinityState(p: PodInfo, nodes: readonly NodeInfo[]): AffinityState | undefined {
  const own = p.requiredAffinity.length + p.requiredAntiAffinity.length > 0;
  const table = nodes[0]?.table;
  if (!own && (table === undefined || table.totalAnti === 0)) return undefined;
  const s = new AffinityState(p);
  for (const n of nodes) {
    if (!own && n.withRequiredAntiAffinity === 0) continue;
    for (const q of n.pods.values()) {
      if (own || q.requiredAntiAffinity.length > 0) s.update(q, n, 1);
    }
  }
  return s;
}

/** The reason `node` fails `p`'s inter-pod affinity rules, or undefined when it passes. */
export function podAffinityFilter(s: AffinityState, node: Labeled): string | undefined {
  const p = s.pod;
  if (s.existingAnti.size > 0) {
    for (const k in node.labels) {
      if (Object.hasOwn(node.labels, k) && (s.existingAnti.get(pair(k, node.labels[k] ?? '')) ?? 0) > 0) return REASON_EXISTING_ANTI_AFFINITY;
    }
  }
  for (const t of p.requiredAntiAffinity) {
    const v = labelOf(node.labels, t.topologyKey);
    if (v !== undefined && (s.antiAffinity.get(pair(t.topologyKey, v)) ?? 0) > 0) return REASON_ANTI_AFFINITY;
  }
  if (p.requiredAffinity.length === 0) return undefined;
  let podsExist = true;
  for (const t of p.requiredAffinity) {
    const v = labelOf(node.labels, t.topologyKey);
    if (v === undefined) return REASON_AFFINITY;
    if ((s.affinity.get(pair(t.topologyKey, v)) ?? 0) <= 0) podsExist = false;
  }
  // The first pod of a group with affinity to itself: no pod anywhere matches, but it does.
  if (!podsExist && !(s.affinity.size === 0 && matchesAll(p.requiredAffinity, p))) return REASON_AFFINITY;
  return undefined;
}

/** Preferred (anti-)affinity weights by topology key and value; undefined when nothing applies. */
export type AffinityScores = Map<string, Map<string, number>>;

function addScore(m: AffinityScores, key: string, value: string, w: number): void {
  let byValue = m.get(key);
  if (byValue === undefined) {
    byValue = new Map();
    m.set(key, byValue);
  }
  byValue.set(value, (byValue.get(value) ?? 0) + w);
}

function scoreTerms(m: AffinityScores, terms: readonly AffinityTerm[], target: PodInfo, node: Labeled, sign: number, weight?: number): void {
  for (const t of terms) {
    const v = labelOf(node.labels, t.topologyKey);
    if (v !== undefined && termMatches(t, target)) addScore(m, t.topologyKey, v, sign * (weight ?? t.weight));
  }
}

/**
 * Kubernetes' InterPodAffinity score inputs: `p`'s preferred terms over the existing pods, and the
 * existing pods' terms over `p` (their required affinity with weight 1).
 */
export function affinityScores(p: PodInfo, nodes: readonly NodeInfo[]): AffinityScores | undefined {
  const own = p.preferredAffinity.length + p.preferredAntiAffinity.length > 0;
  if (!own && (nodes[0]?.table.totalAffinity ?? 0) === 0) return undefined;
  const m: AffinityScores = new Map();
  for (const n of nodes) {
    if (!own && n.withAffinity === 0) continue;
    for (const q of n.pods.values()) {
      if (own) {
        scoreTerms(m, p.preferredAffinity, q, n, 1);
        scoreTerms(m, p.preferredAntiAffinity, q, n, -1);
      }
      if (!hasPodAffinity(q)) continue;
      scoreTerms(m, q.requiredAffinity, p, n, 1, HARD_POD_AFFINITY_WEIGHT);
      scoreTerms(m, q.preferredAffinity, p, n, 1);
      scoreTerms(m, q.preferredAntiAffinity, p, n, -1);
    }
  }
  return m.size === 0 ? undefined : m;
}

/** A node's raw inter-pod affinity score: the weights of the domains it is in. */
export function affinityRawScore(m: AffinityScores, node: Labeled): number {
  let sum = 0;
  for (const [key, byValue] of m) {
    const v = labelOf(node.labels, key);
    if (v !== undefined) sum += byValue.get(v) ?? 0;
  }
  return sum;
}
