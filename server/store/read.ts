// Reading versions: the plan of a range comes from the in-memory index, the values from LevelDB.
// A reader holds a LevelDB snapshot taken in the same synchronous step as its plan, so that the
// values it reads belong to the index state it planned with even if batches are written (or
// compacted history deleted) while it reads.
import type { Level } from 'level';
import { BerthError } from '../../client/index.js';
import { DecodeError } from './bytes.js';
import { corrupt } from './errors.js';
import type { KeyIndex, Version } from './key-index.js';
import { isTombstone } from './key-index.js';
import type { KeySpan } from './keys.js';
import { decodeRecord, recordKey } from './layout.js';
import type { KeyValue } from './types.js';

/** The one LevelDB of a replica, shared with the Raft log. */
export type StoreDb = Level<string, Uint8Array>;

type DbSnapshot = ReturnType<StoreDb['snapshot']>;

export const EMPTY = new Uint8Array(0);

/** A version of a key to read. */
export interface VersionRef {
  readonly key: string;
  readonly v: Version;
}

export function toKeyValue(key: string, v: Version, value: Uint8Array): KeyValue {
  return { key, value, createRevision: v.createRev, modRevision: v.modRev, version: v.version };
}

export interface RangePlan {
  readonly refs: VersionRef[];
  readonly count: number;
}

/**
 * The live keys of a span at a revision, in order: at most `limit` of them, and no more once
 * their values reach `maxBytes` (the first always goes in); `count` counts them all.
 */
export function planRange(index: KeyIndex, span: KeySpan, rev: number, limit: number, maxBytes: number): RangePlan {
  const refs: VersionRef[] = [];
  let count = 0;
  let bytes = 0;
  let full = false;
  for (const key of index.keysIn(span)) {
    const v = index.at(key, rev);
    if (v === undefined || isTombstone(v)) continue;
    count++;
    if (full) continue;
    refs.push({ key, v });
    bytes += v.size;
    full = refs.length >= limit || bytes >= maxBytes;
  }
  return { refs, count };
}

/** Decodes a record read from LevelDB, naming the database and key when it is damaged. */
export function decodeValue(location: string, dbKey: string, data: Uint8Array): Uint8Array {
  try {
    return decodeRecord(dbKey, data).value;
  } catch (err) {
    if (err instanceof DecodeError) throw corrupt(location, dbKey, err.message, err);
    throw err;
  }
}

/** Reads values of versions at one point in time. close() it when done. */
export class VersionReader {
  private readonly snapshot: DbSnapshot;

  /** `replaced` tells whether the store was replaced by a snapshot since the reader opened. */
  constructor(
    private readonly db: StoreDb,
    private readonly batchSize: number,
    private readonly replaced: () => boolean,
  ) {
    this.snapshot = db.snapshot();
  }

  /** Values of the refs, in order; tombstones read as empty without touching LevelDB. */
  async values(refs: readonly VersionRef[]): Promise<Uint8Array[]> {
    const out: Uint8Array[] = new Array<Uint8Array>(refs.length).fill(EMPTY);
    const todo: number[] = [];
    refs.forEach((r, i) => {
      if (!isTombstone(r.v)) todo.push(i);
    });
    for (let at = 0; at < todo.length; at += this.batchSize) {
      const chunk = todo.slice(at, at + this.batchSize);
      const keys = chunk.map((i) => recordKey((refs[i] as VersionRef).key, (refs[i] as VersionRef).v.modRev));
      const found = (await this.db.getMany<string, Uint8Array>(keys, { snapshot: this.snapshot })) as (Uint8Array | undefined)[];
      chunk.forEach((i, j) => {
        out[i] = this.decode(keys[j] as string, found[j]);
      });
    }
    return out;
  }

  private decode(dbKey: string, data: Uint8Array | undefined): Uint8Array {
    if (data !== undefined) return decodeValue(this.db.location, dbKey, data);
    if (this.replaced()) {
      throw new BerthError('UNAVAILABLE', 'the store was replaced by a snapshot during the read; retry');
    }
    throw corrupt(this.db.location, dbKey, 'the record is missing but the index has it');
  }

  async close(): Promise<void> {
    await this.snapshot.close();
  }
}
