// The snapshot format, for Raft InstallSnapshot and log compaction. A snapshot holds every
// version the store retains (the live keys and the history since the last compaction) with its
// revisions, plus the applied index, revision and compacted revision, so that a replica built
// from it answers reads and watches at old revisions exactly as the replica that made it.
//
//   "BERTHSNP"  magic (8 bytes)
//   u8          format (1)
//   u64 BE      applied index, revision, compacted revision
//   varint      number of versions, then each version in (key, revision) order:
//               string key, varint modRevision, varint createRevision, varint version (0: deleted),
//               bytes value (absent for a delete)
//   u32 BE      CRC32 of everything before it
import { crc32 } from 'node:zlib';
import { BerthError } from '../../client/index.js';
import { ByteReader, ByteWriter, DecodeError } from './bytes.js';
import { historyProblem } from './history-check.js';
import type { Version } from './key-index.js';
import { isTombstone } from './key-index.js';
import { compareKeys } from './keys.js';
import type { Meta } from './layout.js';
import type { VersionReader, VersionRef } from './read.js';

const MAGIC = Buffer.from('BERTHSNP', 'latin1');
const SNAPSHOT_FORMAT = 1;
const HEADER_BYTES = MAGIC.length + 1 + 3 * 8;

/** A version with its value, as restored from a snapshot. */
export interface SnapshotRecord extends VersionRef {
  readonly value: Uint8Array;
}

export interface SnapshotContent {
  readonly meta: Meta;
  /** In (key, revision) order. */
  readonly records: SnapshotRecord[];
  readonly histories: Map<string, Version[]>;
}

/** Writes a snapshot of `refs` (in key, revision order), reading their values with `reader`. */
export async function encodeSnapshot(meta: Meta, refs: readonly VersionRef[], reader: VersionReader, chunk: number): Promise<Uint8Array> {
  let estimate = HEADER_BYTES + 16;
  for (const r of refs) estimate += r.key.length + r.v.size + 24;
  const w = new ByteWriter(estimate);
  w.raw(MAGIC);
  w.u8(SNAPSHOT_FORMAT);
  w.u64be(meta.applied);
  w.u64be(meta.revision);
  w.u64be(meta.compacted);
  w.varint(refs.length);
  for (let at = 0; at < refs.length; at += chunk) {
    const part = refs.slice(at, at + chunk);
    const values = await reader.values(part);
    part.forEach((r, i) => {
      w.string(r.key);
      w.varint(r.v.modRev);
      w.varint(r.v.createRev);
      w.varint(r.v.version);
      if (!isTombstone(r.v)) w.bytes(values[i] as Uint8Array);
    });
  }
  w.u32be(crc32(w.finish()));
  return w.finish();
}

function rejected(problem: string, cause?: unknown): BerthError {
  return new BerthError(
    'DATA_CORRUPT',
    `store snapshot rejected: ${problem}; it was damaged in transit or on disk, take or fetch a new one`,
    { details: { key: 'snapshot' }, cause },
  );
}

function readRecords(r: ByteReader, meta: Meta): SnapshotContent {
  const count = r.varint();
  const records: SnapshotRecord[] = [];
  const histories = new Map<string, Version[]>();
  let last: SnapshotRecord | undefined;
  for (let i = 0; i < count; i++) {
    const key = r.string();
    const modRev = r.varint();
    const createRev = r.varint();
    const version = r.varint();
    const value = version === 0 ? new Uint8Array(0) : r.bytes();
    const rec: SnapshotRecord = { key, v: { modRev, createRev, version, size: value.length }, value };
    const order = last === undefined ? 1 : compareKeys(key, last.key) || modRev - last.v.modRev;
    if (key.length === 0 || order <= 0) throw new DecodeError(`version ${i} (${JSON.stringify(key)} at ${modRev}) is out of order`);
    const h = histories.get(key);
    if (h === undefined) histories.set(key, [rec.v]);
    else h.push(rec.v);
    records.push(rec);
    last = rec;
  }
  if (r.remaining !== 4) throw new DecodeError(`${r.remaining - 4} bytes after the last version`);
  return { meta, records, histories };
}

function checkContent(content: SnapshotContent): void {
  const { applied, revision, compacted } = content.meta;
  if (revision > applied || compacted > revision) {
    throw new DecodeError(`applied ${applied}, revision ${revision} and compacted revision ${compacted} do not fit together`);
  }
  for (const [key, h] of content.histories) {
    const bad = historyProblem(h, revision);
    if (bad !== undefined) throw new DecodeError(`${JSON.stringify(key)} at revision ${bad.modRev}: ${bad.problem}`);
  }
}

/** Parses and checks a snapshot; throws DATA_CORRUPT if it is damaged. */
export function decodeSnapshot(data: Uint8Array): SnapshotContent {
  if (data.length < HEADER_BYTES + 5) throw rejected(`${data.length} bytes is too short`);
  if (Buffer.compare(data.subarray(0, MAGIC.length), MAGIC) !== 0) throw rejected('not a berth store snapshot (bad magic)');
  const end = data.length - 4;
  const stored = new ByteReader(data, end).u32be();
  const computed = crc32(data.subarray(0, end));
  if (stored !== computed) throw rejected(`checksum mismatch (stored ${stored}, computed ${computed})`);
  try {
    const r = new ByteReader(data, MAGIC.length);
    const format = r.u8();
    if (format !== SNAPSHOT_FORMAT) throw new DecodeError(`unknown format ${format}`);
    const meta: Meta = { applied: r.u64be(), revision: r.u64be(), compacted: r.u64be() };
    const content = readRecords(r, meta);
    checkContent(content);
    return content;
  } catch (err) {
    if (err instanceof DecodeError) throw rejected(err.message, err);
    throw err;
  }
}
