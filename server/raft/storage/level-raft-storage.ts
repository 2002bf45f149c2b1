// The Raft log, hard state and snapshot metadata of one replica, in the LevelDB it shares with
// its state machine. Writes are built as batch ops so that the driver can persist Raft state and
// state-machine changes atomically; the stored bounds are kept in memory so that building them
// needs no reads.
import type { Logger } from 'pino';
import type { Entry, HardState, SnapshotMeta } from '../core/index.js';
import { decodeEntry, decodeHardState, decodeSnapshotMeta, encodeEntry, encodeHardState, encodeSnapshotMeta } from './codec.js';
import type { Decoded } from './codec.js';
import { dataCorrupt, openLevel } from './data-dir.js';
import type { DataDb } from './data-dir.js';
import { ENTRY_PREFIX, ENTRY_RANGE_END, HARD_STATE_KEY, SNAPSHOT_META_KEY, entryKey, parseEntryKey } from './keys.js';
import type { RaftBatchOp, RaftStorage, RaftStorageState } from './storage.js';

/** A broken invariant of the caller (the driver or the core): a bug, so it crashes loudly. */
function invariant(condition: boolean, message: () => string): asserts condition {
  if (!condition) throw new Error(`raft storage invariant violated: ${message()}`);
}

export class LevelRaftStorage implements RaftStorage {
  private readonly logger: Logger;
  private snapshotIndex = 0;
  private storedLastIndex = 0;

  private constructor(
    private readonly db: DataDb,
    logger: Logger,
  ) {
    this.logger = logger.child({ component: 'raft-storage' });
  }

  /**
   * Opens `db` if needed and validates what it holds (see load()). The db stays owned by the
   * caller, who closes it after the state machine is done with it too.
   */
  static async open(db: DataDb, logger: Logger): Promise<LevelRaftStorage> {
    await openLevel(db);
    const storage = new LevelRaftStorage(db, logger);
    const state = await storage.load();
    storage.logger.info(
      {
        dataDir: db.location,
        snapshotIndex: state.snapshot?.index ?? 0,
        lastIndex: storage.storedLastIndex,
        entries: state.entries.length,
        term: state.hardState?.term ?? 0,
        commit: state.hardState?.commit ?? 0,
      },
      'raft storage opened',
    );
    return storage;
  }

  async load(): Promise<RaftStorageState> {
    try {
      return await this.readAndValidate();
    } catch (err) {
      this.logger.error({ err, dataDir: this.db.location }, 'raft storage failed its checks');
      throw err;
    }
  }

  private async readAndValidate(): Promise<RaftStorageState> {
    const [hsBytes, snapBytes] = await this.db.getMany([HARD_STATE_KEY, SNAPSHOT_META_KEY]);
    const hardState = hsBytes === undefined ? undefined : this.decoded(HARD_STATE_KEY, 'raft hard state', decodeHardState(hsBytes));
    const snapshot =
      snapBytes === undefined ? undefined : this.decoded(SNAPSHOT_META_KEY, 'raft snapshot metadata', decodeSnapshotMeta(snapBytes));
    const entries = await this.readEntries(snapshot);
    const lastIndex = entries.at(-1)?.index ?? snapshot?.index ?? 0;
    if (hardState !== undefined) this.checkHardState(hardState, snapshot, entries.at(-1), lastIndex);
    this.snapshotIndex = snapshot?.index ?? 0;
    this.storedLastIndex = lastIndex;
    return { hardState, snapshot, entries };
  }

  private decoded<T>(key: string, what: string, result: Decoded<T>): T {
    if (!result.ok) throw this.corrupt(key, `${what} ${key} ${result.problem}`);
    return result.value;
  }

  private corrupt(key: string, what: string): Error {
    return dataCorrupt(this.db.location, what, { key });
  }

  private async readEntries(snapshot: SnapshotMeta | undefined): Promise<Entry[]> {
    const entries: Entry[] = [];
    let expected = (snapshot?.index ?? 0) + 1;
    let prevTerm = snapshot?.term ?? 0;
    for await (const [key, value] of this.db.iterator({ gt: ENTRY_PREFIX, lt: ENTRY_RANGE_END })) {
      const keyIndex = parseEntryKey(key);
      if (keyIndex === undefined) throw this.corrupt(key, `key ${key} under ${ENTRY_PREFIX} is not an entry key`);
      const entry = this.decoded(key, 'raft log entry', decodeEntry(value));
      if (entry.index !== keyIndex) {
        throw this.corrupt(key, `raft log entry ${key} holds index ${entry.index}, not the ${keyIndex} of its key`);
      }
      if (keyIndex !== expected) throw this.corrupt(key, this.gapProblem(key, keyIndex, expected, snapshot));
      if (entry.term < prevTerm) {
        throw this.corrupt(key, `raft log entry ${key} has term ${entry.term}, lower than the term ${prevTerm} before it`);
      }
      entries.push(entry);
      expected = keyIndex + 1;
      prevTerm = entry.term;
    }
    return entries;
  }

  private gapProblem(key: string, index: number, expected: number, snapshot: SnapshotMeta | undefined): string {
    if (index < expected) {
      return `raft log entry ${key} (index ${index}) is covered by the snapshot at index ${expected - 1} but was not deleted`;
    }
    const after = expected === (snapshot?.index ?? 0) + 1 ? `the snapshot index ${expected - 1}` : `entry ${expected - 1}`;
    const missing = index - 1 === expected ? `entry ${expected} is` : `entries ${expected}..${index - 1} are`;
    return `raft log has a gap: entry ${key} (index ${index}) follows ${after}; ${missing} missing`;
  }

  private checkHardState(hs: HardState, snapshot: SnapshotMeta | undefined, last: Entry | undefined, lastIndex: number): void {
    const key = HARD_STATE_KEY;
    if (hs.commit > lastIndex) {
      throw this.corrupt(key, `raft hard state ${key} has commit ${hs.commit} beyond the last log index ${lastIndex}`);
    }
    if (snapshot !== undefined && hs.commit < snapshot.index) {
      throw this.corrupt(key, `raft hard state ${key} has commit ${hs.commit} below the snapshot index ${snapshot.index}`);
    }
    const lastTerm = last?.term ?? snapshot?.term ?? 0;
    if (hs.term < lastTerm) {
      throw this.corrupt(key, `raft hard state ${key} has term ${hs.term}, lower than the last log term ${lastTerm}`);
    }
  }

  persistOps(entries: readonly Entry[], hardState?: HardState): RaftBatchOp[] {
    const ops: RaftBatchOp[] = [];
    const first = entries[0];
    if (first !== undefined) {
      invariant(first.index > this.snapshotIndex && first.index <= this.storedLastIndex + 1, () =>
        `appending from index ${first.index}, stored entries are ${this.snapshotIndex + 1}..${this.storedLastIndex}`,
      );
      let prev: Entry | undefined;
      for (const entry of entries) {
        invariant(prev === undefined || (entry.index === prev.index + 1 && entry.term >= prev.term), () =>
          `entries to append are not contiguous with non-decreasing terms at index ${entry.index}`,
        );
        ops.push({ type: 'put', key: entryKey(entry.index), value: encodeEntry(entry) });
        prev = entry;
      }
      const newLast = first.index + entries.length - 1;
      // A conflicting suffix is replaced: entries beyond the new last one belong to it too.
      for (let index = newLast + 1; index <= this.storedLastIndex; index++) ops.push({ type: 'del', key: entryKey(index) });
      this.storedLastIndex = newLast;
    }
    if (hardState !== undefined) {
      invariant(hardState.commit <= this.storedLastIndex, () =>
        `commit ${hardState.commit} is beyond the last stored index ${this.storedLastIndex}`,
      );
      ops.push({ type: 'put', key: HARD_STATE_KEY, value: encodeHardState(hardState) });
    }
    return ops;
  }

  snapshotOps(meta: SnapshotMeta): RaftBatchOp[] {
    invariant(meta.index >= this.snapshotIndex, () => `installing snapshot ${meta.index} older than ${this.snapshotIndex}`);
    // Every entry goes: those after the snapshot are either absent or not known to agree with
    // it (the core only installs a snapshot its log does not already contain).
    const ops = this.deleteEntries(this.snapshotIndex + 1, this.storedLastIndex);
    ops.push({ type: 'put', key: SNAPSHOT_META_KEY, value: encodeSnapshotMeta(meta) });
    this.snapshotIndex = meta.index;
    this.storedLastIndex = meta.index;
    return ops;
  }

  compactOps(meta: SnapshotMeta): RaftBatchOp[] {
    invariant(meta.index >= this.snapshotIndex && meta.index <= this.storedLastIndex, () =>
      `compacting to ${meta.index}, stored entries are ${this.snapshotIndex + 1}..${this.storedLastIndex}`,
    );
    const ops = this.deleteEntries(this.snapshotIndex + 1, meta.index);
    ops.push({ type: 'put', key: SNAPSHOT_META_KEY, value: encodeSnapshotMeta(meta) });
    this.snapshotIndex = meta.index;
    return ops;
  }

  private deleteEntries(from: number, to: number): RaftBatchOp[] {
    const ops: RaftBatchOp[] = [];
    for (let index = from; index <= to; index++) ops.push({ type: 'del', key: entryKey(index) });
    return ops;
  }

  async persist(entries: readonly Entry[], hardState?: HardState, sync = true): Promise<void> {
    const ops = this.persistOps(entries, hardState);
    if (ops.length > 0) await this.db.batch(ops, { sync });
  }

  lastIndex(): number {
    return this.storedLastIndex;
  }

  firstIndex(): number {
    return this.snapshotIndex + 1;
  }
}
