// What the leader knows of one follower's log, and how it paces appends to it. In `probe` the
// leader sends one append per heartbeat until it finds where the logs match; in `replicate` it
// pipelines up to maxInflightMsgs appends; in `snapshot` it waits for a snapshot to land.
import type { Progress as ProgressView } from './types.js';

/** A bounded FIFO of the last indices of in-flight append messages. */
class Inflights {
  private readonly buf: number[] = [];
  private start = 0;

  constructor(private readonly capacity: number) {}

  get count(): number {
    return this.buf.length - this.start;
  }

  full(): boolean {
    return this.count >= this.capacity;
  }

  add(lastIndex: number): void {
    this.buf.push(lastIndex);
  }

  /** Frees every in-flight message whose last index is <= `index` (they were acknowledged). */
  freeLE(index: number): void {
    while (this.start < this.buf.length && this.buf[this.start]! <= index) this.start++;
    if (this.start > 1024 && this.start * 2 > this.buf.length) {
      this.buf.splice(0, this.start);
      this.start = 0;
    }
  }

  /** Frees the oldest in-flight message, whatever its index. */
  freeFirst(): void {
    if (this.count > 0) this.start++;
  }

  reset(): void {
    this.buf.length = 0;
    this.start = 0;
  }
}

export class Progress {
  match = 0;
  next: number;
  state: 'probe' | 'replicate' | 'snapshot' = 'probe';
  /** In probe state: an append was sent and we wait for its answer (or a heartbeat reply). */
  probeSent = false;
  pendingSnapshot = 0;
  recentActive = false;
  learner: boolean;
  private readonly inflights: Inflights;

  constructor(next: number, maxInflight: number, learner: boolean) {
    this.next = next;
    this.learner = learner;
    this.inflights = new Inflights(maxInflight);
  }

  private resetState(state: Progress['state']): void {
    this.probeSent = false;
    this.pendingSnapshot = 0;
    this.state = state;
    this.inflights.reset();
  }

  becomeProbe(): void {
    if (this.state === 'snapshot') {
      const pending = this.pendingSnapshot;
      this.resetState('probe');
      this.next = Math.max(this.match + 1, pending + 1);
    } else {
      this.resetState('probe');
      this.next = this.match + 1;
    }
  }

  becomeReplicate(): void {
    this.resetState('replicate');
    this.next = this.match + 1;
  }

  becomeSnapshot(snapshotIndex: number): void {
    this.resetState('snapshot');
    this.pendingSnapshot = snapshotIndex;
  }

  /** An append up to `n` was acknowledged. Returns whether match advanced. */
  maybeUpdate(n: number): boolean {
    let updated = false;
    if (this.match < n) {
      this.match = n;
      updated = true;
      this.probeSent = false;
    }
    this.next = Math.max(this.next, n + 1);
    return updated;
  }

  /**
   * An append at `rejected` was refused; `hint` is where the follower suggests probing. Returns
   * false when the rejection is stale (an answer to an older probe).
   */
  maybeDecrTo(rejected: number, hint: number): boolean {
    if (this.state === 'replicate') {
      if (rejected <= this.match) return false;
      this.next = this.match + 1;
      return true;
    }
    if (this.next - 1 !== rejected) return false;
    this.next = Math.max(Math.min(rejected, hint + 1), this.match + 1, 1);
    this.probeSent = false;
    return true;
  }

  isPaused(): boolean {
    switch (this.state) {
      case 'probe':
        return this.probeSent;
      case 'replicate':
        return this.inflights.full();
      case 'snapshot':
        return true;
    }
  }

  /** Records that an append carrying entries up to `lastIndex` (or none) was sent. */
  sentEntries(count: number, lastIndex: number): void {
    if (this.state === 'replicate') {
      if (count > 0) {
        this.next = lastIndex + 1;
        this.inflights.add(lastIndex);
      }
    } else if (this.state === 'probe') {
      this.probeSent = true;
    }
  }

  /**
   * A heartbeat answer from a follower whose window is full: let one more append out. If an
   * append was lost, the follower rejects the next one and replication falls back to probing;
   * without this, a full window of lost appends would stall the follower for good.
   */
  unblockOnHeartbeat(): void {
    if (this.state === 'replicate' && this.inflights.full()) this.inflights.freeFirst();
  }

  freeInflightsLE(index: number): void {
    this.inflights.freeLE(index);
  }

  view(): ProgressView {
    return {
      match: this.match,
      next: this.next,
      state: this.state,
      learner: this.learner,
      recentActive: this.recentActive,
      inflight: this.inflights.count,
    };
  }
}
