// The simulated network between replicas: every message gets its own random delay (which
// reorders them), may be dropped or duplicated, and cannot cross a blocked directed link. A
// partition is just a set of blocked links, so one-way cuts and an isolated leader are as easy
// to express as a clean split.
import type { Rng } from './rng.js';
import type { Message, NodeId } from '../../server/raft/core/types.js';

export interface NetworkFaults {
  /** Probability that a message is lost. */
  dropRate: number;
  /** Probability that a message is delivered twice (never for proposals, see send()). */
  dupRate: number;
  /** Ordinary delay range in steps, both inclusive; the spread is what reorders messages. */
  minDelaySteps: number;
  maxDelaySteps: number;
  /** Probability that a message is held up much longer, up to spikeDelaySteps. */
  spikeRate: number;
  spikeDelaySteps: number;
}

export const CALM_NETWORK: Readonly<NetworkFaults> = {
  dropRate: 0,
  dupRate: 0,
  minDelaySteps: 1,
  maxDelaySteps: 3,
  spikeRate: 0,
  spikeDelaySteps: 3,
};

export type DropReason = 'random' | 'partition' | 'overflow';

export interface Dropped {
  readonly msg: Message;
  readonly reason: DropReason;
}

interface InFlight {
  readonly msg: Message;
  /** A copy made by duplication: the transport reports only on the original. */
  readonly copy: boolean;
}

export interface Delivery {
  readonly msg: Message;
  readonly copy: boolean;
}

export class Network {
  faults: NetworkFaults = { ...CALM_NETWORK };
  private readonly blocked = new Set<string>();
  /** Messages by the step they are due at; a timing wheel rather than a heap, delays are short. */
  private readonly buckets = new Map<number, InFlight[]>();
  private inFlight = 0;
  private lastTaken = 0;
  readonly counts = { sent: 0, delivered: 0, dropped: 0, duplicated: 0 };

  constructor(
    private readonly rng: Rng,
    /** Messages in flight before new ones are dropped, like a bounded send queue. */
    private readonly maxInFlight: number,
  ) {}

  /** Queues a message; returns why it was dropped at once, or undefined if it is in flight. */
  send(msg: Message, now: number): DropReason | undefined {
    this.counts.sent++;
    const reason = this.admit(msg);
    if (reason !== undefined) {
      this.counts.dropped++;
      return reason;
    }
    this.enqueue({ msg, copy: false }, now);
    // A proposal is not idempotent and the core does not deduplicate it, while a real stream
    // transport never duplicates one; duplicating it would test the client layer, not Raft.
    if (msg.type !== 'prop' && this.rng.chance(this.faults.dupRate) && this.inFlight < this.maxInFlight) {
      this.counts.duplicated++;
      this.enqueue({ msg, copy: true }, now);
    }
    return undefined;
  }

  private admit(msg: Message): DropReason | undefined {
    if (this.isBlocked(msg.from, msg.to)) return 'partition';
    if (this.inFlight >= this.maxInFlight) return 'overflow';
    if (this.rng.chance(this.faults.dropRate)) return 'random';
    return undefined;
  }

  private enqueue(item: InFlight, now: number): void {
    const f = this.faults;
    const delay = this.rng.chance(f.spikeRate)
      ? this.rng.int(f.minDelaySteps, Math.max(f.minDelaySteps, f.spikeDelaySteps))
      : this.rng.int(f.minDelaySteps, Math.max(f.minDelaySteps, f.maxDelaySteps));
    const at = now + Math.max(1, delay);
    const bucket = this.buckets.get(at);
    if (bucket === undefined) this.buckets.set(at, [item]);
    else bucket.push(item);
    this.inFlight++;
  }

  /**
   * Everything due by `now`, in a random order within a step. A link cut while a message was in
   * flight drops it, as a broken connection would.
   */
  takeDue(now: number): { delivered: Delivery[]; dropped: Dropped[] } {
    const delivered: Delivery[] = [];
    const dropped: Dropped[] = [];
    for (let t = this.lastTaken + 1; t <= now; t++) {
      const bucket = this.buckets.get(t);
      if (bucket === undefined) continue;
      this.buckets.delete(t);
      this.inFlight -= bucket.length;
      if (bucket.length > 1) this.rng.shuffle(bucket);
      for (const item of bucket) {
        if (this.isBlocked(item.msg.from, item.msg.to)) {
          this.counts.dropped++;
          if (!item.copy) dropped.push({ msg: item.msg, reason: 'partition' });
        } else {
          this.counts.delivered++;
          delivered.push(item);
        }
      }
    }
    this.lastTaken = Math.max(this.lastTaken, now);
    return { delivered, dropped };
  }

  get inFlightCount(): number {
    return this.inFlight;
  }

  isBlocked(from: NodeId, to: NodeId): boolean {
    return this.blocked.size > 0 && this.blocked.has(linkKey(from, to));
  }

  /** Blocks the directed link from → to only: `to` still reaches `from`. */
  blockOneWay(from: NodeId, to: NodeId): void {
    if (from !== to) this.blocked.add(linkKey(from, to));
  }

  /** Blocks every link between the groups, both ways; links inside a group stay up. */
  partition(groups: readonly (readonly NodeId[])[]): void {
    for (const [i, a] of groups.entries()) {
      for (const [j, b] of groups.entries()) {
        if (i === j) continue;
        for (const from of a) for (const to of b) this.blockOneWay(from, to);
      }
    }
  }

  heal(): void {
    this.blocked.clear();
  }

  get blockedLinks(): number {
    return this.blocked.size;
  }

  describeBlocked(): string {
    return [...this.blocked].sort().join(' ');
  }
}

function linkKey(from: NodeId, to: NodeId): string {
  return `${from}>${to}`;
}
