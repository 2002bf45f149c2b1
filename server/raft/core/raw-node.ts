// RawNode is the core's public face: inputs (tick, step, propose, readIndex, ...) change the
// state machine; ready() collects everything the driver must persist, send and apply; advance()
// records that the driver did it. No I/O, no timers, no clock, no randomness beyond the seeded PRNG.
import { invariant } from './assert.js';
import { encodeConfChange } from './conf-change.js';
import { compileRaftOptions, type RaftOptions } from './options.js';
import { Raft } from './raft.js';
import {
  NONE,
  type ConfChange,
  type ConfState,
  type HardState,
  type InitialState,
  type Message,
  type NodeId,
  type Progress,
  type Ready,
  type Snapshot,
  type SnapshotMeta,
  type SoftState,
  type Status,
} from './types.js';

interface InFlightReady {
  readonly lastEntry?: { index: number; term: number };
  readonly lastCommitted: number;
  readonly snapshotIndex: number;
}

export class RawNode {
  private readonly raft: Raft;
  private prevSoft: SoftState;
  private prevHard: HardState;
  private inFlight: InFlightReady | undefined;

  constructor(options: RaftOptions, initial: InitialState) {
    this.raft = new Raft(compileRaftOptions(options), initial);
    this.prevSoft = this.softState();
    // What is on disk, not what the core starts with: a new cluster's bootstrap hard state (term
    // 1, its configuration committed) must reach the disk in the first Ready, with its entries.
    this.prevHard = initial.hardState ?? { term: 0, vote: NONE, commit: 0 };
  }

  tick(): void {
    this.raft.tick();
  }

  step(m: Message): void {
    // Local-only message types never come from the network.
    if (m.to !== this.raft.id && m.to !== NONE) return;
    this.raft.step(m);
  }

  propose(data: Uint8Array): boolean {
    return this.raft.propose(data);
  }

  proposeConfChange(cc: ConfChange): boolean {
    if (cc.type !== 'remove' && this.raft.voters.has(cc.node) && cc.type === 'addVoter') return false;
    // Never propose a configuration without voters.
    if (cc.type === 'remove' && this.raft.voters.size === 1 && this.raft.voters.has(cc.node)) return false;
    return this.raft.proposeConfChange(encodeConfChange(cc));
  }

  readIndex(context: Uint8Array): boolean {
    return this.raft.readIndex(context);
  }

  transferLeadership(to: NodeId): void {
    this.raft.transferLeadership(to);
  }

  campaign(): void {
    this.raft.hup(false);
  }

  applyConfChange(cc: ConfChange): ConfState {
    return this.raft.applyConfChange(cc);
  }

  reportUnreachable(id: NodeId): void {
    this.raft.reportUnreachable(id);
  }

  reportSnapshot(id: NodeId, ok: boolean): void {
    this.raft.reportSnapshot(id, ok);
  }

  /** The term of the entry at `index`, if the log still has it. */
  termAt(index: number): number | undefined {
    return this.raft.log.term(index);
  }

  /** Builds a snapshot of the state machine at the applied index (call after advance()). */
  createSnapshot(index: number, data: Uint8Array): Snapshot {
    const term = this.raft.log.term(index);
    invariant(term !== undefined, () => `snapshot at ${index}: entry not in the log`);
    invariant(index === this.raft.log.applied, () => `snapshot at ${index} but applied is ${this.raft.log.applied}`);
    const meta: SnapshotMeta = { index, term, conf: this.raft.confState() };
    return { meta, data };
  }

  /**
   * `snapshot` becomes what laggards are sent, and log entries up to `upTo` (default: the
   * snapshot's index) are dropped. Returns the log's new start, which the driver persists: on a
   * restart it is InitialState.snapshot (conf changes after it are replayed idempotently).
   */
  compact(snapshot: Snapshot, upTo: number = snapshot.meta.index): SnapshotMeta {
    this.raft.log.compact(snapshot, upTo);
    return this.raft.log.boundary();
  }

  /**
   * Drops log entries up to `upTo` (<= applied) without making a snapshot: for drivers whose
   * state machine is durable on its own. When a follower later needs a snapshot, a Ready says
   * snapshotRequested and the driver hands one over with compact(). Returns the log's new start.
   */
  compactLog(upTo: number): SnapshotMeta {
    this.raft.log.compactTo(upTo, this.raft.confState());
    return this.raft.log.boundary();
  }

  private softState(): SoftState {
    return { leader: this.raft.lead, role: this.raft.role };
  }

  private hardState(): HardState {
    return { term: this.raft.term, vote: this.raft.vote, commit: this.raft.log.committed };
  }

  hasReady(): boolean {
    if (this.inFlight !== undefined) return false;
    const r = this.raft;
    if (r.hasBatched()) return true;
    const soft = this.softState();
    const hard = this.hardState();
    return (
      soft.leader !== this.prevSoft.leader ||
      soft.role !== this.prevSoft.role ||
      !sameHardState(hard, this.prevHard) ||
      r.msgs.length > 0 ||
      r.snapshotRequested ||
      r.readStates.length > 0 ||
      r.log.pendingSnapshot !== undefined ||
      r.log.stableIndex < r.log.lastIndex() ||
      (r.log.pendingSnapshot === undefined && r.log.applied < r.log.committed)
    );
  }

  /** Everything to persist, send and apply; call advance() when done, before the next ready(). */
  ready(): Ready {
    invariant(this.inFlight === undefined, () => 'ready() called again before advance()');
    const r = this.raft;
    r.flushBatched();
    const soft = this.softState();
    const hard = this.hardState();
    const entries = r.log.unstableEntries();
    const snapshot = r.log.pendingSnapshot;
    const committedEntries = r.log.nextCommitted(r.log.applied + 1, r.opts.maxCommittedSizePerReadyBytes);
    const hardChanged = !sameHardState(hard, this.prevHard);
    const rd: Ready = {
      ...(soft.leader !== this.prevSoft.leader || soft.role !== this.prevSoft.role ? { softState: soft } : {}),
      ...(hardChanged ? { hardState: hard } : {}),
      entries,
      ...(snapshot !== undefined ? { snapshot } : {}),
      committedEntries,
      messages: r.msgs,
      readStates: r.readStates,
      ...(r.snapshotRequested ? { snapshotRequested: true } : {}),
      mustSync: entries.length > 0 || snapshot !== undefined || hard.term !== this.prevHard.term || hard.vote !== this.prevHard.vote,
    };
    r.msgs = [];
    r.readStates = [];
    r.snapshotRequested = false;
    this.prevSoft = soft;
    this.prevHard = hard;
    const last = entries[entries.length - 1];
    this.inFlight = {
      ...(last !== undefined ? { lastEntry: { index: last.index, term: last.term } } : {}),
      lastCommitted: committedEntries[committedEntries.length - 1]?.index ?? 0,
      snapshotIndex: snapshot?.meta.index ?? 0,
    };
    r.reduceUncommitted(committedEntries);
    return rd;
  }

  advance(): void {
    const done = this.inFlight;
    invariant(done !== undefined, () => 'advance() without ready()');
    this.inFlight = undefined;
    const log = this.raft.log;
    if (done.snapshotIndex > 0 && log.pendingSnapshot?.meta.index === done.snapshotIndex) {
      log.pendingSnapshot = undefined;
      log.appliedTo(done.snapshotIndex);
    }
    if (done.lastEntry !== undefined) log.stableTo(done.lastEntry.index, done.lastEntry.term);
    log.appliedTo(done.lastCommitted);
  }

  /** The current term and known leader: cheap, for every response header. */
  termAndLeader(): { term: number; leader: NodeId } {
    return { term: this.raft.term, leader: this.raft.lead };
  }

  status(): Status {
    const r = this.raft;
    const progress = new Map<NodeId, Progress>();
    if (r.role === 'leader') for (const [id, pr] of r.prs) progress.set(id, pr.view());
    return {
      id: r.id,
      term: r.term,
      vote: r.vote,
      leader: r.lead,
      role: r.role,
      commit: r.log.committed,
      applied: r.log.applied,
      lastIndex: r.log.lastIndex(),
      firstIndex: r.log.firstIndex(),
      conf: r.confState(),
      leadTransferee: r.leadTransferee,
      progress,
    };
  }
}

function sameHardState(a: HardState, b: HardState): boolean {
  return a.term === b.term && a.vote === b.vote && a.commit === b.commit;
}
