// The Raft driver of one replica: it owns the pure core (RawNode), the durable Raft storage, the
// state machine (the store) and the transport, and moves data between them in the one order
// that keeps Raft's promises. Everything the core asks for is handled by one loop, one Ready
// at a time; while a Ready is being written to disk, new proposals accumulate in the core and
// leave together in the next Ready — that is the batching (many proposals per append and per
// fsync).
import { randomInt } from 'node:crypto';
import type { Logger } from 'pino';
import { BerthError } from '../../client/index.js';
import type { ApplyEntry, ApplyResult, Command, CommandResult, Store } from '../store/index.js';
import { encodeCommand } from '../store/index.js';
import {
  NONE,
  RawNode,
  decodeConfChange,
  type ConfChange,
  type Entry,
  type InitialState,
  type Message,
  type NodeId,
  type HardState,
  type Ready,
  type Role,
  type Snapshot,
  type Status,
} from './core/index.js';
import { compileRaftNodeOptions, type CompiledRaftNodeOptions, type RaftNodeOptions } from './node-options.js';
import type { DataDb, RaftStorage, RaftStorageState } from './storage/index.js';
import type { Transport, TransportHandler } from './transport/index.js';
import { ReadRounds, WaiterMap } from './waiters.js';
import { MEMBERS_PREFIX, memberCommand, type Member, type Proposal } from './members.js';

export interface RaftNodeParts {
  readonly db: DataDb;
  readonly storage: RaftStorage;
  readonly stored: RaftStorageState;
  readonly store: Store;
  readonly transport: (handler: TransportHandler) => Transport;
  readonly logger: Logger;
}

export class RaftNode {
  readonly id: NodeId;
  readonly opts: CompiledRaftNodeOptions;
  private readonly core: RawNode;
  private readonly transport: Transport;
  private readonly log: Logger;
  private readonly proposals: WaiterMap<CommandResult>;
  private readonly confWaiters: WaiterMap<void>;
  private readonly reads: ReadRounds;
  private seq = 0;
  private loopScheduled = false;
  private loopRunning = false;
  private stopped = false;
  private ticker: NodeJS.Timeout | undefined;
  private lastCompactIndex = 0;
  private compactionInFlight = false;
  private leader: NodeId = NONE;
  private role: Role = 'follower';
  private persistedHard: HardState;
  /** A snapshot of the store being encoded off the loop, and the one ready to install. */
  private snapshotting = false;
  private finishedSnapshot: Snapshot | undefined;
  private readonly leaderListeners = new Set<(leader: NodeId, term: number) => void>();
  private fatal: ((err: unknown) => void) | undefined;

  constructor(
    raw: RaftNodeOptions,
    private readonly parts: RaftNodeParts,
  ) {
    this.opts = compileRaftNodeOptions(raw);
    this.id = this.opts.id;
    this.log = parts.logger.child({ component: 'raft', node: this.id });
    this.core = new RawNode({ ...this.opts.raft, id: this.id, randomSeed: randomInt(1, 2 ** 31) }, this.initialState());
    this.lastCompactIndex = parts.stored.snapshot?.index ?? 0;
    this.persistedHard = parts.stored.hardState ?? { term: 0, vote: NONE, commit: 0 };
    this.proposals = new WaiterMap('proposal', this.opts.maxPendingProposals, this.opts.proposalTimeoutMs);
    this.confWaiters = new WaiterMap('membership change', 16, this.opts.proposalTimeoutMs);
    this.reads = new ReadRounds(this.id, this.opts.maxPendingReads, this.opts.readTimeoutMs, (ctx) => {
      const ok = this.core.readIndex(ctx);
      this.kick();
      return ok;
    });
    this.transport = parts.transport(this.transportHandler());
  }

  private initialState(): InitialState {
    const { stored, store } = this.parts;
    const fresh = stored.hardState === undefined && stored.entries.length === 0 && stored.snapshot === undefined;
    if (fresh) {
      return this.opts.join ? {} : { bootstrapVoters: Object.keys(this.opts.initialPeers) };
    }
    const applied = store.applied;
    const last = stored.entries.at(-1)?.index ?? stored.snapshot?.index ?? 0;
    if (applied > last) {
      throw new BerthError('DATA_CORRUPT', `the store applied index ${applied} is beyond the raft log's last index ${last}`);
    }
    // Entries up to `applied` were committed; the hard state's commit may lag (it is not synced alone).
    const hs = stored.hardState ?? { term: 0, vote: NONE, commit: 0 };
    return {
      hardState: { ...hs, commit: Math.max(hs.commit, applied) },
      ...(stored.snapshot !== undefined ? { snapshot: stored.snapshot } : {}),
      entries: stored.entries,
      applied,
    };
  }

  private transportHandler(): TransportHandler {
    return {
      onMessage: (m: Message) => {
        if (this.stopped) return;
        this.core.step(m);
        this.kick();
      },
      onUnreachable: (peer) => this.core.reportUnreachable(peer),
      onSnapshotStatus: (peer, ok) => {
        this.core.reportSnapshot(peer, ok);
        this.kick();
      },
    };
  }

  /** Starts ticking and connects to the known members. `onFatal` hears of disk failures. */
  async start(onFatal: (err: unknown) => void): Promise<void> {
    this.fatal = onFatal;
    for (const m of await this.members()) if (m.id !== this.id) this.transport.addPeer(m.id, m.address);
    for (const [id, address] of Object.entries(this.opts.initialPeers)) {
      if (id !== this.id) this.transport.addPeer(id, address);
    }
    // A restarted replica whose log was compacted has no snapshot to send to laggards yet.
    this.ticker = setInterval(() => {
      this.core.tick();
      this.kick();
    }, this.opts.tickMs);
    this.kick();
    this.log.info({ applied: this.parts.store.applied, status: this.status().role }, 'raft node started');
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.ticker !== undefined) clearInterval(this.ticker);
    const err = new BerthError('UNAVAILABLE', 'this replica is shutting down; retry on another');
    this.proposals.rejectAll(err);
    this.confWaiters.rejectAll(err);
    this.reads.rejectAll(err);
    await this.transport.close();
    while (this.loopRunning) await new Promise((r) => setTimeout(r, 5));
  }

  // ---- the loop -----------------------------------------------------------------------------

  /** Schedules the loop on the next turn, so that work from this turn is batched into one Ready. */
  private kick(): void {
    if (this.loopScheduled || this.loopRunning || this.stopped) return;
    this.loopScheduled = true;
    setImmediate(() => {
      this.loopScheduled = false;
      void this.runLoop();
    });
  }

  private async runLoop(): Promise<void> {
    if (this.loopRunning || this.stopped) return;
    this.loopRunning = true;
    try {
      while (!this.stopped && this.core.hasReady()) {
        await this.handleReady(this.core.ready());
        this.core.advance();
        await this.maybeCompactLog();
      }
    } catch (err) {
      // A failed disk write or a broken invariant: this replica cannot go on safely.
      this.log.fatal({ err }, 'raft loop failed; stopping this replica');
      this.stopped = true;
      this.fatal?.(err);
    } finally {
      this.loopRunning = false;
    }
    if (!this.stopped && this.core.hasReady()) this.kick();
  }

  /**
   * The Ready contract, in this order and no other:
   * 1. persist the snapshot, entries and hard state (synced when mustSync), because a message
   *    of this Ready may promise what only the disk keeps (a vote, an append acknowledgement);
   * 2. send the messages;
   * 3. apply the snapshot and the committed entries to the store;
   * and then (in runLoop) advance the core.
   *
   * One exception, the leader's (Raft thesis §10.2.1, as etcd does): its messages promise
   * nothing about its own disk — it votes for nobody and acknowledges nothing — so it sends them
   * while its entries are being written. This is safe because it never reveals a commit index
   * that counts its own copy of an entry before the Ready holding that entry was persisted:
   * commit advances only on acknowledgements of entries already sent, and those answers reach
   * a later Ready, which this loop takes only after this one is on disk.
   */
  private async handleReady(rd: Ready): Promise<void> {
    const { db, storage, store } = this.parts;
    if (rd.softState !== undefined) this.role = rd.softState.role;
    if (rd.snapshotRequested === true) this.startSnapshot();
    const sendFirst = this.role === 'leader' && rd.snapshot === undefined && !this.changesTermOrVote(rd);
    if (sendFirst && rd.messages.length > 0) this.transport.send(rd.messages);
    // Committed entries that earlier Readys already persisted are applied while this Ready's
    // entries are being written; only those in this Ready must wait for the write.
    const firstNew = rd.entries[0]?.index ?? Number.POSITIVE_INFINITY;
    let early = 0;
    if (rd.snapshot === undefined) while (early < rd.committedEntries.length && rd.committedEntries[early]!.index < firstNew) early++;
    const applying = early > 0 ? this.apply(rd.committedEntries.slice(0, early)) : undefined;
    // LevelDB's chained batch is several times faster than the array form; and a restore can
    // hold millions of ops, too many to spread into one array push.
    const batch = db.batch();
    let restore: ReturnType<Store['restoreOps']> | undefined;
    if (rd.snapshot !== undefined) {
      addOps(batch, storage.snapshotOps(rd.snapshot.meta));
      restore = store.restoreOps(rd.snapshot.data);
      addOps(batch, restore.ops);
    }
    addOps(batch, storage.persistOps(rd.entries, rd.hardState));
    if (batch.length > 0) await batch.write({ sync: rd.mustSync });
    else await batch.close();
    if (rd.hardState !== undefined) this.persistedHard = rd.hardState;
    if (restore !== undefined) await this.afterRestore(restore, rd);
    if (!sendFirst && rd.messages.length > 0) this.transport.send(rd.messages);
    if (rd.softState !== undefined) this.onSoftState(rd.softState.leader, rd.softState.role);
    if (applying !== undefined) await applying;
    if (early < rd.committedEntries.length) await this.apply(rd.committedEntries.slice(early));
    for (const rs of rd.readStates) this.reads.confirmed(rs.context, rs.index, store.applied);
  }

  private changesTermOrVote(rd: Ready): boolean {
    const hs = rd.hardState;
    return hs !== undefined && (hs.term !== this.persistedHard.term || hs.vote !== this.persistedHard.vote);
  }

  private async afterRestore(restore: ReturnType<Store['restoreOps']>, rd: Ready): Promise<void> {
    restore.commit();
    this.lastCompactIndex = rd.snapshot?.meta.index ?? this.lastCompactIndex;
    for (const m of await this.members()) if (m.id !== this.id) this.transport.addPeer(m.id, m.address);
    this.reads.applied(this.parts.store.applied);
    this.log.info({ index: rd.snapshot?.meta.index, term: rd.snapshot?.meta.term }, 'installed snapshot from leader');
  }

  private onSoftState(leader: NodeId, role: string): void {
    if (leader !== this.leader) {
      const previous = this.leader;
      this.leader = leader;
      const term = this.core.status().term;
      this.log.info({ leader, role, term }, leader === NONE ? 'leader lost' : 'leader elected');
      // Proposals in flight through the old leader may or may not commit: say so now rather
      // than after the full timeout, so clients move on to the new leader at once.
      if (previous !== NONE) {
        this.proposals.rejectAll(
          new BerthError('TIMEOUT', `leadership changed (${previous} -> ${leader || 'none'}) while the request was in flight; it may or may not have been applied`, {
            details: { outcome: 'unknown' },
          }),
        );
      }
      for (const l of this.leaderListeners) l(leader, term);
    }
  }

  private async apply(entries: readonly Entry[]): Promise<void> {
    const batch: ApplyEntry[] = entries.map((e) => this.toApplyEntry(e));
    const results = await this.parts.store.applyEntries(batch);
    for (const r of results) this.deliver(r);
    for (const e of entries) if (e.type === 'conf') this.confWaiters.resolve(e.index, undefined);
    this.reads.applied(this.parts.store.applied);
  }

  /** Conf changes become a write of the member table, so that snapshots carry members' addresses. */
  private toApplyEntry(e: Entry): ApplyEntry {
    if (e.type !== 'conf') return { index: e.index, data: e.data.length > 0 ? e.data : null };
    const cc = decodeConfChange(e.data);
    const conf = this.core.applyConfChange(cc);
    const address = cc.context !== '' ? cc.context : this.opts.initialPeers[cc.node] ?? '';
    this.log.info({ change: cc.type, member: cc.node, address, index: e.index, voters: conf.voters, learners: conf.learners }, 'membership changed');
    if (cc.node !== this.id) {
      if (cc.type === 'remove') this.transport.removePeer(cc.node);
      else if (address !== '') this.transport.addPeer(cc.node, address);
    }
    return { index: e.index, data: encodeCommand(memberCommand(cc, address, conf)) };
  }

  private deliver(r: ApplyResult): void {
    if (r.requestId === undefined || r.requestId.origin !== this.id) return;
    if (r.ok) this.proposals.resolve(r.requestId.seq, r.result);
    else this.proposals.reject(r.requestId.seq, r.error);
  }

  /**
   * The leader keeps the store's history bounded: once more than twice `historyRevisions`
   * revisions are retained, it proposes a compaction to the newest `historyRevisions`.
   */
  private maybeCompactHistory(): void {
    const { store } = this.parts;
    const keep = this.opts.historyRevisions;
    if (this.leader !== this.id || store.revision - store.compactedRevision <= 2 * keep) return;
    if (this.compactionInFlight) return;
    this.compactionInFlight = true;
    const revision = store.revision - keep;
    this.propose({ type: 'compact', revision }).then(
      () => this.log.info({ revision }, 'store history compacted'),
      (err: unknown) => this.log.warn({ err, revision }, 'store history compaction failed; will retry'),
    ).finally(() => {
      this.compactionInFlight = false;
    });
  }

  /**
   * Log compaction and snapshots are separate, as in etcd: the store is durable on its own, so
   * compacting the log needs no copy of it — every `snapshotEntries` applied entries the log is
   * cut to the newest `snapshotCatchUpEntries`. A snapshot of the store is made only when the
   * core asks for one because a follower is too far behind (Ready.snapshotRequested).
   */
  private async maybeCompactLog(): Promise<void> {
    this.maybeCompactHistory();
    if (this.finishedSnapshot !== undefined) this.installOwnSnapshot(this.finishedSnapshot);
    const applied = this.parts.store.applied;
    if (applied - this.lastCompactIndex < this.opts.snapshotEntries) return;
    this.lastCompactIndex = applied;
    const upTo = applied - this.opts.snapshotCatchUpEntries;
    if (upTo < this.core.status().firstIndex) return;
    const boundary = this.core.compactLog(upTo);
    const batch = this.parts.db.batch();
    addOps(batch, this.parts.storage.compactOps(boundary));
    await batch.write({ sync: true });
    this.log.info({ compactedTo: boundary.index, applied }, 'raft log compacted');
  }

  /**
   * Snapshots the store at the applied index without holding up the loop: the store captures a
   * consistent view (its index and a LevelDB snapshot) at once, between two Readys, and encodes
   * it while replication goes on; the loop hands the result to the core when it is done.
   */
  private startSnapshot(): void {
    const { store } = this.parts;
    const applied = store.applied;
    if (this.snapshotting || applied === 0 || this.core.termAt(applied) === undefined) return;
    const meta = this.core.createSnapshot(applied, new Uint8Array(0)).meta;
    this.snapshotting = true;
    store.snapshot().then(
      (data) => {
        this.finishedSnapshot = { meta, data };
        this.kick();
      },
      (err: unknown) => this.log.warn({ err, index: applied }, 'snapshot failed; will retry when asked again'),
    ).finally(() => {
      this.snapshotting = false;
    });
  }

  /** Gives the core a finished snapshot to send to followers that are too far behind. */
  private installOwnSnapshot(snapshot: Snapshot): void {
    this.finishedSnapshot = undefined;
    const index = snapshot.meta.index;
    // Compacted away meanwhile (a leader's snapshot was installed): the next request makes another.
    if (this.core.termAt(index) !== snapshot.meta.term) return;
    this.core.compact(snapshot, this.core.status().firstIndex - 1);
    this.log.info({ index, bytes: snapshot.data.length }, 'snapshot made for a follower that is behind');
  }

  // ---- requests -----------------------------------------------------------------------------

  /** Replicates a command; resolves with its result once it is committed and applied here. */
  async propose(command: Proposal): Promise<CommandResult> {
    if (this.stopped) {
      throw new BerthError('UNAVAILABLE', 'this replica is shutting down; retry on another', { details: { proposed: false } });
    }
    const seq = ++this.seq;
    const data = encodeCommand({ ...command, requestId: { origin: this.id, seq } } as Command);
    if (data.length > this.opts.maxEntryBytes) {
      throw new BerthError(
        'TOO_LARGE',
        `request is ${data.length} bytes, over the limit of ${this.opts.maxEntryBytes} bytes (maxEntryBytes)`,
        { details: { bytes: data.length, limit: this.opts.maxEntryBytes } },
      );
    }
    const result = this.proposals.wait(seq);
    if (!this.core.propose(data)) {
      this.proposals.reject(seq, this.unavailable());
    }
    this.kick();
    return result;
  }

  private unavailable(): BerthError {
    const st = this.core.status();
    if (st.leadTransferee !== NONE) {
      return new BerthError('UNAVAILABLE', `leadership is moving to ${st.leadTransferee}; retry shortly`, {
        details: { proposed: false },
      });
    }
    // The core refused the entry before it entered any log: a retry cannot apply it twice.
    return new BerthError('UNAVAILABLE', 'no leader is known to this replica (election in progress?); retry shortly', {
      details: { leader: st.leader, proposed: false },
    });
  }

  /** Waits until this replica has applied every write committed before the call (ReadIndex). */
  linearizableRead(): Promise<void> {
    if (this.stopped) return Promise.reject(new BerthError('UNAVAILABLE', 'this replica is shutting down'));
    return this.reads.read();
  }

  get store(): Store {
    return this.parts.store;
  }

  status(): Status {
    return this.core.status();
  }

  termAndLeader(): { term: number; leader: NodeId } {
    return this.core.termAndLeader();
  }

  onLeaderChange(listener: (leader: NodeId, term: number) => void): () => void {
    this.leaderListeners.add(listener);
    return () => this.leaderListeners.delete(listener);
  }

  /** The members and their addresses, as the replicated member table records them. */
  async members(): Promise<Member[]> {
    const res = await this.parts.store.range({ key: MEMBERS_PREFIX, prefix: true });
    return res.kvs.map((kv) => JSON.parse(new TextDecoder().decode(kv.value)) as Member);
  }

  // ---- membership ---------------------------------------------------------------------------

  private requireLeader(): void {
    const st = this.core.status();
    if (st.role !== 'leader') {
      throw new BerthError('NOT_LEADER', `membership changes go to the leader${st.leader ? ` (${st.leader})` : ''}`, {
        details: { leader: st.leader },
      });
    }
  }

  private async proposeConf(cc: ConfChange): Promise<void> {
    this.requireLeader();
    for (let attempt = 0; ; attempt++) {
      if (this.core.proposeConfChange(cc)) break;
      // Another change is still being applied: changes go one at a time.
      if (attempt > this.opts.proposalTimeoutMs / this.opts.tickMs) {
        throw new BerthError('UNAVAILABLE', 'another membership change is still in progress; retry');
      }
      await new Promise((r) => setTimeout(r, this.opts.tickMs));
      this.requireLeader();
    }
    const index = this.core.status().lastIndex;
    const done = this.confWaiters.wait(index);
    this.kick();
    await done;
  }

  /**
   * Adds a replica the safe way: as a learner first, which receives the log (or a snapshot)
   * without counting for quorum, then promoted to voter once it has caught up.
   */
  async addMember(id: NodeId, address: string, onProgress?: (msg: string) => void): Promise<void> {
    const st = this.core.status();
    if (st.conf.voters.includes(id)) throw new BerthError('ALREADY_EXISTS', `${id} is already a voting member`);
    if (!st.conf.learners.includes(id)) {
      await this.proposeConf({ type: 'addLearner', node: id, context: address });
      onProgress?.(`${id} added as a learner; waiting for it to catch up`);
    }
    await this.waitCaughtUp(id);
    onProgress?.(`${id} caught up; promoting to voter`);
    await this.proposeConf({ type: 'addVoter', node: id, context: address });
  }

  private async waitCaughtUp(id: NodeId): Promise<void> {
    const deadline = Date.now() + this.opts.learnerCatchUpTimeoutMs;
    for (;;) {
      this.requireLeader();
      const st = this.core.status();
      const pr = st.progress.get(id);
      if (pr !== undefined && pr.match >= st.commit) return;
      if (Date.now() > deadline) {
        throw new BerthError('TIMEOUT', `${id} did not catch up within ${this.opts.learnerCatchUpTimeoutMs} ms; it stays a learner`);
      }
      await new Promise((r) => setTimeout(r, this.opts.tickMs));
    }
  }

  async removeMember(id: NodeId): Promise<void> {
    const st = this.core.status();
    if (!st.conf.voters.includes(id) && !st.conf.learners.includes(id)) {
      throw new BerthError('NOT_FOUND', `${id} is not a member of this cluster`);
    }
    await this.proposeConf({ type: 'remove', node: id, context: '' });
  }

  transferLeadership(to: NodeId): void {
    this.core.transferLeadership(to);
    this.kick();
  }
}

export type { Member, Proposal };
export { MEMBERS_PREFIX };

type Batch = ReturnType<DataDb['batch']>;

function addOps(batch: Batch, ops: readonly { type: 'put' | 'del'; key: string; value?: Uint8Array }[]): void {
  for (const op of ops) {
    if (op.type === 'put') batch.put(op.key, op.value!);
    else batch.del(op.key);
  }
}
