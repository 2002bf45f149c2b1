// Binary records of the Raft storage. Every record opens with a version byte and ends with a
// CRC32 of all the bytes before it, so that a flipped bit on disk is found when the replica
// restarts instead of being replayed into the state machine.
//
// entry (v1):       version u8 | index u64 | term u64 | type u8 | data length u32 | data | crc32 u32
// hard state (v1):  version u8 | term u64 | commit u64 | vote str16 | crc32 u32
// snapshot (v1):    version u8 | index u64 | term u64 | voters list16 | learners list16 | crc32 u32
//
// u64 values are JavaScript safe integers written big-endian as two u32 halves; str16 is a u16
// byte length and UTF-8 bytes; list16 is a u16 count of str16 items.
import { crc32 } from 'node:zlib';
import type { ConfState, Entry, EntryType, HardState, SnapshotMeta } from '../core/index.js';

export const RECORD_VERSION = 1;

const ENTRY_HEADER_BYTES = 1 + 8 + 8 + 1 + 4;
const CRC_BYTES = 4;
const TWO_POW_32 = 2 ** 32;
const MAX_STR16_BYTES = 0xffff;

const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder('utf-8', { fatal: true });

export type Decoded<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

function fail<T>(problem: string): Decoded<T> {
  return { ok: false, problem };
}

function writeU64(view: DataView, offset: number, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`raft storage: ${String(value)} is not a non-negative safe integer`);
  }
  view.setUint32(offset, Math.floor(value / TWO_POW_32));
  view.setUint32(offset + 4, value >>> 0);
}

function readU64(view: DataView, offset: number): number {
  return view.getUint32(offset) * TWO_POW_32 + view.getUint32(offset + 4);
}

function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function sealCrc(bytes: Uint8Array): Uint8Array {
  const end = bytes.byteLength - CRC_BYTES;
  viewOf(bytes).setUint32(end, crc32(bytes.subarray(0, end)));
  return bytes;
}

/** Checks length, version and CRC shared by all records; returns a problem or undefined. */
function checkFrame(bytes: Uint8Array, minBytes: number): string | undefined {
  if (bytes.byteLength < minBytes) return `is ${bytes.byteLength} bytes, shorter than the ${minBytes} of its header`;
  const end = bytes.byteLength - CRC_BYTES;
  if (viewOf(bytes).getUint32(end) !== crc32(bytes.subarray(0, end))) return 'failed its checksum';
  if (bytes[0] !== RECORD_VERSION) return `has record version ${String(bytes[0])}, this build reads ${RECORD_VERSION}`;
  return undefined;
}

export function encodeEntry(entry: Entry): Uint8Array {
  const size = ENTRY_HEADER_BYTES + entry.data.byteLength + CRC_BYTES;
  const bytes = new Uint8Array(size);
  const view = viewOf(bytes);
  bytes[0] = RECORD_VERSION;
  writeU64(view, 1, entry.index);
  writeU64(view, 9, entry.term);
  bytes[17] = entry.type === 'conf' ? 1 : 0;
  view.setUint32(18, entry.data.byteLength);
  bytes.set(entry.data, ENTRY_HEADER_BYTES);
  return sealCrc(bytes);
}

/** The entry's data is a plain Uint8Array view into `bytes` (even when `bytes` is a Buffer), not a copy. */
export function decodeEntry(bytes: Uint8Array): Decoded<Entry> {
  const problem = checkFrame(bytes, ENTRY_HEADER_BYTES + CRC_BYTES);
  if (problem !== undefined) return fail(problem);
  const view = viewOf(bytes);
  const dataBytes = view.getUint32(18);
  if (ENTRY_HEADER_BYTES + dataBytes + CRC_BYTES !== bytes.byteLength) {
    return fail(`says its data is ${dataBytes} bytes but the record is ${bytes.byteLength} bytes`);
  }
  const typeByte = bytes[17];
  if (typeByte !== 0 && typeByte !== 1) return fail(`has unknown entry type ${String(typeByte)}`);
  const type: EntryType = typeByte === 1 ? 'conf' : 'normal';
  const data = new Uint8Array(bytes.buffer, bytes.byteOffset + ENTRY_HEADER_BYTES, dataBytes);
  return { ok: true, value: { index: readU64(view, 1), term: readU64(view, 9), type, data } };
}

/** A little cursor over a record, for the variable-length hard state and snapshot records. */
class Reader {
  private offset = 1;
  private readonly view: DataView;

  constructor(private readonly bytes: Uint8Array) {
    this.view = viewOf(bytes);
  }

  private need(n: number): void {
    if (this.offset + n > this.bytes.byteLength - CRC_BYTES) throw new RangeError('is truncated');
  }

  u64(): number {
    this.need(8);
    const value = readU64(this.view, this.offset);
    this.offset += 8;
    return value;
  }

  str16(): string {
    this.need(2);
    const length = this.view.getUint16(this.offset);
    this.offset += 2;
    this.need(length);
    const value = textDecoder.decode(this.bytes.subarray(this.offset, this.offset + length));
    this.offset += length;
    return value;
  }

  list16(): string[] {
    this.need(2);
    const count = this.view.getUint16(this.offset);
    this.offset += 2;
    const items: string[] = [];
    for (let i = 0; i < count; i++) items.push(this.str16());
    return items;
  }

  atEnd(): boolean {
    return this.offset === this.bytes.byteLength - CRC_BYTES;
  }
}

/** Builds a record from parts: u64 numbers, str16 strings and list16 string arrays. */
function encodeParts(parts: ReadonlyArray<number | string | readonly string[]>): Uint8Array {
  const chunks: Array<number | Uint8Array | readonly Uint8Array[]> = parts.map((part) => {
    if (typeof part === 'number') return part;
    if (typeof part === 'string') return str16Bytes(part);
    if (part.length > 0xffff) throw new RangeError(`raft storage: a list of ${part.length} ids is too long`);
    return part.map(str16Bytes);
  });
  let size = 1 + CRC_BYTES;
  for (const chunk of chunks) {
    if (typeof chunk === 'number') size += 8;
    else if (chunk instanceof Uint8Array) size += 2 + chunk.byteLength;
    else size += 2 + chunk.reduce((sum, item) => sum + 2 + item.byteLength, 0);
  }
  const bytes = new Uint8Array(size);
  const view = viewOf(bytes);
  bytes[0] = RECORD_VERSION;
  let offset = 1;
  const putStr = (item: Uint8Array): void => {
    view.setUint16(offset, item.byteLength);
    bytes.set(item, offset + 2);
    offset += 2 + item.byteLength;
  };
  for (const chunk of chunks) {
    if (typeof chunk === 'number') {
      writeU64(view, offset, chunk);
      offset += 8;
    } else if (chunk instanceof Uint8Array) {
      putStr(chunk);
    } else {
      view.setUint16(offset, chunk.length);
      offset += 2;
      chunk.forEach(putStr);
    }
  }
  return sealCrc(bytes);
}

function str16Bytes(value: string): Uint8Array {
  const bytes = textEncoder.encode(value);
  if (bytes.byteLength > MAX_STR16_BYTES) throw new RangeError(`raft storage: id of ${bytes.byteLength} bytes is too long`);
  return bytes;
}

function decodeWith<T>(bytes: Uint8Array, read: (reader: Reader) => T): Decoded<T> {
  const problem = checkFrame(bytes, 1 + CRC_BYTES);
  if (problem !== undefined) return fail(problem);
  const reader = new Reader(bytes);
  try {
    const value = read(reader);
    return reader.atEnd() ? { ok: true, value } : fail('has trailing bytes');
  } catch (err) {
    return fail(err instanceof Error ? err.message : String(err));
  }
}

export function encodeHardState(hs: HardState): Uint8Array {
  return encodeParts([hs.term, hs.commit, hs.vote]);
}

export function decodeHardState(bytes: Uint8Array): Decoded<HardState> {
  return decodeWith(bytes, (r) => ({ term: r.u64(), commit: r.u64(), vote: r.str16() }));
}

export function encodeSnapshotMeta(meta: SnapshotMeta): Uint8Array {
  return encodeParts([meta.index, meta.term, meta.conf.voters, meta.conf.learners]);
}

export function decodeSnapshotMeta(bytes: Uint8Array): Decoded<SnapshotMeta> {
  return decodeWith(bytes, (r) => {
    const index = r.u64();
    const term = r.u64();
    const conf: ConfState = { voters: r.list16(), learners: r.list16() };
    return { index, term, conf };
  });
}
