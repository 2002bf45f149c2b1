// One replica's simulated disk: what the process has written and what has reached stable
// storage. A crash keeps only the synced part, which is exactly the loss a driver that honours
// Ready.mustSync must survive.
import type { Entry, HardState, Snapshot } from '../../server/raft/core/types.js';

interface DiskState {
  hardState: HardState | undefined;
  snapshot: Snapshot | undefined;
  /** Contiguous entries after the snapshot's index (from index 1 without a snapshot). */
  entries: Entry[];
}

/** The disk was asked to do something no correct driver on a correct core would ask. */
export class DiskContractError extends Error {
  override readonly name = 'DiskContractError';
}

export class Disk {
  private durable: DiskState = { hardState: undefined, snapshot: undefined, entries: [] };
  private current: DiskState = { hardState: undefined, snapshot: undefined, entries: [] };
  private dirty = false;

  get hardState(): HardState | undefined {
    return this.current.hardState;
  }

  get snapshot(): Snapshot | undefined {
    return this.current.snapshot;
  }

  get entries(): readonly Entry[] {
    return this.current.entries;
  }

  get snapshotIndex(): number {
    return this.current.snapshot?.meta.index ?? 0;
  }

  get lastIndex(): number {
    return this.snapshotIndex + this.current.entries.length;
  }

  get hasUnsynced(): boolean {
    return this.dirty;
  }

  /** True when nothing was ever made durable: a restart from here is a first start. */
  get isBlank(): boolean {
    const d = this.durable;
    return d.hardState === undefined && d.snapshot === undefined && d.entries.length === 0;
  }

  /** The term of the entry at `index`, the snapshot's term at its index, 0 at index 0. */
  termAt(index: number): number | undefined {
    if (index === 0) return 0;
    const snap = this.current.snapshot;
    if (snap !== undefined && index === snap.meta.index) return snap.meta.term;
    return this.entryAt(index)?.term;
  }

  entryAt(index: number): Entry | undefined {
    return this.current.entries[index - this.snapshotIndex - 1];
  }

  setHardState(hs: HardState): void {
    this.current.hardState = hs;
    this.dirty = true;
  }

  /**
   * Appends like a real log: entries at or below the snapshot are already covered and skipped,
   * an entry at an existing index truncates the conflicting suffix from there.
   */
  append(entries: readonly Entry[]): void {
    const fresh = entries.filter((e) => e.index > this.snapshotIndex);
    const first = fresh[0];
    if (first === undefined) return;
    if (first.index > this.lastIndex + 1) {
      throw new DiskContractError(
        `append: entries start at ${first.index} but the log ends at ${this.lastIndex} (a gap)`,
      );
    }
    for (const [i, e] of fresh.entries()) {
      if (e.index !== first.index + i) {
        throw new DiskContractError(`append: entries are not contiguous at ${e.index} (after ${first.index + i - 1})`);
      }
    }
    const keep = first.index - this.snapshotIndex - 1;
    this.current.entries = this.current.entries.slice(0, keep).concat(fresh);
    this.dirty = true;
  }

  /**
   * A snapshot received from the leader replaces the whole log, as it does in the core: the core
   * installs one only when its log disagrees at the snapshot's index, so nothing after it can be
   * kept.
   */
  installSnapshot(snap: Snapshot): void {
    const { index } = snap.meta;
    if (index < this.snapshotIndex) {
      throw new DiskContractError(`installSnapshot: snapshot at ${index} is older than the one on disk (${this.snapshotIndex})`);
    }
    this.current.snapshot = snap;
    this.current.entries = [];
    this.dirty = true;
  }

  /** A snapshot this replica took itself: the log before it is no longer needed. */
  compact(snap: Snapshot): void {
    const { index, term } = snap.meta;
    if (index < this.snapshotIndex) {
      throw new DiskContractError(`compact: snapshot at ${index} is older than the one on disk (${this.snapshotIndex})`);
    }
    if (this.termAt(index) !== term) {
      throw new DiskContractError(`compact: snapshot at ${index} has term ${term} but the log has ${String(this.termAt(index))}`);
    }
    this.current.entries = this.current.entries.filter((e) => e.index > index);
    this.current.snapshot = snap;
    this.dirty = true;
  }

  sync(): void {
    if (!this.dirty) return;
    this.durable = { ...this.current, entries: this.current.entries.slice() };
    this.dirty = false;
  }

  /** Power loss: everything not synced is gone. */
  crash(): void {
    this.current = { ...this.durable, entries: this.durable.entries.slice() };
    this.dirty = false;
  }
}
