// When the SDK retries a call on another endpoint, and when it must not.
//
// - Reads (range, get, status, members) are idempotent: they are retried on UNAVAILABLE,
//   NOT_LEADER, TIMEOUT and connection failures, always.
// - Writes (put, delete, txn, compact) are retried ONLY when the failure proves the write never
//   entered the Raft log: the endpoint could not be reached at all, or the server answered
//   UNAVAILABLE / NOT_LEADER with details.proposed = false (e.g. "no leader known", raised before
//   proposing). A write that failed with TIMEOUT / DEADLINE_EXCEEDED, or whose connection broke
//   mid-call, may or may not have been applied: it is never retried, and the caller gets TIMEOUT
//   with details.outcome = "unknown" (read the key back, or make the write a txn that checks).
// - Membership changes follow the write rule; a NOT_LEADER that names the leader's address goes
//   to that endpoint if it is one of the client's.
//
// Each retry waits a bounded exponential backoff with jitter.
import { BerthError } from './errors.js';
import type { EndpointPool, Endpoint } from './endpoints.js';
import { fromGrpcError } from './grpc-errors.js';
import type { CompiledConnectOptions } from './options.js';

export type CallKind = 'read' | 'write' | 'member';

/** Whether a failed call of this kind may be sent again (to another endpoint). */
export function shouldRetry(kind: CallKind, err: BerthError): boolean {
  if (err.details['connected'] === false) return true;
  if (kind === 'read') return err.code === 'UNAVAILABLE' || err.code === 'NOT_LEADER' || err.code === 'TIMEOUT';
  return (err.code === 'UNAVAILABLE' || err.code === 'NOT_LEADER') && err.details['proposed'] === false;
}

/**
 * A write's failure as the caller should see it. When gRPC itself failed the call after it was
 * sent (the connection broke, the deadline passed), nobody can say whether the write was
 * applied: that is TIMEOUT with details.outcome "unknown". The server's own TIMEOUT already says so.
 */
export function writeOutcome(err: BerthError): BerthError {
  if (err.details['connected'] === false || err.details['grpcStatus'] === undefined) return err;
  if (err.code !== 'TIMEOUT' && err.code !== 'UNAVAILABLE' && err.code !== 'CANCELLED') return err;
  return new BerthError('TIMEOUT', `${err.message}; the write may or may not have been applied`, {
    details: { ...err.details, outcome: 'unknown' },
    cause: err,
  });
}

/** A NOT_LEADER the client cannot follow: say where the leader is, so the caller can go there. */
function notFollowed(err: BerthError): BerthError {
  const address = err.details['leaderAddress'];
  if (typeof address !== 'string') return err;
  return new BerthError(err.code, `${err.message}; it is at ${address}, which is not one of this client's endpoints`, {
    details: err.details,
    cause: err,
  });
}

/** Delay before retry number `retry` (0 for the first): doubling, capped, with jitter. */
export function backoffMs(retry: number, initialMs: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, initialMs * 2 ** Math.min(retry, 30));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Runs `attempt` on the current endpoint, and again on others while the failure allows it, up
 * to retry.maxAttempts in all. Throws the last error, as a BerthError.
 */
export async function withRetry<T>(
  pool: EndpointPool,
  opts: CompiledConnectOptions,
  kind: CallKind,
  attempt: (ep: Endpoint) => Promise<T>,
): Promise<T> {
  const { maxAttempts, initialBackoffMs, maxBackoffMs } = opts.retry;
  for (let n = 0; ; n++) {
    const index = pool.currentIndex();
    let err: BerthError;
    try {
      const ep = await pool.ready(index);
      return await attempt(ep);
    } catch (e) {
      err = fromGrpcError(e, pool.addresses[index] ?? '');
    }
    if (kind !== 'read') err = writeOutcome(err);
    if (!shouldRetry(kind, err) || n + 1 >= maxAttempts) throw err;
    const leader = err.code === 'NOT_LEADER' ? err.details['leaderAddress'] : undefined;
    if (kind === 'member' && err.code === 'NOT_LEADER' && !(typeof leader === 'string' && pool.addresses.includes(leader))) throw notFollowed(err);
    pool.advance(typeof leader === 'string' ? leader : undefined);
    await sleep(backoffMs(n, initialBackoffMs, maxBackoffMs));
  }
}
