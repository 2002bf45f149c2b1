// Preemption, after Kubernetes' DefaultPreemption: for a pod that fits nowhere, look at the nodes
// that failed only on what removing pods can fix. On each, take away every pod of lower priority
// (never equal or higher), check that the pod then passes every filter, and give back as many of
// them as still lets it pass, the most important first: those not given back are the victims.
// The node chosen is the one whose victims' highest priority is lowest, then with fewest
// victims, then the lowest priority sum. Pods assumed but not yet bound are never victims.
import type { SchedulerCache } from './cache.js';
import type { PodContext } from './filters.js';
import { filterNode, PASS } from './filters.js';
import type { NodeInfo } from './node-info.js';
import type { PodInfo } from './pod-info.js';

export interface PreemptionPlan {
  readonly node: NodeInfo;
  readonly victims: readonly PodInfo[];
}

export interface PreemptionResult {
  readonly plan: PreemptionPlan | undefined;
  /** Candidate nodes looked at where no set of victims would do. */
  readonly noVictims: number;
}

interface Scored {
  readonly node: NodeInfo;
  readonly victims: PodInfo[];
  readonly maxPriority: number;
  readonly sum: number;
}

/** More important first: higher priority, then older. */
function moreImportant(priorityOf: (p: PodInfo) => number): (a: PodInfo, b: PodInfo) => number {
  return (a, b) => priorityOf(b) - priorityOf(a) || a.creationMs - b.creationMs;
}

/** Moves pod `q` in or out of the what-if node and the pod's counts. */
function shift(ctx: PodContext, sim: NodeInfo, real: NodeInfo, q: PodInfo, delta: 1 | -1): void {
  if (delta > 0) sim.addPod(q);
  else sim.removePod(q.uid);
  ctx.affinity?.update(q, real, delta);
  ctx.spread?.update(q, real, delta);
}

/** The fewest, least important victims on `node` that make room for `ctx`'s pod; undefined when none do. */
export function selectVictims(ctx: PodContext, node: NodeInfo, cache: SchedulerCache, priorityOf: (p: PodInfo) => number): PodInfo[] | undefined {
  const lower: PodInfo[] = [];
  for (const q of node.pods.values()) if (!cache.isAssumed(q.uid) && priorityOf(q) < ctx.priority) lower.push(q);
  if (lower.length === 0) return undefined;
  const sim = node.clone();
  const what: PodContext = { ...ctx, affinity: ctx.affinity?.clone(), spread: ctx.spread?.clone() };
  for (const q of lower) shift(what, sim, node, q, -1);
  const nominated = cache.nominatedOn(node.name);
  if (filterNode(what, sim, undefined, nominated) !== PASS) return undefined;
  lower.sort(moreImportant(priorityOf));
  const victims: PodInfo[] = [];
  for (const q of lower) {
    shift(what, sim, node, q, 1);
    if (filterNode(what, sim, undefined, nominated) === PASS) continue;
    shift(what, sim, node, q, -1);
    victims.push(q);
  }
  return victims;
}

function better(a: Scored, b: Scored): boolean {
  if (a.maxPriority !== b.maxPriority) return a.maxPriority < b.maxPriority;
  if (a.victims.length !== b.victims.length) return a.victims.length < b.victims.length;
  return a.sum < b.sum;
}

/**
 * The best node to preempt on among `candidates`, looking at no more than `maxCandidates` nodes
 * where victims would do.
 */
export function findPreemption(
  ctx: PodContext,
  candidates: readonly NodeInfo[],
  cache: SchedulerCache,
  priorityOf: (p: PodInfo) => number,
  maxCandidates: number,
): PreemptionResult {
  let best: Scored | undefined;
  let viable = 0;
  let noVictims = 0;
  for (const node of candidates) {
    if (viable >= maxCandidates) break;
    const victims = selectVictims(ctx, node, cache, priorityOf);
    if (victims === undefined) {
      noVictims++;
      continue;
    }
    viable++;
    let maxPriority = -Infinity;
    let sum = 0;
    for (const v of victims) {
      const pr = priorityOf(v);
      maxPriority = Math.max(maxPriority, pr);
      sum += pr;
    }
    const scored: Scored = { node, victims, maxPriority, sum };
    if (best === undefined || better(scored, best)) best = scored;
  }
  return { plan: best === undefined ? undefined : { node: best.node, victims: best.victims }, noVictims };
}

/** Whether the pod should wait instead of preempting again: a lower-priority pod on its nominated node is still terminating. */
export function waitingForVictims(nominated: NodeInfo | undefined, priority: number, priorityOf: (p: PodInfo) => number): boolean {
  if (nominated === undefined) return false;
  for (const q of nominated.pods.values()) if (q.terminating && priorityOf(q) < priority) return true;
  return false;
}
