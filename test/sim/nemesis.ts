// The adversary: a seeded schedule of partitions, lossy and slow networks, crashes (sometimes
// between a write and its sync), membership changes, leadership transfers, forced snapshots and
// clock drift. Every fault it injects also has a scheduled end, so the cluster keeps getting
// chances to make progress between faults.
import { CALM_NETWORK, type NetworkFaults } from './network.js';
import { MAX_TICK_DRIFT_STEPS, type Cluster } from './cluster.js';
import type { Membership } from './membership.js';
import type { Rng } from './rng.js';
import type { SimReplica } from './replica.js';
import type { NodeId } from '../../server/raft/core/types.js';

type Action = 'partition' | 'heal' | 'network' | 'crash' | 'membership' | 'transfer' | 'snapshot' | 'drift';

const ACTION_WEIGHTS: readonly (readonly [Action, number])[] = [
  ['partition', 3],
  ['heal', 1.5],
  ['network', 2],
  ['crash', 3],
  ['membership', 2],
  ['transfer', 1.5],
  ['snapshot', 1],
  ['drift', 0.5],
];

/** Share of crashes that hit between a Ready's write and its sync rather than between steps. */
const CRASH_BEFORE_SYNC_SHARE = 0.15;
/** Share of crashes allowed to take down a majority of the voters for a while. */
const MAJORITY_OUTAGE_SHARE = 0.1;

export class Nemesis {
  private partitionEpoch = 0;
  private enabled = true;

  constructor(
    private readonly rng: Rng,
    private readonly cluster: Cluster,
    private readonly membership: Membership,
    /** Mean steps between two actions. */
    private readonly meanGapSteps: number,
  ) {
    cluster.onCrash = (r) => this.scheduleRestart(r);
  }

  step(): void {
    if (!this.enabled) return;
    this.membership.step();
    if (!this.rng.chance(1 / this.meanGapSteps)) return;
    this.act(this.rng.weighted(ACTION_WEIGHTS));
  }

  private act(action: Action): void {
    switch (action) {
      case 'partition':
        return this.partition();
      case 'heal':
        return this.heal('heal');
      case 'network':
        return this.networkFaults();
      case 'crash':
        return this.crash();
      case 'membership':
        return this.membership.start();
      case 'transfer':
        return this.transfer();
      case 'snapshot':
        return this.snapshot();
      case 'drift':
        return this.drift();
    }
  }

  /**
   * Ends every fault for the liveness check: heal, calm the network, restart everyone, and let
   * all clocks run at the same rate again. (A replica whose clock runs twice as fast as the
   * others' and whose log is behind can keep a cluster without pre-vote from ever electing.)
   */
  quiesce(): void {
    this.enabled = false;
    this.heal('final heal');
    this.cluster.network.faults = { ...CALM_NETWORK };
    for (const r of this.cluster.replicas.values()) {
      r.crashBeforeNextSync = false;
      this.cluster.setTickEvery(r.id, this.cluster.options.tickEverySteps);
      if (!r.running && !r.retired) this.cluster.restart(r.id);
    }
  }

  private present(): SimReplica[] {
    return [...this.cluster.replicas.values()].filter((r) => !r.retired);
  }

  private partition(): void {
    const c = this.cluster;
    const ids = this.present().map((r) => r.id);
    if (ids.length < 2) return;
    const leader = c.leader()?.id;
    const kind = this.rng.pick(['split', 'minority', 'leader', 'leaderOneWay', 'oneWay', 'bridge'] as const);
    // A new partition replaces the previous one, so that each is exactly what the trace says.
    c.network.heal();
    const what = this.cut(kind, ids, leader);
    if (what === undefined) return;
    c.stats.partitions++;
    const epoch = ++this.partitionEpoch;
    const lasts = this.rng.int(c.electionSteps / 2, 10 * c.electionSteps);
    c.trace.event(c.now, `partition ${what} for ${lasts} steps: ${c.network.describeBlocked()}`);
    c.schedule(lasts, () => {
      if (epoch === this.partitionEpoch) this.heal('partition over');
    });
  }

  /** Blocks links for one kind of partition; returns a description, or undefined if not possible. */
  private cut(kind: 'split' | 'minority' | 'leader' | 'leaderOneWay' | 'oneWay' | 'bridge', ids: NodeId[], leader: NodeId | undefined): string | undefined {
    const net = this.cluster.network;
    const shuffled = this.rng.shuffle(ids.slice());
    switch (kind) {
      case 'split': {
        const at = this.rng.int(1, shuffled.length - 1);
        net.partition([shuffled.slice(0, at), shuffled.slice(at)]);
        return 'random split';
      }
      case 'minority': {
        const size = this.rng.int(1, Math.max(1, Math.floor((shuffled.length - 1) / 2)));
        net.partition([shuffled.slice(0, size), shuffled.slice(size)]);
        return `minority ${shuffled.slice(0, size).join(',')} cut off`;
      }
      case 'leader':
      case 'leaderOneWay': {
        if (leader === undefined) return undefined;
        const others = ids.filter((id) => id !== leader);
        if (kind === 'leader') net.partition([[leader], others]);
        else if (this.rng.chance(0.5)) for (const id of others) net.blockOneWay(leader, id);
        else for (const id of others) net.blockOneWay(id, leader);
        return kind === 'leader' ? `leader ${leader} isolated` : `leader ${leader} cut one way`;
      }
      case 'oneWay': {
        const links = this.rng.int(1, 3);
        for (let i = 0; i < links; i++) net.blockOneWay(this.rng.pick(ids), this.rng.pick(ids));
        return 'one-way links';
      }
      case 'bridge': {
        if (shuffled.length < 3) return undefined;
        const [bridge, ...rest] = shuffled as [NodeId, ...NodeId[]];
        const at = this.rng.int(1, rest.length - 1);
        net.partition([rest.slice(0, at), rest.slice(at)]);
        return `split bridged by ${bridge}`;
      }
    }
  }

  private heal(why: string): void {
    const net = this.cluster.network;
    if (net.blockedLinks === 0) return;
    this.partitionEpoch++;
    net.heal();
    this.cluster.trace.event(this.cluster.now, why);
  }

  private networkFaults(): void {
    const c = this.cluster;
    const f: NetworkFaults = { ...CALM_NETWORK };
    if (this.rng.chance(0.7)) {
      if (this.rng.chance(0.6)) f.dropRate = this.rng.pick([0.01, 0.05, 0.1, 0.2]);
      if (this.rng.chance(0.5)) f.dupRate = this.rng.pick([0.01, 0.05, 0.1]);
      if (this.rng.chance(0.5)) {
        f.maxDelaySteps = this.rng.int(2, 12);
        f.spikeRate = this.rng.pick([0, 0.01, 0.05]);
        f.spikeDelaySteps = this.rng.int(f.maxDelaySteps, c.electionSteps);
      }
    }
    c.network.faults = f;
    c.trace.event(c.now, `network drop=${f.dropRate} dup=${f.dupRate} delay=${f.minDelaySteps}..${f.maxDelaySteps} spikes=${f.spikeRate}x${f.spikeDelaySteps}`);
  }

  private crash(): void {
    const c = this.cluster;
    const running = this.present().filter((r) => r.running && !r.crashBeforeNextSync);
    if (running.length === 0) return;
    const leader = c.leader();
    const victim = leader !== undefined && this.rng.chance(0.3) ? leader : this.rng.pick(running);
    if (!this.mayCrash(victim.id)) return;
    if (this.rng.chance(CRASH_BEFORE_SYNC_SHARE)) {
      victim.crashBeforeNextSync = true;
      c.trace.event(c.now, `arm ${victim.id} to crash between its next write and sync`);
    } else {
      c.crash(victim.id, 'nemesis');
    }
  }

  /** Keeps a majority of voters up, except in a small share of crashes that test an outage. */
  private mayCrash(id: NodeId): boolean {
    const { voters } = this.cluster.conf.conf;
    if (!voters.includes(id)) return true;
    const down = voters.filter((v) => {
      const r = this.cluster.replicas.get(v);
      return r === undefined || !r.running || r.crashBeforeNextSync;
    }).length;
    return down + 1 <= Math.floor((voters.length - 1) / 2) || this.rng.chance(MAJORITY_OUTAGE_SHARE);
  }

  private scheduleRestart(r: SimReplica): void {
    const c = this.cluster;
    const after = this.rng.int(Math.ceil(c.electionSteps / 4), 6 * c.electionSteps);
    c.schedule(after, () => c.restart(r.id));
  }

  private transfer(): void {
    const c = this.cluster;
    const leader = c.leader();
    const targets = c.conf.conf.voters.filter((id) => id !== leader?.id);
    if (leader?.node === undefined || targets.length === 0) return;
    const to = this.rng.pick(targets);
    leader.node.transferLeadership(to);
    c.stats.transfersRequested++;
    c.expectTransfer(to);
    c.trace.event(c.now, `transfer leadership ${leader.id} -> ${to}`);
  }

  private snapshot(): void {
    const running = this.present().filter((r) => r.running);
    if (running.length === 0) return;
    const r = this.rng.pick(running);
    this.cluster.trace.event(this.cluster.now, `force a snapshot on ${r.id} at its applied index ${r.kv.applied}`);
    r.takeSnapshot();
  }

  private drift(): void {
    const r = this.rng.pick(this.present());
    const every = this.cluster.options.tickEverySteps + this.rng.int(-1, MAX_TICK_DRIFT_STEPS);
    this.cluster.setTickEvery(r.id, every);
    this.cluster.trace.event(this.cluster.now, `clock drift: ${r.id} ticks every ${every} steps`);
  }
}
