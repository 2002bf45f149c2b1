// Proves the one error table at the server edge: each berth code gets its gRPC status, the code
// and details travel in trailing metadata so the SDK rebuilds the same BerthError, unknown errors
// become INTERNAL without their message, and statuses raised by gRPC itself map to codes too.
import { Metadata, status } from '@grpc/grpc-js';
import type { ServiceError } from '@grpc/grpc-js';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { BERTH_CODE_METADATA, BERTH_DETAILS_METADATA, BerthError, ERROR_CODES, InvalidError, invalidObject } from '../../client/index.js';
import type { ErrorCode } from '../../client/index.js';
import { fromGrpcError } from '../../client/grpc-errors.js';
import { GRPC_STATUS, MAX_ERROR_DETAILS_CHARS, MAX_ERROR_MESSAGE_CHARS, toErrorStatus } from '../../server/api/errors.js';
import { markNotProposed } from '../../server/api/respond.js';

const log = pino({ level: 'silent' });

/** What the SDK receives for a status the server sent. */
function received(st: ReturnType<typeof toErrorStatus>): ServiceError {
  return Object.assign(new Error(`${st.code} ${status[st.code]}: ${st.details}`), { code: st.code, details: st.details, metadata: st.metadata });
}

describe('the server table', () => {
  it('maps every code as the API documents', () => {
    const expected: Record<ErrorCode, status> = {
      INVALID_ARGUMENT: status.INVALID_ARGUMENT,
      NOT_FOUND: status.NOT_FOUND,
      ALREADY_EXISTS: status.ALREADY_EXISTS,
      CONFLICT: status.ABORTED,
      COMPACTED: status.OUT_OF_RANGE,
      TOO_LARGE: status.RESOURCE_EXHAUSTED,
      UNAVAILABLE: status.UNAVAILABLE,
      TIMEOUT: status.DEADLINE_EXCEEDED,
      NOT_LEADER: status.FAILED_PRECONDITION,
      WRONG_CLUSTER: status.FAILED_PRECONDITION,
      DATA_CORRUPT: status.DATA_LOSS,
      RESOURCE_EXHAUSTED: status.RESOURCE_EXHAUSTED,
      UNAUTHENTICATED: status.UNAUTHENTICATED,
      PERMISSION_DENIED: status.PERMISSION_DENIED,
      FAILED_PRECONDITION: status.FAILED_PRECONDITION,
      CANCELLED: status.CANCELLED,
      INTERNAL: status.INTERNAL,
    };
    expect(GRPC_STATUS).toEqual(expected);
  });

  it('sends the berth code and the details as ASCII JSON in trailing metadata', () => {
    const err = new BerthError('NOT_LEADER', 'membership changes go to the leader (r2)', { details: { leader: 'r2', note: 'é' } });
    const st = toErrorStatus(err, log, 'test');
    expect(st.code).toBe(status.FAILED_PRECONDITION);
    expect(st.details).toBe('membership changes go to the leader (r2)');
    expect(st.metadata.get(BERTH_CODE_METADATA)).toEqual(['NOT_LEADER']);
    const json = st.metadata.get(BERTH_DETAILS_METADATA)[0] as string;
    expect(json).toBe('{"leader":"r2","note":"\\u00e9"}');
    expect(JSON.parse(json)).toEqual({ leader: 'r2', note: 'é' });
  });

  it('hides the message of INTERNAL and of errors that are not BerthErrors, behind an id', () => {
    for (const err of [new TypeError('secret path /var/x'), new BerthError('INTERNAL', 'store invariant broken: secret')]) {
      const st = toErrorStatus(err, log, 'KV/Put');
      expect(st.code).toBe(status.INTERNAL);
      expect(st.details).toMatch(/^internal error in KV\/Put \(id [0-9a-f-]{36}\); the server log has the details$/);
      expect(st.details).not.toContain('secret');
      expect(st.metadata.get(BERTH_CODE_METADATA)).toEqual(['INTERNAL']);
    }
  });
});

describe('the SDK side', () => {
  it('rebuilds the same code, message and details for every code', () => {
    for (const code of ERROR_CODES.filter((c) => c !== 'INTERNAL')) {
      const sent = new BerthError(code, `a ${code} happened`, { details: { field: 'x', n: 3, ok: true } });
      const back = fromGrpcError(received(toErrorStatus(sent, log, 'test')), '127.0.0.1:7001');
      expect(back).toBeInstanceOf(BerthError);
      expect([back.code, back.message, back.details]).toEqual([code, `a ${code} happened`, { field: 'x', n: 3, ok: true }]);
    }
  });

  it('maps statuses raised by gRPC itself (no berth-code) by status code, naming the endpoint', () => {
    const grpcError = (code: status, details: string): ServiceError =>
      Object.assign(new Error(details), { code, details, metadata: new Metadata() });
    const down = fromGrpcError(grpcError(status.UNAVAILABLE, 'No connection established'), '10.0.0.1:7001');
    expect([down.code, down.message, down.details]).toEqual(['UNAVAILABLE', '10.0.0.1:7001: No connection established', { endpoint: '10.0.0.1:7001', grpcStatus: 14 }]);
    expect(fromGrpcError(grpcError(status.DEADLINE_EXCEEDED, 'Deadline exceeded'), 'h:1').code).toBe('TIMEOUT');
    expect(fromGrpcError(grpcError(status.UNIMPLEMENTED, 'unknown method'), 'h:1').code).toBe('INTERNAL');
  });

  it('ignores a berth-code it does not know and bad details JSON', () => {
    const md = new Metadata();
    md.set(BERTH_CODE_METADATA, 'NOT_A_CODE');
    const e = fromGrpcError(Object.assign(new Error('x'), { code: status.ABORTED, details: 'x', metadata: md }), 'h:1');
    expect(e.code).toBe('CONFLICT');
    const md2 = new Metadata();
    md2.set(BERTH_CODE_METADATA, 'CONFLICT');
    md2.set(BERTH_DETAILS_METADATA, '{not json');
    expect(fromGrpcError(Object.assign(new Error('x'), { code: status.ABORTED, details: 'x', metadata: md2 }), 'h:1').details).toEqual({});
  });
});

describe('writes that were never proposed', () => {
  it('marks a "no leader" UNAVAILABLE from RaftNode, and nothing else', () => {
    const noLeader = new BerthError('UNAVAILABLE', 'no leader is known to this replica', { details: { leader: '' } });
    expect((markNotProposed(noLeader) as BerthError).details).toEqual({ leader: '', proposed: false });
    const timeout = new BerthError('TIMEOUT', 'proposal not confirmed within 5000 ms; it may or may not have been applied');
    expect(markNotProposed(timeout)).toBe(timeout);
    const stopping = new BerthError('UNAVAILABLE', 'this replica is shutting down; retry on another');
    expect(markNotProposed(stopping)).toBe(stopping);
  });
});

describe('the bounds of an error on the wire', () => {
  it('sends well-formed, bounded messages and details, whatever the error quoted', () => {
    const causes = Array.from({ length: 2000 }, (_, i) => ({ field: `metadata.labels[k${i}]`, message: `must be a qualified name (got "${'x'.repeat(300)}")` }));
    const huge = invalidObject(causes, 'ConfigMap "c"');
    const st = toErrorStatus(huge, log, 'test');
    expect(st.details.length).toBeLessThanOrEqual(MAX_ERROR_MESSAGE_CHARS + 40);
    expect(st.details).toMatch(/more characters\)$/);
    const details = st.metadata.get(BERTH_DETAILS_METADATA)[0] as string;
    expect(details.length).toBeLessThanOrEqual(MAX_ERROR_DETAILS_CHARS);
    const back = fromGrpcError(received(st), '127.0.0.1:7001');
    expect(back).toBeInstanceOf(InvalidError);
    expect((back as InvalidError).causes.length).toBeGreaterThan(0);
    expect((back as InvalidError).causes[0]!.field).toBe('metadata.labels[k0]');

    const lone = toErrorStatus(new BerthError('INVALID_ARGUMENT', 'bad key \ud800 here'), log, 'test');
    expect(() => encodeURI(lone.details)).not.toThrow();
  });
});
