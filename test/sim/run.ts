// One seed, start to finish: derive the whole setup from the seed, run the cluster under the
// nemesis, heal everything and demand liveness, then judge the clients' history for
// linearizability. Any failure names the one command that replays it.
import { Cluster, type ClusterOptions } from './cluster.js';
import { checkLinearizable, type HistoryEvent } from './linearizability.js';
import { awaitLiveness, describeCluster } from './liveness.js';
import { Membership } from './membership.js';
import { Nemesis } from './nemesis.js';
import { Rng } from './rng.js';
import { newStats, type SimStats } from './stats.js';
import { Trace } from './trace.js';

/** Steps of one seed under the nemesis, before the liveness phase. */
export const DEFAULT_STEPS = 4000;
/** Election timeouts the healed cluster gets to elect a leader and serve a write and a read. */
const LIVENESS_ELECTION_TIMEOUTS = 20;
/** The checker's budget per key; an inconclusive answer is retried once with ten times more. */
const CHECKER_STATES_PER_KEY = 2_000_000;
const MIN_VOTERS = 3;

export type ReplicaCount = 3 | 5;

export interface RunOptions {
  readonly replicas: ReplicaCount;
  readonly steps?: number;
  /** Print nemesis actions as they happen and keep a per-step trace. */
  readonly verbose?: boolean;
  readonly log?: (line: string) => void;
  /** Only for proving the checks work: see ClientOptions.unsafeLocalReads. */
  readonly unsafeLocalReads?: boolean;
}

export interface RunResult {
  readonly ok: boolean;
  readonly seed: number;
  readonly replicas: ReplicaCount;
  readonly failure?: string;
  readonly stats: SimStats;
  readonly history: readonly HistoryEvent[];
  /** The last notable events (and, verbose, per-step detail) before the end. */
  readonly trace: readonly string[];
}

export function replayCommand(seed: number, replicas: ReplicaCount, steps: number): string {
  const extra = steps === DEFAULT_STEPS ? '' : ` --steps ${steps}`;
  return `npm run sim -- --seed ${seed} --replicas ${replicas}${extra}`;
}

/** The replica count `--replicas mixed` uses for a seed. */
export function mixedReplicas(seed: number): ReplicaCount {
  return seed % 2 === 0 ? 3 : 5;
}

/** Everything about a run that the seed decides before the first step. */
function chooseSetup(rng: Rng, replicas: ReplicaCount): { cluster: ClusterOptions; meanGapSteps: number } {
  const keyCount = rng.int(3, 5);
  const readShare = 0.2 + 0.3 * rng.float();
  const cluster: ClusterOptions = {
    replicas,
    tuning: {
      electionTicks: 10,
      heartbeatTicks: rng.pick([1, 1, 2, 3]),
      preVote: rng.chance(0.85),
      checkQuorum: rng.chance(0.85),
      readOnly: 'safe',
      maxInflightMsgs: rng.pick([1, 2, 8, 256]),
      // One byte means one entry per append message, which exercises paging through the log.
      maxSizePerMsgBytes: rng.pick([1, 128, 4096, 1 << 20]),
      maxCommittedSizePerReadyBytes: rng.pick([1, 256, 8 << 20]),
      maxUncommittedBytes: rng.pick([1024, 64 << 20]),
      maxPendingReadIndex: rng.pick([16, 4096]),
    },
    snapshotEvery: rng.chance(0.5) ? rng.int(20, 50) : rng.int(50, 200),
    clients: {
      count: rng.int(2, 8),
      keys: Array.from({ length: keyCount }, (_, i) => `k${i}`),
      opRate: rng.pick([0.02, 0.05, 0.1]),
      readShare,
      casShare: (1 - readShare) * (0.3 + 0.4 * rng.float()),
    },
    maxInFlight: rng.pick([64, 256, 1024]),
    tickEverySteps: 4,
  };
  return { cluster, meanGapSteps: rng.int(20, 120) };
}

export function runSeed(seed: number, options: RunOptions): RunResult {
  const steps = options.steps ?? DEFAULT_STEPS;
  const verbose = options.verbose ?? false;
  const trace = new Trace(verbose, verbose ? options.log : undefined);
  let cluster: Cluster | undefined;
  let failure: string | undefined;
  try {
    const rng = new Rng(seed);
    const setup = chooseSetup(rng.fork(), options.replicas);
    const clusterOptions = options.unsafeLocalReads === true ? { ...setup.cluster, clients: { ...setup.cluster.clients, unsafeLocalReads: true } } : setup.cluster;
    cluster = new Cluster(rng.fork(), clusterOptions, trace);
    const membership = new Membership(rng.fork(), cluster, { minVoters: MIN_VOTERS, maxReplicas: options.replicas + 2 });
    const nemesis = new Nemesis(rng.fork(), cluster, membership, setup.meanGapSteps);
    trace.event(0, `setup ${JSON.stringify({ ...setup.cluster, meanGapSteps: setup.meanGapSteps })}`);
    for (let i = 0; i < steps; i++) cluster.step({ nemesis: () => nemesis.step(), clientsSubmit: true });
    nemesis.quiesce();
    const live = awaitLiveness(cluster, rng.fork(), LIVENESS_ELECTION_TIMEOUTS * cluster.electionSteps);
    if (!live.ok) failure = `liveness: ${live.reason}`;
    cluster.clients.finish();
    cluster.crossCheckLogs();
    failure ??= checkHistory(cluster);
  } catch (e) {
    failure = e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : String(e);
    if (cluster !== undefined) failure += `\n  at step ${cluster.now}: ${describeSafely(cluster)}`;
  }
  const stats = cluster?.stats ?? newStats();
  stats.seeds = 1;
  const history = cluster?.clients.history ?? [];
  if (cluster !== undefined) countOps(cluster);
  const base = { seed, replicas: options.replicas, stats, history, trace: trace.tail() };
  if (failure === undefined) return { ok: true, ...base };
  const replay = replayCommand(seed, options.replicas, steps);
  return { ok: false, ...base, failure: `seed ${seed} (${options.replicas} replicas): ${failure}\n  replay: ${replay}` };
}

/** The cluster's state for a failure message; a core broken enough to throw here is no reason to lose the message. */
function describeSafely(cluster: Cluster): string {
  try {
    return describeCluster(cluster);
  } catch (e) {
    return `(cannot describe the cluster: ${e instanceof Error ? e.message : String(e)})`;
  }
}

function countOps(cluster: Cluster): void {
  const { stats, clients, network } = cluster;
  stats.opsOk = clients.counts.ok;
  stats.opsUnknown = clients.counts.unknown;
  stats.opsRejected = clients.counts.rejected;
  stats.messagesSent = network.counts.sent;
  stats.messagesDropped = network.counts.dropped;
  stats.messagesDuplicated = network.counts.duplicated;
  stats.invariantComparisons = cluster.invariants.comparisons;
}

function checkHistory(cluster: Cluster): string | undefined {
  const history = cluster.clients.history;
  cluster.stats.opsChecked = history.length;
  let result = checkLinearizable(history, { maxStatesPerKey: CHECKER_STATES_PER_KEY });
  if (result.ok === 'unknown') result = checkLinearizable(history, { maxStatesPerKey: 10 * CHECKER_STATES_PER_KEY });
  if (result.ok === true) {
    cluster.stats.checkerStates = result.statesExplored;
    return undefined;
  }
  if (result.ok === false) return `linearizability: key ${result.key}: ${result.explanation}`;
  return `linearizability check inconclusive (key ${result.key}: ${result.reason}) even with ${10 * CHECKER_STATES_PER_KEY} states per key`;
}
