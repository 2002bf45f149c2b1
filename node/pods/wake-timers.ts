// The pod worker's own timers: each asks for one more sync pass at a given time (the end of a
// back-off, a config retry, the active deadline). Many parts ask for the same moment, so there is
// one timer per distinct time, and all of them are cleared together when the worker stops.
import type { PodTimers } from './backoff.js';

export class WakeTimers {
  private readonly pending = new Set<unknown>();
  private readonly times = new Set<number>();

  constructor(
    private readonly timers: PodTimers,
    private readonly now: () => number,
    private readonly wake: () => void,
  ) {}

  /** Calls `wake` at `at` (ms); one timer per distinct time. */
  at(at: number): void {
    if (this.times.has(at)) return;
    this.times.add(at);
    const handle = this.timers.setTimeout(
      () => {
        this.pending.delete(handle);
        this.times.delete(at);
        this.wake();
      },
      Math.max(0, at - this.now()),
    );
    this.pending.add(handle);
  }

  clear(): void {
    for (const h of this.pending) this.timers.clearTimeout(h);
    this.pending.clear();
    this.times.clear();
  }
}
