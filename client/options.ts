// Options of connect(), compiled once with defaults and checks.
import { credentials as grpcCredentials } from '@grpc/grpc-js';
import type { ChannelCredentials } from '@grpc/grpc-js';
import { BerthError } from './errors.js';

export interface RetryOptions {
  /** Attempts of one call, the first included, over the endpoints in turn. @default 5 */
  maxAttempts?: number;
  /** Delay before the first retry; it doubles per retry (with jitter). @default 50 */
  initialBackoffMs?: number;
  /** Longest delay between two attempts. @default 2000 */
  maxBackoffMs?: number;
}

export interface ConnectOptions {
  /** host:port of one or more replicas. Required. */
  endpoints: readonly string[];
  /** Deadline of one attempt of a call. @default 15000 */
  timeoutMs?: number;
  /** How long to wait for a connection to an endpoint before trying the next one. @default 3000 */
  connectTimeoutMs?: number;
  /** KV requests in flight to one endpoint before more fail fast with RESOURCE_EXHAUSTED. @default 4096 */
  maxInFlightPerEndpoint?: number;
  /** Retries of calls that failed on one endpoint (see client/retry.ts for which calls). */
  retry?: RetryOptions;
  /** Deadline of a whole addMember call, which waits for the new member to catch up. @default 120000 */
  memberAddTimeoutMs?: number;
  /** A watch that hears nothing, not even a bookmark, for this long reconnects. @default 15000 */
  watchIdleTimeoutMs?: number;
  /** Reconnects of a watch in a row without receiving anything before it gives up. @default 20 */
  watchMaxReconnects?: number;
  /** Largest response accepted (a range returns up to the server's maxRangeBytes). @default 67108864 (64 MiB) */
  maxReceiveMessageBytes?: number;
  /** @default grpc.credentials.createInsecure() */
  credentials?: ChannelCredentials;
}

export interface CompiledConnectOptions {
  readonly endpoints: readonly string[];
  readonly timeoutMs: number;
  readonly connectTimeoutMs: number;
  readonly maxInFlightPerEndpoint: number;
  readonly retry: Readonly<Required<RetryOptions>>;
  readonly memberAddTimeoutMs: number;
  readonly watchIdleTimeoutMs: number;
  readonly watchMaxReconnects: number;
  readonly maxReceiveMessageBytes: number;
  readonly credentials: ChannelCredentials;
}

function bad(field: string, rule: string, value: unknown): BerthError {
  return new BerthError('INVALID_ARGUMENT', `connect.${field}: ${rule} (got ${JSON.stringify(value)})`, { details: { field: `connect.${field}` } });
}

function int(field: string, value: number, min: number): number {
  if (!Number.isSafeInteger(value) || value < min) throw bad(field, `must be an integer >= ${min}`, value);
  return value;
}

const ENDPOINT = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/;

/** Fills defaults and validates, once. Throws INVALID_ARGUMENT naming the bad option. */
export function compileConnectOptions(raw: ConnectOptions): CompiledConnectOptions {
  if (!Array.isArray(raw.endpoints) || raw.endpoints.length === 0) throw bad('endpoints', 'must list at least one host:port', raw.endpoints);
  for (const [i, e] of raw.endpoints.entries()) {
    if (typeof e !== 'string' || !ENDPOINT.test(e)) throw bad(`endpoints[${i}]`, 'must be host:port', e);
  }
  const retry = raw.retry ?? {};
  const initialBackoffMs = int('retry.initialBackoffMs', retry.initialBackoffMs ?? 50, 1);
  const maxBackoffMs = int('retry.maxBackoffMs', retry.maxBackoffMs ?? 2000, 1);
  if (maxBackoffMs < initialBackoffMs) throw bad('retry.maxBackoffMs', `must be >= retry.initialBackoffMs (${initialBackoffMs})`, maxBackoffMs);
  return {
    endpoints: [...new Set(raw.endpoints)],
    timeoutMs: int('timeoutMs', raw.timeoutMs ?? 15_000, 1),
    connectTimeoutMs: int('connectTimeoutMs', raw.connectTimeoutMs ?? 3000, 1),
    maxInFlightPerEndpoint: int('maxInFlightPerEndpoint', raw.maxInFlightPerEndpoint ?? 4096, 1),
    retry: { maxAttempts: int('retry.maxAttempts', retry.maxAttempts ?? 5, 1), initialBackoffMs, maxBackoffMs },
    memberAddTimeoutMs: int('memberAddTimeoutMs', raw.memberAddTimeoutMs ?? 120_000, 1),
    watchIdleTimeoutMs: int('watchIdleTimeoutMs', raw.watchIdleTimeoutMs ?? 15_000, 1),
    watchMaxReconnects: int('watchMaxReconnects', raw.watchMaxReconnects ?? 20, 0),
    maxReceiveMessageBytes: int('maxReceiveMessageBytes', raw.maxReceiveMessageBytes ?? 64 << 20, 1024),
    credentials: raw.credentials ?? grpcCredentials.createInsecure(),
  };
}
