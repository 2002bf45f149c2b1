// Checks of a decoded command that do not depend on the store's state: sizes, keys, txn shape.
// Every replica runs them when it applies the entry (so a bad proposal becomes the same error
// result everywhere); the API layer runs the same function before proposing.
import { BerthError } from '../../client/index.js';
import { invalid } from './errors.js';
import type { KeySpan } from './keys.js';
import { isWellFormed, spanOf, spansOverlap } from './keys.js';
import type { CompiledStoreOptions } from './options.js';
import type { Command, Compare, RequestOp } from './types.js';

function utf8Length(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

function checkKey(field: string, key: string, mayBeEmpty: boolean, opts: CompiledStoreOptions): void {
  if (typeof key !== 'string') throw invalid(field, 'must be a string');
  if (key.length === 0 && !mayBeEmpty) throw invalid(field, 'must not be empty');
  if (!isWellFormed(key)) throw invalid(field, 'must be well-formed Unicode (it has a lone surrogate)');
  // A UTF-16 code unit takes at most 3 UTF-8 bytes: short keys need no count.
  const n = key.length * 3 <= opts.maxKeyBytes ? 0 : utf8Length(key);
  if (n > opts.maxKeyBytes) {
    throw new BerthError('TOO_LARGE', `${field}: key of ${n} bytes is over the limit of ${opts.maxKeyBytes} bytes (maxKeyBytes)`, {
      details: { field, bytes: n, limit: opts.maxKeyBytes },
    });
  }
}

/** Key and rangeEnd of a single key or a range ('' starts a range at the first key). */
export function checkSpan(field: string, key: string, rangeEnd: string | undefined, opts: CompiledStoreOptions): KeySpan {
  checkKey(`${field}.key`, key, rangeEnd !== undefined, opts);
  if (rangeEnd !== undefined) checkKey(`${field}.rangeEnd`, rangeEnd, false, opts);
  return spanOf(key, rangeEnd);
}

export function checkRevision(field: string, n: unknown): number {
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
    throw invalid(field, `must be an integer >= 0 (got ${String(n)})`);
  }
  return n;
}

function checkValueSize(field: string, key: string, value: Uint8Array, opts: CompiledStoreOptions): void {
  if (!(value instanceof Uint8Array)) throw invalid(field, 'must be a Uint8Array');
  if (value.length > opts.maxRequestBytes) {
    throw new BerthError(
      'TOO_LARGE',
      `put ${key}: value of ${value.length} bytes is over the limit of ${opts.maxRequestBytes} bytes (maxRequestBytes)`,
      { details: { key, bytes: value.length, limit: opts.maxRequestBytes } },
    );
  }
}

function checkOp(field: string, op: RequestOp, opts: CompiledStoreOptions): void {
  switch (op.type) {
    case 'put':
      checkKey(`${field}.key`, op.key, false, opts);
      checkValueSize(`${field}.value`, op.key, op.value, opts);
      return;
    case 'delete':
      checkSpan(field, op.key, op.rangeEnd, opts);
      return;
    case 'range':
      checkSpan(field, op.key, op.rangeEnd, opts);
      if (op.limit !== undefined && (checkRevision(`${field}.limit`, op.limit) > opts.maxRangeLimit)) {
        throw invalid(`${field}.limit`, `must be at most ${opts.maxRangeLimit} (maxRangeLimit), got ${op.limit}`);
      }
      return;
    default:
      throw invalid(`${field}.type`, `unknown op ${JSON.stringify((op as { type: unknown }).type)}`);
  }
}

function checkCompare(field: string, c: Compare, opts: CompiledStoreOptions): void {
  checkKey(`${field}.key`, c.key, false, opts);
  if (c.target === 'exists') {
    const op: string = c.op;
    if (op !== '=') throw invalid(`${field}.op`, `compare on "exists" takes "=" only (got ${JSON.stringify(op)})`);
    if (typeof c.value !== 'boolean') throw invalid(`${field}.value`, 'must be a boolean for target "exists"');
  } else if (c.target === 'value') {
    if (!(c.value instanceof Uint8Array)) throw invalid(`${field}.value`, 'must be a Uint8Array for target "value"');
  } else {
    checkRevision(`${field}.value`, c.value);
  }
}

/**
 * A branch may not write a key twice, nor put a key it also deletes: the outcome would depend on
 * the order of its ops, while all changes of a txn share one revision. Deletes may overlap.
 */
function checkBranch(field: string, ops: readonly RequestOp[], opts: CompiledStoreOptions): void {
  if (!Array.isArray(ops)) throw invalid(field, 'must be an array');
  if (ops.length > opts.maxTxnOps) throw invalid(field, `has ${ops.length} ops, over the limit of ${opts.maxTxnOps} (maxTxnOps)`);
  ops.forEach((op, i) => checkOp(`${field}[${i}]`, op, opts));
  const puts = new Set<string>();
  const deletes: KeySpan[] = [];
  for (const op of ops) {
    if (op.type === 'delete') deletes.push(spanOf(op.key, op.rangeEnd));
    if (op.type !== 'put') continue;
    if (puts.has(op.key)) throw invalid(field, `puts ${op.key} twice`);
    puts.add(op.key);
  }
  for (const key of puts) {
    const put = spanOf(key, undefined);
    if (deletes.some((d) => spansOverlap(d, put))) throw invalid(field, `both puts and deletes ${key}`);
  }
}

/**
 * Checks what can be checked without the store's state. Throws INVALID_ARGUMENT or TOO_LARGE.
 * `encodedBytes` is the size of the encoded command, when known.
 */
export function checkCommand(cmd: Command, opts: CompiledStoreOptions, encodedBytes?: number): void {
  switch (cmd.type) {
    case 'put':
      checkOp('put', cmd, opts);
      break;
    case 'delete':
      checkOp('delete', cmd, opts);
      break;
    case 'txn':
      if (!Array.isArray(cmd.compare)) throw invalid('txn.compare', 'must be an array');
      if (cmd.compare.length > opts.maxTxnOps) {
        throw invalid('txn.compare', `has ${cmd.compare.length} compares, over the limit of ${opts.maxTxnOps} (maxTxnOps)`);
      }
      cmd.compare.forEach((c, i) => checkCompare(`txn.compare[${i}]`, c, opts));
      checkBranch('txn.success', cmd.success, opts);
      checkBranch('txn.failure', cmd.failure, opts);
      break;
    case 'compact':
      if (checkRevision('compact.revision', cmd.revision) === 0) throw invalid('compact.revision', 'must be at least 1');
      break;
    default:
      throw invalid('command.type', `unknown command ${JSON.stringify((cmd as { type: unknown }).type)}`);
  }
  if (encodedBytes !== undefined && encodedBytes > opts.maxRequestBytes) {
    throw new BerthError(
      'TOO_LARGE',
      `${cmd.type} command of ${encodedBytes} bytes is over the limit of ${opts.maxRequestBytes} bytes (maxRequestBytes)`,
      { details: { bytes: encodedBytes, limit: opts.maxRequestBytes } },
    );
  }
}
