// `npm run bench:scheduler`: the scheduler and the workload controllers on a real 3-replica berth
// cluster (real `berth server` and `berth agent` processes on 127.0.0.1, started here, killed by
// PID at the end):
//   bind      one `berth agent --simulate 1000` process (a fake runtime that reports pods Running
//             at once); 20 Deployments of 500 pods each, all created at once through the SDK: how
//             fast the pods get bound (spec.nodeName), from the first Deployment create to the last
//             bind, as a watch of Pods opened before the first create sees it; per-pod latency from
//             the watch's ADDED to its bind; the leader's CPU and RSS; the spread over the nodes.
//   rollout   a fresh cluster with 3 real agents (process runtime, `sleep` pods): a Deployment of
//             50 pods created, rolled to a new template, and rolled back with `berth rollout undo`;
//             the time until every pod is Ready on the wanted template and no other pod is left.
//   failover  on the same agents: a Deployment of 9 pods; the agent with most of them is killed
//             with -9: the time until 9 Ready pods run on the other nodes.
// --only runs one phase. Prints a table with the targets next to the figures, details, then the
// JSON document on one line (also written to --json FILE when given). Timings are reported, not
// asserted: the exit code is 1 only when a phase could not run or measure.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect } from '../../client/index.js';
import type { KubeObject } from '../../client/index.js';
import type { Resources } from '../support/procs.js';
import { errorText } from '../support/procs.js';
import type { AgentProcess, ProcFigures } from './agent-bench-support.js';
import { startMeters, waitNodesReady } from './agent-bench-support.js';
import { machineBusySeconds } from './cpu.js';
import { benchMain, makeWorkDir, parsePhaseFlags, phaseDocument, printReport, runPhases } from './harness.js';
import type { PhaseDocument } from './harness.js';
import { BenchCluster, PodLedger, killOrphans, runBerth, watchNotReady } from './scheduler-bench-support.js';
import type { PodRecord } from './scheduler-bench-support.js';
import { latencyOf, round } from './stats.js';
import type { Latency } from './stats.js';

// --- options ---------------------------------------------------------------------------------

const PHASES = ['bind', 'rollout', 'failover'] as const;
type Phase = (typeof PHASES)[number];

interface SchedulerBenchOptions {
  readonly quick: boolean;
  readonly phases: readonly Phase[];
  /** Simulated nodes of the bind phase. @default 1000 (--quick 100) */
  readonly simulatedNodes: number;
  /** Deployments the bind phase creates at once. @default 20 */
  readonly bindDeployments: number;
  /** Pods over all of them. @default 10000 (--quick 1000) */
  readonly bindPods: number;
  /** Replicas of the rolled Deployment. @default 50 (--quick 20) */
  readonly rolloutReplicas: number;
  /** Real agents of the rollout and failover phases. @default 3 */
  readonly agents: number;
  /** Replicas of the Deployment whose node is killed. @default 9 */
  readonly failoverReplicas: number;
  readonly jsonFile: string | undefined;
  readonly keepTemp: boolean;
}

const USAGE = `usage: node dist/test/bench/scheduler-bench.js [flags]
  --quick            a short run: 1,000 pods on 100 simulated nodes, a rollout of 20 pods
  --only PHASE       bind | rollout | failover (default: all, in that order)
  --json FILE        also write the JSON document to FILE
  --keep-temp        keep the agents' data dirs and logs (the path is printed)`;

function parseSchedulerBenchArgs(argv: readonly string[]): SchedulerBenchOptions {
  const { quick, phases, jsonFile, keepTemp } = parsePhaseFlags(argv, PHASES, USAGE);
  return {
    quick,
    phases,
    simulatedNodes: quick ? 100 : 1000,
    bindDeployments: 20,
    bindPods: quick ? 1000 : 10_000,
    rolloutReplicas: quick ? 20 : 50,
    agents: 3,
    failoverReplicas: 9,
    jsonFile,
    keepTemp,
  };
}

// --- targets and bounds ----------------------------------------------------------------------

/** Pods bound per second, first create → last bind. */
const BIND_TARGET_PODS_PER_SEC = 1000;
/** kill -9 of an agent → its pods Ready elsewhere (NotReady after 2-4 s, evicted 5 s later). */
const FAILOVER_TARGET_MS = 10_000;
const BIND_REFERENCE = "kube-scheduler publishes ~100-300 pods/s at its largest scales; Nomad's C2M averaged ~1,500 containers/s over 6,100 hosts and 3 schedulers";
const FAILOVER_REFERENCE = 'Kubernetes defaults: ~6 min (node-monitor-grace-period, then 300 s tolerationSeconds)';

/** Bounds of the waits, so that a broken run ends with a message saying what it waited for. */
const AGENTS_READY_TIMEOUT_MS = 30_000;
const SIMULATED_READY_TIMEOUT_MS = 180_000;
/** After all simulated nodes are Ready, before the creates: their registrations' writes finish. */
const SIMULATED_SETTLE_MS = 3_000;
/** The bind phase gives up after this long, or after this long without any pod event. */
const BIND_TIMEOUT_MS = 600_000;
const BIND_STALL_MS = 60_000;
/** After the bind phase: how long the deleted Deployments' pods get to go before the cluster is stopped anyway. */
const BIND_TEARDOWN_MS = 30_000;
const ROLLOUT_STEP_TIMEOUT_MS = 180_000;
const ROLLOUT_STALL_MS = 60_000;
const FAILOVER_TIMEOUT_MS = 90_000;
const CLI_TIMEOUT_MS = 30_000;
/** Pods of a deleted Deployment are gone within this, or the next phase starts anyway. */
const CLEANUP_TIMEOUT_MS = 60_000;

const NAMESPACE = 'default';

function log(message: string): void {
  console.error(`[scheduler-bench] ${message}`);
}

function seconds(ms: number): number {
  return round(ms / 1000, 2);
}

// --- objects ---------------------------------------------------------------------------------

function container(version: string, requests: boolean): Record<string, unknown> {
  return {
    name: 'app',
    image: 'busybox',
    command: ['sleep', '3600'],
    env: [{ name: 'VERSION', value: version }],
    ...(requests ? { resources: { requests: { cpu: '10m', memory: '16Mi' } } } : {}),
  };
}

/** A Deployment of `sleep` pods labelled app=NAME, with the default rolling update (25% / 25%) spelled out. */
function deployment(name: string, replicas: number, version: string, requests = false): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: NAMESPACE },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [container(version, requests)] } },
    },
  };
}

function simulatedName(prefix: string, i: number, count: number): string {
  return `${prefix}-${String(i).padStart(String(count).length, '0')}`;
}

// --- shared context --------------------------------------------------------------------------

/** The cluster of real agents that the rollout and failover phases share. */
interface RealEnv {
  readonly bc: BenchCluster;
  readonly agents: AgentProcess[];
  readonly ledger: PodLedger;
  /** HOME of the CLI runs. */
  readonly home: string;
  /** Agents killed with -9 (their orphans are cleaned up already). */
  readonly killed: Set<string>;
}

interface Context {
  readonly opts: SchedulerBenchOptions;
  readonly res: Resources;
  readonly workDir: string;
  real?: RealEnv;
}

async function realEnv(ctx: Context): Promise<RealEnv> {
  if (ctx.real !== undefined) return ctx.real;
  const dir = join(ctx.workDir, 'real');
  await mkdir(dir, { recursive: true });
  log(`starting 3 replicas and ${ctx.opts.agents} real agents`);
  const bc = await BenchCluster.start(ctx.res, dir);
  const names = Array.from({ length: ctx.opts.agents }, (_, i) => `node-${i + 1}`);
  const agents = names.map((n) => bc.launcher.start(n));
  const ledger = new PodLedger(bc.client, NAMESPACE);
  const home = join(dir, 'home');
  await mkdir(home, { recursive: true });
  ctx.real = { bc, agents, ledger, home, killed: new Set() };
  await waitNodesReady(bc.client, names, AGENTS_READY_TIMEOUT_MS);
  await ledger.start();
  return ctx.real;
}

async function closeRealEnv(env: RealEnv): Promise<void> {
  await Promise.all(env.agents.filter((a) => !env.killed.has(a.name)).map((a) => env.bc.launcher.stop(a)));
  await env.ledger.close();
  await env.bc.stop();
  const killed = env.bc.launcher.killLeftoverPods();
  if (killed > 0) log(`killed ${killed} pod process groups left behind`);
}

/** Where the live pods of `app` stand, for error messages: counts by template, Ready, terminating. */
function describeApp(ledger: PodLedger, app: string): string {
  const live = ledger.live(app);
  const by = new Map<string, number>();
  for (const p of live) {
    const key = `${p.version ?? '?'}${p.ready ? ' ready' : ' not-ready'}${p.terminating ? ' terminating' : ''}`;
    by.set(key, (by.get(key) ?? 0) + 1);
  }
  return `${live.length} pods of ${app}: ${[...by].map(([k, n]) => `${n} ${k}`).join(', ') || 'none'}`;
}

/** True when `app` has exactly `n` pods in the store, all Ready, none terminating, all of `version`. */
function settled(ledger: PodLedger, app: string, n: number, version: string): boolean {
  const live = ledger.live(app);
  return live.length === n && live.every((p) => p.ready && !p.terminating && p.version === version);
}

/** Deletes a Deployment (its ReplicaSets and pods go with it) and waits, bounded, until its pods are gone. */
async function deleteApp(env: RealEnv, app: string): Promise<void> {
  await env.bc.client.delete('Deployment', app, { namespace: NAMESPACE, propagationPolicy: 'Background' }).catch((err: unknown) => log(`delete deployment ${app}: ${errorText(err)}`));
  await env.ledger.when(() => env.ledger.live(app).every((p) => env.killed.has(p.nodeName ?? '')), { what: `the pods of ${app} to be gone`, timeoutMs: CLEANUP_TIMEOUT_MS }).catch((err: unknown) => log(errorText(err)));
}

// --- bind ------------------------------------------------------------------------------------

interface BindResult {
  readonly simulatedNodes: number;
  readonly deployments: number;
  readonly pods: number;
  /** Simulator start → every simulated Node Ready. */
  readonly nodesReadyMs: number;
  /** First Deployment create call → every create acknowledged. */
  readonly deploymentsAckedMs: number;
  /** First create → the watch has seen every pod ADDED / bound / Running. */
  readonly allCreatedMs: number;
  readonly allBoundMs: number;
  readonly allRunningMs: number;
  /** pods / allBoundMs: the measured figure. */
  readonly podsBoundPerSec: number;
  /** Binds per second between the 10th and the 90th percentile bind (without the ramp-up). */
  readonly steadyPodsBoundPerSec: number;
  /** The watch's ADDED → its first sight of spec.nodeName, per pod. */
  readonly createToBind: Latency;
  /** The watch's ADDED → Running, per pod. */
  readonly createToRunning: Latency;
  readonly perNode: { readonly min: number; readonly max: number; readonly mean: number; readonly emptyNodes: number };
  /** Pods bound to a node that is not one of the simulated ones (should be 0). */
  readonly onUnknownNodes: number;
  /** Pods seen beyond the Deployments' replicas (should be 0). */
  readonly extraPods: number;
  /** Store revisions (Raft writes) per pod, first create → all Running. */
  readonly writesPerPod: number;
  readonly leaderId: string;
  readonly leaderChanged: boolean;
  readonly leader: ProcFigures;
  readonly followers: Record<string, ProcFigures>;
  readonly simulator: ProcFigures;
  /** CPU of the benchmark process itself and of the whole machine over the same window, in cores. */
  readonly benchCpuCores: number;
  readonly machineBusyCores: number;
  readonly ratioToTarget: number;
  /** After the Deployments were deleted: pods gone within BIND_TEARDOWN_MS. */
  readonly teardown: { readonly podsGone: number; readonly ms: number };
}

interface BindRun {
  readonly t0: number;
  readonly ackedAt: number;
  readonly runningAt: number;
  readonly revisions: number;
  readonly figures: Record<string, ProcFigures>;
  readonly benchCpuCores: number;
  readonly machineBusyCores: number;
}

/** Creates the Deployments all at once and waits until every pod is Running, measuring the processes meanwhile. */
async function createAndWait(bc: BenchCluster, ledger: PodLedger, opts: SchedulerBenchOptions, pids: Record<string, number>, leaderId: string): Promise<BindRun> {
  const perDeployment = Math.ceil(opts.bindPods / opts.bindDeployments);
  const objects = Array.from({ length: opts.bindDeployments }, (_, i) => deployment(simulatedName('bind', i + 1, opts.bindDeployments), Math.min(perDeployment, opts.bindPods - i * perDeployment), 'v1', true));
  const leaderClient = connect({ servers: bc.cluster.endpoints([leaderId]), timeoutMs: 5_000 });
  try {
    const before = await leaderClient.cluster.replicaStatus();
    const meters = startMeters(pids, 250);
    const bench0 = process.cpuUsage();
    const busy0 = machineBusySeconds();
    log(`creating ${objects.length} Deployments (${opts.bindPods} pods) at once`);
    const t0 = performance.now();
    const acks = await Promise.all(objects.map((d) => bc.client.create(d).then(() => performance.now())));
    const c = ledger.counts;
    const runningAt = await ledger.when(() => c.running >= opts.bindPods, {
      what: `${opts.bindPods} pods Running`,
      timeoutMs: BIND_TIMEOUT_MS,
      stallMs: BIND_STALL_MS,
      describe: () => `seen ${c.added}, bound ${c.bound}, Running ${c.running}`,
    });
    const windowSec = (performance.now() - t0) / 1000;
    const benchUsage = process.cpuUsage(bench0);
    const machineBusyCores = round((machineBusySeconds() - busy0) / windowSec, 2);
    const figures = await meters.stop();
    const after = await leaderClient.cluster.replicaStatus();
    return {
      t0,
      ackedAt: Math.max(...acks),
      runningAt,
      revisions: after.revision - before.revision,
      figures,
      benchCpuCores: round((benchUsage.user + benchUsage.system) / 1e6 / windowSec, 3),
      machineBusyCores,
    };
  } finally {
    leaderClient.close();
  }
}

type BindFigures = Pick<BindResult, 'allCreatedMs' | 'allBoundMs' | 'allRunningMs' | 'podsBoundPerSec' | 'steadyPodsBoundPerSec' | 'createToBind' | 'createToRunning' | 'perNode' | 'onUnknownNodes' | 'extraPods'>;

/** The figures of the bind phase from the pods' records. */
function bindFigures(pods: readonly PodRecord[], t0: number, wanted: number, nodeNames: readonly string[]): BindFigures {
  const added = pods.map((p) => p.addedAt);
  const bound = pods.flatMap((p) => (p.boundAt === undefined ? [] : [p.boundAt])).sort((a, b) => a - b);
  const running = pods.flatMap((p) => (p.runningAt === undefined ? [] : [p.runningAt]));
  const allBoundMs = (bound[bound.length - 1] ?? Number.NaN) - t0;
  const lo = bound[Math.floor(bound.length * 0.1)] ?? Number.NaN;
  const hi = bound[Math.floor(bound.length * 0.9)] ?? Number.NaN;
  const perNode = new Map<string, number>(nodeNames.map((n) => [n, 0]));
  let onUnknownNodes = 0;
  for (const p of pods) {
    if (p.nodeName === undefined) continue;
    const n = perNode.get(p.nodeName);
    if (n === undefined) onUnknownNodes++;
    else perNode.set(p.nodeName, n + 1);
  }
  const counts = [...perNode.values()];
  return {
    allCreatedMs: round(Math.max(...added) - t0, 0),
    allBoundMs: round(allBoundMs, 0),
    allRunningMs: round(Math.max(...running) - t0, 0),
    podsBoundPerSec: round(wanted / (allBoundMs / 1000), 1),
    steadyPodsBoundPerSec: round((Math.floor(bound.length * 0.9) - Math.floor(bound.length * 0.1)) / ((hi - lo) / 1000), 1),
    createToBind: latencyOf(pods.flatMap((p) => (p.boundAt === undefined ? [] : [p.boundAt - p.addedAt]))),
    createToRunning: latencyOf(pods.flatMap((p) => (p.runningAt === undefined ? [] : [p.runningAt - p.addedAt]))),
    perNode: { min: Math.min(...counts), max: Math.max(...counts), mean: round(pods.length / nodeNames.length, 2), emptyNodes: counts.filter((n) => n === 0).length },
    onUnknownNodes,
    extraPods: Math.max(0, pods.length - wanted),
  };
}

/** Deletes the Deployments and gives their pods a short while to go; the cluster is thrown away after. */
async function bindTeardown(bc: BenchCluster, ledger: PodLedger, opts: SchedulerBenchOptions): Promise<{ podsGone: number; ms: number }> {
  const names = Array.from({ length: opts.bindDeployments }, (_, i) => simulatedName('bind', i + 1, opts.bindDeployments));
  const t0 = performance.now();
  await Promise.all(names.map((n) => bc.client.delete('Deployment', n, { namespace: NAMESPACE, propagationPolicy: 'Background' }).catch((err: unknown) => log(`delete deployment ${n}: ${errorText(err)}`))));
  const gone0 = ledger.counts.gone;
  const total = ledger.pods.size;
  await ledger.when(() => ledger.counts.gone >= total, { what: 'the deleted Deployments\' pods to go', timeoutMs: BIND_TEARDOWN_MS }).catch(() => log(`after ${BIND_TEARDOWN_MS / 1000} s, ${ledger.counts.gone} of ${total} pods were gone; stopping the cluster anyway`));
  return { podsGone: ledger.counts.gone - gone0, ms: round(performance.now() - t0, 0) };
}

async function runBind(ctx: Context): Promise<BindResult> {
  const { opts } = ctx;
  const dir = join(ctx.workDir, 'bind');
  await mkdir(dir, { recursive: true });
  log('starting 3 replicas');
  const bc = await BenchCluster.start(ctx.res, dir);
  // The benchmark's own watch of every pod is a client of a follower, as observers would be, so
  // that what the leader does is the cluster's work, not the measurement's.
  let observer: ReturnType<typeof connect> | undefined;
  let ledger = new PodLedger(bc.client);
  let sim: AgentProcess | undefined;
  try {
    const nodeNames = Array.from({ length: opts.simulatedNodes }, (_, i) => simulatedName('sim', i + 1, opts.simulatedNodes));
    log(`starting berth agent --simulate ${opts.simulatedNodes}`);
    const tSim = performance.now();
    sim = bc.launcher.start('sim', ['--simulate', String(opts.simulatedNodes), '--log-level', 'warn']);
    await waitNodesReady(bc.client, nodeNames, SIMULATED_READY_TIMEOUT_MS);
    const nodesReadyMs = round(performance.now() - tSim, 0);
    log(`all ${opts.simulatedNodes} simulated nodes Ready after ${nodesReadyMs} ms`);
    await sleep(SIMULATED_SETTLE_MS);
    const leaderId = await bc.cluster.waitForLeader();
    const pids: Record<string, number> = { sim: sim.proc.pid };
    for (const id of bc.cluster.procs.keys()) pids[id] = bc.pidOf(id);
    const follower = [...bc.cluster.procs.keys()].find((id) => id !== leaderId)!;
    observer = connect({ servers: bc.cluster.endpoints([follower]), timeoutMs: 10_000 });
    ledger = new PodLedger(observer);
    await ledger.start();
    const run = await createAndWait(bc, ledger, opts, pids, leaderId);
    log(`all ${opts.bindPods} pods Running after ${round(run.runningAt - run.t0, 0)} ms`);
    const leaderChanged = (await bc.cluster.waitForLeader()) !== leaderId;
    const figures = bindFigures([...ledger.pods.values()].filter((p) => p.app?.startsWith('bind-') === true), run.t0, opts.bindPods, nodeNames);
    const teardown = await bindTeardown(bc, ledger, opts);
    return {
      simulatedNodes: opts.simulatedNodes,
      deployments: opts.bindDeployments,
      pods: opts.bindPods,
      nodesReadyMs,
      deploymentsAckedMs: round(run.ackedAt - run.t0, 0),
      ...figures,
      writesPerPod: round(run.revisions / opts.bindPods, 2),
      leaderId,
      leaderChanged,
      leader: run.figures[leaderId]!,
      followers: Object.fromEntries([...bc.cluster.procs.keys()].filter((id) => id !== leaderId).map((id) => [id, run.figures[id]!])),
      simulator: run.figures['sim']!,
      benchCpuCores: run.benchCpuCores,
      machineBusyCores: run.machineBusyCores,
      ratioToTarget: round(figures.podsBoundPerSec / BIND_TARGET_PODS_PER_SEC, 2),
      teardown,
    };
  } finally {
    await ledger.close();
    observer?.close();
    if (sim !== undefined) await bc.launcher.stop(sim, 30_000);
    await bc.stop();
  }
}

// --- rollout ---------------------------------------------------------------------------------

interface RolloutResult {
  readonly replicas: number;
  readonly agents: number;
  /** Create → all replicas Ready. */
  readonly createMs: number;
  /** Template change → all new pods Ready, no old pod left. */
  readonly updateMs: number;
  /** `berth rollout undo` started → all pods back on the old template, Ready, no others. */
  readonly rollbackMs: number;
  /** How the rollback was made: the CLI, or a template patch through the SDK when the CLI has no `rollout undo`. */
  readonly rollbackVia: 'berth rollout undo' | 'sdk patch';
  /** The CLI run itself (process start to exit). */
  readonly rollbackCliMs: number | undefined;
  /** During the rolling update: most pods at once (replicas + maxSurge allows 25% more) and fewest Ready (maxUnavailable 25% fewer). */
  readonly updatePeakPods: number;
  readonly updateMinReady: number;
  readonly rollbackPeakPods: number;
  readonly rollbackMinReady: number;
}

/**
 * Waits until `app` is settled on `version`; meanwhile (the check runs after every pod event)
 * notes the most pods the app had at once and the fewest Ready, to show maxSurge/maxUnavailable.
 */
async function waitSettled(env: RealEnv, app: string, n: number, version: string, what: string): Promise<{ at: number; peakPods: number; minReady: number }> {
  let peakPods = 0;
  let minReady = Infinity;
  const at = await env.ledger.when(
    () => {
      const live = env.ledger.live(app);
      // maxSurge bounds the pods that are not terminating (as in Kubernetes).
      peakPods = Math.max(peakPods, live.filter((p) => !p.terminating).length);
      minReady = Math.min(minReady, live.filter((p) => p.ready && !p.terminating).length);
      return settled(env.ledger, app, n, version);
    },
    { what, timeoutMs: ROLLOUT_STEP_TIMEOUT_MS, stallMs: ROLLOUT_STALL_MS, describe: () => describeApp(env.ledger, app) },
  );
  return { at, peakPods, minReady };
}

async function patchVersion(env: RealEnv, app: string, version: string): Promise<void> {
  await env.bc.client.patch('Deployment', app, { spec: { template: { spec: { containers: [container(version, false)] } } } }, { namespace: NAMESPACE });
}

/** `berth rollout undo deployment/APP`; a template patch through the SDK when this CLI has no such command. */
async function rollBack(env: RealEnv, app: string): Promise<{ via: RolloutResult['rollbackVia']; cliMs: number | undefined }> {
  const run = await runBerth(['rollout', 'undo', `deployment/${app}`, '-n', NAMESPACE], env.bc.cluster.endpoints(), env.home, CLI_TIMEOUT_MS);
  if (run.code === 0) return { via: 'berth rollout undo', cliMs: round(run.ms, 0) };
  if (/unknown command/.test(run.stderr)) {
    log('this CLI has no `rollout undo`; patching the template back through the SDK');
    await patchVersion(env, app, 'v1');
    return { via: 'sdk patch', cliMs: undefined };
  }
  throw new Error(`berth rollout undo deployment/${app} exited ${String(run.code)}: ${run.stderr.trim() || run.stdout.trim()}`);
}

async function runRollout(ctx: Context): Promise<RolloutResult> {
  const env = await realEnv(ctx);
  const app = 'roll';
  const n = ctx.opts.rolloutReplicas;
  try {
    log(`(a) creating Deployment ${app} of ${n} pods`);
    const t0 = performance.now();
    await env.bc.client.create(deployment(app, n, 'v1'));
    const created = await waitSettled(env, app, n, 'v1', `${n} Ready pods of ${app} v1`);
    log(`(b) rolling update to v2`);
    const t1 = performance.now();
    await patchVersion(env, app, 'v2');
    const updated = await waitSettled(env, app, n, 'v2', `${n} Ready pods of ${app} v2 and no v1 pod`);
    log(`(c) berth rollout undo deployment/${app}`);
    const t2 = performance.now();
    const back = await rollBack(env, app);
    const rolledBack = await waitSettled(env, app, n, 'v1', `${n} Ready pods of ${app} back on v1 and no v2 pod`);
    return {
      replicas: n,
      agents: env.agents.length,
      createMs: round(created.at - t0, 0),
      updateMs: round(updated.at - t1, 0),
      rollbackMs: round(rolledBack.at - t2, 0),
      rollbackVia: back.via,
      rollbackCliMs: back.cliMs,
      updatePeakPods: updated.peakPods,
      updateMinReady: updated.minReady,
      rollbackPeakPods: rolledBack.peakPods,
      rollbackMinReady: rolledBack.minReady,
    };
  } finally {
    await deleteApp(env, app);
  }
}

// --- failover --------------------------------------------------------------------------------

interface FailoverResult {
  readonly replicas: number;
  /** Pods per node before the kill. */
  readonly spreadBefore: Record<string, number>;
  readonly killedNode: string;
  readonly podsOnKilledNode: number;
  /** kill -9 → the Node's Ready condition is no longer True. */
  readonly notReadyMs: number | undefined;
  /** kill -9 → every pod of the node has metadata.deletionTimestamp. */
  readonly allMarkedMs: number;
  /** kill -9 → the first replacement pod was seen. */
  readonly firstReplacementMs: number;
  /** kill -9 → all replicas Ready on the other nodes: the measured figure. */
  readonly replacedMs: number;
  /** Pods per node afterwards (without the killed node's terminating ones). */
  readonly spreadAfter: Record<string, number>;
  /** Process groups of the killed agent's pods that the benchmark killed afterwards. */
  readonly orphansKilled: number;
}

function spreadOf(pods: readonly PodRecord[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of pods) out[p.nodeName ?? '(none)'] = (out[p.nodeName ?? '(none)'] ?? 0) + 1;
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

/** The killed agent's pods: removed from the store at once, and their processes killed. */
async function cleanUpKilled(env: RealEnv, victim: AgentProcess, pods: readonly PodRecord[]): Promise<number> {
  await Promise.all(pods.map((p) => env.bc.client.delete('Pod', p.name, { namespace: p.namespace, gracePeriodSeconds: 0 }).catch(() => undefined)));
  return killOrphans(victim.dataDir);
}

async function runFailover(ctx: Context): Promise<FailoverResult> {
  const env = await realEnv(ctx);
  const app = 'failover';
  const n = ctx.opts.failoverReplicas;
  const live = env.agents.filter((a) => !env.killed.has(a.name));
  if (live.length < 2) throw new Error(`failover needs 2 live agents (have ${live.length})`);
  try {
    log(`creating Deployment ${app} of ${n} pods`);
    await env.bc.client.create(deployment(app, n, 'v1'));
    await waitSettled(env, app, n, 'v1', `${n} Ready pods of ${app}`);
    const before = env.ledger.live(app);
    const spreadBefore = spreadOf(before);
    const victim = live.reduce((best, a) => ((spreadBefore[a.name] ?? 0) > (spreadBefore[best.name] ?? 0) ? a : best));
    const victimPods = before.filter((p) => p.nodeName === victim.name);
    const nodes = await env.bc.client.list('Node', { limit: 1 });
    const notReady = watchNotReady(env.bc.client, victim.name, String(nodes.metadata.resourceVersion ?? ''));
    log(`kill -9 of ${victim.name}'s agent (${victimPods.length} of the ${n} pods)`);
    const t0 = performance.now();
    await victim.proc.kill();
    env.killed.add(victim.name);
    const originals = new Set(before.map((p) => p.uid));
    const replacedAt = await env.ledger.when(
      () => {
        const running = env.ledger.live(app).filter((p) => !p.terminating);
        return running.length === n && running.every((p) => p.ready && p.nodeName !== victim.name);
      },
      { what: `${n} Ready pods of ${app} on the nodes other than ${victim.name}`, timeoutMs: FAILOVER_TIMEOUT_MS, describe: () => describeApp(env.ledger, app) },
    );
    const notReadyAt = await Promise.race([notReady.at, sleep(1_000, undefined)]).catch(() => undefined);
    notReady.close();
    const replacements = env.ledger.live(app).filter((p) => !originals.has(p.uid));
    const after = env.ledger.live(app).filter((p) => !p.terminating);
    const orphansKilled = await cleanUpKilled(env, victim, victimPods);
    return {
      replicas: n,
      spreadBefore,
      killedNode: victim.name,
      podsOnKilledNode: victimPods.length,
      notReadyMs: notReadyAt === undefined ? undefined : round(notReadyAt - t0, 0),
      allMarkedMs: round(Math.max(...victimPods.map((p) => p.markedAt ?? p.goneAt ?? Number.NaN)) - t0, 0),
      firstReplacementMs: round(Math.min(...replacements.map((p) => p.addedAt)) - t0, 0),
      replacedMs: round(replacedAt - t0, 0),
      spreadAfter: spreadOf(after),
      orphansKilled,
    };
  } finally {
    await deleteApp(env, app);
  }
}

// --- report ----------------------------------------------------------------------------------

interface SchedulerBenchDocument extends PhaseDocument<'scheduler', SchedulerBenchOptions> {
  bind?: BindResult;
  rollout?: RolloutResult;
  failover?: FailoverResult;
  targets?: Record<string, boolean | null>;
}

function judge(doc: SchedulerBenchDocument): Record<string, boolean | null> {
  const b = doc.bind;
  return {
    bindAtLeast1000PodsPerSec: b === undefined ? null : b.podsBoundPerSec >= BIND_TARGET_PODS_PER_SEC && b.onUnknownNodes === 0 && b.extraPods === 0,
    failoverUnder10s: doc.failover === undefined ? null : doc.failover.replacedMs < FAILOVER_TARGET_MS,
  };
}

function mark(ok: boolean | null | undefined): string {
  return ok === null || ok === undefined ? '' : ok ? 'met' : 'MISSED';
}

function fmt(value: number | undefined, digits = 1, unit = ''): string {
  return value === undefined || Number.isNaN(value) ? '-' : `${value.toFixed(digits)}${unit}`;
}

function secs(ms: number | undefined): string {
  return ms === undefined ? '-' : fmt(seconds(ms), 2, ' s');
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 1 ? c.padStart(widths[i] ?? 0) : i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function bindRows(doc: SchedulerBenchDocument): string[][] {
  const b = doc.bind;
  const o = doc.options;
  return [
    [`bind: pods bound per second (${o.bindPods} pods, ${o.simulatedNodes} nodes)`, fmt(b?.podsBoundPerSec, 0, ' pods/s'), `>= ${BIND_TARGET_PODS_PER_SEC} pods/s`, mark(doc.targets?.['bindAtLeast1000PodsPerSec'])],
    ['bind: first create -> all pods created', secs(b?.allCreatedMs), '', ''],
    ['bind: first create -> all pods bound', secs(b?.allBoundMs), '', ''],
    ['bind: first create -> all pods Running', secs(b?.allRunningMs), '', ''],
    ['bind: per pod, ADDED -> bound, p50', fmt(b?.createToBind.p50Ms, 0, ' ms'), '', ''],
    ['bind: per pod, ADDED -> bound, p99', fmt(b?.createToBind.p99Ms, 0, ' ms'), '', ''],
    ['bind: leader CPU', fmt(b?.leader.cpuCores, 2, ' cores'), '', ''],
    ['bind: leader RSS (peak)', fmt(b?.leader.peakRssMiB, 0, ' MiB'), '', ''],
    ['bind: pods per node, min / max', b === undefined ? '-' : `${b.perNode.min} / ${b.perNode.max}`, '', ''],
  ];
}

function rolloutRows(doc: SchedulerBenchDocument): string[][] {
  const r = doc.rollout;
  const o = doc.options;
  return [
    [`rollout: create -> all ${o.rolloutReplicas} Ready (${o.agents} agents)`, secs(r?.createMs), '', ''],
    ['rollout: rolling update -> all new Ready, no old pod', secs(r?.updateMs), '', ''],
    [`rollout: ${r?.rollbackVia ?? 'berth rollout undo'} -> all back, Ready, no other`, secs(r?.rollbackMs), '', ''],
  ];
}

function failoverRows(doc: SchedulerBenchDocument): string[][] {
  const f = doc.failover;
  const o = doc.options;
  return [
    ['failover: kill -9 -> Node not Ready', secs(f?.notReadyMs), '', ''],
    ['failover: kill -9 -> its pods marked for deletion', secs(f?.allMarkedMs), '', ''],
    [`failover: kill -9 -> ${o.failoverReplicas} pods Ready on the other nodes`, secs(f?.replacedMs), `< ${FAILOVER_TARGET_MS / 1000} s`, mark(doc.targets?.['failoverUnder10s'])],
  ];
}

const ROWS: Record<Phase, (doc: SchedulerBenchDocument) => string[][]> = { bind: bindRows, rollout: rolloutRows, failover: failoverRows };

function procText(p: ProcFigures): string {
  return `${fmt(p.cpuCores, 2)} cores, RSS ${fmt(p.rssMiB, 0)} MiB (peak ${fmt(p.peakRssMiB, 0)})`;
}

function bindDetails(b: BindResult): string[] {
  const followers = Object.entries(b.followers).map(([id, p]) => `${id} ${procText(p)}`).join('; ');
  return [
    `bind: ${b.deployments} Deployments x ${b.pods / b.deployments} pods (requests 10m / 16Mi) on ${b.simulatedNodes} simulated nodes (all Ready ${secs(b.nodesReadyMs)} after the simulator started)`,
    `    creates acknowledged ${secs(b.deploymentsAckedMs)} after the first; ${fmt(b.steadyPodsBoundPerSec, 0)} pods/s between the 10th and 90th percentile bind; ${fmt(b.ratioToTarget, 2)}x the target`,
    `    per pod: ADDED -> bound p50 ${fmt(b.createToBind.p50Ms, 0)} / p99 ${fmt(b.createToBind.p99Ms, 0)} / max ${fmt(b.createToBind.maxMs, 0)} ms; ADDED -> Running p50 ${fmt(b.createToRunning.p50Ms, 0)} / p99 ${fmt(b.createToRunning.p99Ms, 0)} ms`,
    `    pods per node: min ${b.perNode.min}, max ${b.perNode.max}, mean ${b.perNode.mean}, ${b.perNode.emptyNodes} nodes empty; ${b.onUnknownNodes} pods on unknown nodes; ${b.extraPods} pods beyond the replicas`,
    `    ${fmt(b.writesPerPod, 2)} store writes per pod; leader ${b.leaderId}${b.leaderChanged ? ' (CHANGED during the phase)' : ''}: ${procText(b.leader)}; followers: ${followers}`,
    `    simulator: ${procText(b.simulator)}; this benchmark: ${fmt(b.benchCpuCores, 2)} cores; whole machine busy: ${fmt(b.machineBusyCores, 2)} cores`,
    `    teardown: ${b.teardown.podsGone} pods gone ${secs(b.teardown.ms)} after the Deployments were deleted`,
    `    reference: ${BIND_REFERENCE}`,
  ];
}

function detailLines(doc: SchedulerBenchDocument): string[] {
  const out: string[] = [];
  if (doc.bind !== undefined) out.push(...bindDetails(doc.bind));
  const r = doc.rollout;
  if (r !== undefined) {
    out.push(
      `rollout: ${r.replicas} sleep pods on ${r.agents} agents, maxSurge 25% / maxUnavailable 25%; during the update at most ${r.updatePeakPods} pods (not counting terminating ones) and at least ${r.updateMinReady} Ready;` +
        ` during the rollback at most ${r.rollbackPeakPods} pods and at least ${r.rollbackMinReady} Ready; rollback via ${r.rollbackVia}${r.rollbackCliMs === undefined ? '' : ` (the CLI ran ${secs(r.rollbackCliMs)})`}`,
    );
  }
  const f = doc.failover;
  if (f !== undefined) {
    const spread = (s: Record<string, number>): string => Object.entries(s).map(([k, v]) => `${k} ${v}`).join(', ');
    out.push(
      `failover: ${f.replicas} pods (${spread(f.spreadBefore)}); killed ${f.killedNode} with ${f.podsOnKilledNode} of them; first replacement seen ${secs(f.firstReplacementMs)} after the kill; afterwards ${spread(f.spreadAfter)}; ${f.orphansKilled} orphan pod process groups killed`,
      `    reference: ${FAILOVER_REFERENCE}`,
    );
  }
  for (const [phase, error] of Object.entries(doc.errors)) out.push(`${phase} FAILED: ${error}`);
  return out;
}

function printDocument(doc: SchedulerBenchDocument): void {
  printReport(
    `berth scheduler and controllers: 3 \`berth server\` replicas and real \`berth agent\` processes on 127.0.0.1${doc.options.quick ? ' (--quick)' : ''}`,
    doc.machine,
    [table(['measure', 'result', 'target', 'met'], doc.options.phases.flatMap((phase) => ROWS[phase](doc))), '', ...detailLines(doc)],
    doc,
  );
}

// --- run -------------------------------------------------------------------------------------

const RUNNERS: Record<Phase, (ctx: Context) => Promise<unknown>> = {
  bind: runBind,
  rollout: runRollout,
  failover: runFailover,
};

async function run(opts: SchedulerBenchOptions, res: Resources, ctxRef: { current?: Context }): Promise<SchedulerBenchDocument> {
  const workDir = await makeWorkDir(res, { prefix: 'berth-scheduler-bench-', keepTemp: opts.keepTemp, contents: 'agent data dirs and logs', log });
  const doc: SchedulerBenchDocument = phaseDocument('scheduler', opts);
  const ctx: Context = { opts, res, workDir };
  ctxRef.current = ctx;
  try {
    await runPhases(doc, opts.phases, log, (phase) => RUNNERS[phase](ctx));
    doc.targets = judge(doc);
    return doc;
  } finally {
    if (ctx.real !== undefined) await closeRealEnv(ctx.real);
  }
}

async function main(): Promise<number> {
  const ctx: { current?: Context } = {};
  return benchMain({
    parse: parseSchedulerBenchArgs,
    log,
    // Ctrl-C: the agents get SIGTERM and stop their pods; pods of an agent killed with -9 are killed here.
    onSignal: () => ctx.current?.real?.bc.launcher.killLeftoverPods(),
    run: (opts, res) => run(opts, res, ctx),
    print: printDocument,
    jsonFile: (opts) => opts.jsonFile,
    makeJsonDir: false,
    failed: (doc) => Object.keys(doc.errors).length > 0,
  });
}

process.exitCode = await main();
