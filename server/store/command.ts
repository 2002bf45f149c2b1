// The binary codec of store commands, the data of Raft entries. Every replica decodes every
// entry, so the codec is compact and cheap: a format byte, a kind byte, the request id, then the
// fields in a fixed order with varint lengths. The request id comes first so that an entry whose
// body is damaged can still be matched to the request that proposed it.
import { BerthError } from '../../client/index.js';
import { ByteReader, ByteWriter, DecodeError } from './bytes.js';
import { invalid } from './errors.js';
import { isWellFormed } from './keys.js';
import type { Command, Compare, CompareOp, RequestId, RequestOp } from './types.js';

const COMMAND_FORMAT = 1;

const KIND = { put: 1, delete: 2, txn: 3, compact: 4, range: 5 } as const;
const FLAG_PREV_KV = 1;
const FLAG_RANGE_END = 2;
const FLAG_LIMIT = 4;

const TARGETS = ['value', 'modRevision', 'createRevision', 'version', 'exists'] as const;
const OPS: readonly CompareOp[] = ['=', '!=', '<', '>'];

function checkString(field: string, s: unknown): string {
  if (typeof s !== 'string') throw invalid(field, `must be a string (got ${typeof s})`);
  if (!isWellFormed(s)) throw invalid(field, 'must be well-formed Unicode (it has a lone surrogate)');
  return s;
}

function checkCount(field: string, n: unknown): number {
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
    throw invalid(field, `must be an integer >= 0 (got ${String(n)})`);
  }
  return n;
}

function checkBytes(field: string, b: unknown): Uint8Array {
  if (!(b instanceof Uint8Array)) throw invalid(field, 'must be a Uint8Array');
  return b;
}

function writeOp(w: ByteWriter, op: RequestOp, field: string): void {
  const kind = KIND[op.type];
  if (kind === undefined) throw invalid(`${field}.type`, `unknown op ${JSON.stringify(op.type)}`);
  w.u8(kind);
  writeOpBody(w, op, field);
}

/** The fields of an op after its kind byte; put and delete commands are written the same way. */
function writeOpBody(w: ByteWriter, op: RequestOp, field: string): void {
  const rangeEnd = op.type === 'put' ? undefined : op.rangeEnd;
  let flags = rangeEnd === undefined ? 0 : FLAG_RANGE_END;
  if (op.type !== 'range' && op.prevKv === true) flags |= FLAG_PREV_KV;
  if (op.type === 'range' && op.limit !== undefined) flags |= FLAG_LIMIT;
  w.u8(flags);
  w.string(checkString(`${field}.key`, op.key));
  if (rangeEnd !== undefined) w.string(checkString(`${field}.rangeEnd`, rangeEnd));
  if (op.type === 'put') w.bytes(checkBytes(`${field}.value`, op.value));
  if (op.type === 'range' && op.limit !== undefined) w.varint(checkCount(`${field}.limit`, op.limit));
}

function writeCompare(w: ByteWriter, c: Compare, field: string): void {
  const target = TARGETS.indexOf(c.target);
  const op = OPS.indexOf(c.op);
  if (target < 0) throw invalid(`${field}.target`, `unknown target ${JSON.stringify(c.target)}`);
  if (op < 0) throw invalid(`${field}.op`, `unknown op ${JSON.stringify(c.op)}`);
  w.u8(target + 1);
  w.u8(op + 1);
  w.string(checkString(`${field}.key`, c.key));
  if (c.target === 'value') w.bytes(checkBytes(`${field}.value`, c.value));
  else if (c.target === 'exists') {
    if (typeof c.value !== 'boolean') throw invalid(`${field}.value`, 'must be a boolean for target "exists"');
    w.u8(c.value ? 1 : 0);
  } else w.varint(checkCount(`${field}.value`, c.value));
}

function writeList<T>(w: ByteWriter, items: readonly T[], field: string, write: (w: ByteWriter, item: T, f: string) => void): void {
  if (!Array.isArray(items)) throw invalid(field, 'must be an array');
  w.varint(items.length);
  items.forEach((item, i) => write(w, item, `${field}[${i}]`));
}

function sizeHint(cmd: Command): number {
  if (cmd.type === 'put') return 32 + cmd.key.length * 3 + (cmd.value?.length ?? 0);
  if (cmd.type !== 'txn') return 256;
  let n = 256;
  for (const op of [...cmd.success, ...cmd.failure]) n += op.key.length * 3 + (op.type === 'put' ? op.value.length : 0);
  return n;
}

/** Encodes a command. Throws INVALID_ARGUMENT when the command is not well-typed. */
export function encodeCommand(cmd: Command): Uint8Array {
  const kind = KIND[cmd.type];
  if (kind === undefined || cmd.type === ('range' as string)) throw invalid('command.type', `unknown command ${JSON.stringify(cmd.type)}`);
  const w = new ByteWriter(sizeHint(cmd));
  w.u8(COMMAND_FORMAT);
  w.u8(kind);
  w.string(checkString('command.requestId.origin', cmd.requestId?.origin));
  w.varint(checkCount('command.requestId.seq', cmd.requestId.seq));
  switch (cmd.type) {
    case 'put':
    case 'delete':
      writeOpBody(w, cmd, 'command');
      break;
    case 'txn':
      writeList(w, cmd.compare, 'command.compare', writeCompare);
      writeList(w, cmd.success, 'command.success', writeOp);
      writeList(w, cmd.failure, 'command.failure', writeOp);
      break;
    case 'compact':
      w.varint(checkCount('command.revision', cmd.revision));
      break;
  }
  return w.finish();
}

function readOp(r: ByteReader, kind: number): RequestOp {
  const flags = r.u8();
  if (flags & ~(FLAG_PREV_KV | FLAG_RANGE_END | FLAG_LIMIT)) throw new DecodeError(`unknown flags ${flags}`);
  const key = r.string();
  const rangeEnd = flags & FLAG_RANGE_END ? r.string() : undefined;
  const prevKv = (flags & FLAG_PREV_KV) !== 0;
  switch (kind) {
    case KIND.put:
      if (rangeEnd !== undefined) throw new DecodeError('put with a rangeEnd');
      return prevKv ? { type: 'put', key, value: r.bytes(), prevKv } : { type: 'put', key, value: r.bytes() };
    case KIND.delete:
      return { type: 'delete', key, ...(rangeEnd === undefined ? {} : { rangeEnd }), ...(prevKv ? { prevKv } : {}) };
    case KIND.range: {
      const limit = flags & FLAG_LIMIT ? r.varint() : undefined;
      return { type: 'range', key, ...(rangeEnd === undefined ? {} : { rangeEnd }), ...(limit === undefined ? {} : { limit }) };
    }
    default:
      throw new DecodeError(`unknown op kind ${kind}`);
  }
}

function readCompare(r: ByteReader): Compare {
  const target = TARGETS[r.u8() - 1];
  const op = OPS[r.u8() - 1];
  if (target === undefined || op === undefined) throw new DecodeError('unknown compare target or op');
  const key = r.string();
  if (target === 'value') return { key, target, op, value: r.bytes() };
  if (target !== 'exists') return { key, target, op, value: r.varint() };
  const b = r.u8();
  if (op !== '=' || b > 1) throw new DecodeError('compare on "exists" must be "=" with a boolean');
  return { key, target, op, value: b === 1 };
}

function readList<T>(r: ByteReader, read: (r: ByteReader) => T): T[] {
  const n = r.varint();
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(read(r));
  return out;
}

function readHeader(r: ByteReader): { kind: number; requestId: RequestId } {
  const format = r.u8();
  if (format !== COMMAND_FORMAT) throw new DecodeError(`unknown command format ${format}`);
  const kind = r.u8();
  const origin = r.string();
  const seq = r.varint();
  return { kind, requestId: { origin, seq } };
}

function readBody(r: ByteReader, kind: number, requestId: RequestId): Command {
  switch (kind) {
    case KIND.put:
    case KIND.delete:
      return { ...(readOp(r, kind) as Extract<RequestOp, { type: 'put' | 'delete' }>), requestId };
    case KIND.txn: {
      const compare = readList(r, readCompare);
      const success = readList(r, (rr) => readOp(rr, rr.u8()));
      const failure = readList(r, (rr) => readOp(rr, rr.u8()));
      return { type: 'txn', requestId, compare, success, failure };
    }
    case KIND.compact:
      return { type: 'compact', requestId, revision: r.varint() };
    default:
      throw new DecodeError(`unknown command kind ${kind}`);
  }
}

function malformed(err: unknown): BerthError {
  const why = err instanceof DecodeError ? err.message : String(err);
  return new BerthError('INVALID_ARGUMENT', `malformed command: ${why}`, { cause: err });
}

/** Decodes a command. Throws INVALID_ARGUMENT ("malformed command: ...") on any damage. */
export function decodeCommand(data: Uint8Array): Command {
  try {
    const r = new ByteReader(data);
    const { kind, requestId } = readHeader(r);
    const cmd = readBody(r, kind, requestId);
    if (r.remaining !== 0) throw new DecodeError(`${r.remaining} bytes after the command`);
    return cmd;
  } catch (err) {
    throw malformed(err);
  }
}

/** The request id of a command whose body may be damaged; undefined if even the header is. */
export function peekRequestId(data: Uint8Array): RequestId | undefined {
  try {
    return readHeader(new ByteReader(data)).requestId;
  } catch {
    return undefined;
  }
}
