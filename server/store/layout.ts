// Where the store keeps things in the LevelDB database it shares with the Raft log. The store owns
// every key that starts with "s/" and touches no other:
//
//   s/m/format     layout version of everything below (so that a newer layout is refused, not misread)
//   s/m/applied    index of the last applied Raft entry
//   s/m/revision   revision of the last change
//   s/m/compacted  history below this revision is gone
//   s/k/<key>/<rev as 16 hex digits>   one version of <key>, made by the entry with index <rev>
//
// A version is found by (key, revision) from the in-memory index, so the records never need to
// be scanned in key order; the fixed-width revision suffix makes the key/revision split
// unambiguous whatever characters the key holds. Every value carries a CRC32 over its own LevelDB
// key and bytes, which catches a flipped bit and a record stored under the wrong key.
import { crc32 } from 'node:zlib';
import { ByteReader, ByteWriter, DecodeError } from './bytes.js';

export const STORE_PREFIX = 's/';
/** The first key after every key of the store: '0' follows '/'. */
export const STORE_PREFIX_END = 's0';
export const RECORD_PREFIX = 's/k/';
export const META_PREFIX = 's/m/';

export const META_FORMAT = 's/m/format';
export const META_APPLIED = 's/m/applied';
export const META_REVISION = 's/m/revision';
export const META_COMPACTED = 's/m/compacted';
export const META_KEYS = [META_FORMAT, META_APPLIED, META_REVISION, META_COMPACTED] as const;

/** Version of this layout. */
export const LAYOUT_FORMAT = 1;
const RECORD_FORMAT = 1;
const REV_HEX_DIGITS = 16;

export function recordKey(key: string, rev: number): string {
  return `${RECORD_PREFIX}${key}/${rev.toString(16).padStart(REV_HEX_DIGITS, '0')}`;
}

const revHex = /^[0-9a-f]{16}$/;

/** Splits a record key; undefined if it is not one. */
export function parseRecordKey(dbKey: string): { key: string; rev: number } | undefined {
  const sep = dbKey.length - REV_HEX_DIGITS - 1;
  if (!dbKey.startsWith(RECORD_PREFIX) || sep <= RECORD_PREFIX.length || dbKey[sep] !== '/') return undefined;
  const hex = dbKey.slice(sep + 1);
  if (!revHex.test(hex)) return undefined;
  const rev = parseInt(hex, 16);
  if (!Number.isSafeInteger(rev) || rev < 1) return undefined;
  return { key: dbKey.slice(RECORD_PREFIX.length, sep), rev };
}

/** A version as stored: version 0 marks a tombstone (a delete), which has no value. */
export interface RecordBody {
  readonly createRev: number;
  readonly version: number;
  readonly value: Uint8Array;
}

function checksum(dbKey: string, body: Uint8Array): number {
  return crc32(body, crc32(dbKey));
}

export function encodeRecord(dbKey: string, createRev: number, version: number, value: Uint8Array): Uint8Array {
  const w = new ByteWriter(value.length + 24);
  w.u8(RECORD_FORMAT);
  w.varint(createRev);
  w.varint(version);
  w.raw(value);
  const body = w.finish();
  w.u32be(checksum(dbKey, body));
  return w.finish();
}

/** Throws DecodeError naming the problem; the caller names the key and the database. */
export function decodeRecord(dbKey: string, data: Uint8Array): RecordBody {
  if (data.length < 7) throw new DecodeError(`record of ${data.length} bytes is too short`);
  const bodyEnd = data.length - 4;
  const body = data.subarray(0, bodyEnd);
  const stored = new ByteReader(data, bodyEnd).u32be();
  const computed = checksum(dbKey, body);
  if (stored !== computed) {
    throw new DecodeError(`checksum mismatch (stored ${hex32(stored)}, computed ${hex32(computed)})`);
  }
  const r = new ByteReader(data, 0, bodyEnd);
  const format = r.u8();
  if (format !== RECORD_FORMAT) throw new DecodeError(`unknown record format ${format}`);
  const createRev = r.varint();
  const version = r.varint();
  // A plain view, not a Buffer (which LevelDB hands out): values look the same on every path.
  const value = new Uint8Array(data.buffer, data.byteOffset + r.offset, bodyEnd - r.offset);
  if (version === 0 && (createRev !== 0 || value.length !== 0)) {
    throw new DecodeError('tombstone with a createRevision or a value');
  }
  return { createRev, version, value };
}

export function encodeMeta(dbKey: string, n: number): Uint8Array {
  const w = new ByteWriter(12);
  w.u64be(n);
  w.u32be(checksum(dbKey, w.finish()));
  return w.finish();
}

export function decodeMeta(dbKey: string, data: Uint8Array): number {
  if (data.length !== 12) throw new DecodeError(`meta value of ${data.length} bytes, expected 12`);
  const r = new ByteReader(data);
  const n = r.u64be();
  const stored = r.u32be();
  const computed = checksum(dbKey, data.subarray(0, 8));
  if (stored !== computed) {
    throw new DecodeError(`checksum mismatch (stored ${hex32(stored)}, computed ${hex32(computed)})`);
  }
  return n;
}

export interface Meta {
  readonly applied: number;
  readonly revision: number;
  readonly compacted: number;
}

export function metaOps(meta: Meta): { type: 'put'; key: string; value: Uint8Array }[] {
  return [
    { type: 'put', key: META_FORMAT, value: encodeMeta(META_FORMAT, LAYOUT_FORMAT) },
    { type: 'put', key: META_APPLIED, value: encodeMeta(META_APPLIED, meta.applied) },
    { type: 'put', key: META_REVISION, value: encodeMeta(META_REVISION, meta.revision) },
    { type: 'put', key: META_COMPACTED, value: encodeMeta(META_COMPACTED, meta.compacted) },
  ];
}

function hex32(n: number): string {
  return `0x${n.toString(16).padStart(8, '0')}`;
}
