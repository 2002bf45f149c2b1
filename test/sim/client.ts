// Simulated clients: each has at most one operation outstanding against a random replica and
// records it, with logical call and return times, in the history the linearizability checker
// judges. An operation whose fate the client cannot know is recorded as such (ret: null).
import { encodeCommand, type Command } from './kv.js';
import type { HistoryEvent, Op } from './linearizability.js';
import type { Rng } from './rng.js';
import type { SimReplica } from './replica.js';
import type { NodeId, ReadState } from '../../server/raft/core/types.js';

export interface ClientOptions {
  /** Clients that submit on their own; one more, the probe, is driven by submit() only. */
  readonly count: number;
  readonly keys: readonly string[];
  /** Chance per step that an idle client starts an operation. */
  readonly opRate: number;
  readonly readShare: number;
  readonly casShare: number;
  /** Steps before an operation without an answer is given up as unknown. */
  readonly opTimeoutSteps: number;
  /**
   * Only for proving the checks work: serve reads from the replica's own state machine at once,
   * without readIndex. A follower or deposed leader then answers stale reads, which the
   * linearizability check must catch.
   */
  readonly unsafeLocalReads?: boolean;
}

/** The simulation's clocks: `now` for timeouts, `event()` for strictly ordered call/ret times. */
export interface ClientClock {
  readonly now: number;
  event(): number;
}

interface Pending {
  readonly client: number;
  readonly seq: number;
  readonly op: Op;
  readonly call: number;
  readonly replica: NodeId;
  readonly incarnation: number;
  readonly deadline: number;
  /** For a read: the index the leader confirmed, once its ReadState came back. */
  readIndex?: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class Clients {
  readonly history: HistoryEvent[] = [];
  readonly counts = { ok: 0, unknown: 0, rejected: 0 };
  private readonly pending = new Map<number, Pending>();
  private readonly seqs: number[];
  /** Per client and key, the value it last saw, so that its cas operations often succeed. */
  private readonly seen: Map<string, string | null>[];
  /** Results of completed operations, for the liveness probe. */
  readonly lastDone = new Map<number, HistoryEvent>();

  constructor(
    private readonly rng: Rng,
    readonly options: ClientOptions,
    private readonly clock: ClientClock,
  ) {
    const total = options.count + 1;
    this.seqs = new Array<number>(total).fill(0);
    this.seen = Array.from({ length: total }, () => new Map<string, string | null>());
  }

  /** The client that only the liveness probe drives. */
  get probeClient(): number {
    return this.options.count;
  }

  isIdle(client: number): boolean {
    return !this.pending.has(client);
  }

  /** Times out overdue operations and, if `submit` is set, starts new ones on idle clients. */
  step(targets: readonly SimReplica[], submit: boolean): void {
    for (const p of [...this.pending.values()]) {
      if (this.clock.now >= p.deadline) this.giveUp(p);
    }
    if (!submit || targets.length === 0) return;
    for (let c = 0; c < this.options.count; c++) {
      if (this.pending.has(c) || !this.rng.chance(this.options.opRate)) continue;
      this.submit(c, this.randomOp(c), this.rng.pick(targets));
    }
  }

  private randomOp(client: number): Op {
    const key = this.rng.pick(this.options.keys);
    const roll = this.rng.float();
    if (roll < this.options.readShare) return { kind: 'read', key };
    const value = `c${client}.${(this.seqs[client] ?? 0) + 1}`;
    if (roll < this.options.readShare + this.options.casShare) {
      const last = this.seen[client]?.get(key) ?? null;
      const expected = this.rng.chance(0.8) ? last : this.rng.chance(0.5) ? null : `c${this.rng.int(0, this.options.count - 1)}.1`;
      return { kind: 'cas', key, expected, value };
    }
    return { kind: 'write', key, value };
  }

  /**
   * Hands an operation to a replica. Returns false when the replica refused it at once: such an
   * operation never entered the log (or reached a leader), so it is left out of the history.
   */
  submit(client: number, op: Op, target: SimReplica): boolean {
    const node = target.node;
    if (node === undefined || this.pending.has(client)) return false;
    const seq = (this.seqs[client] ?? 0) + 1;
    this.seqs[client] = seq;
    const unsafeRead = op.kind === 'read' && this.options.unsafeLocalReads === true;
    const accepted =
      unsafeRead ||
      (op.kind === 'read'
        ? node.readIndex(encoder.encode(readContext(client, seq)))
        : node.propose(encodeCommand({ client, seq, op })));
    if (!accepted) {
      this.counts.rejected++;
      return false;
    }
    const p: Pending = {
      client,
      seq,
      op,
      call: this.clock.event(),
      replica: target.id,
      incarnation: target.incarnation,
      deadline: this.clock.now + this.options.opTimeoutSteps,
    };
    this.pending.set(client, p);
    if (unsafeRead) this.complete(p, target.kv.read(op.key));
    return true;
  }

  /** A replica applied a command: if it is the one that took it, the client has its answer. */
  onApplied(r: SimReplica, cmd: Command, output: boolean): void {
    const p = this.pending.get(cmd.client);
    if (p === undefined || p.seq !== cmd.seq || !this.tookIt(p, r)) return;
    this.complete(p, output);
  }

  onReadState(r: SimReplica, rs: ReadState): void {
    const [client, seq] = parseReadContext(decoder.decode(rs.context));
    const p = this.pending.get(client);
    if (p === undefined || p.seq !== seq || p.op.kind !== 'read' || !this.tookIt(p, r)) return;
    p.readIndex ??= rs.index;
  }

  /** Serves confirmed reads on `r` once its state machine has caught up with their index. */
  serveReads(r: SimReplica): void {
    for (const p of [...this.pending.values()]) {
      if (p.op.kind !== 'read' || p.readIndex === undefined || !this.tookIt(p, r)) continue;
      if (r.kv.applied >= p.readIndex) this.complete(p, r.kv.read(p.op.key));
    }
  }

  /** The replica that took these operations died: nobody will answer them. */
  onCrash(r: SimReplica): void {
    for (const p of [...this.pending.values()]) if (p.replica === r.id) this.giveUp(p);
  }

  /** Ends the run: whatever is still outstanding has an unknown outcome. */
  finish(): void {
    for (const p of [...this.pending.values()]) this.giveUp(p);
  }

  private tookIt(p: Pending, r: SimReplica): boolean {
    return p.replica === r.id && p.incarnation === r.incarnation;
  }

  private complete(p: Pending, output: string | null | boolean): void {
    this.pending.delete(p.client);
    const event: HistoryEvent = { client: p.client, op: p.op, call: p.call, ret: this.clock.event(), output };
    this.history.push(event);
    this.lastDone.set(p.client, event);
    this.counts.ok++;
    const seen = this.seen[p.client];
    if (p.op.kind === 'read') seen?.set(p.op.key, output as string | null);
    else if (output === true) seen?.set(p.op.key, p.op.value);
  }

  /**
   * A write or cas without an answer may still take effect at any later time, so it stays in
   * the history with an unknown outcome. A read without an answer tells nothing; it is dropped.
   */
  private giveUp(p: Pending): void {
    this.pending.delete(p.client);
    this.counts.unknown++;
    if (p.op.kind !== 'read') this.history.push({ client: p.client, op: p.op, call: p.call, ret: null });
  }
}

function readContext(client: number, seq: number): string {
  return `read:${client}:${seq}`;
}

function parseReadContext(text: string): [number, number] {
  const [, client, seq] = text.split(':');
  return [Number(client), Number(seq)];
}
