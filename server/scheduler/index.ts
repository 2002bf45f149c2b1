// The public face of the scheduler: the ControllerSpec the controller manager runs on the leader,
// and the pure parts (filters, scores, queue, preemption, messages) for tests and tools.
import { resolveKind } from '../../client/index.js';
import type { ControllerContext, ControllerSpec, Reconciler } from '../controllers/index.js';
import type { SchedulerOptions } from './options.js';
import { compileSchedulerOptions } from './options.js';
import { Scheduler } from './scheduler.js';

/**
 * The scheduler as a controller: `create` starts it (its own queue, decisions and bindings) and
 * returns a reconciler whose close() stops it.
 */
export function schedulerSpec(raw: SchedulerOptions = {}): ControllerSpec {
  const opts = compileSchedulerOptions(raw);
  return {
    name: 'scheduler',
    kinds: [resolveKind('Pod'), resolveKind('Node'), resolveKind('PriorityClass')],
    workers: 1,
    create(ctx: ControllerContext): Reconciler {
      const s = new Scheduler(ctx, opts);
      s.start();
      return s;
    },
  };
}

export { Scheduler, failedOnMask } from './scheduler.js';
export { compileSchedulerOptions } from './options.js';
export type { SchedulerOptions, CompiledSchedulerOptions } from './options.js';
export { Decider, numFeasibleNodesToFind, podContext, MIN_FEASIBLE_NODES_TO_FIND } from './algorithm.js';
export type { Decision, Fit, NoFit, DeciderOptions } from './algorithm.js';
export { SchedulerCache } from './cache.js';
export type { PodChange, Nomination } from './cache.js';
export { NodeInfo, NodeTable } from './node-info.js';
export {
  filterNode,
  insufficientResources,
  fitsResources,
  fitsAt,
  nominatedRequests,
  cordonBlocks,
  untoleratedTaint,
  nodeAffinityMatches,
  portsConflict,
  PASS,
  UNSCHEDULABLE,
  UNRESOLVABLE,
  REASON_NOT_READY,
  REASON_UNSCHEDULABLE,
  REASON_NODE_AFFINITY,
  REASON_PORTS,
  REASON_TOO_MANY_PODS,
  UNSCHEDULABLE_TAINT,
} from './filters.js';
export type { FitStatus, PodContext, Reasons } from './filters.js';
export { compileNodeSelector, compileNodeSelectorTerm, compileNodeSelectorMap, compilePreferredNodeTerms, preferredNodeAffinityScore } from './node-affinity.js';
export type { NodeMatcher, NodeFacts, PreferredNodeTerm } from './node-affinity.js';
export { podInfoOf, podInfoUpdated, needsScheduling, termMatches, PLACEMENT_ANNOTATION } from './pod-info.js';
export type { PodInfo, AffinityTerm, SpreadConstraint, HostPort, Placement } from './pod-info.js';
export {
  affinityState,
  affinityScores,
  affinityRawScore,
  podAffinityFilter,
  AffinityState,
  REASON_AFFINITY,
  REASON_ANTI_AFFINITY,
  REASON_EXISTING_ANTI_AFFINITY,
} from './pod-affinity.js';
export { spreadState, spreadFilter, spreadRawScore, SpreadState, REASON_SPREAD, REASON_SPREAD_LABEL } from './topology-spread.js';
export {
  leastAllocatedScore,
  mostAllocatedScore,
  balancedAllocationScore,
  placementScore,
  placementAt,
  leastAllocatedAt,
  mostAllocatedAt,
  balancedAllocationAt,
  normalizeByMax,
  normalizeMinMax,
  normalizeReverse,
  normalizeSpread,
  SCORE_WEIGHTS,
  MAX_NODE_SCORE,
} from './scores.js';
export { podRequests, nodeAllocatable, milliValue, unitValue, DEFAULT_MILLI_CPU_REQUEST, DEFAULT_MEMORY_REQUEST } from './resources.js';
export type { Resources, PodRequests, Allocatable } from './resources.js';
export { tolerates, toleratedBy, firstUntolerated, parseTaints, parseTolerations, taintText } from '../api/objects/index.js';
export type { Taint, Toleration } from '../api/objects/index.js';
export { SchedulingQueue, FAILED_ON_AFFINITY, FAILED_ON_ANY, FAILED_ON_NODE, FAILED_ON_RESOURCES } from './queue.js';
export type { QueuedPod, QueueOptions, QueueState } from './queue.js';
export { PriorityClasses, priorityClassInfo, SYSTEM_PRIORITY_CLASSES, DEFAULT_PREEMPTION_POLICY } from './priority.js';
export type { PriorityClassInfo, ResolvedPriority } from './priority.js';
export { findPreemption, selectVictims, waitingForVictims } from './preemption.js';
export type { PreemptionPlan, PreemptionResult } from './preemption.js';
export { fitErrorMessage, preemptionMessage, missingClassMessage, reasonList, NO_VICTIMS_REASON, NOT_HELPFUL_REASON } from './summary.js';
export { bindChange, unschedulableChange, unschedulableDiffers, scheduledCondition, POD_SCHEDULED } from './binding.js';
