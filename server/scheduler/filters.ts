// The filter plugins, in Kubernetes' order: is the node ready and not cordoned, are its taints
// tolerated, does it match the node selector and affinity, are the host ports free, do the
// requests fit, and do topology spread and inter-pod affinity allow it. Each failure has a reason
// (counted across nodes for the FailedScheduling message) and a kind: `UNRESOLVABLE` when removing
// pods could not help (preemption skips such nodes), `UNSCHEDULABLE` when it could.
import type { Nomination } from './cache.js';
import type { NodeInfo, NodeTable } from './node-info.js';
import type { AffinityState } from './pod-affinity.js';
import { podAffinityFilter, REASON_AFFINITY } from './pod-affinity.js';
import type { HostPort, PodInfo } from './pod-info.js';
import type { PodRequests, Resources } from './resources.js';
import type { Taint, Toleration } from '../api/objects/index.js';
import { firstUntolerated, taintText, toleratedBy } from '../api/objects/index.js';
import type { SpreadState } from './topology-spread.js';
import { REASON_SPREAD_LABEL, spreadFilter } from './topology-spread.js';

export const PASS = 0;
export const UNSCHEDULABLE = 1;
export const UNRESOLVABLE = 2;
export type FitStatus = typeof PASS | typeof UNSCHEDULABLE | typeof UNRESOLVABLE;

export const REASON_NOT_READY = 'node(s) were not ready';
export const REASON_UNSCHEDULABLE = 'node(s) were unschedulable';
export const REASON_NODE_AFFINITY = "node(s) didn't match Pod's node affinity/selector";
export const REASON_PORTS = "node(s) didn't have free ports for the requested pod ports";
export const REASON_TOO_MANY_PODS = 'Too many pods';

/** The taint Kubernetes gives a cordoned node: tolerating it lets a pod onto one. */
export const UNSCHEDULABLE_TAINT: Taint = { key: 'node.kubernetes.io/unschedulable', value: '', effect: 'NoSchedule' };

/** Failure reasons counted over nodes. */
export type Reasons = Map<string, number>;

function note(reasons: Reasons | undefined, reason: string): void {
  if (reasons !== undefined) reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
}

function fail(reasons: Reasons | undefined, reason: string, status: FitStatus): FitStatus {
  note(reasons, reason);
  return status;
}

/** What one scheduling attempt knows of its pod, worked out once before the nodes are filtered. */
export interface PodContext {
  readonly info: PodInfo;
  readonly priority: number;
  /** Inter-pod affinity counts; undefined when no such rule applies. */
  readonly affinity: AffinityState | undefined;
  /** DoNotSchedule topology spread counts; undefined without such constraints. */
  readonly spread: SpreadState | undefined;
}

export function cordonBlocks(node: NodeInfo, tolerations: readonly Toleration[]): boolean {
  return node.unschedulable && !toleratedBy(tolerations, UNSCHEDULABLE_TAINT);
}

export function untoleratedTaint(node: NodeInfo, tolerations: readonly Toleration[]): Taint | undefined {
  return node.hardTaints.length === 0 ? undefined : firstUntolerated(tolerations, node.hardTaints);
}

export function nodeAffinityMatches(p: PodInfo, node: NodeInfo): boolean {
  if (p.nodeSelector !== undefined && !p.nodeSelector(node)) return false;
  return p.requiredNodeAffinity === undefined || p.requiredNodeAffinity(node);
}

export function portsConflict(ports: readonly HostPort[], node: NodeInfo): boolean {
  for (const hp of ports) if (node.portConflict(hp)) return true;
  return false;
}

type Extra = Resources & { pods: number };

/** Whether `r` fits on `node` with `extra` taken too: the allocation-free check of the hot path. */
export function fitsResources(r: PodRequests, node: NodeInfo, extra?: Extra): boolean {
  if (extra !== undefined || r.scalar !== undefined || (node.allocatable.hasEphemeralStorage && r.ephemeralStorage > 0)) return insufficientResources(r, node, extra) === undefined;
  return fitsAt(node.table, node.slot, r);
}

/** Pods, cpu and memory of `r` against table slot `s`. */
export function fitsAt(t: NodeTable, s: number, r: PodRequests): boolean {
  if ((t.pods[s] ?? 0) + 1 > (t.allocPods[s] ?? 0)) return false;
  if (r.milliCpu > 0 && r.milliCpu > (t.allocCpu[s] ?? 0) - (t.cpu[s] ?? 0)) return false;
  return !(r.memory > 0 && r.memory > (t.allocMem[s] ?? 0) - (t.mem[s] ?? 0));
}

/**
 * What `r` lacks on `node` ("Insufficient cpu", "Too many pods"), counting `extra` as taken too
 * (pods nominated to the node); undefined when it fits. Kubernetes checks a resource only when the
 * pod asks for some; a node that reports no ephemeral storage is not checked for it.
 */
export function insufficientResources(r: PodRequests, node: NodeInfo, extra?: Extra): string[] | undefined {
  const a = node.allocatable;
  const out: string[] = [];
  if (node.podCount + 1 + (extra?.pods ?? 0) > a.pods) out.push(REASON_TOO_MANY_PODS);
  if (r.milliCpu > 0 && r.milliCpu > a.milliCpu - node.milliCpu - (extra?.milliCpu ?? 0)) out.push('Insufficient cpu');
  if (r.memory > 0 && r.memory > a.memory - node.memory - (extra?.memory ?? 0)) out.push('Insufficient memory');
  if (a.hasEphemeralStorage && r.ephemeralStorage > 0 && r.ephemeralStorage > a.ephemeralStorage - node.ephemeralStorage - (extra?.ephemeralStorage ?? 0)) {
    out.push('Insufficient ephemeral-storage');
  }
  if (r.scalar !== undefined) {
    for (const [name, want] of r.scalar) {
      if (want <= 0) continue;
      const free = (a.scalar?.get(name) ?? 0) - (node.scalar?.get(name) ?? 0) - (extra?.scalar?.get(name) ?? 0);
      if (want > free) out.push(`Insufficient ${name}`);
    }
  }
  return out.length === 0 ? undefined : out;
}

/** The requests of the pods nominated to a node that go before `ctx`'s pod (priority at least its). */
export function nominatedRequests(ctx: PodContext, nominated: ReadonlyMap<string, Nomination> | undefined): Extra | undefined {
  if (nominated === undefined) return undefined;
  let out: Extra | undefined;
  for (const [uid, n] of nominated) {
    if (uid === ctx.info.uid || n.priority < ctx.priority) continue;
    out ??= { milliCpu: 0, memory: 0, ephemeralStorage: 0, scalar: undefined, pods: 0 };
    const r = n.info.requests;
    out.milliCpu += r.milliCpu;
    out.memory += r.memory;
    out.ephemeralStorage += r.ephemeralStorage;
    out.pods++;
    if (r.scalar !== undefined) {
      out.scalar ??= new Map();
      for (const [k, v] of r.scalar) out.scalar.set(k, (out.scalar.get(k) ?? 0) + v);
    }
  }
  return out;
}

/** The node-level filters: readiness, cordon, taints, node selector and affinity. */
function nodeLevel(p: PodInfo, node: NodeInfo, reasons: Reasons | undefined): FitStatus {
  if (!node.ready) return fail(reasons, REASON_NOT_READY, UNRESOLVABLE);
  if (cordonBlocks(node, p.tolerations)) return fail(reasons, REASON_UNSCHEDULABLE, UNRESOLVABLE);
  const taint = untoleratedTaint(node, p.tolerations);
  if (taint !== undefined) return fail(reasons, `node(s) had untolerated taint ${taintText(taint)}`, UNRESOLVABLE);
  if (!nodeAffinityMatches(p, node)) return fail(reasons, REASON_NODE_AFFINITY, UNRESOLVABLE);
  return PASS;
}

/**
 * Runs every filter on `node`, stopping at the first that fails (whose reasons go into `reasons`).
 * `nominated`: the pods waiting for room on this node.
 */
export function filterNode(ctx: PodContext, node: NodeInfo, reasons: Reasons | undefined, nominated?: ReadonlyMap<string, Nomination>): FitStatus {
  const p = ctx.info;
  const level = nodeLevel(p, node, reasons);
  if (level !== PASS) return level;
  if (p.hostPorts.length > 0 && portsConflict(p.hostPorts, node)) return fail(reasons, REASON_PORTS, UNSCHEDULABLE);
  const extra = nominated === undefined ? undefined : nominatedRequests(ctx, nominated);
  if (!fitsResources(p.requests, node, extra)) {
    for (const r of insufficientResources(p.requests, node, extra) ?? []) note(reasons, r);
    return UNSCHEDULABLE;
  }
  if (ctx.spread !== undefined) {
    const r = spreadFilter(ctx.spread, node);
    if (r !== undefined) return fail(reasons, r, r === REASON_SPREAD_LABEL ? UNRESOLVABLE : UNSCHEDULABLE);
  }
  if (ctx.affinity !== undefined) {
    const r = podAffinityFilter(ctx.affinity, node);
    if (r !== undefined) return fail(reasons, r, r === REASON_AFFINITY ? UNRESOLVABLE : UNSCHEDULABLE);
  }
  return PASS;
}
