// The simulation's driver for one replica: it owns the real RawNode, a simulated disk and the
// key-value state machine, and it handles each Ready exactly as a production driver must.
import { RawNode, decodeConfChange } from '../../server/raft/core/index.js';
import { Disk } from './disk.js';
import { KvStore, decodeCommand, type Command } from './kv.js';
import type { RaftOptions } from '../../server/raft/core/options.js';
import type {
  ConfChange,
  ConfState,
  Entry,
  HardState,
  InitialState,
  Message,
  NodeId,
  ReadState,
  Ready,
  Role,
  Snapshot,
} from '../../server/raft/core/types.js';

/** Ready rounds in one step before the driver declares a livelock (the core keeps having work). */
const MAX_READY_ROUNDS_PER_STEP = 10_000;

export type Applied =
  | { readonly kind: 'noop' }
  | { readonly kind: 'command'; readonly cmd: Command; readonly output: boolean }
  | { readonly kind: 'conf'; readonly cc: ConfChange; readonly conf: ConfState };

/** Everything the rest of the simulation wants to hear from a replica's Ready loop. */
export interface ReplicaObserver {
  send(from: SimReplica, m: Message): void;
  persistedEntries(r: SimReplica, entries: readonly Entry[], prevTerm: number): void;
  persistedHardState(r: SimReplica, hs: HardState, mustSync: boolean, newEntries: number): void;
  installedSnapshot(r: SimReplica, snap: Snapshot): void;
  applied(r: SimReplica, e: Entry, what: Applied): void;
  readState(r: SimReplica, rs: ReadState): void;
  /** After advance(): roles, terms, commit indexes and served reads are looked at here. */
  readyHandled(r: SimReplica, rd: Ready): void;
  tookSnapshot(r: SimReplica, snap: Snapshot): void;
}

export type RaftTuning = Omit<RaftOptions, 'id' | 'randomSeed'>;

export class SimReplica {
  readonly disk = new Disk();
  node: RawNode | undefined;
  kv = new KvStore();
  /** Bumped on every start, so that late callbacks for a dead process can be told apart. */
  incarnation = 0;
  role: Role = 'follower';
  term = 0;
  leader: NodeId = '';
  commit = 0;
  /** Removed from the cluster and stopped for good; its id is never reused. */
  retired = false;
  /**
   * The configuration as of the applied index, as a driver must track it for its snapshots: the
   * core's own (status().conf) runs ahead of it while an installed snapshot awaits its Ready.
   */
  conf: ConfState = { voters: [], learners: [] };
  /** Set by the nemesis: the next Ready that must be synced is written but the power fails first. */
  crashBeforeNextSync = false;
  private appliedSinceSnapshot = 0;

  constructor(
    readonly id: NodeId,
    /** The initial members bootstrap the cluster; everybody else joins it. */
    private readonly bootstrapVoters: readonly NodeId[] | undefined,
    private readonly tuning: RaftTuning,
    /** Applied entries between two snapshots this replica takes on its own. */
    private readonly snapshotEvery: number,
    private readonly observer: ReplicaObserver,
  ) {}

  get running(): boolean {
    return this.node !== undefined;
  }

  /**
   * Starts (or restarts) the process from what is durable on disk. A disk that never synced
   * anything is a first start: an initial member bootstraps, a joiner waits for the leader.
   */
  start(randomSeed: number): void {
    if (this.retired) throw new Error(`sim: ${this.id} is retired and cannot start`);
    this.incarnation++;
    const disk = this.disk;
    const snap = disk.snapshot;
    let initial: InitialState;
    if (disk.isBlank) {
      initial = this.bootstrapVoters !== undefined ? { bootstrapVoters: this.bootstrapVoters } : {};
    } else {
      initial = {
        ...(disk.hardState !== undefined ? { hardState: disk.hardState } : {}),
        ...(snap !== undefined ? { snapshot: snap.meta } : {}),
        entries: disk.entries,
        applied: snap?.meta.index ?? 0,
      };
    }
    this.kv = snap !== undefined ? KvStore.fromSnapshot(snap.data, snap.meta.index) : new KvStore();
    this.conf = snap?.meta.conf ?? { voters: [], learners: [] };
    this.node = new RawNode({ ...this.tuning, id: this.id, randomSeed }, initial);
    // InitialState carries only the snapshot's metadata, but a leader needs the data to bring
    // laggards up to date; handing the snapshot from disk back through compact() gives it that.
    if (snap !== undefined) this.node.compact(snap);
    this.role = 'follower';
    this.leader = '';
    this.term = disk.hardState?.term ?? 0;
    this.commit = disk.hardState?.commit ?? 0;
    this.appliedSinceSnapshot = 0;
    this.crashBeforeNextSync = false;
  }

  /** Power loss: the process and its memory are gone, and so is whatever was not synced. */
  crash(): void {
    this.node = undefined;
    this.disk.crash();
    this.kv = new KvStore();
    this.role = 'follower';
    this.leader = '';
    this.crashBeforeNextSync = false;
  }

  /**
   * Handles Readys until the core has nothing more to do. Returns false if the replica lost
   * power in the middle (the nemesis armed crashBeforeNextSync); the caller then records the crash.
   */
  handleReadies(): boolean {
    let rounds = 0;
    while (this.node?.hasReady() === true) {
      if (++rounds > MAX_READY_ROUNDS_PER_STEP) {
        throw new Error(`sim: ${this.id} still has a Ready after ${MAX_READY_ROUNDS_PER_STEP} rounds in one step (livelock)`);
      }
      if (!this.handleReady(this.node)) return false;
    }
    return true;
  }

  /**
   * The one place that handles a Ready, in the order Raft's safety depends on: persist (and
   * sync) before sending, because a message may promise what is on disk (a vote, an appended
   * entry); send before applying, so that followers get entries while we apply; apply in log
   * order; and only then advance(), which tells the core all of it is done.
   */
  private handleReady(node: RawNode): boolean {
    const rd = node.ready();
    if (!this.persist(rd)) return false;
    for (const m of rd.messages) this.observer.send(this, m);
    if (rd.softState !== undefined) {
      this.role = rd.softState.role;
      this.leader = rd.softState.leader;
    }
    if (rd.snapshot !== undefined) this.applySnapshot(rd.snapshot);
    for (const e of rd.committedEntries) this.applyEntry(node, e);
    for (const rs of rd.readStates) this.observer.readState(this, rs);
    node.advance();
    this.observer.readyHandled(this, rd);
    if (this.appliedSinceSnapshot >= this.snapshotEvery) this.takeSnapshot();
    return true;
  }

  /** Step 1 of a Ready. Returns false when the power fails between the write and the sync. */
  private persist(rd: Ready): boolean {
    const disk = this.disk;
    if (rd.snapshot !== undefined) disk.installSnapshot(rd.snapshot);
    const fresh = rd.entries.filter((e) => e.index > disk.snapshotIndex);
    const first = fresh[0];
    if (first !== undefined) {
      disk.append(fresh);
      this.observer.persistedEntries(this, fresh, disk.termAt(first.index - 1) ?? 0);
    }
    if (rd.hardState !== undefined) disk.setHardState(rd.hardState);
    if (rd.mustSync && this.crashBeforeNextSync) return false;
    if (rd.mustSync) disk.sync();
    if (rd.hardState !== undefined) {
      this.term = rd.hardState.term;
      this.commit = rd.hardState.commit;
      this.observer.persistedHardState(this, rd.hardState, rd.mustSync, rd.entries.length);
    }
    return true;
  }

  private applySnapshot(snap: Snapshot): void {
    this.kv = KvStore.fromSnapshot(snap.data, snap.meta.index);
    this.conf = snap.meta.conf;
    this.appliedSinceSnapshot = 0;
    this.observer.installedSnapshot(this, snap);
  }

  private applyEntry(node: RawNode, e: Entry): void {
    this.kv.applied = e.index;
    this.appliedSinceSnapshot++;
    if (e.type === 'conf') {
      const cc = decodeConfChange(e.data);
      this.conf = node.applyConfChange(cc);
      this.observer.applied(this, e, { kind: 'conf', cc, conf: this.conf });
    } else if (e.data.length === 0) {
      this.observer.applied(this, e, { kind: 'noop' });
    } else {
      const cmd = decodeCommand(e.data);
      this.observer.applied(this, e, { kind: 'command', cmd, output: this.kv.apply(cmd.op) });
    }
  }

  /**
   * Snapshots the state machine at its applied index and lets the core drop the log before it.
   * The snapshot is synced to disk before the core forgets the entries it replaces.
   */
  takeSnapshot(): boolean {
    const node = this.node;
    const index = this.kv.applied;
    if (node === undefined || index <= this.disk.snapshotIndex) return false;
    const term = this.disk.termAt(index);
    if (term === undefined) throw new Error(`sim: ${this.id} applied ${index} but has no term for it on disk`);
    const snap: Snapshot = { meta: { index, term, conf: this.conf }, data: this.kv.snapshotData() };
    this.disk.compact(snap);
    this.disk.sync();
    node.compact(snap);
    this.appliedSinceSnapshot = 0;
    this.observer.tookSnapshot(this, snap);
    return true;
  }
}
