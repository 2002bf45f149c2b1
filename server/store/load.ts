// Opening a store: one scan over the store's keys rebuilds the in-memory index and checks every
// record (its key, its checksum, the consistency of each key's history, the meta). Any problem is
// DATA_CORRUPT naming the data directory and the key; nothing is silently dropped, because a
// replica that serves a damaged state would disagree with the others without anyone noticing.
import { BerthError } from '../../client/index.js';
import { DecodeError } from './bytes.js';
import { corrupt } from './errors.js';
import { historyProblem } from './history-check.js';
import type { Version } from './key-index.js';
import { compactedCount, KeyIndex } from './key-index.js';
import type { Meta } from './layout.js';
import {
  decodeMeta,
  decodeRecord,
  LAYOUT_FORMAT,
  META_APPLIED,
  META_COMPACTED,
  META_FORMAT,
  META_KEYS,
  META_PREFIX,
  META_REVISION,
  parseRecordKey,
  recordKey,
  RECORD_PREFIX,
  STORE_PREFIX,
  STORE_PREFIX_END,
} from './layout.js';
import type { StoreDb } from './read.js';

/** Entries read from LevelDB per step of the scan. */
const SCAN_STEP = 1024;

export interface LoadedStore {
  readonly meta: Meta;
  readonly index: KeyIndex;
  /** Records of compacted history still on disk, to delete in later batches. */
  readonly pendingDeletes: string[];
  readonly records: number;
}

interface Scan {
  readonly meta: Map<string, number>;
  readonly histories: Map<string, Version[]>;
  records: number;
}

function readEntry(location: string, scan: Scan, dbKey: string, value: Uint8Array): void {
  try {
    if (dbKey.startsWith(META_PREFIX)) {
      if (!(META_KEYS as readonly string[]).includes(dbKey)) throw new DecodeError('unknown meta key');
      scan.meta.set(dbKey, decodeMeta(dbKey, value));
      return;
    }
    const parsed = dbKey.startsWith(RECORD_PREFIX) ? parseRecordKey(dbKey) : undefined;
    if (parsed === undefined) throw new DecodeError('not a key of this store layout');
    const body = decodeRecord(dbKey, value);
    const v: Version = { modRev: parsed.rev, createRev: body.createRev, version: body.version, size: body.value.length };
    const h = scan.histories.get(parsed.key);
    if (h === undefined) scan.histories.set(parsed.key, [v]);
    else h.push(v);
    scan.records++;
  } catch (err) {
    if (err instanceof DecodeError) throw corrupt(location, dbKey, err.message, err);
    throw err;
  }
}

async function scanStore(db: StoreDb): Promise<Scan> {
  const scan: Scan = { meta: new Map(), histories: new Map(), records: 0 };
  const it = db.iterator({ gte: STORE_PREFIX, lt: STORE_PREFIX_END });
  try {
    for (;;) {
      const entries = await it.nextv(SCAN_STEP);
      if (entries.length === 0) break;
      for (const [dbKey, value] of entries) readEntry(db.location, scan, dbKey, value);
    }
  } finally {
    await it.close();
  }
  return scan;
}

function checkMeta(location: string, meta: Map<string, number>): Meta {
  for (const key of META_KEYS) {
    if (!meta.has(key)) throw corrupt(location, key, 'missing, while other keys of the store exist');
  }
  const format = meta.get(META_FORMAT) as number;
  if (format > LAYOUT_FORMAT) {
    throw new BerthError(
      'FAILED_PRECONDITION',
      `data dir ${location}: the store was written in layout ${format} by a newer berth (this one reads ${LAYOUT_FORMAT}); upgrade berth`,
      { details: { dataDir: location, format } },
    );
  }
  if (format !== LAYOUT_FORMAT) throw corrupt(location, META_FORMAT, `unknown layout ${format}`);
  const m: Meta = {
    applied: meta.get(META_APPLIED) as number,
    revision: meta.get(META_REVISION) as number,
    compacted: meta.get(META_COMPACTED) as number,
  };
  if (m.revision > m.applied) throw corrupt(location, META_REVISION, `revision ${m.revision} is above the applied index ${m.applied}`);
  if (m.compacted > m.revision) {
    throw corrupt(location, META_COMPACTED, `compacted revision ${m.compacted} is above the revision ${m.revision}`);
  }
  return m;
}

/** Loads and checks the store's part of the database; an empty one is a new store. */
export async function loadStore(db: StoreDb): Promise<LoadedStore> {
  const scan = await scanStore(db);
  if (scan.meta.size === 0 && scan.histories.size === 0) {
    return { meta: { applied: 0, revision: 0, compacted: 0 }, index: KeyIndex.empty(), pendingDeletes: [], records: 0 };
  }
  const meta = checkMeta(db.location, scan.meta);
  const pendingDeletes: string[] = [];
  for (const [key, h] of scan.histories) {
    const bad = historyProblem(h, meta.revision);
    if (bad !== undefined) throw corrupt(db.location, recordKey(key, bad.modRev), bad.problem);
    // Compaction drops history from the index at once and from disk a batch at a time; what is
    // still on disk is recognised by the same rule and deleted later.
    const n = compactedCount(h, meta.compacted);
    for (const v of h.splice(0, n)) pendingDeletes.push(recordKey(key, v.modRev));
    if (h.length === 0) scan.histories.delete(key);
  }
  return { meta, index: KeyIndex.fromHistories(scan.histories), pendingDeletes, records: scan.records };
}
