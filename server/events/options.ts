// Options of the NATS side of a replica (the link, the leader's publisher outbox, the metrics it
// follows), compiled once with defaults and checks. Every queue and cache here has its bound.
import type { Logger } from 'pino';
import { pino } from 'pino';
import { BerthError } from '../../client/index.js';

/** Replicas a JetStream stream may have (a NATS cluster of 1, 3 or 5 servers). */
export const MAX_KV_REPLICAS = 5;

export interface NatsEventsOptions {
  /** Where the link, the publisher and the metrics log. @default a silent logger */
  logger?: Logger;
  /** Replicas of the endpoints bucket's stream, when berth creates it (1 to 5). @default 1 */
  kvReplicas?: number;
  /**
   * Services whose new endpoint set may wait to be sent. Beyond it every pending set is dropped
   * and the leader republishes every Service's current set instead. @default 10000
   */
  maxPendingSets?: number;
  /** Events and scaling decisions waiting to be sent; beyond it the oldest are dropped. @default 1000 */
  maxPendingEvents?: number;
  /** Custom metric samples kept, one per (namespace, pod, metric); the stalest are evicted. @default 100000 */
  maxMetricSamples?: number;
  /** Between attempts to reach NATS for the first time, to open the bucket, or to resend. @default 2000 */
  retryMs?: number;
  /** Milliseconds since the epoch (arrival times of metric samples). @default Date.now */
  now?: () => number;
}

export interface CompiledNatsEventsOptions {
  readonly logger: Logger;
  readonly kvReplicas: number;
  readonly maxPendingSets: number;
  readonly maxPendingEvents: number;
  readonly maxMetricSamples: number;
  readonly retryMs: number;
  readonly now: () => number;
}

function atLeast(name: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `from ${min} to ${max}`;
    throw new BerthError('INVALID_ARGUMENT', `events.${name}: must be an integer ${range} (got ${String(value)})`);
  }
  return value;
}

export function compileNatsEventsOptions(raw: NatsEventsOptions = {}): CompiledNatsEventsOptions {
  return {
    logger: raw.logger ?? pino({ level: 'silent' }),
    kvReplicas: atLeast('kvReplicas', raw.kvReplicas ?? 1, 1, MAX_KV_REPLICAS),
    maxPendingSets: atLeast('maxPendingSets', raw.maxPendingSets ?? 10_000, 1),
    maxPendingEvents: atLeast('maxPendingEvents', raw.maxPendingEvents ?? 1_000, 1),
    maxMetricSamples: atLeast('maxMetricSamples', raw.maxMetricSamples ?? 100_000, 1),
    retryMs: atLeast('retryMs', raw.retryMs ?? 2_000, 1),
    now: raw.now ?? Date.now,
  };
}
