// The FailedScheduling message, Kubernetes' shape with the reasons most nodes share first:
// `0/5 nodes are available: 3 Insufficient cpu, 2 node(s) had untolerated taint dedicated=gpu.`
// followed, when preemption was tried, by why it did not help, and by a note on an unknown
// priority class.
import type { Reasons } from './filters.js';

export const NO_NODES_MESSAGE = 'no nodes available to schedule pods';
export const NO_VICTIMS_REASON = 'No preemption victims found for incoming pod';
export const NOT_HELPFUL_REASON = 'Preemption is not helpful for scheduling';

/** `3 Insufficient cpu, 2 Too many pods`: by count, most first, then by reason. */
export function reasonList(reasons: ReadonlyMap<string, number>): string {
  return [...reasons]
    .sort(([ra, a], [rb, b]) => b - a || (ra < rb ? -1 : ra > rb ? 1 : 0))
    .map(([r, n]) => `${n} ${r}`)
    .join(', ');
}

/** `0/5 nodes are available: 3 Insufficient cpu, 2 node(s) had untolerated taint dedicated=gpu.` */
export function fitErrorMessage(numNodes: number, reasons: Reasons): string {
  if (numNodes === 0) return `0/0 nodes are available: ${NO_NODES_MESSAGE}.`;
  return `0/${numNodes} nodes are available: ${reasonList(reasons)}.`;
}

/** ` preemption: 0/5 nodes are available: 3 No preemption victims found..., 2 Preemption is not helpful...` */
export function preemptionMessage(numNodes: number, noVictims: number): string {
  const reasons = new Map<string, number>();
  if (noVictims > 0) reasons.set(NO_VICTIMS_REASON, noVictims);
  if (numNodes - noVictims > 0) reasons.set(NOT_HELPFUL_REASON, numNodes - noVictims);
  return `preemption: 0/${numNodes} nodes are available: ${reasonList(reasons)}.`;
}

export function missingClassMessage(name: string): string {
  return `priorityClassName ${JSON.stringify(name)} matches no PriorityClass: the pod is scheduled with priority 0.`;
}
