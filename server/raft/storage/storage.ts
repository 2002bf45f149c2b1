// The declared seam between the Raft driver and its disk. LevelRaftStorage is the real one; the
// deterministic simulator provides its own behind this interface.
import type { Entry, HardState, SnapshotMeta } from '../core/index.js';

/**
 * One write of a LevelDB batch. The driver may combine the Raft storage's ops with the state
 * machine's in one `db.batch(ops, { sync: true })`, so that both change atomically.
 */
export type RaftBatchOp =
  | { readonly type: 'put'; readonly key: string; readonly value: Uint8Array }
  | { readonly type: 'del'; readonly key: string };

/** What a replica restarts from: the fields of InitialState that live in the Raft storage. */
export interface RaftStorageState {
  readonly hardState?: HardState;
  /** The last snapshot taken or installed. */
  readonly snapshot?: SnapshotMeta;
  /** Every stored entry after snapshot.index (or from index 1), contiguous. */
  readonly entries: Entry[];
}

export interface RaftStorage {
  /**
   * Reads and validates everything stored, and resets the in-memory view that the `*Ops`
   * methods use to the disk's contents. Fails with BerthError('DATA_CORRUPT') naming the data
   * directory, the key and the problem when anything does not check out.
   */
  load(): Promise<RaftStorageState>;

  /**
   * Ops that append `entries` (replacing a conflicting stored suffix) and record `hardState`.
   * The in-memory view moves on at once: write the ops (synced) before building the next ones,
   * and treat a failed write as fatal. Needs no reads.
   */
  persistOps(entries: readonly Entry[], hardState?: HardState): RaftBatchOp[];

  /**
   * Ops that install a snapshot received from the leader: record its metadata and delete every
   * stored entry. The entries of the same Ready follow with persistOps.
   */
  snapshotOps(meta: SnapshotMeta): RaftBatchOp[];

  /**
   * Ops that record a snapshot this replica made at meta.index <= the last stored index and
   * delete the entries it covers; the entries after it are kept.
   */
  compactOps(meta: SnapshotMeta): RaftBatchOp[];

  /** persistOps written in one batch; synced unless `sync` is false. */
  persist(entries: readonly Entry[], hardState?: HardState, sync?: boolean): Promise<void>;

  /** The index of the last stored entry, or of the snapshot when no entry follows it. */
  lastIndex(): number;

  /** The index of the first entry that may be stored: the snapshot's index + 1, or 1. */
  firstIndex(): number;
}
