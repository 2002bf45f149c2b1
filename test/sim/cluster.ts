// The simulated world: replicas, the network between them, the clients, a clock and timers. One
// step() advances time by one unit: due messages are delivered, replicas tick, the nemesis and
// the clients act, and every replica's Ready is handled; the safety checks run throughout.
import { Clients, type ClientOptions } from './client.js';
import { Invariants, InvariantViolation, checkLogsMatch } from './invariants.js';
import { Network, type DropReason } from './network.js';
import { SimReplica, type Applied, type RaftTuning, type ReplicaObserver } from './replica.js';
import { newStats, type SimStats } from './stats.js';
import type { Rng } from './rng.js';
import type { Trace } from './trace.js';
import type { ConfState, Entry, HardState, Message, NodeId, ReadState, Ready, Snapshot } from '../../server/raft/core/types.js';

export interface ClusterOptions {
  readonly replicas: number;
  readonly tuning: RaftTuning;
  readonly snapshotEvery: number;
  readonly clients: Omit<ClientOptions, 'opTimeoutSteps'>;
  /** Messages in flight before the network drops new ones. */
  readonly maxInFlight: number;
  /** Steps between two ticks of a replica, before per-replica drift. */
  readonly tickEverySteps: number;
}

/** How much slower than tickEverySteps a drifting replica's clock may tick. */
export const MAX_TICK_DRIFT_STEPS = 2;
/** Steps between two direct pairwise Log Matching checks of every replica's log. */
const LOG_CROSS_CHECK_EVERY_STEPS = 64;
/** How long the transport takes to report a snapshot it delivered, or gave up on. */
const SNAPSHOT_REPORT_STEPS = { delivered: 2, lost: 20 } as const;

export class Cluster implements ReplicaObserver {
  now = 0;
  private eventClock = 0;
  readonly replicas = new Map<NodeId, SimReplica>();
  readonly network: Network;
  readonly invariants = new Invariants();
  readonly clients: Clients;
  readonly stats: SimStats = newStats();
  /** The configuration of the highest-indexed conf change (or snapshot) any replica applied. */
  conf: { index: number; conf: ConfState };
  /** Ids that were ever members; one that leaves the configuration is retired. */
  private readonly everMember = new Set<NodeId>();
  private readonly timers = new Map<number, (() => void)[]>();
  private readonly tickPhase = new Map<NodeId, { every: number; phase: number }>();
  private readonly leaders = new Set<string>();
  private readonly appliedCommands = new Map<string, number>();
  private readonly initialIds: readonly NodeId[];
  private transferTarget: { to: NodeId; until: number } | undefined;
  /** Called when a replica crashed, whoever caused it: the nemesis schedules its restart. */
  onCrash: ((r: SimReplica) => void) | undefined;

  constructor(
    private readonly rng: Rng,
    readonly options: ClusterOptions,
    readonly trace: Trace,
  ) {
    this.network = new Network(rng.fork(), options.maxInFlight);
    this.clients = new Clients(rng.fork(), { ...options.clients, opTimeoutSteps: 5 * this.electionSteps }, this);
    this.initialIds = Array.from({ length: options.replicas }, (_, i) => `r${i + 1}`);
    this.conf = { index: 0, conf: { voters: [...this.initialIds], learners: [] } };
    for (const id of this.initialIds) {
      this.everMember.add(id);
      this.addReplica(id, this.initialIds);
    }
  }

  /** An upper bound of one election timeout, in steps, for the slowest ticking replica. */
  get electionSteps(): number {
    return 2 * (this.options.tuning.electionTicks ?? 10) * (this.options.tickEverySteps + MAX_TICK_DRIFT_STEPS);
  }

  /** A strictly increasing logical time for client call and return events. */
  event(): number {
    return ++this.eventClock;
  }

  addReplica(id: NodeId, bootstrapVoters?: readonly NodeId[]): SimReplica {
    if (this.replicas.has(id)) throw new Error(`sim: replica ${id} already exists`);
    const r = new SimReplica(id, bootstrapVoters, this.options.tuning, this.options.snapshotEvery, this);
    this.replicas.set(id, r);
    const every = this.options.tickEverySteps + this.rng.int(-1, 1);
    this.tickPhase.set(id, { every, phase: this.rng.int(0, every - 1) });
    this.startReplica(r);
    return r;
  }

  private startReplica(r: SimReplica): void {
    if (!r.disk.isBlank) this.invariants.observeHardState(r.id, r.disk.hardState ?? { term: 0, vote: '', commit: 0 }, true, 0);
    r.start(this.rng.nextU32());
    this.invariants.resetApplied(r.id, r.disk.snapshotIndex);
  }

  restart(id: NodeId): void {
    const r = this.replica(id);
    if (r.running || r.retired) return;
    this.startReplica(r);
    this.stats.restarts++;
    this.trace.event(this.now, `restart ${id} (term ${r.term}, log ${r.disk.snapshotIndex + 1}..${r.disk.lastIndex})`);
  }

  crash(id: NodeId, why: string): void {
    const r = this.replica(id);
    if (!r.running) return;
    const lost = r.disk.hasUnsynced;
    r.crash();
    this.afterStop(r);
    this.stats.crashes++;
    this.trace.event(this.now, `crash ${id} (${why}${lost ? ', unsynced writes lost' : ''})`);
    this.onCrash?.(r);
  }

  private afterStop(r: SimReplica): void {
    this.invariants.forget(r.id);
    this.clients.onCrash(r);
  }

  /** Stops a replica that left the configuration, for good. */
  retire(id: NodeId): void {
    const r = this.replica(id);
    if (r.retired) return;
    r.crash();
    r.retired = true;
    this.afterStop(r);
    this.trace.event(this.now, `retire ${id} (removed from the configuration)`);
  }

  replica(id: NodeId): SimReplica {
    const r = this.replicas.get(id);
    if (r === undefined) throw new Error(`sim: no replica ${id}`);
    return r;
  }

  running(): SimReplica[] {
    return [...this.replicas.values()].filter((r) => r.running);
  }

  /** The running leader of the highest term, if any. */
  leader(): SimReplica | undefined {
    let best: SimReplica | undefined;
    for (const r of this.replicas.values()) {
      if (r.running && r.role === 'leader' && (best === undefined || r.term > best.term)) best = r;
    }
    return best;
  }

  schedule(delaySteps: number, fn: () => void): void {
    const at = this.now + Math.max(1, delaySteps);
    const list = this.timers.get(at);
    if (list === undefined) this.timers.set(at, [fn]);
    else list.push(fn);
  }

  expectTransfer(to: NodeId): void {
    this.transferTarget = { to, until: this.now + this.electionSteps };
  }

  /** One unit of simulated time. */
  step(actors: { nemesis?: () => void; clientsSubmit: boolean }): void {
    this.now++;
    this.stats.steps++;
    this.runTimers();
    this.deliver();
    this.tick();
    actors.nemesis?.();
    this.clients.step(this.running(), actors.clientsSubmit);
    this.handleReadies();
    if (this.now % LOG_CROSS_CHECK_EVERY_STEPS === 0) this.crossCheckLogs();
  }

  private runTimers(): void {
    const due = this.timers.get(this.now);
    if (due === undefined) return;
    this.timers.delete(this.now);
    for (const fn of due) fn();
  }

  private deliver(): void {
    const { delivered, dropped } = this.network.takeDue(this.now);
    for (const d of dropped) this.onDropped(d.msg, d.reason);
    for (const { msg, copy } of delivered) {
      const to = this.replicas.get(msg.to);
      if (to?.node === undefined) {
        if (!copy) this.onDropped(msg, 'partition');
        continue;
      }
      if (this.trace.detailed) this.trace.detail(this.now, `deliver ${describe(msg)}`);
      if (msg.type === 'snap' && !copy) this.reportSnapshot(msg, true);
      to.node.step(msg);
      // A vote is how a replica becomes leader; look at once, as it may lose leadership again
      // before its next Ready would show it.
      if (msg.type === 'voteResp') {
        const st = to.node.status();
        if (st.role === 'leader') this.invariants.observeLeaderOfTerm(to.id, st.term);
      }
    }
  }

  /**
   * What a real transport tells the core about failures: a peer it cannot reach (so the leader
   * stops pipelining to it), and a snapshot that did or did not arrive.
   */
  private onDropped(msg: Message, reason: DropReason): void {
    if (msg.type === 'snap') this.reportSnapshot(msg, false);
    else if (reason === 'partition') {
      const from = this.replicas.get(msg.from);
      const incarnation = from?.incarnation;
      this.schedule(1, () => {
        if (from?.node !== undefined && from.incarnation === incarnation) from.node.reportUnreachable(msg.to);
      });
    }
  }

  private reportSnapshot(msg: Message, ok: boolean): void {
    const from = this.replicas.get(msg.from);
    const incarnation = from?.incarnation;
    this.schedule(ok ? SNAPSHOT_REPORT_STEPS.delivered : SNAPSHOT_REPORT_STEPS.lost, () => {
      if (from?.node !== undefined && from.incarnation === incarnation) from.node.reportSnapshot(msg.to, ok);
    });
  }

  private tick(): void {
    for (const r of this.replicas.values()) {
      const t = this.tickPhase.get(r.id);
      if (r.node !== undefined && t !== undefined && (this.now + t.phase) % t.every === 0) r.node.tick();
    }
  }

  /** Changes how fast a replica's clock runs relative to the others (clock drift). */
  setTickEvery(id: NodeId, every: number): void {
    const t = this.tickPhase.get(id);
    if (t !== undefined) t.every = Math.max(1, every);
  }

  private handleReadies(): void {
    for (const r of this.replicas.values()) {
      if (r.running && !r.handleReadies()) {
        this.stats.crashesBeforeSync++;
        this.crash(r.id, 'between write and sync');
      }
    }
  }

  /** The direct form of Log Matching over every pair of disks, including crashed replicas'. */
  crossCheckLogs(): void {
    const all = [...this.replicas.values()].filter((r) => !r.retired);
    for (let i = 0; i < all.length; i++) {
      for (let j = i + 1; j < all.length; j++) {
        const a = all[i] as SimReplica;
        const b = all[j] as SimReplica;
        checkLogsMatch(a.id, a.disk, b.id, b.disk);
      }
    }
  }

  // ---- ReplicaObserver ----------------------------------------------------------------------

  send(_from: SimReplica, m: Message): void {
    if (m.type === 'snap') this.stats.snapshotsSent++;
    if (this.trace.detailed) this.trace.detail(this.now, `send ${describe(m)}`);
    const dropped = this.network.send(m, this.now);
    if (dropped !== undefined) this.onDropped(m, dropped);
  }

  persistedEntries(r: SimReplica, entries: readonly Entry[], prevTerm: number): void {
    this.invariants.persistEntries(r.id, entries, prevTerm);
  }

  persistedHardState(r: SimReplica, hs: HardState, mustSync: boolean, newEntries: number): void {
    this.invariants.observeHardState(r.id, hs, mustSync, newEntries);
  }

  installedSnapshot(r: SimReplica, snap: Snapshot): void {
    this.stats.snapshotsInstalled++;
    this.invariants.observeSnapshot(r.id, r.term, snap.meta, snap.data, 'installed');
    this.invariants.resetApplied(r.id, snap.meta.index);
    this.trace.event(this.now, `${r.id} installed snapshot ${snap.meta.index}/${snap.meta.term}`);
    this.noteConf(snap.meta.index, snap.meta.conf);
  }

  tookSnapshot(r: SimReplica, snap: Snapshot): void {
    this.stats.snapshotsTaken++;
    this.invariants.observeSnapshot(r.id, r.term, snap.meta, snap.data, 'taken');
  }

  applied(r: SimReplica, e: Entry, what: Applied): void {
    this.invariants.applyEntry(r.id, r.term, e);
    if (what.kind === 'conf') {
      // The core writes the initial configuration as one addVoter entry per initial member and
      // applies them all at once on those members, so the configuration it reports while they
      // are applied is only meaningful after the last of them.
      if (e.index <= this.initialIds.length) return;
      this.invariants.observeConf(r.id, e.index, what.conf);
      if (e.index > this.conf.index) {
        this.stats.confChangesApplied++;
        this.trace.event(this.now, `conf ${e.index}: ${what.cc.type} ${what.cc.node} -> ${describeConf(what.conf)}`);
      }
      this.noteConf(e.index, what.conf);
    } else if (what.kind === 'command') {
      this.checkNotDuplicated(e, `${what.cmd.client}:${what.cmd.seq}`);
      this.clients.onApplied(r, what.cmd, what.output);
    }
  }

  /** The core must never put one proposal into the log twice (the network never duplicates one). */
  private checkNotDuplicated(e: Entry, key: string): void {
    const at = this.appliedCommands.get(key);
    if (at === undefined) this.appliedCommands.set(key, e.index);
    else if (at !== e.index) {
      throw new InvariantViolation('No Duplication', `command ${key} was applied at index ${at} and again at ${e.index}`);
    }
  }

  readState(r: SimReplica, rs: ReadState): void {
    this.clients.onReadState(r, rs);
  }

  readyHandled(r: SimReplica, rd: Ready): void {
    if (rd.softState !== undefined || rd.hardState !== undefined) {
      this.invariants.observeRole(r.id, r.term, r.role === 'leader', r.disk);
      if (r.role === 'leader') this.noteLeader(r);
      this.invariants.observeCommit(r.id, r.term, r.commit, r.disk);
      this.stats.entriesCommitted = Math.max(this.stats.entriesCommitted, r.commit);
    }
    if (rd.snapshot !== undefined) this.checkCoreMatchesDisk(r);
    this.clients.serveReads(r);
  }

  private noteLeader(r: SimReplica): void {
    const key = `${r.term}:${r.id}`;
    if (this.leaders.has(key)) return;
    this.leaders.add(key);
    this.stats.leadersElected++;
    this.trace.event(this.now, `${r.id} is leader of term ${r.term}`);
    if (this.transferTarget?.to === r.id && this.now <= this.transferTarget.until) {
      this.stats.transfersCompleted++;
      this.transferTarget = undefined;
    }
  }

  /** After a snapshot, the core's log and the disk must describe the same range. */
  private checkCoreMatchesDisk(r: SimReplica): void {
    const st = r.node?.status();
    if (st === undefined) return;
    if (st.lastIndex !== r.disk.lastIndex || st.firstIndex !== r.disk.snapshotIndex + 1) {
      throw new InvariantViolation(
        'Durability',
        `${r.id}'s core log is ${st.firstIndex}..${st.lastIndex} but its disk holds ${r.disk.snapshotIndex + 1}..${r.disk.lastIndex}`,
      );
    }
  }

  /** Keeps the simulation's idea of the members in step with what replicas applied. */
  private noteConf(index: number, conf: ConfState): void {
    if (index <= this.conf.index) return;
    this.conf = { index, conf };
    const members = new Set([...conf.voters, ...conf.learners]);
    for (const id of members) this.everMember.add(id);
    for (const r of this.replicas.values()) {
      if (r.retired || members.has(r.id) || !this.everMember.has(r.id)) continue;
      // A removed replica lingers a little, as a real one would until an operator stops it.
      const id = r.id;
      this.schedule(this.rng.int(1, this.electionSteps), () => {
        if (!this.isMember(id)) this.retire(id);
      });
    }
  }

  isMember(id: NodeId): boolean {
    return this.conf.conf.voters.includes(id) || this.conf.conf.learners.includes(id);
  }
}

export function describeConf(conf: ConfState): string {
  const learners = conf.learners.length > 0 ? ` learners [${conf.learners.join(',')}]` : '';
  return `voters [${conf.voters.join(',')}]${learners}`;
}

function describe(m: Message): string {
  const entries = m.entries.length > 0 ? ` entries ${m.entries[0]?.index}..${m.entries[m.entries.length - 1]?.index}` : '';
  const snap = m.snapshot !== undefined ? ` snapshot ${m.snapshot.meta.index}/${m.snapshot.meta.term}` : '';
  const rej = m.reject ? ` reject hint ${m.rejectHint}` : '';
  return `${m.type} ${m.from}->${m.to} t${m.term} i${m.index} lt${m.logTerm} c${m.commit}${entries}${snap}${rej}`;
}
