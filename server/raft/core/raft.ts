// The Raft state machine of one replica (Ongaro's thesis, in the shape of etcd-io/raft): pure,
// deterministic, driven only by tick(), step() and the local requests of RawNode. It emits
// messages into `msgs` and changes the log; RawNode packages both into a Ready for the driver.
import { invariant } from './assert.js';
import { decodeConfChange, encodeConfChange } from './conf-change.js';
import { RaftLog } from './log.js';
import type { CompiledRaftOptions } from './options.js';
import { Progress } from './progress.js';
import { ReadOnlyQueue } from './read-only.js';
import { Rng } from './rng.js';
import {
  NONE,
  type ConfChange,
  type ConfState,
  type Entry,
  type HardState,
  type InitialState,
  type Message,
  type MessageType,
  type NodeId,
  type ReadState,
  type Role,
  type Snapshot,
} from './types.js';

const EMPTY = new Uint8Array(0);
/** The vote context that lets a leadership-transfer candidate bypass the leader lease. */
const TRANSFER_CONTEXT = new Uint8Array([0x74]);

type MessageFields = Partial<Omit<Message, 'type' | 'to' | 'from'>> & { type: MessageType; to: NodeId };

export class Raft {
  readonly id: NodeId;
  term = 0;
  vote: NodeId = NONE;
  lead: NodeId = NONE;
  role: Role = 'follower';
  readonly log: RaftLog;
  readonly prs = new Map<NodeId, Progress>();
  voters = new Set<NodeId>();
  learners = new Set<NodeId>();
  msgs: Message[] = [];
  readStates: ReadState[] = [];
  leadTransferee: NodeId = NONE;
  /** Index of the last conf change proposed by this leader; a new one waits until it is applied. */
  pendingConfIndex = 0;
  uncommittedBytes = 0;
  /** A follower needs a snapshot and there is no usable one: the driver should make one. */
  snapshotRequested = false;
  private votes = new Map<NodeId, boolean>();
  private electionElapsed = 0;
  private heartbeatElapsed = 0;
  private randomizedElectionTimeout = 0;
  private readonly readOnly = new ReadOnlyQueue();
  private pendingReadIndexMessages: Message[] = [];
  private readonly rng: Rng;
  private appendsPending = false;
  private forwardPending: Entry[] = [];

  constructor(
    readonly opts: CompiledRaftOptions,
    initial: InitialState,
  ) {
    this.id = opts.id;
    this.rng = new Rng(opts.randomSeed);
    const boot = bootstrapState(initial);
    const hs = boot?.hardState ?? initial.hardState;
    const entries = boot?.entries ?? initial.entries ?? [];
    this.log = new RaftLog(initial.snapshot, entries, hs?.commit ?? 0, initial.applied ?? 0);
    // Bootstrap entries are new: the first Ready persists them.
    if (boot !== undefined) this.log.stableIndex = 0;
    this.setConf(initial.snapshot?.conf ?? { voters: [], learners: [] });
    this.replayConfEntries(boot !== undefined ? this.log.committed : this.log.applied);
    if (hs !== undefined) {
      this.term = hs.term;
      this.vote = hs.vote;
    }
    this.becomeFollower(this.term, NONE);
  }

  /**
   * Conf changes take effect when applied. On restart the state machine has applied entries up
   * to `applied`, which the driver will not hand it again, so their conf changes are replayed here.
   */
  private replayConfEntries(upTo: number): void {
    for (let i = this.log.firstIndex(); i <= upTo; i++) {
      const e = this.log.entry(i);
      if (e?.type === 'conf') this.applyConfToSets(decodeConfChange(e.data));
    }
    this.syncProgressWithConf();
  }

  // ---- configuration ------------------------------------------------------------------------

  private setConf(conf: ConfState): void {
    this.voters = new Set(conf.voters);
    this.learners = new Set(conf.learners.filter((l) => !this.voters.has(l)));
    this.prs.clear();
    for (const id of [...this.voters, ...this.learners]) this.addProgress(id);
  }

  private addProgress(id: NodeId): void {
    const pr = new Progress(this.log.lastIndex() + 1, this.opts.maxInflightMsgs, this.learners.has(id));
    if (id === this.id) pr.match = this.log.lastIndex();
    this.prs.set(id, pr);
  }

  confState(): ConfState {
    return { voters: [...this.voters].sort(), learners: [...this.learners].sort() };
  }

  applyConfChange(cc: ConfChange): ConfState {
    this.applyConfToSets(cc);
    this.syncProgressWithConf();
    if (cc.type === 'remove' && cc.node === this.leadTransferee) this.leadTransferee = NONE;
    if (this.role === 'leader') this.afterConfChangeAsLeader();
    return this.confState();
  }

  private applyConfToSets(cc: ConfChange): void {
    switch (cc.type) {
      case 'addVoter':
        this.learners.delete(cc.node);
        this.voters.add(cc.node);
        break;
      case 'addLearner':
        if (!this.voters.has(cc.node)) this.learners.add(cc.node);
        break;
      case 'remove':
        this.voters.delete(cc.node);
        this.learners.delete(cc.node);
        break;
    }
  }

  private syncProgressWithConf(): void {
    for (const id of [...this.prs.keys()]) {
      if (!this.voters.has(id) && !this.learners.has(id)) this.prs.delete(id);
    }
    for (const id of [...this.voters, ...this.learners]) {
      const pr = this.prs.get(id);
      if (pr === undefined) {
        this.addProgress(id);
        const added = this.prs.get(id)!;
        added.recentActive = true;
      } else {
        pr.learner = this.learners.has(id);
      }
    }
  }

  private afterConfChangeAsLeader(): void {
    if (!this.voters.has(this.id)) {
      // A removed (or demoted) leader steps down; the remaining voters elect a new leader.
      this.becomeFollower(this.term, NONE);
      return;
    }
    if (this.maybeCommit()) this.bcastAppend();
    else for (const id of this.prs.keys()) if (id !== this.id) this.maybeSendAppend(id, false);
  }

  // ---- role changes -------------------------------------------------------------------------

  private reset(term: number): void {
    if (this.term !== term) {
      this.term = term;
      this.vote = NONE;
    }
    this.lead = NONE;
    this.electionElapsed = 0;
    this.heartbeatElapsed = 0;
    this.randomizedElectionTimeout = this.opts.electionTicks + this.rng.int(this.opts.electionTicks);
    this.leadTransferee = NONE;
    this.votes.clear();
    for (const id of [...this.prs.keys()]) this.addProgress(id);
    this.pendingConfIndex = 0;
    this.uncommittedBytes = 0;
    this.readOnly.reset();
    this.pendingReadIndexMessages = [];
    this.appendsPending = false;
    // Proposals held for forwarding are dropped on a role change, like those in flight.
    this.forwardPending = [];
  }

  becomeFollower(term: number, lead: NodeId): void {
    this.reset(term);
    this.lead = lead;
    this.role = 'follower';
  }

  private becomePreCandidate(): void {
    invariant(this.role !== 'leader', () => 'leader cannot become pre-candidate');
    // Pre-vote changes neither the term nor the vote: that is its point.
    this.votes.clear();
    this.lead = NONE;
    this.role = 'preCandidate';
  }

  private becomeCandidate(): void {
    invariant(this.role !== 'leader', () => 'leader cannot become candidate');
    this.reset(this.term + 1);
    this.vote = this.id;
    this.role = 'candidate';
  }

  private becomeLeader(): void {
    invariant(this.role === 'candidate', () => `only a candidate becomes leader (was ${this.role})`);
    this.reset(this.term);
    this.lead = this.id;
    this.role = 'leader';
    this.prs.get(this.id)?.becomeReplicate();
    // Conf changes wait until everything of earlier terms is committed, which the no-op proves.
    this.pendingConfIndex = this.log.lastIndex();
    this.appendEntries([{ term: this.term, index: 0, type: 'normal', data: EMPTY }]);
  }

  promotable(): boolean {
    return this.voters.has(this.id) && this.log.pendingSnapshot === undefined;
  }

  // ---- ticks --------------------------------------------------------------------------------

  tick(): void {
    if (this.role === 'leader') this.tickHeartbeat();
    else this.tickElection();
  }

  private tickElection(): void {
    this.electionElapsed++;
    if (this.promotable() && this.electionElapsed >= this.randomizedElectionTimeout) {
      this.electionElapsed = 0;
      this.hup(false);
    }
  }

  private tickHeartbeat(): void {
    this.heartbeatElapsed++;
    this.electionElapsed++;
    if (this.electionElapsed >= this.opts.electionTicks) {
      this.electionElapsed = 0;
      if (this.opts.checkQuorum && !this.quorumActive()) {
        this.becomeFollower(this.term, NONE);
        return;
      }
      // A transfer that did not finish within an election timeout is abandoned.
      this.leadTransferee = NONE;
    }
    if (this.heartbeatElapsed >= this.opts.heartbeatTicks) {
      this.heartbeatElapsed = 0;
      this.bcastHeartbeat(this.readOnly.lastContext());
    }
  }

  /** CheckQuorum: were a quorum of voters heard from in the last election timeout? */
  private quorumActive(): boolean {
    let active = 0;
    for (const id of this.voters) {
      const pr = this.prs.get(id);
      if (id === this.id || pr?.recentActive === true) active++;
    }
    for (const [id, pr] of this.prs) if (id !== this.id) pr.recentActive = false;
    return active >= this.quorum();
  }

  quorum(): number {
    return Math.floor(this.voters.size / 2) + 1;
  }

  // ---- elections ----------------------------------------------------------------------------

  hup(transfer: boolean): void {
    if (this.role === 'leader' || !this.promotable() || this.hasUnappliedConfChanges()) return;
    this.campaign(this.opts.preVote && !transfer ? 'pre' : 'real', transfer);
  }

  private hasUnappliedConfChanges(): boolean {
    for (let i = this.log.applied + 1; i <= this.log.committed; i++) {
      if (this.log.entry(i)?.type === 'conf') return true;
    }
    return false;
  }

  private campaign(kind: 'pre' | 'real', transfer: boolean): void {
    let term: number;
    if (kind === 'pre') {
      this.becomePreCandidate();
      term = this.term + 1;
    } else {
      this.becomeCandidate();
      term = this.term;
    }
    if (this.poll(this.id, true) === 'won') {
      if (kind === 'pre') this.campaign('real', transfer);
      else this.becomeLeader();
      return;
    }
    for (const id of this.voters) {
      if (id === this.id) continue;
      this.send({
        type: kind === 'pre' ? 'preVote' : 'vote',
        to: id,
        term,
        index: this.log.lastIndex(),
        logTerm: this.log.lastTerm(),
        context: transfer ? TRANSFER_CONTEXT : EMPTY,
      });
    }
  }

  private poll(id: NodeId, granted: boolean): 'won' | 'lost' | 'pending' {
    if (!this.votes.has(id)) this.votes.set(id, granted);
    let yes = 0;
    let no = 0;
    for (const voter of this.voters) {
      const v = this.votes.get(voter);
      if (v === true) yes++;
      else if (v === false) no++;
    }
    if (yes >= this.quorum()) return 'won';
    if (no > this.voters.size - this.quorum()) return 'lost';
    return 'pending';
  }

  // ---- sending ------------------------------------------------------------------------------

  send(fields: MessageFields): void {
    const m: Message = { ...this.localMessage(fields.type), ...fields };
    // Proposals and read-index requests forwarded to the leader carry no term (they are treated
    // as local requests there); vote responses carry the term they answer; all else our term.
    const keepTerm =
      m.type === 'prop' || m.type === 'readIndex' || m.type === 'vote' || m.type === 'voteResp' ||
      m.type === 'preVote' || m.type === 'preVoteResp';
    this.msgs.push(keepTerm ? m : { ...m, term: this.term });
  }

  /** Sends each follower what it lacks, in as many messages as its inflight window allows. */
  bcastAppend(): void {
    for (const id of this.prs.keys()) {
      if (id === this.id || !this.maybeSendAppend(id, true)) continue;
      while (this.maybeSendAppend(id, false)) {
        // Pipelining: keep going until the window is full or nothing is left to send.
      }
    }
  }

  /** Sends entries (or a snapshot) to `to` unless its progress is paused. */
  maybeSendAppend(to: NodeId, sendIfEmpty: boolean): boolean {
    const pr = this.prs.get(to);
    if (pr === undefined || pr.isPaused()) return false;
    const prevIndex = pr.next - 1;
    const prevTerm = this.log.term(prevIndex);
    const entries = this.log.slice(pr.next, this.log.lastIndex(), this.opts.maxSizePerMsgBytes);
    if (prevTerm === undefined || entries === undefined) return this.sendSnapshot(to, pr);
    if (entries.length === 0 && !sendIfEmpty) return false;
    this.send({ type: 'app', to, index: prevIndex, logTerm: prevTerm, entries, commit: this.log.committed });
    pr.sentEntries(entries.length, entries[entries.length - 1]?.index ?? prevIndex);
    return true;
  }

  private sendSnapshot(to: NodeId, pr: Progress): boolean {
    const snapshot = this.log.snapshot;
    // Only a follower known to be alive gets a (possibly large) snapshot.
    if (!pr.recentActive) return false;
    // A snapshot older than the log's start is of no use: the entries after it are gone. The
    // driver is asked (Ready.snapshotRequested) for a fresh one of its state machine.
    if (snapshot === undefined || snapshot.meta.index < this.log.snapshotMeta.index) {
      this.snapshotRequested = true;
      return false;
    }
    this.send({ type: 'snap', to, snapshot });
    pr.becomeSnapshot(snapshot.meta.index);
    return true;
  }

  private bcastHeartbeat(context: Uint8Array | undefined): void {
    for (const [id, pr] of this.prs) {
      if (id === this.id) continue;
      // Never tell a follower to commit past what it is known to have.
      const commit = Math.min(pr.match, this.log.committed);
      this.send({ type: 'heartbeat', to: id, commit, context: context ?? EMPTY });
    }
  }

  // ---- proposals ----------------------------------------------------------------------------

  /** Appends entries as leader; returns false when they were refused (too much uncommitted). */
  appendEntries(entries: readonly Entry[]): boolean {
    const bytes = entries.reduce((n, e) => n + e.data.length, 0);
    if (bytes > 0 && this.uncommittedBytes > 0 && this.uncommittedBytes + bytes > this.opts.maxUncommittedBytes) {
      return false;
    }
    this.uncommittedBytes += bytes;
    const last = this.log.lastIndex();
    const stamped = entries.map((e, i) => ({ ...e, term: this.term, index: last + 1 + i }));
    const newLast = this.log.append(stamped);
    this.prs.get(this.id)?.maybeUpdate(newLast);
    this.maybeCommit();
    return true;
  }

  reduceUncommitted(entries: readonly Entry[]): void {
    if (this.role !== 'leader') return;
    const bytes = entries.reduce((n, e) => n + e.data.length, 0);
    this.uncommittedBytes = Math.max(0, this.uncommittedBytes - bytes);
  }

  /** Advances commit to the highest index replicated on a quorum, if it is of this term. */
  maybeCommit(): boolean {
    const matches: number[] = [];
    for (const id of this.voters) matches.push(this.prs.get(id)?.match ?? 0);
    matches.sort((a, b) => b - a);
    const index = matches[this.quorum() - 1] ?? 0;
    // Raft §5.4.2: entries of earlier terms are committed only indirectly.
    if (index > this.log.committed && this.log.term(index) === this.term) {
      this.log.commitTo(index);
      return true;
    }
    return false;
  }

  committedEntryInCurrentTerm(): boolean {
    return this.log.term(this.log.committed) === this.term;
  }

  // ---- step ---------------------------------------------------------------------------------

  step(m: Message): void {
    if (!this.stepTerm(m)) return;
    switch (m.type) {
      case 'vote':
      case 'preVote':
        this.handleVoteRequest(m);
        return;
      default:
        if (this.role === 'leader') this.stepLeader(m);
        else if (this.role === 'follower') this.stepFollower(m);
        else this.stepCandidate(m);
    }
  }

  /** Term bookkeeping common to all roles; returns false when the message is to be ignored. */
  private stepTerm(m: Message): boolean {
    if (m.term === 0 || m.term === this.term) return true;
    if (m.term > this.term) return this.stepHigherTerm(m);
    // A lower term. A stale leader learns of the newer term from our reply and steps down.
    if ((this.opts.checkQuorum || this.opts.preVote) && (m.type === 'heartbeat' || m.type === 'app')) {
      this.send({ type: 'appResp', to: m.from });
    } else if (m.type === 'preVote') {
      this.send({ type: 'preVoteResp', to: m.from, term: this.term, reject: true });
    }
    return false;
  }

  private stepHigherTerm(m: Message): boolean {
    if (m.type === 'vote' || m.type === 'preVote') {
      const force = m.context.length === 1 && m.context[0] === TRANSFER_CONTEXT[0];
      const inLease =
        this.opts.checkQuorum && this.lead !== NONE && this.electionElapsed < this.opts.electionTicks;
      // While we hear from a leader we ignore would-be disruptors (thesis §4.2.3).
      if (!force && inLease) return false;
    }
    if (m.type === 'preVote') return true;
    if (m.type === 'preVoteResp' && !m.reject) return true;
    if (m.type === 'app' || m.type === 'heartbeat' || m.type === 'snap') this.becomeFollower(m.term, m.from);
    else this.becomeFollower(m.term, NONE);
    return true;
  }

  private handleVoteRequest(m: Message): void {
    const canVote =
      this.vote === m.from ||
      (this.vote === NONE && this.lead === NONE) ||
      (m.type === 'preVote' && m.term > this.term);
    const respType = m.type === 'vote' ? 'voteResp' : 'preVoteResp';
    if (canVote && this.log.isUpToDate(m.index, m.logTerm)) {
      this.send({ type: respType, to: m.from, term: m.term });
      if (m.type === 'vote') {
        this.electionElapsed = 0;
        this.vote = m.from;
      }
    } else {
      this.send({ type: respType, to: m.from, term: this.term, reject: true });
    }
  }

  private stepLeader(m: Message): void {
    switch (m.type) {
      case 'prop':
        this.leaderPropose(m.entries);
        return;
      case 'readIndex':
        this.leaderReadIndex(m);
        return;
      case 'transferLeader':
        this.leaderTransfer(m.from);
        return;
      default:
        break;
    }
    const pr = this.prs.get(m.from);
    if (pr === undefined) return;
    switch (m.type) {
      case 'appResp':
        pr.recentActive = true;
        if (m.reject) this.handleAppendRejected(m, pr);
        else this.handleAppendAccepted(m, pr);
        return;
      case 'heartbeatResp':
        this.handleHeartbeatResp(m, pr);
        return;
      default:
        return;
    }
  }

  leaderPropose(entries: readonly Entry[]): boolean {
    if (!this.prs.has(this.id) || this.leadTransferee !== NONE) return false;
    // Conf changes are proposed only through proposeConfChange on the leader itself.
    if (entries.some((e) => e.type === 'conf')) return false;
    if (!this.appendEntries(entries)) return false;
    // Appends go out when the driver next asks for a Ready, so that every proposal made in
    // between travels in one append message per follower (and one fsync on each).
    this.appendsPending = true;
    return true;
  }

  /** Sends what batching held back: appends of new entries, and forwarded proposals. */
  flushBatched(): void {
    if (this.appendsPending) {
      this.appendsPending = false;
      if (this.role === 'leader') this.bcastAppend();
    }
    if (this.forwardPending.length > 0) {
      const entries = this.forwardPending;
      this.forwardPending = [];
      if (this.role === 'follower' && this.lead !== NONE) this.send({ type: 'prop', to: this.lead, entries });
    }
  }

  hasBatched(): boolean {
    return this.appendsPending || this.forwardPending.length > 0;
  }

  proposeConfChange(data: Uint8Array): boolean {
    if (this.role !== 'leader' || this.leadTransferee !== NONE) return false;
    if (this.pendingConfIndex > this.log.applied) return false;
    if (!this.appendEntries([{ term: 0, index: 0, type: 'conf', data }])) return false;
    this.pendingConfIndex = this.log.lastIndex();
    this.bcastAppend();
    return true;
  }

  private handleAppendRejected(m: Message, pr: Progress): void {
    // The follower told us (rejectHint, logTerm): the last index it has whose term is <= the
    // term we probed with. Skip our own entries of higher terms in one step.
    const hint = m.logTerm > 0 ? this.log.findConflictByTerm(m.rejectHint, m.logTerm).index : m.rejectHint;
    if (pr.maybeDecrTo(m.index, hint)) {
      if (pr.state === 'replicate') pr.becomeProbe();
      this.maybeSendAppend(m.from, true);
    }
  }

  private handleAppendAccepted(m: Message, pr: Progress): void {
    const wasPaused = pr.isPaused();
    const updated = pr.maybeUpdate(m.index);
    // A probe answered at the index we already knew also proves where the logs match.
    if (!updated && !(pr.state === 'probe' && pr.match === m.index)) return;
    if (pr.state === 'probe') pr.becomeReplicate();
    else if (pr.state === 'snapshot' && pr.match + 1 >= this.log.firstIndex()) {
      pr.becomeProbe();
      pr.becomeReplicate();
    } else if (pr.state === 'replicate') pr.freeInflightsLE(m.index);

    if (this.maybeCommit()) {
      this.releasePendingReadIndexMessages();
      this.bcastAppend();
    } else if (wasPaused) {
      this.maybeSendAppend(m.from, true);
    }
    while (this.maybeSendAppend(m.from, false)) {
      // Keep the pipeline full while the window allows.
    }
    if (m.from === this.leadTransferee && pr.match === this.log.lastIndex()) {
      this.send({ type: 'timeoutNow', to: m.from });
    }
  }

  private handleHeartbeatResp(m: Message, pr: Progress): void {
    pr.recentActive = true;
    pr.probeSent = false;
    pr.unblockOnHeartbeat();
    if (pr.match < this.log.lastIndex()) this.maybeSendAppend(m.from, true);
    if (this.opts.readOnly !== 'safe' || m.context.length === 0) return;
    const acks = this.readOnly.ack(m.from, m.context);
    if (acks === undefined) return;
    let voterAcks = 0;
    for (const id of acks) if (this.voters.has(id)) voterAcks++;
    if (voterAcks < this.quorum()) return;
    for (const req of this.readOnly.advance(m.context)) this.answerRead(req.from, req.index, req.context);
  }

  private answerRead(from: NodeId, index: number, context: Uint8Array): void {
    if (from === NONE || from === this.id) this.readStates.push({ index, context });
    else this.send({ type: 'readIndexResp', to: from, index, context });
  }

  leaderReadIndex(m: Message): void {
    if (this.voters.size === 1 && this.voters.has(this.id)) {
      this.answerRead(m.from, this.log.committed, m.context);
      return;
    }
    // Until this leader commits an entry of its term it does not know the commit index.
    if (!this.committedEntryInCurrentTerm()) {
      if (this.pendingReadIndexMessages.length < this.opts.maxPendingReadIndex) {
        this.pendingReadIndexMessages.push(m);
      }
      return;
    }
    this.serveReadIndex(m);
  }

  private serveReadIndex(m: Message): void {
    if (this.opts.readOnly === 'lease') {
      this.answerRead(m.from, this.log.committed, m.context);
      return;
    }
    if (this.readOnly.size >= this.opts.maxPendingReadIndex) return;
    this.readOnly.add(this.log.committed, m.from, m.context);
    this.readOnly.ack(this.id, m.context);
    this.bcastHeartbeat(m.context);
  }

  private releasePendingReadIndexMessages(): void {
    if (this.pendingReadIndexMessages.length === 0 || !this.committedEntryInCurrentTerm()) return;
    const pending = this.pendingReadIndexMessages;
    this.pendingReadIndexMessages = [];
    for (const m of pending) this.serveReadIndex(m);
  }

  private leaderTransfer(transferee: NodeId): void {
    const pr = this.prs.get(transferee);
    if (pr === undefined || pr.learner || transferee === this.id) return;
    if (this.leadTransferee === transferee) return;
    this.leadTransferee = transferee;
    this.electionElapsed = 0;
    if (pr.match === this.log.lastIndex()) this.send({ type: 'timeoutNow', to: transferee });
    else this.maybeSendAppend(transferee, true);
  }

  private stepCandidate(m: Message): void {
    const myResp = this.role === 'preCandidate' ? 'preVoteResp' : 'voteResp';
    switch (m.type) {
      case 'app':
        this.becomeFollower(m.term, m.from);
        this.handleAppend(m);
        return;
      case 'heartbeat':
        this.becomeFollower(m.term, m.from);
        this.handleHeartbeat(m);
        return;
      case 'snap':
        this.becomeFollower(m.term, m.from);
        this.handleSnapshot(m);
        return;
      case 'preVoteResp':
      case 'voteResp': {
        if (m.type !== myResp) return;
        const result = this.poll(m.from, !m.reject);
        if (result === 'won') {
          if (this.role === 'preCandidate') this.campaign('real', false);
          else {
            this.becomeLeader();
            this.bcastAppend();
          }
        } else if (result === 'lost') {
          this.becomeFollower(this.term, NONE);
        }
        return;
      }
      default:
        return;
    }
  }

  private stepFollower(m: Message): void {
    switch (m.type) {
      case 'prop':
      case 'readIndex':
      case 'transferLeader':
        if (this.lead !== NONE) this.msgs.push({ ...m, to: this.lead, term: 0 });
        return;
      case 'app':
        this.electionElapsed = 0;
        this.lead = m.from;
        this.handleAppend(m);
        return;
      case 'heartbeat':
        this.electionElapsed = 0;
        this.lead = m.from;
        this.handleHeartbeat(m);
        return;
      case 'snap':
        this.electionElapsed = 0;
        this.lead = m.from;
        this.handleSnapshot(m);
        return;
      case 'timeoutNow':
        this.hup(true);
        return;
      case 'readIndexResp':
        this.readStates.push({ index: m.index, context: m.context });
        return;
      default:
        return;
    }
  }

  private handleAppend(m: Message): void {
    if (m.index < this.log.committed) {
      this.send({ type: 'appResp', to: m.from, index: this.log.committed });
      return;
    }
    const lastNew = this.log.maybeAppend(m.index, m.logTerm, m.commit, m.entries);
    if (lastNew !== undefined) {
      this.send({ type: 'appResp', to: m.from, index: lastNew });
      return;
    }
    const hint = this.log.findConflictByTerm(Math.min(m.index, this.log.lastIndex()), m.logTerm);
    this.send({ type: 'appResp', to: m.from, index: m.index, reject: true, rejectHint: hint.index, logTerm: hint.term });
  }

  private handleHeartbeat(m: Message): void {
    this.log.commitTo(Math.min(m.commit, this.log.lastIndex()));
    this.send({ type: 'heartbeatResp', to: m.from, context: m.context });
  }

  private handleSnapshot(m: Message): void {
    const snapshot = m.snapshot;
    if (snapshot !== undefined && this.restore(snapshot)) {
      this.send({ type: 'appResp', to: m.from, index: this.log.lastIndex() });
    } else {
      this.send({ type: 'appResp', to: m.from, index: this.log.committed });
    }
  }

  private restore(snapshot: Snapshot): boolean {
    const { index, term } = snapshot.meta;
    if (index <= this.log.committed) return false;
    // The snapshot may predate the change that added us (a new member is sent the latest
    // snapshot the leader has); we learn of our membership from the entries that follow it.
    if (this.log.matchTerm(index, term)) {
      // We already have the entries; just fast-forward the commit index.
      this.log.commitTo(index);
      return false;
    }
    this.log.restore(snapshot);
    this.setConf(snapshot.meta.conf);
    return true;
  }

  // ---- local requests -----------------------------------------------------------------------

  /** A proposal made on this replica: appended if leader, forwarded if follower. */
  propose(data: Uint8Array): boolean {
    const entry: Entry = { term: 0, index: 0, type: 'normal', data };
    if (this.role === 'leader') return this.leaderPropose([entry]);
    if (this.role !== 'follower' || this.lead === NONE) return false;
    if (this.forwardPending.length >= this.opts.maxForwardedProposals) return false;
    this.forwardPending.push(entry);
    return true;
  }

  readIndex(context: Uint8Array): boolean {
    if (this.role === 'leader') {
      this.leaderReadIndex({ ...this.localMessage('readIndex'), context });
      return true;
    }
    if (this.role !== 'follower' || this.lead === NONE) return false;
    this.send({ type: 'readIndex', to: this.lead, context });
    return true;
  }

  /** Asks the leader to hand leadership to `to`; a follower forwards the request. */
  transferLeadership(to: NodeId): void {
    if (this.role === 'leader') this.leaderTransfer(to);
    // The request names the transferee as its sender, as a request from the transferee would.
    else if (this.lead !== NONE) this.msgs.push({ ...this.localMessage('transferLeader'), from: to, to: this.lead });
  }

  reportUnreachable(id: NodeId): void {
    const pr = this.prs.get(id);
    if (this.role === 'leader' && pr?.state === 'replicate') pr.becomeProbe();
  }

  reportSnapshot(id: NodeId, ok: boolean): void {
    const pr = this.prs.get(id);
    if (this.role !== 'leader' || pr?.state !== 'snapshot') return;
    if (!ok) pr.pendingSnapshot = 0;
    pr.becomeProbe();
    // Wait for the next heartbeat answer before probing, as the snapshot may still be applying.
    pr.probeSent = true;
  }

  localMessage(type: MessageType): Message {
    return {
      type,
      from: this.id,
      to: this.id,
      term: 0,
      logTerm: 0,
      index: 0,
      entries: [],
      commit: 0,
      reject: false,
      rejectHint: 0,
      context: EMPTY,
    };
  }
}

/**
 * A brand-new cluster's first configuration is written into the log itself, as committed
 * addVoter entries at term 1 (identical on every initial member), so that it is persisted and
 * replicated like any later change.
 */
function bootstrapState(initial: InitialState): { hardState: HardState; entries: Entry[] } | undefined {
  const voters = initial.bootstrapVoters;
  const fresh = initial.snapshot === undefined && (initial.entries ?? []).length === 0 && initial.hardState === undefined;
  if (voters === undefined || voters.length === 0 || !fresh) return undefined;
  const entries = [...new Set(voters)].sort().map(
    (node, i): Entry => ({ term: 1, index: i + 1, type: 'conf', data: encodeConfChange({ type: 'addVoter', node, context: '' }) }),
  );
  return { hardState: { term: 1, vote: NONE, commit: entries.length }, entries };
}
