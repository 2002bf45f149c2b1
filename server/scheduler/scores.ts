// The score plugins, each 0..100 per node (integers, as Kubernetes' are), and their weights in the
// sum that picks the node. Placement: `spread` scores the least allocated node highest plus how
// balanced its cpu and memory use stays; `binpack` the most allocated. Both count requests with
// Kubernetes' stand-ins (100m, 200Mi) for containers that request nothing, so that pods without
// requests still spread. The normalizers turn raw per-node values into 0..100 across the nodes.
import type { NodeInfo, NodeTable } from './node-info.js';
import type { PodRequests } from './resources.js';

export const MAX_NODE_SCORE = 100;

/** The weights of the score plugins in the sum (Kubernetes' defaults where it has the plugin). */
export const SCORE_WEIGHTS = {
  /** LeastAllocated under spread, MostAllocated under binpack. */
  placement: 1,
  /** BalancedAllocation, under spread only. */
  balanced: 1,
  /** Fewer pods of the same owner (ReplicaSet...), under spread only. */
  ownerSpread: 1,
  nodeAffinity: 2,
  podAffinity: 2,
  topologySpread: 2,
  taintToleration: 3,
} as const;

function leastAllocated(requested: number, capacity: number): number {
  if (capacity <= 0 || requested > capacity) return 0;
  return Math.floor(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

function mostAllocated(requested: number, capacity: number): number {
  if (capacity <= 0) return 0;
  return Math.floor((Math.min(requested, capacity) * MAX_NODE_SCORE) / capacity);
}

/** Kubernetes' LeastAllocated over cpu and memory (equal weights), the pod counted in, at table slot `s`. */
export function leastAllocatedAt(t: NodeTable, s: number, pod: PodRequests): number {
  const cpu = leastAllocated((t.nzCpu[s] ?? 0) + pod.nonZeroMilliCpu, t.allocCpu[s] ?? 0);
  const mem = leastAllocated((t.nzMem[s] ?? 0) + pod.nonZeroMemory, t.allocMem[s] ?? 0);
  return Math.floor((cpu + mem) / 2);
}

/** Kubernetes' MostAllocated over cpu and memory (equal weights), the pod counted in, at table slot `s`. */
export function mostAllocatedAt(t: NodeTable, s: number, pod: PodRequests): number {
  const cpu = mostAllocated((t.nzCpu[s] ?? 0) + pod.nonZeroMilliCpu, t.allocCpu[s] ?? 0);
  const mem = mostAllocated((t.nzMem[s] ?? 0) + pod.nonZeroMemory, t.allocMem[s] ?? 0);
  return Math.floor((cpu + mem) / 2);
}

/** Kubernetes' BalancedAllocation at table slot `s`: 100 when cpu and memory are used in the same proportion. */
export function balancedAllocationAt(t: NodeTable, s: number, pod: PodRequests): number {
  const allocCpu = t.allocCpu[s] ?? 0;
  const allocMem = t.allocMem[s] ?? 0;
  if (allocCpu <= 0 || allocMem <= 0) return MAX_NODE_SCORE;
  const cpu = Math.min(1, ((t.nzCpu[s] ?? 0) + pod.nonZeroMilliCpu) / allocCpu);
  const mem = Math.min(1, ((t.nzMem[s] ?? 0) + pod.nonZeroMemory) / allocMem);
  return Math.floor((1 - Math.abs(cpu - mem) / 2) * MAX_NODE_SCORE);
}

export function leastAllocatedScore(pod: PodRequests, node: NodeInfo): number {
  return leastAllocatedAt(node.table, node.slot, pod);
}

export function mostAllocatedScore(pod: PodRequests, node: NodeInfo): number {
  return mostAllocatedAt(node.table, node.slot, pod);
}

export function balancedAllocationScore(pod: PodRequests, node: NodeInfo): number {
  return balancedAllocationAt(node.table, node.slot, pod);
}

export type PlacementStrategy = 'spread' | 'binpack';

/** The placement part of a node's weighted score, at table slot `s`. */
export function placementAt(strategy: PlacementStrategy, pod: PodRequests, t: NodeTable, s: number): number {
  if (strategy === 'binpack') return SCORE_WEIGHTS.placement * mostAllocatedAt(t, s, pod);
  return SCORE_WEIGHTS.placement * leastAllocatedAt(t, s, pod) + SCORE_WEIGHTS.balanced * balancedAllocationAt(t, s, pod);
}

export function placementScore(strategy: PlacementStrategy, pod: PodRequests, node: NodeInfo): number {
  return placementAt(strategy, pod, node.table, node.slot);
}

/** raw / max as 0..100 (0 everywhere when the max is 0): for scores where more is better. */
export function normalizeByMax(raw: number, max: number): number {
  return max <= 0 ? 0 : Math.floor((raw * MAX_NODE_SCORE) / max);
}

/** (max - raw) / max as 0..100 (100 everywhere when the max is 0): for counts where fewer is better. */
export function normalizeReverse(raw: number, max: number): number {
  return max <= 0 ? MAX_NODE_SCORE : Math.floor(((max - raw) * MAX_NODE_SCORE) / max);
}

/** (raw - min) / (max - min) as 0..100 (0 when all are equal): for signed sums such as inter-pod affinity. */
export function normalizeMinMax(raw: number, min: number, max: number): number {
  return max - min <= 0 ? 0 : Math.floor(((raw - min) * MAX_NODE_SCORE) / (max - min));
}

/** Kubernetes' topology spread normalization: lower raw is better; `undefined` (no domain) scores 0. */
export function normalizeSpread(raw: number | undefined, min: number, max: number): number {
  if (raw === undefined) return 0;
  if (max <= 0) return MAX_NODE_SCORE;
  return Math.floor((MAX_NODE_SCORE * (max + min - raw)) / max);
}
