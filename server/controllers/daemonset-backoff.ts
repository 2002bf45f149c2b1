// The back-off between deletions of a DaemonSet's failed pods on one node, as Kubernetes' DaemonSet
// controller keeps one: a node that keeps failing its daemon pod (a port taken, a bad image) would
// otherwise have it deleted and made again as fast as the controller can. The delay starts at
// `initialMs`, doubles with each failure, is capped at `maxMs`, and starts over once a node has
// gone twice the cap without one. Kept in memory on the leader: a new leader starts afresh.

export interface BackoffOptions {
  /** @default 1000 */
  readonly initialMs: number;
  /** @default 300000 (5 minutes) */
  readonly maxMs: number;
  /** Nodes (per DaemonSet) remembered at most; the least recently failed are forgotten first. @default 4096 */
  readonly maxEntries: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 1000, maxMs: 5 * 60_000, maxEntries: 4096 };

interface Entry {
  delayMs: number;
  lastMs: number;
}

export class FailedPodBackoff {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly opts: BackoffOptions = DEFAULT_BACKOFF) {}

  /** How long `key` must still wait before its next failed pod is deleted (0: not at all). */
  remainingMs(key: string, nowMs: number): number {
    const e = this.entries.get(key);
    return e === undefined ? 0 : Math.max(0, e.lastMs + e.delayMs - nowMs);
  }

  /** Notes a failure of `key` now: the next one waits longer. */
  next(key: string, nowMs: number): void {
    const e = this.entries.get(key);
    const fresh = e === undefined || nowMs - e.lastMs > 2 * this.opts.maxMs;
    const delayMs = fresh ? this.opts.initialMs : Math.min(e.delayMs * 2, this.opts.maxMs);
    // Re-inserted so that the map's order is least recently failed first.
    this.entries.delete(key);
    this.entries.set(key, { delayMs, lastMs: nowMs });
    while (this.entries.size > this.opts.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done === true) break;
      this.entries.delete(oldest.value);
    }
  }

  /** Forgets every key that starts with `prefix` (a DaemonSet that is gone). */
  forget(prefix: string): void {
    for (const k of [...this.entries.keys()]) if (k.startsWith(prefix)) this.entries.delete(k);
  }

  get size(): number {
    return this.entries.size;
  }
}
