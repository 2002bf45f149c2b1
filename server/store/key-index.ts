// The in-memory index of every version the store keeps (like etcd's treeIndex): key -> versions in
// revision order, plus the keys in order for ranges. Reads and compares are answered from here
// without touching LevelDB; only values live on disk.
//
// While a batch is being applied, versions newer than the store's visible revision are already
// appended here. Every reader asks for "the latest version at or below revision R" with R at most
// the visible revision, so such versions are invisible until the batch is written and committed.
import type { KeySpan } from './keys.js';
import { assertInvariant } from './errors.js';
import { compareKeys } from './keys.js';
import { SortedKeys } from './sorted-keys.js';

/** One version of a key. version 0 marks a tombstone: the key was deleted at modRev. */
export interface Version {
  readonly modRev: number;
  /** 0 for a tombstone. */
  readonly createRev: number;
  /** 0 for a tombstone. */
  readonly version: number;
  /** Bytes of the value (0 for a tombstone), so that reads can be sized before they are made. */
  readonly size: number;
}

export function isTombstone(v: Version): boolean {
  return v.version === 0;
}

/**
 * How many of the oldest versions of a history a compaction at `rev` drops: every version below
 * `rev` that a later version below `rev` replaced, and the last one below `rev` too if it is a
 * tombstone. What stays answers every read at `rev` or later, and the previous version of every
 * change at `rev` or later is still there (for watch events with prevKv).
 */
export function compactedCount(history: readonly Version[], rev: number): number {
  let below = 0;
  while (below < history.length && (history[below] as Version).modRev < rev) below++;
  if (below === 0) return 0;
  return isTombstone(history[below - 1] as Version) ? below : below - 1;
}

/** The latest version at or below rev, by binary search (the newest is checked first). */
export function versionAt(history: readonly Version[], rev: number): Version | undefined {
  const last = history[history.length - 1];
  if (last === undefined || last.modRev <= rev) return last;
  let lo = 0;
  let hi = history.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((history[mid] as Version).modRev <= rev) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? undefined : history[lo - 1];
}

export class KeyIndex {
  private constructor(
    private readonly histories: Map<string, Version[]>,
    private readonly keys: SortedKeys,
  ) {}

  static empty(): KeyIndex {
    return new KeyIndex(new Map(), new SortedKeys());
  }

  /** Takes ownership of the map; every history must be non-empty and in revision order. */
  static fromHistories(histories: Map<string, Version[]>): KeyIndex {
    const keys = [...histories.keys()].sort(compareKeys);
    return new KeyIndex(histories, SortedKeys.fromSorted(keys));
  }

  get keyCount(): number {
    return this.histories.size;
  }

  history(key: string): readonly Version[] | undefined {
    return this.histories.get(key);
  }

  latest(key: string): Version | undefined {
    const h = this.histories.get(key);
    return h === undefined ? undefined : h[h.length - 1];
  }

  at(key: string, rev: number): Version | undefined {
    const h = this.histories.get(key);
    return h === undefined ? undefined : versionAt(h, rev);
  }

  /** Adds the newest version of a key; its modRev must be above every version it has. */
  append(key: string, v: Version): void {
    const h = this.histories.get(key);
    if (h === undefined) {
      this.histories.set(key, [v]);
      this.keys.add(key);
      return;
    }
    const last = h[h.length - 1] as Version;
    assertInvariant(v.modRev > last.modRev, `version ${v.modRev} of ${JSON.stringify(key)} is not after ${last.modRev}`);
    h.push(v);
  }

  /** Keys in the span that have any version, in order. The index must not change meanwhile. */
  *keysIn(span: KeySpan): Generator<string> {
    if (span.single) {
      if (this.histories.has(span.start)) yield span.start;
      return;
    }
    yield* this.keys.range(span.start, span.end);
  }

  /** Every key with its history, in key order. */
  *entries(): Generator<[string, readonly Version[]]> {
    for (const key of this.keys.range('', null)) yield [key, this.histories.get(key) as Version[]];
  }

  /** Undoes appends above rev to the given keys (an apply batch that failed to write). */
  truncateAbove(keys: Iterable<string>, rev: number): void {
    for (const key of keys) {
      const h = this.histories.get(key);
      if (h === undefined) continue;
      while (h.length > 0 && (h[h.length - 1] as Version).modRev > rev) h.pop();
      if (h.length === 0) this.forget(key);
    }
  }

  /** Drops the history that a compaction at rev makes unreachable; reports each dropped version. */
  compact(rev: number, onDrop: (key: string, v: Version) => void): void {
    const emptied: string[] = [];
    for (const [key, h] of this.histories) {
      const n = compactedCount(h, rev);
      if (n === 0) continue;
      for (const v of h.splice(0, n)) onDrop(key, v);
      if (h.length === 0) emptied.push(key);
    }
    for (const key of emptied) this.forget(key);
  }

  private forget(key: string): void {
    this.histories.delete(key);
    this.keys.delete(key);
  }
}
