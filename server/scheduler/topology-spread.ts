// Topology spread constraints, as Kubernetes' PodTopologySpread plugin: per constraint, the pods
// matching its selector (in the pod's namespace, not being deleted) counted by domain over the
// nodes that qualify (they carry every constraint's topology key, and pass the pod's node
// affinity unless nodeAffinityPolicy is Ignore, and its tolerations if nodeTaintsPolicy is
// Honor). A DoNotSchedule constraint filters: the skew, matching pods in the node's domain plus
// the pod itself minus the fewest in any domain (0 when there are fewer than minDomains domains),
// must stay within maxSkew. ScheduleAnyway constraints score: fewer matching pods is better.
import { labelOf } from './node-affinity.js';
import type { NodeInfo } from './node-info.js';
import type { PodInfo, SpreadConstraint } from './pod-info.js';
import { firstUntolerated } from '../api/objects/index.js';

export const REASON_SPREAD = "node(s) didn't match pod topology spread constraints";
export const REASON_SPREAD_LABEL = "node(s) didn't match pod topology spread constraints (missing required label)";

/** Whether `node` counts for `p`'s constraints (for the filter or the score). */
export function spreadEligible(p: PodInfo, constraints: readonly SpreadConstraint[], node: NodeInfo): boolean {
  let affinity = false;
  let taints = false;
  for (const c of constraints) {
    if (labelOf(node.labels, c.topologyKey) === undefined) return false;
    affinity ||= c.honorNodeAffinity;
    taints ||= c.honorTaints;
  }
  if (affinity && p.nodeSelector !== undefined && !p.nodeSelector(node)) return false;
  if (affinity && p.requiredNodeAffinity !== undefined && !p.requiredNodeAffinity(node)) return false;
  return !(taints && firstUntolerated(p.tolerations, node.hardTaints) !== undefined);
}

function countsOn(p: PodInfo, c: SpreadConstraint, node: NodeInfo): number {
  return node.countMatching(c.selectorKey, p.namespace, (q) => c.selector.matches(q.labels));
}

export class SpreadState {
  /** Per constraint: matching pods by domain (every qualifying domain present, maybe with 0). */
  readonly counts: Map<string, number>[];

  constructor(
    readonly pod: PodInfo,
    readonly constraints: readonly SpreadConstraint[],
    counts?: Map<string, number>[],
  ) {
    this.counts = counts ?? constraints.map(() => new Map());
  }

  /** The fewest matching pods in any domain of constraint `i` (0 below minDomains domains). */
  minMatch(i: number): number {
    const counts = this.counts[i];
    const c = this.constraints[i];
    if (counts === undefined || c === undefined || counts.size < c.minDomains) return 0;
    let min = Infinity;
    for (const v of counts.values()) if (v < min) min = v;
    return min === Infinity ? 0 : min;
  }

  /** Counts (1) or uncounts (-1) pod `q` on `node`. */
  update(q: PodInfo, node: NodeInfo, delta: number): void {
    if (q.terminating || q.namespace !== this.pod.namespace || !spreadEligible(this.pod, this.constraints, node)) return;
    this.constraints.forEach((c, i) => {
      const v = labelOf(node.labels, c.topologyKey);
      const m = this.counts[i];
      if (v === undefined || m === undefined || !c.selector.matches(q.labels)) return;
      m.set(v, (m.get(v) ?? 0) + delta);
    });
  }

  clone(): SpreadState {
    return new SpreadState(
      this.pod,
      this.constraints,
      this.counts.map((m) => new Map(m)),
    );
  }
}

/** The counts of `constraints` (of pod `p`) over `nodes`. */
export function spreadState(p: PodInfo, constraints: readonly SpreadConstraint[], nodes: readonly NodeInfo[]): SpreadState {
  const s = new SpreadState(p, constraints);
  for (const n of nodes) {
    if (!spreadEligible(p, constraints, n)) continue;
    constraints.forEach((c, i) => {
      const v = labelOf(n.labels, c.topologyKey) ?? '';
      const m = s.counts[i];
      if (m !== undefined) m.set(v, (m.get(v) ?? 0) + countsOn(p, c, n));
    });
  }
  return s;
}

/** The reason `node` breaks a DoNotSchedule constraint, or undefined. */
export function spreadFilter(s: SpreadState, node: NodeInfo): string | undefined {
  const p = s.pod;
  for (let i = 0; i < s.constraints.length; i++) {
    const c = s.constraints[i];
    if (c === undefined) continue;
    const v = labelOf(node.labels, c.topologyKey);
    if (v === undefined) return REASON_SPREAD_LABEL;
    const self = c.selector.matches(p.labels) ? 1 : 0;
    const skew = (s.counts[i]?.get(v) ?? 0) + self - s.minMatch(i);
    if (skew > c.maxSkew) return REASON_SPREAD;
  }
  return undefined;
}

/**
 * A node's raw ScheduleAnyway score (lower is better), Kubernetes' way: per constraint, the
 * matching pods in its domain weighted by log(domains + 2), plus maxSkew - 1. Undefined for a
 * node missing a topology key (it scores 0).
 */
export function spreadRawScore(s: SpreadState, node: NodeInfo): number | undefined {
  let sum = 0;
  for (let i = 0; i < s.constraints.length; i++) {
    const c = s.constraints[i];
    const counts = s.counts[i];
    if (c === undefined || counts === undefined) continue;
    const v = labelOf(node.labels, c.topologyKey);
    if (v === undefined) return undefined;
    sum += (counts.get(v) ?? 0) * Math.log(counts.size + 2) + (c.maxSkew - 1);
  }
  return sum;
}
