// Checks every field of every API request and turns the request into what the store takes. A
// refusal names the field (as the .proto spells it, under the request's name) and the rule, and
// shows the bad value: `range.limit: must be >= 0 (got -1)`. Keys under /_berth/ (the member
// table) and /registry/ (objects, which are validated by ObjectService) belong to berth itself:
// they can be read and watched through KV, never written.
import { BerthError, isWellFormed } from '../../client/index.js';
import type { Compare__Output } from '../../proto/gen/berth/v1/Compare.js';
import type { CompactRequest__Output } from '../../proto/gen/berth/v1/CompactRequest.js';
import type { DeleteRangeRequest__Output } from '../../proto/gen/berth/v1/DeleteRangeRequest.js';
import type { MemberAddRequest__Output } from '../../proto/gen/berth/v1/MemberAddRequest.js';
import type { PutRequest__Output } from '../../proto/gen/berth/v1/PutRequest.js';
import type { RangeRequest__Output } from '../../proto/gen/berth/v1/RangeRequest.js';
import type { RequestOp__Output } from '../../proto/gen/berth/v1/RequestOp.js';
import type { TxnRequest__Output } from '../../proto/gen/berth/v1/TxnRequest.js';
import type { WatchRequest__Output } from '../../proto/gen/berth/v1/WatchRequest.js';
import { RANGE_END_UNBOUNDED, compareKeys, prefixEnd } from '../store/index.js';
import type { Compare, CompareOp, DeleteOp, PutOp, RangeOp, RangeRequest, RequestOp, WatchRequest } from '../store/index.js';
import type { WriteCommand } from './backend.js';

/** Keys under this prefix are berth's own: readable and watchable, not writable through the API. */
export const RESERVED_PREFIX = '/_berth/';
/** Objects: written only through ObjectService, which validates them. */
export const OBJECTS_PREFIX = '/registry/';
const RESERVED: readonly string[] = [RESERVED_PREFIX, OBJECTS_PREFIX];

export interface ValidationLimits {
  readonly maxKeyBytes: number;
  readonly maxValueBytes: number;
  readonly maxTxnOps: number;
  readonly maxRangeLimit: number;
}

const encoder = new TextEncoder();

function invalid(field: string, rule: string): BerthError {
  return new BerthError('INVALID_ARGUMENT', `${field}: ${rule}`, { details: { field } });
}

function show(value: string): string {
  return JSON.stringify(value.length > 64 ? `${value.slice(0, 64)}...` : value);
}

function checkInt(field: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isSafeInteger(value)) throw invalid(field, `must be an integer (got ${String(value)})`);
  if (value < min) throw invalid(field, `must be >= ${min} (got ${value})`);
  if (value > max) throw invalid(field, `must be <= ${max} (got ${value})`);
  return value;
}

function checkKeyText(field: string, key: string, limits: ValidationLimits): void {
  // A lone surrogate has no UTF-8 form, and keys are stored as UTF-8.
  if (!isWellFormed(key)) throw invalid(field, 'must be valid Unicode (it has a lone surrogate)');
  const bytes = encoder.encode(key).length;
  if (bytes > limits.maxKeyBytes) {
    throw new BerthError('TOO_LARGE', `${field}: ${bytes} bytes is over the limit of ${limits.maxKeyBytes}`, {
      details: { field, bytes, limit: limits.maxKeyBytes },
    });
  }
}

function checkValue(field: string, value: Uint8Array, limits: ValidationLimits): void {
  if (value.length > limits.maxValueBytes) {
    throw new BerthError('TOO_LARGE', `${field}: ${value.length} bytes is over the limit of ${limits.maxValueBytes}`, {
      details: { field, bytes: value.length, limit: limits.maxValueBytes },
    });
  }
}

/** The keys a request names: one key, or [key, rangeEnd) ("\0": no end), which a prefix becomes. */
export interface KeySet {
  readonly key: string;
  readonly rangeEnd: string | undefined;
}

/** Checks key, range_end and prefix of a request at `path` and returns the keys they name. */
export function checkKeySet(path: string, req: { key: string; rangeEnd: string; prefix: boolean }, limits: ValidationLimits): KeySet {
  checkKeyText(`${path}.key`, req.key, limits);
  if (req.prefix) {
    if (req.rangeEnd !== '') throw invalid(`${path}.range_end`, 'cannot be combined with prefix (give one of them)');
    return { key: req.key, rangeEnd: prefixEnd(req.key) };
  }
  if (req.rangeEnd === '') {
    if (req.key === '') throw invalid(`${path}.key`, 'must not be empty');
    return { key: req.key, rangeEnd: undefined };
  }
  checkKeyText(`${path}.range_end`, req.rangeEnd, limits);
  if (req.rangeEnd !== RANGE_END_UNBOUNDED && compareKeys(req.rangeEnd, req.key) <= 0) {
    throw invalid(`${path}.range_end`, `must be after key (got range_end ${show(req.rangeEnd)}, key ${show(req.key)})`);
  }
  return { key: req.key, rangeEnd: req.rangeEnd };
}


/** The reserved prefix a key or range reaches into, if any. */
export function touchesReserved(keys: KeySet): string | undefined {
  for (const prefix of RESERVED) {
    if (keys.rangeEnd === undefined) {
      if (keys.key.startsWith(prefix)) return prefix;
      continue;
    }
    const startsBeforeEnd = compareKeys(keys.key, prefixEnd(prefix)) < 0;
    const endsAfterStart = keys.rangeEnd === RANGE_END_UNBOUNDED || compareKeys(keys.rangeEnd, prefix) > 0;
    if (startsBeforeEnd && endsAfterStart) return prefix;
  }
  return undefined;
}

/** Refuses a write to any key under a reserved prefix. */
function checkWritable(path: string, keys: KeySet): void {
  const reserved = touchesReserved(keys);
  if (reserved === undefined) return;
  const what = keys.rangeEnd === undefined ? `key ${show(keys.key)} is` : 'the range includes keys that are';
  const why = reserved === OBJECTS_PREFIX ? 'which holds objects: write them with the object API (berth apply)' : 'which is reserved for berth itself (read-only)';
  throw new BerthError('PERMISSION_DENIED', `${path}: ${what} under ${reserved}, ${why}`, {
    details: { field: path, reserved },
  });
}

export interface ValidRange {
  readonly request: RangeRequest;
  readonly serializable: boolean;
}

export function validateRange(req: RangeRequest__Output, limits: ValidationLimits, path = 'range'): ValidRange {
  const keys = checkKeySet(path, req, limits);
  const limit = checkInt(`${path}.limit`, req.limit, 0, limits.maxRangeLimit);
  const revision = checkInt(`${path}.revision`, req.revision, 0);
  if (req.continueAfter !== '') {
    if (keys.rangeEnd === undefined) throw invalid(`${path}.continue_after`, 'only applies to a range or a prefix');
    checkKeyText(`${path}.continue_after`, req.continueAfter, limits);
  }
  const request: RangeRequest = {
    key: keys.key,
    ...(req.prefix ? { prefix: true } : keys.rangeEnd !== undefined ? { rangeEnd: keys.rangeEnd } : {}),
    ...(limit > 0 ? { limit } : {}),
    ...(revision > 0 ? { revision } : {}),
    ...(req.continueAfter !== '' ? { continueAfter: req.continueAfter } : {}),
  };
  return { request, serializable: req.serializable };
}

export function validatePut(req: PutRequest__Output, limits: ValidationLimits, path = 'put'): PutOp {
  checkKeyText(`${path}.key`, req.key, limits);
  if (req.key === '') throw invalid(`${path}.key`, 'must not be empty');
  checkWritable(`${path}.key`, { key: req.key, rangeEnd: undefined });
  checkValue(`${path}.value`, req.value, limits);
  return { type: 'put', key: req.key, value: new Uint8Array(req.value), ...(req.prevKv ? { prevKv: true } : {}) };
}

export function validateDeleteRange(req: DeleteRangeRequest__Output, limits: ValidationLimits, path = 'delete_range'): DeleteOp {
  const keys = checkKeySet(path, req, limits);
  checkWritable(path, keys);
  return {
    type: 'delete',
    key: keys.key,
    ...(keys.rangeEnd !== undefined ? { rangeEnd: keys.rangeEnd } : {}),
    ...(req.prevKv ? { prevKv: true } : {}),
  };
}

const COMPARE_OPS: Readonly<Record<string, CompareOp>> = { EQUAL: '=', NOT_EQUAL: '!=', LESS: '<', GREATER: '>' };
const NUMBER_TARGETS = { MOD_REVISION: 'modRevision', CREATE_REVISION: 'createRevision', VERSION: 'version' } as const;

function needOperand(path: string, c: Compare__Output, operand: 'value' | 'number' | 'exists'): void {
  if (c.operand !== operand) {
    throw invalid(`${path}.${operand}`, `must be set for target ${c.target}${c.operand ? ` (got ${c.operand})` : ''}`);
  }
}

export function validateCompare(c: Compare__Output, limits: ValidationLimits, path: string): Compare {
  checkKeyText(`${path}.key`, c.key, limits);
  if (c.key === '') throw invalid(`${path}.key`, 'must not be empty');
  const op = COMPARE_OPS[c.op];
  if (op === undefined) throw invalid(`${path}.op`, `must be one of EQUAL, NOT_EQUAL, LESS, GREATER (got ${c.op})`);
  switch (c.target) {
    case 'VALUE':
      needOperand(path, c, 'value');
      checkValue(`${path}.value`, c.value ?? new Uint8Array(), limits);
      return { key: c.key, target: 'value', op, value: new Uint8Array(c.value ?? []) };
    case 'MOD_REVISION':
    case 'CREATE_REVISION':
    case 'VERSION':
      needOperand(path, c, 'number');
      return { key: c.key, target: NUMBER_TARGETS[c.target], op, value: checkInt(`${path}.number`, c.number ?? 0, 0) };
    case 'EXISTS':
      needOperand(path, c, 'exists');
      if (op !== '=') throw invalid(`${path}.op`, `must be EQUAL for target EXISTS (got ${c.op})`);
      return { key: c.key, target: 'exists', op, value: c.exists === true };
    default:
      throw invalid(`${path}.target`, `must be one of VALUE, MOD_REVISION, CREATE_REVISION, VERSION, EXISTS (got ${c.target})`);
  }
}

/** A range inside a txn reads the txn's own state: no revision, paging or stale reads. */
function validateTxnRange(req: RangeRequest__Output, limits: ValidationLimits, path: string): RangeOp {
  if (req.revision !== 0) throw invalid(`${path}.revision`, `is not allowed inside a txn (got ${req.revision})`);
  if (req.continueAfter !== '') throw invalid(`${path}.continue_after`, 'is not allowed inside a txn');
  if (req.serializable) throw invalid(`${path}.serializable`, 'is not allowed inside a txn');
  const keys = checkKeySet(path, req, limits);
  const limit = checkInt(`${path}.limit`, req.limit, 0, limits.maxRangeLimit);
  return {
    type: 'range',
    key: keys.key,
    ...(keys.rangeEnd !== undefined ? { rangeEnd: keys.rangeEnd } : {}),
    ...(limit > 0 ? { limit } : {}),
  };
}

export function validateRequestOp(op: RequestOp__Output, limits: ValidationLimits, path: string): RequestOp {
  if (op.op === 'range' && op.range) return validateTxnRange(op.range, limits, `${path}.range`);
  if (op.op === 'put' && op.put) return validatePut(op.put, limits, `${path}.put`);
  if (op.op === 'deleteRange' && op.deleteRange) return validateDeleteRange(op.deleteRange, limits, `${path}.delete_range`);
  throw invalid(path, 'must set one of range, put, delete_range');
}

function checkCount(field: string, n: number, limits: ValidationLimits): void {
  if (n > limits.maxTxnOps) {
    throw new BerthError('TOO_LARGE', `${field}: ${n} entries is over the limit of ${limits.maxTxnOps}`, {
      details: { field, count: n, limit: limits.maxTxnOps },
    });
  }
}

export function validateTxn(req: TxnRequest__Output, limits: ValidationLimits): Extract<WriteCommand, { type: 'txn' }> {
  checkCount('txn.compares', req.compares.length, limits);
  checkCount('txn.success', req.success.length, limits);
  checkCount('txn.failure', req.failure.length, limits);
  return {
    type: 'txn',
    compare: req.compares.map((c, i) => validateCompare(c, limits, `txn.compares[${i}]`)),
    success: req.success.map((op, i) => validateRequestOp(op, limits, `txn.success[${i}]`)),
    failure: req.failure.map((op, i) => validateRequestOp(op, limits, `txn.failure[${i}]`)),
  };
}

export function validateCompact(req: CompactRequest__Output): Extract<WriteCommand, { type: 'compact' }> {
  return { type: 'compact', revision: checkInt('compact.revision', req.revision, 1) };
}

export interface ValidWatch {
  /** The store's watch request, without fromRevision (the service fixes it when the watch opens). */
  readonly request: Omit<WatchRequest, 'fromRevision'>;
  /** 0: from now on. */
  readonly startRevision: number;
}

export function validateWatch(req: WatchRequest__Output, limits: ValidationLimits): ValidWatch {
  const keys = checkKeySet('watch', req, limits);
  const startRevision = checkInt('watch.start_revision', req.startRevision, 0);
  const request: Omit<WatchRequest, 'fromRevision'> = {
    key: keys.key,
    ...(req.prefix ? { prefix: true } : keys.rangeEnd !== undefined ? { rangeEnd: keys.rangeEnd } : {}),
    ...(req.prevKv ? { prevKv: true } : {}),
  };
  return { request, startRevision };
}

// ---- ClusterService -------------------------------------------------------------------------

/** Replica ids are DNS-1123 labels, as RaftNodeOptions.id requires. */
const MEMBER_ID = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
/** host:port, the host a name, an IPv4 address or a bracketed IPv6 address. */
const ADDRESS = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/;

export function validateMemberId(field: string, id: string): string {
  if (!MEMBER_ID.test(id)) throw invalid(field, `must be a DNS-1123 label like "r4" (got ${show(id)})`);
  return id;
}

export function validateAddress(field: string, address: string): string {
  const m = ADDRESS.exec(address);
  const port = m === null ? NaN : Number(m[2]);
  if (m === null || port < 1 || port > 65535) throw invalid(field, `must be host:port with a port in 1..65535 (got ${show(address)})`);
  return address;
}

export function validateMemberAdd(req: MemberAddRequest__Output): { id: string; address: string } {
  return { id: validateMemberId('member_add.id', req.id), address: validateAddress('member_add.address', req.address) };
}
