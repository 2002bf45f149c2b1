// The scheduler's own tuning, compiled once. The cluster-wide knobs it shares with the controller
// manager (placement, maxBindingsInFlight, unschedulableRetryMs) are in CompiledControllerOptions.
import { BerthError } from '../../client/index.js';

export interface SchedulerOptions {
  /** Pending pods the queue holds; more are picked up from the informer once there is room. @default 100000 */
  maxPendingPods?: number;
  /** First wait before a pod whose attempt failed is tried again; doubles per attempt. @default 1000 */
  initialBackoffMs?: number;
  /** Longest such wait. @default 10000 */
  maxBackoffMs?: number;
  /** Percentage of nodes to find feasible before scoring; 0 is Kubernetes' adaptive value. @default 0 */
  percentageOfNodesToScore?: number;
  /** Nodes where victims would do that one preemption looks at, at most. @default 100 */
  maxPreemptionCandidates?: number;
  /** Status writes of unschedulable pods (and nominations) in flight; more wait for the next attempt. @default 64 */
  maxStatusWritesInFlight?: number;
  /** Victim deletions in flight at once; a preemption that would exceed it waits. @default 64 */
  maxDeletesInFlight?: number;
  /** How long the decision loop runs before it lets I/O in. @default 20 */
  decisionSliceMs?: number;
  /** How often back-offs and periodic retries are looked at. @default 100 */
  flushIntervalMs?: number;
  /** After a write failed because leadership may be lost, how long no new write starts. @default 1000 */
  leadershipPauseMs?: number;
}

export interface CompiledSchedulerOptions {
  readonly maxPendingPods: number;
  readonly initialBackoffMs: number;
  readonly maxBackoffMs: number;
  readonly percentageOfNodesToScore: number;
  readonly maxPreemptionCandidates: number;
  readonly maxStatusWritesInFlight: number;
  readonly maxDeletesInFlight: number;
  readonly decisionSliceMs: number;
  readonly flushIntervalMs: number;
  readonly leadershipPauseMs: number;
}

function int(name: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new BerthError('INVALID_ARGUMENT', `scheduler.${name}: must be an integer between ${min} and ${max} (got ${String(value)})`);
  }
  return value;
}

export function compileSchedulerOptions(raw: SchedulerOptions = {}): CompiledSchedulerOptions {
  const initialBackoffMs = int('initialBackoffMs', raw.initialBackoffMs ?? 1000, 1);
  const maxBackoffMs = int('maxBackoffMs', raw.maxBackoffMs ?? 10_000, 1);
  if (maxBackoffMs < initialBackoffMs) throw new BerthError('INVALID_ARGUMENT', `scheduler.maxBackoffMs: must be >= initialBackoffMs (${initialBackoffMs})`);
  return {
    maxPendingPods: int('maxPendingPods', raw.maxPendingPods ?? 100_000, 1),
    initialBackoffMs,
    maxBackoffMs,
    percentageOfNodesToScore: int('percentageOfNodesToScore', raw.percentageOfNodesToScore ?? 0, 0, 100),
    maxPreemptionCandidates: int('maxPreemptionCandidates', raw.maxPreemptionCandidates ?? 100, 1),
    maxStatusWritesInFlight: int('maxStatusWritesInFlight', raw.maxStatusWritesInFlight ?? 64, 1),
    maxDeletesInFlight: int('maxDeletesInFlight', raw.maxDeletesInFlight ?? 64, 1),
    decisionSliceMs: int('decisionSliceMs', raw.decisionSliceMs ?? 20, 1),
    flushIntervalMs: int('flushIntervalMs', raw.flushIntervalMs ?? 100, 1),
    leadershipPauseMs: int('leadershipPauseMs', raw.leadershipPauseMs ?? 1000, 1),
  };
}
