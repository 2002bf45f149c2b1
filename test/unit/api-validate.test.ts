// Proves that the API refuses every bad request field with a message that names the field (as
// the .proto spells it) and the rule, that keys under /_berth/ can be read but never written,
// and that good requests become the store requests they mean.
import { describe, expect, it } from 'vitest';
import { BerthError } from '../../client/index.js';
import type { Compare__Output } from '../../proto/gen/berth/v1/Compare.js';
import type { DeleteRangeRequest__Output } from '../../proto/gen/berth/v1/DeleteRangeRequest.js';
import type { PutRequest__Output } from '../../proto/gen/berth/v1/PutRequest.js';
import type { RangeRequest__Output } from '../../proto/gen/berth/v1/RangeRequest.js';
import type { RequestOp__Output } from '../../proto/gen/berth/v1/RequestOp.js';
import type { WatchRequest__Output } from '../../proto/gen/berth/v1/WatchRequest.js';
import {
  touchesReserved,
  validateAddress,
  validateCompact,
  validateCompare,
  validateDeleteRange,
  validateMemberAdd,
  validatePut,
  validateRange,
  validateTxn,
  validateWatch,
} from '../../server/api/validate.js';
import type { ValidationLimits } from '../../server/api/validate.js';

const limits: ValidationLimits = { maxKeyBytes: 32, maxValueBytes: 1_572_864, maxTxnOps: 2, maxRangeLimit: 100 };

// Requests as proto-loader decodes them (defaults: true): every field present.
const range = (r: Partial<RangeRequest__Output>): RangeRequest__Output => ({
  key: '',
  rangeEnd: '',
  prefix: false,
  limit: 0,
  revision: 0,
  continueAfter: '',
  serializable: false,
  ...r,
});
const put = (r: Partial<PutRequest__Output>): PutRequest__Output => ({ key: '', value: Buffer.alloc(0), prevKv: false, ...r });
const del = (r: Partial<DeleteRangeRequest__Output>): DeleteRangeRequest__Output => ({ key: '', rangeEnd: '', prefix: false, prevKv: false, ...r });
const watch = (r: Partial<WatchRequest__Output>): WatchRequest__Output => ({ key: '', rangeEnd: '', prefix: false, startRevision: 0, prevKv: false, ...r });
const compare = (c: Partial<Compare__Output>): Compare__Output => ({ key: 'k', target: 'VERSION', op: 'EQUAL', ...c });

/** The error `fn` throws, which must be a BerthError. */
function refusal(fn: () => unknown): BerthError {
  try {
    fn();
  } catch (err) {
    if (err instanceof BerthError) return err;
    throw err;
  }
  throw new Error('expected a refusal, but the request was accepted');
}

describe('range', () => {
  it('names the field and the rule, with the bad value', () => {
    expect(refusal(() => validateRange(range({ key: 'a', limit: -1 }), limits)).message).toBe('range.limit: must be >= 0 (got -1)');
    expect(refusal(() => validateRange(range({ key: 'a', limit: 101 }), limits)).message).toBe('range.limit: must be <= 100 (got 101)');
    expect(refusal(() => validateRange(range({ key: 'a', revision: -5 }), limits)).message).toBe('range.revision: must be >= 0 (got -5)');
    expect(refusal(() => validateRange(range({}), limits)).message).toBe('range.key: must not be empty');
  });

  it('carries the code and the field in details', () => {
    const err = refusal(() => validateRange(range({ key: 'a', limit: -1 }), limits));
    expect(err.code).toBe('INVALID_ARGUMENT');
    expect(err.details).toEqual({ field: 'range.limit' });
  });

  it('refuses prefix with range_end, a range_end not after key, and continue_after on one key', () => {
    expect(refusal(() => validateRange(range({ key: 'a', prefix: true, rangeEnd: 'b' }), limits)).message).toBe(
      'range.range_end: cannot be combined with prefix (give one of them)',
    );
    expect(refusal(() => validateRange(range({ key: 'b', rangeEnd: 'a' }), limits)).message).toBe(
      'range.range_end: must be after key (got range_end "a", key "b")',
    );
    expect(refusal(() => validateRange(range({ key: 'a', continueAfter: 'a' }), limits)).message).toBe(
      'range.continue_after: only applies to a range or a prefix',
    );
  });

  it('refuses a key over the size limit as TOO_LARGE, and a lone surrogate', () => {
    const big = refusal(() => validateRange(range({ key: 'x'.repeat(33) }), limits));
    expect(big.code).toBe('TOO_LARGE');
    expect(big.message).toBe('range.key: 33 bytes is over the limit of 32');
    expect(refusal(() => validateRange(range({ key: 'a\uD800' }), limits)).message).toMatch(/^range\.key: must be valid Unicode/);
  });

  it('turns a request into the store request, with serializable apart', () => {
    expect(validateRange(range({ key: 'a', prefix: true, limit: 5, serializable: true }), limits)).toEqual({
      request: { key: 'a', prefix: true, limit: 5 },
      serializable: true,
    });
    expect(validateRange(range({ key: 'a', rangeEnd: '\0', revision: 7, continueAfter: 'b' }), limits)).toEqual({
      request: { key: 'a', rangeEnd: '\0', revision: 7, continueAfter: 'b' },
      serializable: false,
    });
  });

  it('allows reads of the reserved keys', () => {
    expect(validateRange(range({ key: '/_berth/', prefix: true }), limits).request.key).toBe('/_berth/');
  });
});

describe('put', () => {
  it('refuses an empty key and an oversized value with the sizes in the message', () => {
    expect(refusal(() => validatePut(put({}), limits)).message).toBe('put.key: must not be empty');
    const big = refusal(() => validatePut(put({ key: 'k', value: Buffer.alloc(2_000_000) }), limits));
    expect(big.code).toBe('TOO_LARGE');
    expect(big.message).toBe('put.value: 2000000 bytes is over the limit of 1572864');
    expect(big.details).toEqual({ field: 'put.value', bytes: 2_000_000, limit: 1_572_864 });
  });

  it('refuses writes under /_berth/ with PERMISSION_DENIED', () => {
    const err = refusal(() => validatePut(put({ key: '/_berth/members/r9', value: Buffer.from('x') }), limits));
    expect(err.code).toBe('PERMISSION_DENIED');
    expect(err.message).toBe('put.key: key "/_berth/members/r9" is under /_berth/, which is reserved for berth itself (read-only)');
  });

  it('turns a request into a put op', () => {
    expect(validatePut(put({ key: 'k', value: Buffer.from('v'), prevKv: true }), limits)).toEqual({
      type: 'put',
      key: 'k',
      value: new Uint8Array([0x76]),
      prevKv: true,
    });
  });
});

describe('delete_range', () => {
  it('refuses ranges that reach into /_berth/, including a delete of everything', () => {
    expect(refusal(() => validateDeleteRange(del({ key: '', prefix: true }), limits)).code).toBe('PERMISSION_DENIED');
    expect(refusal(() => validateDeleteRange(del({ key: '/', prefix: true }), limits)).code).toBe('PERMISSION_DENIED');
    expect(refusal(() => validateDeleteRange(del({ key: '/_b', rangeEnd: '/_c' }), limits)).message).toBe(
      'delete_range: the range includes keys that are under /_berth/, which is reserved for berth itself (read-only)',
    );
  });

  it('accepts ranges beside /_berth/ and turns a prefix into a range end', () => {
    expect(validateDeleteRange(del({ key: 'app/', prefix: true }), limits)).toEqual({ type: 'delete', key: 'app/', rangeEnd: 'app0' });
    expect(validateDeleteRange(del({ key: '/0', rangeEnd: '/_berth/' }), limits)).toEqual({ type: 'delete', key: '/0', rangeEnd: '/_berth/' });
  });

  it('decides overlap with the reserved prefix exactly at its edges', () => {
    expect(touchesReserved({ key: '/_berth/', rangeEnd: undefined })).toBe('/_berth/');
    expect(touchesReserved({ key: '/_berth', rangeEnd: undefined })).toBeUndefined();
    expect(touchesReserved({ key: '/_berth0', rangeEnd: '/a' })).toBeUndefined();
    expect(touchesReserved({ key: '/_berth0', rangeEnd: '\0' })).toBe('/registry/');
    expect(touchesReserved({ key: '/_berth/z', rangeEnd: '\0' })).toBe('/_berth/');
    expect(touchesReserved({ key: '/', rangeEnd: '/_berth/' })).toBeUndefined();
    expect(touchesReserved({ key: '/', rangeEnd: '/_berth/a' })).toBe('/_berth/');
    expect(touchesReserved({ key: '/registry/pods/default/web', rangeEnd: undefined })).toBe('/registry/');
  });
});

describe('txn', () => {
  const op = (o: RequestOp__Output): RequestOp__Output => o;

  it('names the compare, and which operand its target needs', () => {
    expect(refusal(() => validateCompare(compare({ target: 'TARGET_UNSPECIFIED', number: 1, operand: 'number' }), limits, 'txn.compares[0]')).message).toBe(
      'txn.compares[0].target: must be one of VALUE, MOD_REVISION, CREATE_REVISION, VERSION, EXISTS (got TARGET_UNSPECIFIED)',
    );
    expect(refusal(() => validateCompare(compare({ target: 'VALUE', exists: true, operand: 'exists' }), limits, 'txn.compares[1]')).message).toBe(
      'txn.compares[1].value: must be set for target VALUE (got exists)',
    );
    expect(refusal(() => validateCompare(compare({ target: 'EXISTS', op: 'LESS', exists: true, operand: 'exists' }), limits, 'c')).message).toBe(
      'c.op: must be EQUAL for target EXISTS (got LESS)',
    );
    expect(refusal(() => validateCompare(compare({ op: 'OPERATOR_UNSPECIFIED', number: 1, operand: 'number' }), limits, 'c')).message).toBe(
      'c.op: must be one of EQUAL, NOT_EQUAL, LESS, GREATER (got OPERATOR_UNSPECIFIED)',
    );
    expect(refusal(() => validateCompare(compare({ number: -1, operand: 'number' }), limits, 'c')).message).toBe('c.number: must be >= 0 (got -1)');
  });

  it('turns compares into the store compares', () => {
    expect(validateCompare(compare({ target: 'MOD_REVISION', op: 'LESS', number: 9, operand: 'number' }), limits, 'c')).toEqual({
      key: 'k',
      target: 'modRevision',
      op: '<',
      value: 9,
    });
    expect(validateCompare(compare({ target: 'EXISTS', exists: false, operand: 'exists' }), limits, 'c')).toEqual({ key: 'k', target: 'exists', op: '=', value: false });
  });

  it('names the op by branch and index, and refuses reads with a revision inside a txn', () => {
    const txn = { compares: [], success: [op({ put: { key: '/_berth/x', value: Buffer.from(''), prevKv: false }, op: 'put' })], failure: [] };
    expect(refusal(() => validateTxn(txn, limits)).message).toMatch(/^txn\.success\[0\]\.put\.key: key "\/_berth\/x" is under \/_berth\//);
    const read = op({ range: range({ key: 'a', revision: 3 }), op: 'range' });
    expect(refusal(() => validateTxn({ compares: [], success: [], failure: [read] }, limits)).message).toBe(
      'txn.failure[0].range.revision: is not allowed inside a txn (got 3)',
    );
    expect(refusal(() => validateTxn({ compares: [], success: [op({})], failure: [] }, limits)).message).toBe(
      'txn.success[0]: must set one of range, put, delete_range',
    );
  });

  it('bounds the compares and each branch by maxTxnOps', () => {
    const c = compare({ number: 1, operand: 'number' });
    const err = refusal(() => validateTxn({ compares: [c, c, c], success: [], failure: [] }, limits));
    expect(err.code).toBe('TOO_LARGE');
    expect(err.message).toBe('txn.compares: 3 entries is over the limit of 2');
    expect(validateTxn({ compares: [c, c], success: [], failure: [] }, limits).compare).toHaveLength(2);
  });
});

describe('compact and watch', () => {
  it('needs a compaction revision >= 1', () => {
    expect(refusal(() => validateCompact({ revision: 0 })).message).toBe('compact.revision: must be >= 1 (got 0)');
    expect(validateCompact({ revision: 4 })).toEqual({ type: 'compact', revision: 4 });
  });

  it('checks the watch start revision and key set, and allows watching /_berth/', () => {
    expect(refusal(() => validateWatch(watch({ key: 'a', startRevision: -1 }), limits)).message).toBe('watch.start_revision: must be >= 0 (got -1)');
    expect(refusal(() => validateWatch(watch({}), limits)).message).toBe('watch.key: must not be empty');
    expect(validateWatch(watch({ key: '/_berth/', prefix: true, startRevision: 3, prevKv: true }), limits)).toEqual({
      request: { key: '/_berth/', prefix: true, prevKv: true },
      startRevision: 3,
    });
  });
});

describe('members', () => {
  it('needs a DNS-1123 id and a host:port address', () => {
    expect(refusal(() => validateMemberAdd({ id: 'R_4', address: '127.0.0.1:7004' })).message).toBe('member_add.id: must be a DNS-1123 label like "r4" (got "R_4")');
    expect(refusal(() => validateMemberAdd({ id: 'r4', address: 'localhost' })).message).toBe(
      'member_add.address: must be host:port with a port in 1..65535 (got "localhost")',
    );
    expect(refusal(() => validateAddress('a', 'h:70000')).message).toBe('a: must be host:port with a port in 1..65535 (got "h:70000")');
    expect(validateMemberAdd({ id: 'r4', address: '[::1]:7004' })).toEqual({ id: 'r4', address: '[::1]:7004' });
  });
});
