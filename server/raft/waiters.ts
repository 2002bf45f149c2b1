// Requests waiting on the Raft driver: proposals wait until the entry carrying their request id
// is applied here; reads wait for a quorum-confirmed read index and for the state machine to
// reach it. Both are bounded, and both time out with TIMEOUT (outcome unknown) rather than hang.
import { BerthError } from '../../client/index.js';

interface Waiter<T> {
  readonly resolve: (value: T) => void;
  readonly reject: (err: BerthError) => void;
  readonly timer: NodeJS.Timeout;
}

/** Waiters keyed by a number (a proposal's sequence number or a conf entry's index). */
export class WaiterMap<T> {
  private readonly waiters = new Map<number, Waiter<T>>();

  constructor(
    private readonly what: string,
    private readonly max: number,
    private readonly timeoutMs: number,
  ) {}

  get size(): number {
    return this.waiters.size;
  }

  /** Registers a waiter; throws RESOURCE_EXHAUSTED when `max` are already waiting. */
  wait(key: number): Promise<T> {
    if (this.waiters.size >= this.max) {
      throw new BerthError('RESOURCE_EXHAUSTED', `too many ${this.what}s in flight (limit ${this.max}); retry later`, {
        details: { proposed: false },
      });
    }
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(key);
        reject(
          new BerthError(
            'TIMEOUT',
            `${this.what} not confirmed within ${this.timeoutMs} ms; it may or may not have been applied`,
          ),
        );
      }, this.timeoutMs);
      this.waiters.set(key, { resolve, reject, timer });
    });
  }

  resolve(key: number, value: T): boolean {
    const w = this.waiters.get(key);
    if (w === undefined) return false;
    clearTimeout(w.timer);
    this.waiters.delete(key);
    w.resolve(value);
    return true;
  }

  reject(key: number, err: BerthError): void {
    const w = this.waiters.get(key);
    if (w === undefined) return;
    clearTimeout(w.timer);
    this.waiters.delete(key);
    w.reject(err);
  }

  rejectAll(err: BerthError): void {
    for (const key of [...this.waiters.keys()]) this.reject(key, err);
  }
}

interface ReadRound {
  readonly waiters: { resolve: () => void; reject: (err: BerthError) => void }[];
  readonly timer: NodeJS.Timeout;
  index: number;
}

/**
 * Linearizable reads in rounds: every read that arrives while a read-index request is in flight
 * joins the next round, so a thousand concurrent reads cost one quorum round trip, not a thousand.
 */
export class ReadRounds {
  private queue: ReadRound['waiters'] = [];
  private readonly inFlight = new Map<string, ReadRound>();
  private readonly ready: ReadRound[] = [];
  private seq = 0;

  constructor(
    private readonly origin: string,
    private readonly maxQueued: number,
    private readonly timeoutMs: number,
    /** Asks the core for a read index; false when it cannot (no leader known). */
    private readonly requestIndex: (context: Uint8Array) => boolean,
  ) {}

  /** Resolves once the state machine has applied everything committed before this call. */
  read(): Promise<void> {
    if (this.queue.length >= this.maxQueued) {
      return Promise.reject(new BerthError('RESOURCE_EXHAUSTED', `too many reads waiting (limit ${this.maxQueued}); retry later`));
    }
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ resolve, reject });
      if (this.inFlight.size === 0) this.startRound();
    });
  }

  private startRound(): void {
    if (this.queue.length === 0) return;
    const waiters = this.queue;
    this.queue = [];
    const key = `${this.origin}/${++this.seq}`;
    const context = new TextEncoder().encode(key);
    const timer = setTimeout(() => this.fail(key, new BerthError('TIMEOUT', `read not confirmed by a quorum within ${this.timeoutMs} ms; retry`)), this.timeoutMs);
    const round: ReadRound = { waiters, timer, index: -1 };
    this.inFlight.set(key, round);
    if (!this.requestIndex(context)) {
      this.fail(key, new BerthError('UNAVAILABLE', 'no leader is known to this replica; retry shortly'));
    }
  }

  private fail(key: string, err: BerthError): void {
    const round = this.inFlight.get(key);
    if (round === undefined) return;
    clearTimeout(round.timer);
    this.inFlight.delete(key);
    for (const w of round.waiters) w.reject(err);
    this.startRound();
  }

  /** The core confirmed a read index for `context`. */
  confirmed(context: Uint8Array, index: number, applied: number): void {
    const key = new TextDecoder().decode(context);
    const round = this.inFlight.get(key);
    if (round === undefined) return;
    this.inFlight.delete(key);
    clearTimeout(round.timer);
    round.index = index;
    this.ready.push(round);
    this.applied(applied);
    this.startRound();
  }

  /** The state machine reached `applied`: serve every confirmed round at or below it. */
  applied(applied: number): void {
    for (let i = 0; i < this.ready.length; ) {
      const round = this.ready[i]!;
      if (round.index <= applied) {
        this.ready.splice(i, 1);
        for (const w of round.waiters) w.resolve();
      } else i++;
    }
  }

  rejectAll(err: BerthError): void {
    for (const w of this.queue.splice(0)) w.reject(err);
    for (const key of [...this.inFlight.keys()]) this.fail(key, err);
    for (const round of this.ready.splice(0)) for (const w of round.waiters) w.reject(err);
  }
}
