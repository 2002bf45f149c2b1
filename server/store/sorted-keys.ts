// An ordered set of keys for range reads: a list of sorted chunks. Inserting into one big sorted
// array would move every later key (too slow at tens of thousands of new keys a second); a chunk
// of at most CHUNK_MAX keys keeps inserts cheap and iteration in order trivial, without the code
// of a balanced tree.
import { compareKeys } from './keys.js';

/** Keys per chunk before it is split in two: a structural constant, not a resource bound. */
const CHUNK_MAX = 512;

function lowerBound(chunk: readonly string[], key: string): number {
  let lo = 0;
  let hi = chunk.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareKeys(chunk[mid] as string, key) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class SortedKeys {
  private chunks: string[][] = [];
  private count = 0;

  /** Builds the set from keys already sorted by compareKeys, without duplicates. */
  static fromSorted(keys: readonly string[]): SortedKeys {
    const set = new SortedKeys();
    const half = CHUNK_MAX / 2;
    for (let i = 0; i < keys.length; i += half) set.chunks.push(keys.slice(i, i + half));
    set.count = keys.length;
    return set;
  }

  get size(): number {
    return this.count;
  }

  /** Index of the chunk that holds `key` or would: the last one whose first key is <= key. */
  private chunkFor(key: string): number {
    let lo = 0;
    let hi = this.chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (compareKeys((this.chunks[mid] as string[])[0] as string, key) <= 0) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  add(key: string): void {
    if (this.chunks.length === 0) {
      this.chunks.push([key]);
      this.count = 1;
      return;
    }
    const ci = this.chunkFor(key);
    const chunk = this.chunks[ci] as string[];
    const pos = lowerBound(chunk, key);
    if (chunk[pos] === key) return;
    chunk.splice(pos, 0, key);
    this.count++;
    if (chunk.length > CHUNK_MAX) this.chunks.splice(ci + 1, 0, chunk.splice(CHUNK_MAX / 2));
  }

  delete(key: string): void {
    if (this.chunks.length === 0) return;
    const ci = this.chunkFor(key);
    const chunk = this.chunks[ci] as string[];
    const pos = lowerBound(chunk, key);
    if (chunk[pos] !== key) return;
    chunk.splice(pos, 1);
    this.count--;
    if (chunk.length === 0) this.chunks.splice(ci, 1);
  }

  /** Keys >= start and < end (end null: no bound), in order. The set must not change meanwhile. */
  *range(start: string, end: string | null): Generator<string> {
    if (this.chunks.length === 0) return;
    let ci = this.chunkFor(start);
    let pos = lowerBound(this.chunks[ci] as string[], start);
    for (; ci < this.chunks.length; ci++, pos = 0) {
      const chunk = this.chunks[ci] as string[];
      for (; pos < chunk.length; pos++) {
        const key = chunk[pos] as string;
        if (end !== null && compareKeys(key, end) >= 0) return;
        yield key;
      }
    }
  }
}
