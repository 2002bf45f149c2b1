// Options of the controller manager and the controllers, compiled once with defaults and checks.
import type { Logger } from 'pino';
import { pino } from 'pino';
import { BerthError } from '../../client/index.js';

export type PlacementStrategy = 'spread' | 'binpack';

export interface ControllerOptions {
  /** Where the controllers log. @default a silent logger */
  logger?: Logger;
  /** Keys one controller reconciles at once, unless it says otherwise. @default 16 */
  workers?: number;
  /** First retry delay of a key whose reconcile failed; doubles per failure. @default 10 */
  retryMinMs?: number;
  /** Longest retry delay. @default 30000 */
  retryMaxMs?: number;
  /** Every object is looked at again this often, whatever happened. @default 60000 */
  resyncIntervalMs?: number;
  /** Repeats of one Event within this window update its count instead of adding one. @default 600000 */
  eventAggregationMs?: number;
  /** An aggregated Event's count is written at most this often. @default 5000 */
  eventUpdateIntervalMs?: number;
  /** Distinct Events remembered for aggregation (least recently used forgotten). @default 4096 */
  maxTrackedEvents?: number;
  /** Event writes in flight at once; more are dropped (and logged). @default 64 */
  maxEventWritesInFlight?: number;
  /** Writes one reconcile pass may have in flight at once (pod creations, deletions). @default 64 */
  maxWritesPerReconcile?: number;
  /** The cluster's placement strategy; a pod's berth.io/placement annotation overrides it. @default "spread" */
  placement?: PlacementStrategy;
  /** Bindings in flight at once. @default 256 */
  maxBindingsInFlight?: number;
  /** A pod that could not be scheduled is tried again at least this often. @default 10000 */
  unschedulableRetryMs?: number;
  /** Which controllers run (names); all when unset. Tests and benchmarks narrow it. */
  enabled?: readonly string[];
  /** Each HorizontalPodAutoscaler is evaluated this often (Kubernetes' sync period). @default 15000 */
  hpaSyncPeriodMs?: number;
  /** An HPA scales down to the highest recommendation of this window, unless its behavior names one. @default 300000 */
  hpaDownscaleStabilizationMs?: number;
}

export interface CompiledControllerOptions {
  readonly logger: Logger;
  readonly workers: number;
  readonly retryMinMs: number;
  readonly retryMaxMs: number;
  readonly resyncIntervalMs: number;
  readonly eventAggregationMs: number;
  readonly eventUpdateIntervalMs: number;
  readonly maxTrackedEvents: number;
  readonly maxEventWritesInFlight: number;
  readonly maxWritesPerReconcile: number;
  readonly placement: PlacementStrategy;
  readonly maxBindingsInFlight: number;
  readonly unschedulableRetryMs: number;
  readonly enabled: ReadonlySet<string> | undefined;
  readonly hpaSyncPeriodMs: number;
  readonly hpaDownscaleStabilizationMs: number;
}

function positive(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new BerthError('INVALID_ARGUMENT', `controllers.${name}: must be an integer >= 1 (got ${String(value)})`);
  }
  return value;
}

function nonNegative(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new BerthError('INVALID_ARGUMENT', `controllers.${name}: must be an integer >= 0 (got ${String(value)})`);
  }
  return value;
}

export function compileControllerOptions(raw: ControllerOptions = {}): CompiledControllerOptions {
  const placement = raw.placement ?? 'spread';
  if (placement !== 'spread' && placement !== 'binpack') {
    throw new BerthError('INVALID_ARGUMENT', `controllers.placement: must be "spread" or "binpack" (got ${JSON.stringify(placement)})`);
  }
  const retryMinMs = positive('retryMinMs', raw.retryMinMs ?? 10);
  const retryMaxMs = positive('retryMaxMs', raw.retryMaxMs ?? 30_000);
  if (retryMaxMs < retryMinMs) throw new BerthError('INVALID_ARGUMENT', `controllers.retryMaxMs: must be >= retryMinMs (${retryMinMs})`);
  return {
    logger: raw.logger ?? pino({ level: 'silent' }),
    workers: positive('workers', raw.workers ?? 16),
    retryMinMs,
    retryMaxMs,
    resyncIntervalMs: positive('resyncIntervalMs', raw.resyncIntervalMs ?? 60_000),
    eventAggregationMs: positive('eventAggregationMs', raw.eventAggregationMs ?? 600_000),
    eventUpdateIntervalMs: positive('eventUpdateIntervalMs', raw.eventUpdateIntervalMs ?? 5000),
    maxTrackedEvents: positive('maxTrackedEvents', raw.maxTrackedEvents ?? 4096),
    maxEventWritesInFlight: positive('maxEventWritesInFlight', raw.maxEventWritesInFlight ?? 64),
    maxWritesPerReconcile: positive('maxWritesPerReconcile', raw.maxWritesPerReconcile ?? 64),
    placement,
    maxBindingsInFlight: positive('maxBindingsInFlight', raw.maxBindingsInFlight ?? 1024),
    unschedulableRetryMs: positive('unschedulableRetryMs', raw.unschedulableRetryMs ?? 10_000),
    enabled: raw.enabled === undefined ? undefined : new Set(raw.enabled),
    hpaSyncPeriodMs: positive('hpaSyncPeriodMs', raw.hpaSyncPeriodMs ?? 15_000),
    hpaDownscaleStabilizationMs: nonNegative('hpaDownscaleStabilizationMs', raw.hpaDownscaleStabilizationMs ?? 300_000),
  };
}
