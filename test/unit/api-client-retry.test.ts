// Proves the SDK's retry rules: reads are retried on any transient failure; writes only when the
// failure proves the write never entered the Raft log; a write whose outcome is unknown surfaces
// as TIMEOUT and is not retried; backoff doubles within its bounds; connect() options are checked.
import { describe, expect, it } from 'vitest';
import { BerthError, connect } from '../../client/index.js';
import { backoffMs, shouldRetry, writeOutcome } from '../../client/retry.js';

const err = (code: BerthError['code'], details: Record<string, string | number | boolean> = {}): BerthError => new BerthError(code, 'x', { details });

describe('shouldRetry', () => {
  it('retries reads on UNAVAILABLE, NOT_LEADER, TIMEOUT and connection failures, not on answers', () => {
    for (const code of ['UNAVAILABLE', 'NOT_LEADER', 'TIMEOUT'] as const) expect(shouldRetry('read', err(code))).toBe(true);
    for (const code of ['INVALID_ARGUMENT', 'NOT_FOUND', 'COMPACTED', 'PERMISSION_DENIED', 'INTERNAL'] as const) {
      expect(shouldRetry('read', err(code))).toBe(false);
    }
  });

  it('retries writes only when they provably did not happen', () => {
    expect(shouldRetry('write', err('UNAVAILABLE', { connected: false }))).toBe(true);
    expect(shouldRetry('write', err('UNAVAILABLE', { leader: '', proposed: false }))).toBe(true);
    expect(shouldRetry('write', err('UNAVAILABLE'))).toBe(false);
    expect(shouldRetry('write', err('UNAVAILABLE', { grpcStatus: 14 }))).toBe(false);
    expect(shouldRetry('write', err('TIMEOUT'))).toBe(false);
    expect(shouldRetry('write', err('TIMEOUT', { proposed: false }))).toBe(false);
  });

  it('retries membership changes refused by a follower before anything happened', () => {
    expect(shouldRetry('member', err('NOT_LEADER', { leader: 'r2', leaderAddress: 'h:2', proposed: false }))).toBe(true);
    expect(shouldRetry('member', err('NOT_LEADER', { leader: 'r2' }))).toBe(false);
  });
});

describe('writeOutcome', () => {
  it('turns a transport failure after sending into TIMEOUT with an unknown outcome', () => {
    const broke = writeOutcome(new BerthError('UNAVAILABLE', 'h:1: Connection dropped', { details: { endpoint: 'h:1', grpcStatus: 14 } }));
    expect(broke.code).toBe('TIMEOUT');
    expect(broke.message).toBe('h:1: Connection dropped; the write may or may not have been applied');
    expect(broke.details['outcome']).toBe('unknown');
    expect(writeOutcome(err('TIMEOUT', { grpcStatus: 4 })).details['outcome']).toBe('unknown');
  });

  it("leaves the server's own answers and connection refusals alone", () => {
    const refused = err('UNAVAILABLE', { connected: false });
    expect(writeOutcome(refused)).toBe(refused);
    const serverTimeout = err('TIMEOUT');
    expect(writeOutcome(serverTimeout)).toBe(serverTimeout);
    const invalid = err('INVALID_ARGUMENT', { grpcStatus: 3 });
    expect(writeOutcome(invalid)).toBe(invalid);
  });
});

describe('backoffMs', () => {
  it('doubles from the initial delay, with jitter in its upper half, up to the maximum', () => {
    expect(backoffMs(0, 50, 2000, () => 0)).toBe(25);
    expect(backoffMs(0, 50, 2000, () => 1)).toBe(50);
    expect(backoffMs(3, 50, 2000, () => 1)).toBe(400);
    expect(backoffMs(20, 50, 2000, () => 1)).toBe(2000);
    expect(backoffMs(1000, 50, 2000, () => 0)).toBe(1000);
  });
});

describe('connect options', () => {
  it('names the bad option', () => {
    expect(() => connect({ endpoints: [] })).toThrow('connect.endpoints: must list at least one host:port (got [])');
    expect(() => connect({ endpoints: ['localhost'] })).toThrow('connect.endpoints[0]: must be host:port (got "localhost")');
    expect(() => connect({ endpoints: ['h:1'], timeoutMs: 0 })).toThrow('connect.timeoutMs: must be an integer >= 1 (got 0)');
    expect(() => connect({ endpoints: ['h:1'], retry: { initialBackoffMs: 100, maxBackoffMs: 10 } })).toThrow(
      'connect.retry.maxBackoffMs: must be >= retry.initialBackoffMs (100) (got 10)',
    );
  });

  it('fills the documented defaults and opens no connection', () => {
    const client = connect({ endpoints: ['127.0.0.1:1', '127.0.0.1:1', '127.0.0.1:2'] });
    expect(client.options.endpoints).toEqual(['127.0.0.1:1', '127.0.0.1:2']);
    expect(client.options.timeoutMs).toBe(15_000);
    expect(client.options.retry).toEqual({ maxAttempts: 5, initialBackoffMs: 50, maxBackoffMs: 2000 });
    client.close();
  });
});
