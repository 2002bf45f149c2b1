// Membership changes, driven as an operator would: start a new replica, add it as a learner,
// wait until it has caught up, promote it to voter; or remove a voter (sometimes the leader).
// A change counts only once a replica applied it; a proposal the core refused is tried later.
import { describeConf, type Cluster } from './cluster.js';
import type { Rng } from './rng.js';
import type { ConfChange, NodeId } from '../../server/raft/core/types.js';

type Phase =
  | { readonly kind: 'idle' }
  | { readonly kind: 'adding' | 'catchingUp' | 'promoting' | 'removing'; readonly id: NodeId; readonly since: number };

/** Steps between two looks at a change in progress (status() on the leader is not free). */
const POLL_EVERY_STEPS = 8;

export interface MembershipOptions {
  /** Never fewer voters than this. */
  readonly minVoters: number;
  /** Never more replicas (running or crashed, not retired) than this. */
  readonly maxReplicas: number;
}

export class Membership {
  private phase: Phase = { kind: 'idle' };
  private lastProposal = -Infinity;
  /** The replica being removed proposed its own removal as leader. */
  private leaderRemovingItself = false;
  private nextId: number;

  constructor(
    private readonly rng: Rng,
    private readonly cluster: Cluster,
    private readonly options: MembershipOptions,
  ) {
    this.nextId = cluster.options.replicas + 1;
  }

  get busy(): boolean {
    return this.phase.kind !== 'idle';
  }

  /** Starts an addition or a removal, whichever the configuration allows. */
  start(): void {
    if (this.busy) return;
    const c = this.cluster;
    const { voters, learners } = c.conf.conf;
    const stray = learners.find((id) => !c.replicas.has(id) || c.replica(id).retired);
    if (stray !== undefined) return this.enter('removing', stray);
    const present = [...c.replicas.values()].filter((r) => !r.retired).length;
    const canRemove = voters.length > this.options.minVoters;
    const canAdd = present < this.options.maxReplicas;
    if (canRemove && (!canAdd || this.rng.chance(0.5))) {
      const leader = c.leader();
      const victim = leader !== undefined && voters.includes(leader.id) && this.rng.chance(0.35) ? leader.id : this.rng.pick(voters);
      return this.enter('removing', victim);
    }
    if (!canAdd) return;
    const id = `r${this.nextId++}`;
    c.addReplica(id);
    this.enter('adding', id);
  }

  private enter(kind: Exclude<Phase['kind'], 'idle'>, id: NodeId): void {
    this.phase = { kind, id, since: this.cluster.now };
    this.lastProposal = -Infinity;
    this.leaderRemovingItself = false;
    const leader = this.cluster.leader();
    const leaderNote = kind === 'removing' && leader?.id === id ? ' (the leader)' : '';
    this.cluster.trace.event(this.cluster.now, `membership: ${kind} ${id}${leaderNote}`);
  }

  step(): void {
    const p = this.phase;
    if (p.kind === 'idle' || this.cluster.now % POLL_EVERY_STEPS !== 0) return;
    const c = this.cluster;
    const { voters, learners } = c.conf.conf;
    const giveUp = c.now - p.since > 40 * c.electionSteps;
    switch (p.kind) {
      case 'adding':
        if (learners.includes(p.id) || voters.includes(p.id)) {
          c.stats.learnersAdded++;
          return this.enter('catchingUp', p.id);
        }
        if (giveUp) return this.abandonJoiner(p.id);
        return this.propose({ type: 'addLearner', node: p.id, context: '' });
      case 'catchingUp':
        if (voters.includes(p.id)) return this.done();
        if (giveUp) return this.enter('removing', p.id);
        if (this.caughtUp(p.id)) this.enter('promoting', p.id);
        return;
      case 'promoting':
        if (voters.includes(p.id)) {
          c.stats.promotions++;
          return this.done();
        }
        if (giveUp) return this.enter('removing', p.id);
        return this.propose({ type: 'addVoter', node: p.id, context: '' });
      case 'removing':
        if (!c.isMember(p.id)) return this.removed(p.id);
        return this.propose({ type: 'remove', node: p.id, context: '' });
    }
  }

  /** The learner has everything the leader has committed: promoting it will not stall commits. */
  private caughtUp(id: NodeId): boolean {
    const st = this.cluster.leader()?.node?.status();
    const pr = st?.progress.get(id);
    return st !== undefined && pr !== undefined && pr.match >= st.commit;
  }

  /**
   * Proposes through the leader. A proposal can be lost with a leader change, so one that has not
   * taken effect after a few election timeouts is made again; a stale duplicate cannot commit
   * after a later change has (Leader Completeness), and applying one twice is a no-op.
   */
  private propose(cc: ConfChange): void {
    const c = this.cluster;
    if (c.now - this.lastProposal < 3 * c.electionSteps) return;
    const leader = c.leader();
    if (leader?.node?.proposeConfChange(cc) !== true) return;
    this.lastProposal = c.now;
    if (cc.type === 'remove' && cc.node === leader.id) this.leaderRemovingItself = true;
    c.trace.event(c.now, `propose ${cc.type} ${cc.node} via ${leader.id} (now ${describeConf(c.conf.conf)})`);
  }

  private removed(id: NodeId): void {
    const c = this.cluster;
    c.stats.removals++;
    if (this.leaderRemovingItself) c.stats.leaderRemovals++;
    c.trace.event(c.now, `membership: ${id} removed`);
    this.done();
  }

  /** A joiner whose addition never took effect is stopped; it was never a member. */
  private abandonJoiner(id: NodeId): void {
    this.cluster.retire(id);
    this.done();
  }

  private done(): void {
    this.phase = { kind: 'idle' };
  }
}
