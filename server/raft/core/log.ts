// The replica's view of the Raft log: everything after the last snapshot is kept in memory
// (the driver loads it from disk on restart and compacts it with snapshots). Entries after
// `stableIndex` are not yet known to be on disk; they are handed to the driver in a Ready.
import { invariant } from './assert.js';
import type { Entry, Snapshot, SnapshotMeta } from './types.js';

const EMPTY_CONF = { voters: [], learners: [] } as const;

export class RaftLog {
  /** The last compacted (or installed) snapshot's metadata; the log starts at its index + 1. */
  snapshotMeta: SnapshotMeta;
  /** The latest full snapshot, sent to followers that are too far behind. */
  snapshot: Snapshot | undefined;
  /** An incoming snapshot not yet persisted and applied by the driver. */
  pendingSnapshot: Snapshot | undefined;
  private entries: Entry[];
  committed: number;
  applied: number;
  stableIndex: number;

  constructor(meta: SnapshotMeta | undefined, entries: readonly Entry[], commit: number, applied: number) {
    this.snapshotMeta = meta ?? { index: 0, term: 0, conf: EMPTY_CONF };
    this.snapshot = undefined;
    this.pendingSnapshot = undefined;
    this.entries = [...entries];
    const first = this.snapshotMeta.index + 1;
    this.entries.forEach((e, i) =>
      invariant(e.index === first + i, () => `restored entries not contiguous at ${e.index}`),
    );
    this.stableIndex = this.lastIndex();
    this.committed = Math.max(commit, this.snapshotMeta.index);
    this.applied = Math.max(applied, this.snapshotMeta.index);
    invariant(this.committed <= this.lastIndex(), () => `commit ${commit} > last index ${this.lastIndex()}`);
    invariant(this.applied <= this.committed, () => `applied ${applied} > commit ${this.committed}`);
  }

  firstIndex(): number {
    return this.snapshotMeta.index + 1;
  }

  lastIndex(): number {
    return this.snapshotMeta.index + this.entries.length;
  }

  lastTerm(): number {
    return this.term(this.lastIndex()) ?? 0;
  }

  /** The term of the entry at `index`, or undefined when compacted away or beyond the end. */
  term(index: number): number | undefined {
    if (index === this.snapshotMeta.index) return this.snapshotMeta.term;
    if (index < this.snapshotMeta.index || index > this.lastIndex()) return undefined;
    return this.entries[index - this.snapshotMeta.index - 1]?.term;
  }

  matchTerm(index: number, term: number): boolean {
    return this.term(index) === term;
  }

  entry(index: number): Entry | undefined {
    return this.entries[index - this.snapshotMeta.index - 1];
  }

  /**
   * Entries in [lo, hi], at most `maxBytes` of data (but at least one), or undefined when `lo`
   * is compacted away (the caller sends a snapshot instead).
   */
  slice(lo: number, hi: number, maxBytes: number): Entry[] | undefined {
    if (lo <= this.snapshotMeta.index) return undefined;
    const end = Math.min(hi, this.lastIndex());
    const out: Entry[] = [];
    let bytes = 0;
    for (let i = lo; i <= end; i++) {
      const e = this.entries[i - this.snapshotMeta.index - 1];
      if (e === undefined) break;
      bytes += e.data.length;
      if (out.length > 0 && bytes > maxBytes) break;
      out.push(e);
    }
    return out;
  }

  /** Whether a candidate whose last entry is (lastIndex, lastTerm) is at least as up to date. */
  isUpToDate(lastIndex: number, lastTerm: number): boolean {
    const myTerm = this.lastTerm();
    return lastTerm > myTerm || (lastTerm === myTerm && lastIndex >= this.lastIndex());
  }

  /** Appends new entries (leader side). Returns the new last index. */
  append(entries: readonly Entry[]): number {
    if (entries.length === 0) return this.lastIndex();
    const first = entries[0]!.index;
    invariant(first > this.committed, () => `append at ${first} would overwrite committed ${this.committed}`);
    this.truncateAndAppend(entries);
    return this.lastIndex();
  }

  /**
   * The follower's append: if our entry at `index` has `logTerm`, append `entries` (skipping
   * those we already have, truncating a conflicting suffix) and advance commit. Returns the
   * index of the last new entry, or undefined on a mismatch.
   */
  maybeAppend(index: number, logTerm: number, commit: number, entries: readonly Entry[]): number | undefined {
    if (!this.matchTerm(index, logTerm)) return undefined;
    const lastNew = index + entries.length;
    const conflict = this.findConflict(entries);
    if (conflict !== 0) {
      invariant(conflict > this.committed, () => `entry ${conflict} conflicts with committed ${this.committed}`);
      this.truncateAndAppend(entries.slice(conflict - index - 1));
    }
    this.commitTo(Math.min(commit, lastNew));
    return lastNew;
  }

  /** The index of the first entry that is new or conflicts with ours, or 0 if we have them all. */
  private findConflict(entries: readonly Entry[]): number {
    for (const e of entries) {
      if (!this.matchTerm(e.index, e.term)) return e.index;
    }
    return 0;
  }

  /**
   * The largest index <= `index` whose term is <= `term` (etcd's fast backtracking): the leader
   * can skip a whole term of mismatching entries in one round trip.
   */
  findConflictByTerm(index: number, term: number): { index: number; term: number } {
    for (let i = Math.min(index, this.lastIndex()); i >= this.snapshotMeta.index; i--) {
      const t = this.term(i);
      if (t === undefined) return { index: i, term: 0 };
      if (t <= term) return { index: i, term: t };
    }
    return { index: this.snapshotMeta.index, term: 0 };
  }

  private truncateAndAppend(entries: readonly Entry[]): void {
    const first = entries[0]!.index;
    invariant(first > this.snapshotMeta.index, () => `append at ${first} below snapshot ${this.snapshotMeta.index}`);
    invariant(first <= this.lastIndex() + 1, () => `gap: append at ${first} after last ${this.lastIndex()}`);
    this.entries.length = first - this.snapshotMeta.index - 1;
    for (const e of entries) this.entries.push(e);
    if (first <= this.stableIndex) this.stableIndex = first - 1;
  }

  commitTo(index: number): void {
    if (index <= this.committed) return;
    invariant(index <= this.lastIndex(), () => `commit ${index} beyond last index ${this.lastIndex()}`);
    this.committed = index;
  }

  unstableEntries(): Entry[] {
    return this.entries.slice(this.stableIndex - this.snapshotMeta.index);
  }

  /** Marks entries up to `index` (whose term was `term`) durable, unless they were replaced since. */
  stableTo(index: number, term: number): void {
    if (index > this.stableIndex && this.matchTerm(index, term)) this.stableIndex = index;
  }

  /** Committed entries not yet handed to the state machine, at most `maxBytes` (at least one). */
  nextCommitted(from: number, maxBytes: number): Entry[] {
    if (this.pendingSnapshot !== undefined || from > this.committed) return [];
    return this.slice(from, this.committed, maxBytes) ?? [];
  }

  appliedTo(index: number): void {
    if (index === 0) return;
    invariant(index <= this.committed, () => `applied ${index} beyond commit ${this.committed}`);
    if (index > this.applied) this.applied = index;
  }

  /** Replaces the whole log with an incoming snapshot (follower side). */
  restore(snapshot: Snapshot): void {
    this.snapshotMeta = snapshot.meta;
    this.snapshot = snapshot;
    this.pendingSnapshot = snapshot;
    this.entries = [];
    this.committed = snapshot.meta.index;
    this.stableIndex = snapshot.meta.index;
  }

  /**
   * Records a snapshot the driver made of its own applied state and drops the entries up to
   * `upTo` (<= the snapshot's index). Keeping some entries after a snapshot lets a follower that
   * is only a little behind catch up from the log instead of needing the whole snapshot.
   */
  compact(snapshot: Snapshot, upTo: number): void {
    const { index, term } = snapshot.meta;
    // A newer snapshot from the leader was installed meanwhile: this one is already obsolete.
    if (index < this.snapshotMeta.index || this.pendingSnapshot !== undefined) return;
    invariant(index <= this.applied, () => `snapshot at ${index} beyond applied ${this.applied}`);
    invariant(this.term(index) === term, () => `snapshot term ${term} at ${index} does not match the log`);
    invariant(upTo <= index, () => `compaction to ${upTo} beyond the snapshot at ${index}`);
    if (this.snapshot === undefined || index > this.snapshot.meta.index) this.snapshot = snapshot;
    if (upTo <= this.snapshotMeta.index) return;
    const boundaryTerm = this.term(upTo)!;
    this.entries = this.entries.slice(upTo - this.snapshotMeta.index);
    this.snapshotMeta = { index: upTo, term: boundaryTerm, conf: snapshot.meta.conf };
  }

  /**
   * Drops the entries up to `upTo` (<= applied) without a snapshot to send: a driver whose state
   * machine is itself durable compacts its log this way, and makes a snapshot only when a
   * follower needs one. `conf` is the configuration as of `applied`.
   */
  compactTo(upTo: number, conf: SnapshotMeta['conf']): void {
    if (upTo <= this.snapshotMeta.index || this.pendingSnapshot !== undefined) return;
    invariant(upTo <= this.applied, () => `compaction to ${upTo} beyond applied ${this.applied}`);
    const term = this.term(upTo)!;
    this.entries = this.entries.slice(upTo - this.snapshotMeta.index);
    this.snapshotMeta = { index: upTo, term, conf };
  }

  /** Where the log starts now, as persisted for a restart (the conf is the latest snapshot's). */
  boundary(): SnapshotMeta {
    return this.snapshotMeta;
  }
}
