// One scheduling decision, synchronous: work out the pod's context once, filter nodes starting
// where the previous decision stopped until enough feasible ones are found (Kubernetes' adaptive
// percentageOfNodesToScore, so that a large cluster is not scanned whole for every pod), score the
// feasible ones and take the best, rotating among equal scores. A pod nominated to a node (it
// preempted pods there) takes that node first if it fits.
import type { SchedulerCache } from './cache.js';
import type { FitStatus, PodContext, Reasons } from './filters.js';
import { filterNode, fitsAt, PASS, UNSCHEDULABLE } from './filters.js';
import { preferredNodeAffinityScore } from './node-affinity.js';
import type { NodeInfo } from './node-info.js';
import { affinityRawScore, affinityScores, affinityState } from './pod-affinity.js';
import type { PodInfo } from './pod-info.js';
import type { PlacementStrategy } from './scores.js';
import { normalizeByMax, normalizeMinMax, normalizeReverse, normalizeSpread, placementAt, SCORE_WEIGHTS } from './scores.js';
import { countUntolerated } from '../api/objects/index.js';
import { spreadRawScore, spreadState } from './topology-spread.js';

/** Kubernetes' floor on the nodes a decision looks for before it stops filtering. */
export const MIN_FEASIBLE_NODES_TO_FIND = 100;
/** Kubernetes' floor on the adaptive percentage of nodes to score. */
export const MIN_FEASIBLE_NODES_PERCENTAGE = 5;
/** Kubernetes' adaptive percentage at zero nodes; it falls by one per 125 nodes. */
export const BASE_PERCENTAGE_OF_NODES_TO_SCORE = 50;

/**
 * How many feasible nodes a decision looks for before scoring: every node in small clusters,
 * else `percentage` of them (adaptive when 0: 50% less 1% per 125 nodes, at least 5%), and never
 * fewer than 100.
 */
export function numFeasibleNodesToFind(numAllNodes: number, percentage = 0): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND || percentage >= 100) return numAllNodes;
  let pct = percentage;
  if (pct <= 0) pct = Math.max(MIN_FEASIBLE_NODES_PERCENTAGE, BASE_PERCENTAGE_OF_NODES_TO_SCORE - Math.floor(numAllNodes / 125));
  return Math.max(MIN_FEASIBLE_NODES_TO_FIND, Math.floor((numAllNodes * pct) / 100));
}

/** The pod's context for one attempt: inter-pod affinity and DoNotSchedule spread counts. */
export function podContext(info: PodInfo, priority: number, nodes: readonly NodeInfo[]): PodContext {
  const hard = info.spread.filter((c) => c.hard);
  return { info, priority, affinity: affinityState(info, nodes), spread: hard.length > 0 ? spreadState(info, hard, nodes) : undefined };
}

/** A pod the node table alone can place: nothing but cpu, memory and a pod slot to check. */
function isPlainPod(ctx: PodContext): boolean {
  const p = ctx.info;
  return (
    ctx.affinity === undefined &&
    ctx.spread === undefined &&
    p.hostPorts.length === 0 &&
    p.nodeSelector === undefined &&
    p.requiredNodeAffinity === undefined &&
    p.requests.scalar === undefined &&
    p.requests.ephemeralStorage === 0
  );
}

export interface Fit {
  readonly fits: true;
  readonly node: NodeInfo;
  readonly ctx: PodContext;
}

export interface NoFit {
  readonly fits: false;
  readonly ctx: PodContext;
  readonly numNodes: number;
  /** Why nodes failed, counted. */
  readonly reasons: Reasons;
  /** Nodes that failed only on what removing pods could fix: where preemption may look. */
  readonly candidates: readonly NodeInfo[];
}

export type Decision = Fit | NoFit;

export interface DeciderOptions {
  /** The cluster's placement strategy (a pod's annotation overrides it). */
  readonly placement: PlacementStrategy;
  /** Percentage of nodes to find feasible before scoring; 0 for Kubernetes' adaptive value. */
  readonly percentageOfNodesToScore: number;
}

export class Decider {
  private nextStart = 0;
  private tieBreak = 0;
  private readonly feasible: NodeInfo[] = [];
  private totals = new Float64Array(64);
  private raw = new Float64Array(64);

  constructor(
    private readonly cache: SchedulerCache,
    private readonly opts: DeciderOptions,
  ) {}

  decide(info: PodInfo, priority: number): Decision {
    const nodes = this.cache.nodeList();
    const ctx = podContext(info, priority, nodes);
    const nominated = this.cache.nominatedNodeOf(info.uid);
    const target = nominated === undefined ? undefined : this.cache.getNode(nominated);
    if (target !== undefined && filterNode(ctx, target, undefined, this.cache.nominatedOn(target.name)) === PASS) return { fits: true, node: target, ctx };
    const reasons: Reasons = new Map();
    const candidates: NodeInfo[] = [];
    this.findFeasible(ctx, nodes, reasons, candidates);
    const feasible = this.feasible;
    if (feasible.length === 0) return { fits: false, ctx, numNodes: nodes.length, reasons, candidates };
    const best = feasible.length === 1 ? feasible[0] : feasible[this.best(ctx, nodes)];
    feasible.length = 0;
    if (best === undefined) throw new Error('scheduler: no best node among feasible ones');
    return { fits: true, node: best, ctx };
  }

  /**
   * Filters from where the last decision stopped until `want` nodes fit. A plain pod (no ports,
   * selectors, affinity, spread or unusual resources) on a plain node (ready, uncordoned,
   * untainted, nothing nominated) is checked on the node table alone; everything else, and every
   * failure (for its reasons), goes through all the filters.
   */
  private findFeasible(ctx: PodContext, nodes: readonly NodeInfo[], reasons: Reasons, candidates: NodeInfo[]): void {
    const n = nodes.length;
    const want = numFeasibleNodesToFind(n, this.opts.percentageOfNodesToScore);
    const start = n === 0 ? 0 : this.nextStart % n;
    const feasible = this.feasible;
    feasible.length = 0;
    const slots = this.cache.slots();
    const t = this.cache.table;
    const r = ctx.info.requests;
    const plainPod = isPlainPod(ctx);
    let processed = 0;
    for (let i = 0; i < n && feasible.length < want; i++) {
      let k = start + i;
      if (k >= n) k -= n;
      processed++;
      const s = slots[k] ?? 0;
      if (plainPod && t.plain[s] === 1 && t.nominated[s] === 0 && fitsAt(t, s, r)) {
        feasible.push(nodes[k] as NodeInfo);
        continue;
      }
      const node = nodes[k] as NodeInfo;
      const status: FitStatus = filterNode(ctx, node, reasons, t.nominated[s] === 0 ? undefined : this.cache.nominatedOn(node.name));
      if (status === PASS) feasible.push(node);
      else if (status === UNSCHEDULABLE) candidates.push(node);
    }
    this.nextStart = n === 0 ? 0 : (start + processed) % n;
  }

  private ensureScratch(n: number): void {
    if (this.totals.length >= n) return;
    const size = Math.max(n, this.totals.length * 2);
    this.totals = new Float64Array(size);
    this.raw = new Float64Array(size);
  }

  /** The index in `feasible` of the best node, rotating among equal totals. */
  private best(ctx: PodContext, all: readonly NodeInfo[]): number {
    const feasible = this.feasible;
    const n = feasible.length;
    this.ensureScratch(n);
    const totals = this.totals;
    const info = ctx.info;
    const strategy = info.placement ?? this.opts.placement;
    const t = this.cache.table;
    for (let i = 0; i < n; i++) totals[i] = placementAt(strategy, info.requests, t, (feasible[i] as NodeInfo).slot);
    if (strategy === 'spread' && info.ownerUid !== undefined) this.addOwnerSpread(info.ownerUid, n);
    if (info.preferredNodeAffinity.length > 0) this.addNodeAffinity(info, n);
    this.addTaintToleration(info, n);
    this.addPodAffinity(info, all, n);
    this.addSoftSpread(info, all, n);
    return this.pickMax(n);
  }

  private pickMax(n: number): number {
    const totals = this.totals;
    let max = -Infinity;
    let ties = 0;
    for (let i = 0; i < n; i++) {
      const t = totals[i] ?? 0;
      if (t > max) {
        max = t;
        ties = 1;
      } else if (t === max) ties++;
    }
    let k = this.tieBreak++ % ties;
    for (let i = 0; i < n; i++) {
      if ((totals[i] ?? 0) !== max) continue;
      if (k === 0) return i;
      k--;
    }
    return 0;
  }

  private addOwnerSpread(owner: string, n: number): void {
    const counts = this.cache.table.owners.get(owner);
    if (counts === undefined) return;
    const raw = this.raw;
    let max = 0;
    for (let i = 0; i < n; i++) {
      const c = counts.get((this.feasible[i] as NodeInfo).slot) ?? 0;
      raw[i] = c;
      if (c > max) max = c;
    }
    for (let i = 0; i < n; i++) this.totals[i] = (this.totals[i] ?? 0) + SCORE_WEIGHTS.ownerSpread * normalizeReverse(raw[i] ?? 0, max);
  }

  private addNodeAffinity(info: PodInfo, n: number): void {
    const raw = this.raw;
    let max = 0;
    for (let i = 0; i < n; i++) {
      const s = preferredNodeAffinityScore(info.preferredNodeAffinity, this.feasible[i] as NodeInfo);
      raw[i] = s;
      if (s > max) max = s;
    }
    for (let i = 0; i < n; i++) this.totals[i] = (this.totals[i] ?? 0) + SCORE_WEIGHTS.nodeAffinity * normalizeByMax(raw[i] ?? 0, max);
  }

  /** Fewer untolerated PreferNoSchedule taints is better. Skipped when no feasible node has any. */
  private addTaintToleration(info: PodInfo, n: number): void {
    const raw = this.raw;
    const soft = this.cache.table.softTainted;
    let max = 0;
    for (let i = 0; i < n; i++) {
      const node = this.feasible[i] as NodeInfo;
      const c = soft[node.slot] === 0 ? 0 : countUntolerated(info.tolerations, node.softTaints);
      raw[i] = c;
      if (c > max) max = c;
    }
    if (max === 0) return;
    for (let i = 0; i < n; i++) this.totals[i] = (this.totals[i] ?? 0) + SCORE_WEIGHTS.taintToleration * normalizeReverse(raw[i] ?? 0, max);
  }

  private addPodAffinity(info: PodInfo, all: readonly NodeInfo[], n: number): void {
    const scores = affinityScores(info, all);
    if (scores === undefined) return;
    const raw = this.raw;
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < n; i++) {
      const s = affinityRawScore(scores, this.feasible[i] as NodeInfo);
      raw[i] = s;
      if (s < min) min = s;
      if (s > max) max = s;
    }
    for (let i = 0; i < n; i++) this.totals[i] = (this.totals[i] ?? 0) + SCORE_WEIGHTS.podAffinity * normalizeMinMax(raw[i] ?? 0, min, max);
  }

  private addSoftSpread(info: PodInfo, all: readonly NodeInfo[], n: number): void {
    const soft = info.spread.filter((c) => !c.hard);
    if (soft.length === 0) return;
    const state = spreadState(info, soft, all);
    const raw: (number | undefined)[] = [];
    let min = Infinity;
    let max = 0;
    for (let i = 0; i < n; i++) {
      const s = spreadRawScore(state, this.feasible[i] as NodeInfo);
      const r = s === undefined ? undefined : Math.round(s);
      raw.push(r);
      if (r === undefined) continue;
      if (r < min) min = r;
      if (r > max) max = r;
    }
    for (let i = 0; i < n; i++) this.totals[i] = (this.totals[i] ?? 0) + SCORE_WEIGHTS.topologySpread * normalizeSpread(raw[i], min, max);
  }
}
