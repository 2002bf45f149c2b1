// `npm run bench:agent`: node agents against a real 3-replica berth cluster (real `berth server`
// and `berth agent` processes on 127.0.0.1, started here, killed by PID at the end):
//   start      pod start latency — pods created with spec.nodeName over 2 real agents, all at once
//              (32 creates in flight); from each create's acknowledgement to the moment a watch of
//              Pods (opened before the first create) sees status.phase Running.
//   footprint  the resident memory of one real agent running 20 `sleep` pods (the agent process
//              only, not its pods), once they all run and 10 s have passed.
//   failure    an agent with 5 pods is killed with -9: how long until its Node is no longer
//              Ready, and until every one of its pods is marked for deletion (evicted).
//   heartbeat  one `berth agent --simulate 1000` process (1,000 agents with a fake runtime, each
//              with its own stream and heartbeat): once all 1,000 Nodes are Ready, the store
//              revision (Raft writes), the leader's CPU and RSS over a 30 s steady state.
// The phases run in this order (heartbeat last, so that its thousand nodes do not disturb the
// others); --only runs one. Prints a table with the targets next to the figures, then the JSON
// document on one line (also written to --json FILE when given).
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect } from '../../client/index.js';
import type { Client, KubeObject, ObjectWatch } from '../../client/index.js';
import { BerthCluster } from '../support/berth-cluster.js';
import type { Resources } from '../support/procs.js';
import { errorText } from '../support/procs.js';
import type { AgentProcess, ProcFigures } from './agent-bench-support.js';
import { AgentLauncher, CpuMeter, PodTracker, RssSampler, mib, pool, readyOf, rssBytes, sleepPod, startMeters, until, waitNodesReady } from './agent-bench-support.js';
import { benchMain, makeWorkDir, parsePhaseFlags, phaseDocument, printReport, runPhases } from './harness.js';
import type { PhaseDocument } from './harness.js';
import { latencyOf, round } from './stats.js';
import type { Latency } from './stats.js';

// --- options ---------------------------------------------------------------------------------

const PHASES = ['start', 'footprint', 'failure', 'heartbeat'] as const;
type Phase = (typeof PHASES)[number];

interface AgentBenchOptions {
  readonly quick: boolean;
  readonly phases: readonly Phase[];
  /** Pods in the start phase. @default 200 (--quick 20) */
  readonly startPods: number;
  /** Real agents the start phase spreads them over. @default 2 */
  readonly startAgents: number;
  /** Creates in flight at once. @default 32 */
  readonly startConcurrency: number;
  /** Simulated agents in the heartbeat phase. @default 1000 (--quick 100) */
  readonly simulated: number;
  /** Measured steady state of the heartbeat phase. @default 30 (--quick 10) */
  readonly heartbeatSeconds: number;
  /** @default 20 */
  readonly footprintPods: number;
  /** Wait after all footprint pods run, before the RSS is read. @default 10 */
  readonly footprintSettleSeconds: number;
  /** @default 5 */
  readonly failurePods: number;
  readonly jsonFile: string | undefined;
  readonly keepTemp: boolean;
}

const USAGE = `usage: node dist/test/bench/agent-bench.js [flags]
  --quick            a short run: 20 pods to start, 100 simulated agents for 10 s
  --only PHASE       start | heartbeat | footprint | failure (default: all)
  --json FILE        also write the JSON document to FILE
  --keep-temp        keep data dirs and logs (the path is printed)`;

function parseAgentBenchArgs(argv: readonly string[]): AgentBenchOptions {
  const { quick, phases, jsonFile, keepTemp } = parsePhaseFlags(argv, PHASES, USAGE);
  return {
    quick,
    phases,
    startPods: quick ? 20 : 200,
    startAgents: 2,
    startConcurrency: 32,
    simulated: quick ? 100 : 1000,
    heartbeatSeconds: quick ? 10 : 30,
    footprintPods: 20,
    footprintSettleSeconds: 10,
    failurePods: 5,
    jsonFile,
    keepTemp,
  };
}

// --- targets ---------------------------------------------------------------------------------

/** Pod start p99 (Kubernetes' SLO is 5 s). */
const START_P99_TARGET_MS = 1000;
/** A steady heartbeat is not a Raft write. */
const HEARTBEAT_WRITES_TARGET = 0;
const LEADER_CPU_TARGET_CORES = 0.5;
const LEADER_RSS_TARGET_MIB = 300;
/** k3s' agent: about 275 MB. */
const AGENT_RSS_TARGET_MIB = 80;
/** NotReady after 4 s of silence, evicted 5 s later. */
const FAILURE_TARGET_MS = 10_000;

/** Bounds of the waits, so that a broken run ends. */
const AGENTS_READY_TIMEOUT_MS = 30_000;
const PODS_TIMEOUT_MS = 90_000;
const SIMULATED_READY_TIMEOUT_MS = 180_000;
/** How long an agent restarted on a killed one's data dir may take to stop the orphans. */
const ORPHANS_TIMEOUT_MS = 30_000;
/** After all simulated nodes are Ready, before measuring: earlier transitions (nodes of stopped agents going NotReady) finish. */
const HEARTBEAT_SETTLE_MS = 5_000;
/** Idle leader CPU measured before the simulator starts, for comparison. */
const IDLE_BASELINE_MS = 5_000;

function log(message: string): void {
  console.error(`[agent-bench] ${message}`);
}

// --- shared context --------------------------------------------------------------------------

interface Context {
  readonly opts: AgentBenchOptions;
  readonly cluster: BerthCluster;
  readonly client: Client;
  readonly launcher: AgentLauncher;
  readonly tracker: PodTracker;
}

/** Creates sleep pods on the given nodes (round-robin), `concurrency` at once; returns each one's create call start and acknowledgement. */
async function createPods(ctx: Context, names: readonly string[], nodes: readonly string[], concurrency: number): Promise<{ calledAt: number[]; ackedAt: number[]; errors: string[] }> {
  const calledAt: number[] = [];
  const ackedAt: number[] = [];
  const errors: string[] = [];
  await pool(names, concurrency, async (name, i) => {
    ctx.tracker.forget(name);
    calledAt[i] = performance.now();
    try {
      await ctx.client.create(sleepPod(name, nodes[i % nodes.length]!));
      ackedAt[i] = performance.now();
    } catch (err) {
      errors.push(`${name}: ${errorText(err)}`);
    }
  });
  return { calledAt, ackedAt, errors };
}

async function waitRunning(ctx: Context, names: readonly string[]): Promise<void> {
  if (!(await until(() => ctx.tracker.count(names, 'running') === names.length, PODS_TIMEOUT_MS, 20))) {
    throw new Error(`only ${ctx.tracker.count(names, 'running')} of ${names.length} pods were Running after ${PODS_TIMEOUT_MS} ms${ctx.tracker.error ? ` (watch: ${ctx.tracker.error})` : ''}`);
  }
}

/** Deletes the pods (gracefully, or at once with gracePeriodSeconds 0) and waits until they are gone. */
async function deletePods(ctx: Context, names: readonly string[], force = false): Promise<number[]> {
  const deletedAt: number[] = [];
  await pool(names, 32, async (name, i) => {
    await ctx.client.delete('Pod', name, { namespace: 'default', ...(force ? { gracePeriodSeconds: 0 } : {}) }).catch((err: unknown) => log(`delete ${name}: ${errorText(err)}`));
    deletedAt[i] = performance.now();
  });
  if (!(await until(() => ctx.tracker.count(names, 'gone') === names.length, PODS_TIMEOUT_MS, 20))) {
    throw new Error(`only ${ctx.tracker.count(names, 'gone')} of ${names.length} deleted pods were gone after ${PODS_TIMEOUT_MS} ms`);
  }
  return deletedAt;
}

async function startAgents(ctx: Context, names: readonly string[]): Promise<AgentProcess[]> {
  const agents = names.map((n) => ctx.launcher.start(n));
  await waitNodesReady(ctx.client, names, AGENTS_READY_TIMEOUT_MS);
  return agents;
}

// --- start -----------------------------------------------------------------------------------

interface StartResult {
  readonly agents: number;
  readonly pods: number;
  readonly concurrency: number;
  readonly mode: string;
  readonly createErrors: string[];
  /** Acknowledgement of the create → watch sees Running: the measured figure. */
  readonly latency: Latency;
  /** The create call's start → Running, for information. */
  readonly fromCallStart: Latency;
  /** The create calls themselves. */
  readonly createCalls: Latency;
  /** First create call → last pod Running. */
  readonly wallMs: number;
  /** Deletes (graceful): the delete's acknowledgement → the pod is gone from the store. */
  readonly deleteToGone: Latency;
}

async function runStart(ctx: Context): Promise<StartResult> {
  const { opts } = ctx;
  const nodeNames = Array.from({ length: opts.startAgents }, (_, i) => `start-${i + 1}`);
  const agents = await startAgents(ctx, nodeNames);
  try {
    const names = Array.from({ length: opts.startPods }, (_, i) => `start-${String(i).padStart(4, '0')}`);
    log(`creating ${names.length} pods over ${agents.length} agents, ${opts.startConcurrency} in flight`);
    const t0 = performance.now();
    const created = await createPods(ctx, names, nodeNames, opts.startConcurrency);
    const ok = names.filter((_, i) => created.ackedAt[i] !== undefined);
    await waitRunning(ctx, ok);
    const running = names.map((n) => ctx.tracker.times.get(n)?.running);
    const after = names.flatMap((_, i) => (created.ackedAt[i] !== undefined && running[i] !== undefined ? [Math.max(0, running[i]! - created.ackedAt[i]!)] : []));
    const fromCall = names.flatMap((_, i) => (created.ackedAt[i] !== undefined && running[i] !== undefined ? [running[i]! - created.calledAt[i]!] : []));
    const calls = names.flatMap((_, i) => (created.ackedAt[i] !== undefined ? [created.ackedAt[i]! - created.calledAt[i]!] : []));
    const wallMs = Math.max(...running.filter((r): r is number => r !== undefined)) - t0;
    log(`all running; deleting them`);
    const deletedAt = await deletePods(ctx, ok);
    const gone = ok.map((n, i) => ctx.tracker.times.get(n)!.gone! - deletedAt[i]!);
    return {
      agents: agents.length,
      pods: names.length,
      concurrency: opts.startConcurrency,
      mode: `all at once, ${opts.startConcurrency} creates in flight`,
      createErrors: created.errors.slice(0, 5),
      latency: latencyOf(after),
      fromCallStart: latencyOf(fromCall),
      createCalls: latencyOf(calls),
      wallMs: round(wallMs, 0),
      deleteToGone: latencyOf(gone.map((g) => Math.max(0, g))),
    };
  } finally {
    await Promise.all(agents.map((a) => ctx.launcher.stop(a)));
  }
}

// --- footprint -------------------------------------------------------------------------------

interface FootprintResult {
  readonly pods: number;
  /** Registered, no pods, 2 s after it became Ready. */
  readonly idleRssMiB: number;
  /** All pods Running and settled: the measured figure. */
  readonly rssMiB: number;
  readonly peakRssMiB: number;
  /** The agent's CPU while settled, in cores (heartbeats with usage of 20 pods). */
  readonly settledCpuCores: number;
}

async function runFootprint(ctx: Context): Promise<FootprintResult> {
  const { opts } = ctx;
  const [agent] = await startAgents(ctx, ['footprint-1']);
  try {
    const peak = new RssSampler(agent!.proc.pid);
    await sleep(2_000);
    const idle = rssBytes(agent!.proc.pid);
    const names = Array.from({ length: opts.footprintPods }, (_, i) => `footprint-${String(i).padStart(2, '0')}`);
    const created = await createPods(ctx, names, [agent!.name], opts.footprintPods);
    if (created.errors.length > 0) throw new Error(`creating pods failed: ${created.errors.join('; ')}`);
    await waitRunning(ctx, names);
    log(`${names.length} pods running; settling ${opts.footprintSettleSeconds} s`);
    const cpu = new CpuMeter(agent!.proc.pid);
    await sleep(opts.footprintSettleSeconds * 1000);
    const rss = rssBytes(agent!.proc.pid);
    const cores = cpu.cores();
    const { peakBytes } = await peak.stop();
    await deletePods(ctx, names);
    return { pods: names.length, idleRssMiB: mib(idle), rssMiB: mib(rss), peakRssMiB: mib(peakBytes), settledCpuCores: round(cores, 3) };
  } finally {
    await ctx.launcher.stop(agent!);
  }
}

// --- failure ---------------------------------------------------------------------------------

interface FailureResult {
  readonly pods: number;
  /** kill -9 → the Node's Ready condition is no longer True. */
  readonly notReadyMs: number;
  /** kill -9 → every pod of the node has metadata.deletionTimestamp: the measured figure. */
  readonly allMarkedMs: number;
  /** Pods killed by hand afterwards because the next agent on the same data dir did not. */
  readonly leftoverPodsKilled: number;
}

/** Watches one Node from now on; resolves the first time its Ready condition is not True. */
function watchNotReady(client: Client, name: string, resourceVersion: string): { watch: ObjectWatch; at: Promise<number> } {
  const watch = client.watch('Node', { resourceVersion });
  const at = (async () => {
    for await (const ev of watch) {
      if (ev.object.metadata.name === name && (ev.type === 'DELETED' || readyOf(ev.object as KubeObject) !== 'True')) return performance.now();
    }
    throw new Error('the node watch ended');
  })();
  at.catch(() => undefined);
  return { watch, at };
}

async function runFailure(ctx: Context): Promise<FailureResult> {
  const { opts } = ctx;
  const nodeName = 'failure-1';
  let [agent] = await startAgents(ctx, [nodeName]);
  const names = Array.from({ length: opts.failurePods }, (_, i) => `failure-${i}`);
  try {
    const created = await createPods(ctx, names, [nodeName], opts.failurePods);
    if (created.errors.length > 0) throw new Error(`creating pods failed: ${created.errors.join('; ')}`);
    await waitRunning(ctx, names);
    const list = await ctx.client.list('Node', { limit: 1 });
    const node = watchNotReady(ctx.client, nodeName, list.metadata.resourceVersion);
    await sleep(1_500); // A heartbeat or two after the watch opened, so the kill is the only news.
    log(`kill -9 agent ${nodeName} (pid ${agent!.proc.pid}) with ${names.length} pods`);
    const t0 = performance.now();
    await agent!.proc.kill();
    let notReadyAt: number | undefined;
    void node.at.then((t) => (notReadyAt = t));
    const ok = await until(() => notReadyAt !== undefined && ctx.tracker.count(names, 'marked') === names.length, 60_000, 10);
    node.watch.close();
    if (!ok) throw new Error(`after 60 s: node NotReady ${notReadyAt !== undefined}, pods marked ${ctx.tracker.count(names, 'marked')} of ${names.length}`);
    const marked = names.map((n) => ctx.tracker.times.get(n)!.marked!);
    const result = { notReadyMs: round(notReadyAt! - t0, 0), allMarkedMs: round(Math.max(...marked) - t0, 0) };
    // The pods' processes outlived the agent. Force-delete the pods, then start an agent on the
    // same data dir: it adopts what the last one left, sees none of it wanted and stops it.
    log('cleaning up: force-deleting the pods and letting a new agent on the same data dir stop their processes');
    await deletePods(ctx, names, true);
    agent = ctx.launcher.start(nodeName, [], agent!.dataDir);
    await waitNodesReady(ctx.client, [nodeName], AGENTS_READY_TIMEOUT_MS);
    // It removes the orphans one at a time after its first pod set; wait until their directories are gone.
    const podsDir = join(agent.dataDir, 'pods');
    const cleaned = await until(async () => (await readdir(podsDir).catch(() => [])).length === 0, ORPHANS_TIMEOUT_MS, 100);
    if (!cleaned) log(`the new agent had not removed every orphan pod after ${ORPHANS_TIMEOUT_MS} ms; killing what is left`);
    await ctx.launcher.stop(agent);
    const leftover = ctx.launcher.killLeftoverPods();
    return { pods: names.length, ...result, leftoverPodsKilled: leftover };
  } finally {
    await ctx.launcher.stop(agent!);
  }
}

// --- heartbeat -------------------------------------------------------------------------------

interface HeartbeatResult {
  readonly simulated: number;
  /** Simulator start → every simulated Node Ready. */
  readonly allReadyMs: number;
  readonly seconds: number;
  readonly revisionStart: number;
  readonly revisionEnd: number;
  /** Store writes (revision increments) per second in steady state: the measured figure. */
  readonly writesPerSec: number;
  /** Raft log entries per second (any entry, not only store writes). */
  readonly raftEntriesPerSec: number;
  readonly nodesReadyAtEnd: number;
  readonly leaderId: string;
  readonly leader: ProcFigures;
  /** The leader's CPU with the cluster idle, before the simulator started. */
  readonly leaderIdleCpuCores: number;
  readonly followers: Record<string, ProcFigures>;
  readonly simulator: ProcFigures & { readonly rssPerAgentKiB: number };
}

function simulatedName(prefix: string, i: number, count: number): string {
  return `${prefix}-${String(i).padStart(String(count).length, '0')}`;
}

async function measure(pids: Record<string, number>, seconds: number, during: () => Promise<void> = () => sleep(seconds * 1000)): Promise<Record<string, ProcFigures>> {
  const meters = startMeters(pids);
  await during();
  return meters.stop();
}

async function runHeartbeat(ctx: Context): Promise<HeartbeatResult> {
  const { opts, cluster } = ctx;
  const leaderId = await cluster.waitForLeader();
  const pidOf = (id: string): number => cluster.procs.get(id)!.pid;
  const leaderClient = connect({ servers: cluster.endpoints([leaderId]), timeoutMs: 5_000 });
  let sim: AgentProcess | undefined;
  try {
    const idle = new CpuMeter(pidOf(leaderId));
    await sleep(IDLE_BASELINE_MS);
    const leaderIdleCpuCores = round(idle.cores(), 3);
    const names = Array.from({ length: opts.simulated }, (_, i) => simulatedName('sim', i + 1, opts.simulated));
    log(`starting berth agent --simulate ${opts.simulated}`);
    const t0 = performance.now();
    sim = ctx.launcher.start('sim', ['--simulate', String(opts.simulated), '--log-level', 'warn']);
    await waitNodesReady(ctx.client, names, SIMULATED_READY_TIMEOUT_MS);
    const allReadyMs = round(performance.now() - t0, 0);
    log(`all ${names.length} simulated nodes Ready after ${allReadyMs} ms; settling ${HEARTBEAT_SETTLE_MS} ms, then measuring ${opts.heartbeatSeconds} s`);
    await sleep(HEARTBEAT_SETTLE_MS);
    if ((await cluster.waitForLeader()) !== leaderId) throw new Error('the leader changed while the simulated agents connected');
    const before = await leaderClient.cluster.replicaStatus();
    const t1 = performance.now();
    const pids: Record<string, number> = { sim: sim.proc.pid };
    for (const id of cluster.procs.keys()) pids[id] = pidOf(id);
    const figures = await measure(pids, opts.heartbeatSeconds);
    const after = await leaderClient.cluster.replicaStatus();
    const seconds = (performance.now() - t1) / 1000;
    const nodes = await ctx.client.list('Node');
    const want = new Set(names);
    const nodesReadyAtEnd = nodes.items.filter((n) => want.has(String(n.metadata.name)) && readyOf(n) === 'True').length;
    const simFigures = figures['sim']!;
    return {
      simulated: opts.simulated,
      allReadyMs,
      seconds: round(seconds, 1),
      revisionStart: before.revision,
      revisionEnd: after.revision,
      writesPerSec: round((after.revision - before.revision) / seconds, 2),
      raftEntriesPerSec: round((after.lastIndex - before.lastIndex) / seconds, 2),
      nodesReadyAtEnd,
      leaderId,
      leader: figures[leaderId]!,
      leaderIdleCpuCores,
      followers: Object.fromEntries([...cluster.procs.keys()].filter((id) => id !== leaderId).map((id) => [id, figures[id]!])),
      simulator: { ...simFigures, rssPerAgentKiB: round((simFigures.rssMiB * 1024) / opts.simulated, 1) },
    };
  } finally {
    leaderClient.close();
    if (sim !== undefined) await ctx.launcher.stop(sim, 30_000);
  }
}

// --- report ----------------------------------------------------------------------------------

interface AgentBenchDocument extends PhaseDocument<'agent', AgentBenchOptions> {
  start?: StartResult;
  footprint?: FootprintResult;
  failure?: FailureResult;
  heartbeat?: HeartbeatResult;
  targets?: Record<string, boolean | null>;
}

function judge(doc: AgentBenchDocument): Record<string, boolean | null> {
  const hb = doc.heartbeat;
  return {
    podStartP99Under1s: doc.start === undefined ? null : doc.start.latency.p99Ms < START_P99_TARGET_MS && doc.start.latency.count === doc.start.pods,
    heartbeatWritesPerSecZero: hb === undefined ? null : hb.writesPerSec <= HEARTBEAT_WRITES_TARGET,
    leaderCpuUnderHalfCore: hb === undefined ? null : hb.leader.cpuCores < LEADER_CPU_TARGET_CORES,
    leaderRssUnder300MiB: hb === undefined ? null : hb.leader.peakRssMiB < LEADER_RSS_TARGET_MIB,
    agentRssUnder80MiB: doc.footprint === undefined ? null : doc.footprint.rssMiB < AGENT_RSS_TARGET_MIB,
    nodeFailureUnder10s: doc.failure === undefined ? null : doc.failure.allMarkedMs < FAILURE_TARGET_MS,
  };
}

function mark(ok: boolean | null | undefined): string {
  return ok === null || ok === undefined ? 'not measured' : ok ? 'met' : 'NOT met';
}

function fmt(value: number | undefined, digits = 1): string {
  return value === undefined || Number.isNaN(value) ? '-' : value.toFixed(digits);
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : i === cells.length - 1 ? c : c.padStart(widths[i] ?? 0))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function resultRows(doc: AgentBenchDocument): string[][] {
  const t = doc.targets ?? {};
  const { start: s, footprint: f, failure: x, heartbeat: h } = doc;
  const o = doc.options;
  return [
    [`(a) pod start, ack -> Running, p50`, fmt(s?.latency.p50Ms), 'ms', '', ''],
    [`(a) pod start, ack -> Running, p99 (${o.startPods} pods, ${o.startAgents} agents)`, fmt(s?.latency.p99Ms), 'ms', `< ${START_P99_TARGET_MS} ms (k8s SLO 5 s)`, mark(t['podStartP99Under1s'])],
    [`(a) pod start, ack -> Running, max`, fmt(s?.latency.maxMs), 'ms', '', ''],
    [`(b) Raft writes in steady state (${o.simulated} simulated nodes)`, fmt(h?.writesPerSec, 2), '/s', `${HEARTBEAT_WRITES_TARGET}`, mark(t['heartbeatWritesPerSecZero'])],
    [`(b) leader CPU`, fmt(h?.leader.cpuCores, 3), 'cores', `< ${LEADER_CPU_TARGET_CORES}`, mark(t['leaderCpuUnderHalfCore'])],
    [`(b) leader RSS (peak)`, fmt(h?.leader.peakRssMiB), 'MiB', `< ${LEADER_RSS_TARGET_MIB}`, mark(t['leaderRssUnder300MiB'])],
    [`(c) agent RSS, ${o.footprintPods} pods running, settled`, fmt(f?.rssMiB), 'MiB', `< ${AGENT_RSS_TARGET_MIB} (k3s agent ~275)`, mark(t['agentRssUnder80MiB'])],
    [`(d) kill -9 -> Node not Ready`, fmt(x?.notReadyMs, 0), 'ms', '(4 s default)', ''],
    [`(d) kill -9 -> all ${o.failurePods} pods marked for deletion`, fmt(x?.allMarkedMs, 0), 'ms', `< ${FAILURE_TARGET_MS} ms (4 s + 5 s)`, mark(t['nodeFailureUnder10s'])],
  ];
}

function detailLines(doc: AgentBenchDocument): string[] {
  const out: string[] = [];
  const { start: s, footprint: f, failure: x, heartbeat: h } = doc;
  if (s !== undefined) {
    out.push(
      `(a) ${s.pods} pods over ${s.agents} agents, ${s.mode}; all Running ${s.wallMs} ms after the first create call` +
        `; create calls p50 ${fmt(s.createCalls.p50Ms)} / p99 ${fmt(s.createCalls.p99Ms)} ms; call start -> Running p50 ${fmt(s.fromCallStart.p50Ms)} / p99 ${fmt(s.fromCallStart.p99Ms)} ms` +
        `; graceful delete ack -> gone p50 ${fmt(s.deleteToGone.p50Ms)} / p99 ${fmt(s.deleteToGone.p99Ms)} ms`,
    );
    if (s.createErrors.length > 0) out.push(`    create errors: ${s.createErrors.join(' | ')}`);
  }
  if (h !== undefined) {
    const followers = Object.entries(h.followers).map(([id, p]) => `${id} ${fmt(p.cpuCores, 3)} cores / ${fmt(p.rssMiB)} MiB`).join(', ');
    out.push(
      `(b) ${h.simulated} simulated agents all Ready ${h.allReadyMs} ms after the simulator started; ${h.nodesReadyAtEnd} still Ready at the end` +
        `; revision ${h.revisionStart} -> ${h.revisionEnd} over ${h.seconds} s; Raft entries ${fmt(h.raftEntriesPerSec, 2)}/s`,
      `    leader ${h.leaderId}: ${fmt(h.leader.cpuCores, 3)} cores (idle before the simulator: ${fmt(h.leaderIdleCpuCores, 3)}), RSS ${fmt(h.leader.rssMiB)} MiB (peak ${fmt(h.leader.peakRssMiB)}); followers: ${followers}`,
      `    simulator process: ${fmt(h.simulator.cpuCores, 3)} cores, RSS ${fmt(h.simulator.rssMiB)} MiB (peak ${fmt(h.simulator.peakRssMiB)}; ${fmt(h.simulator.rssPerAgentKiB)} KiB per agent)`,
    );
  }
  if (f !== undefined) out.push(`(c) agent RSS: ${fmt(f.idleRssMiB)} MiB registered without pods, ${fmt(f.rssMiB)} MiB with ${f.pods} pods (peak ${fmt(f.peakRssMiB)}); ${fmt(f.settledCpuCores, 3)} cores while settled`);
  if (x !== undefined) out.push(`(d) ${x.pods} pods; their processes outlived the agent and were stopped by the next agent on the same data dir (${x.leftoverPodsKilled} left for the benchmark to kill)`);
  for (const [phase, error] of Object.entries(doc.errors)) out.push(`${phase} FAILED: ${error}`);
  return out;
}

function printDocument(doc: AgentBenchDocument): void {
  printReport(
    `berth agents: 3 \`berth server\` replicas and real \`berth agent\` processes on 127.0.0.1${doc.options.quick ? ' (--quick)' : ''}`,
    doc.machine,
    [table(['measure', 'value', 'unit', 'target', ''], resultRows(doc)), '', ...detailLines(doc)],
    doc,
  );
}

// --- run -------------------------------------------------------------------------------------

const RUNNERS: Record<Phase, (ctx: Context) => Promise<unknown>> = {
  start: runStart,
  footprint: runFootprint,
  failure: runFailure,
  heartbeat: runHeartbeat,
};

async function run(opts: AgentBenchOptions, res: Resources, launcherRef: { current?: AgentLauncher }): Promise<AgentBenchDocument> {
  const workDir = await makeWorkDir(res, { prefix: 'berth-agent-bench-', keepTemp: opts.keepTemp, contents: 'agent data dirs and logs', log });
  const doc: AgentBenchDocument = phaseDocument('agent', opts);
  log('starting 3 replicas');
  const cluster = await BerthCluster.start(res, { replicas: 3, clusterId: 'bench' });
  const client = connect({ servers: cluster.endpoints(), timeoutMs: 10_000 });
  const launcher = new AgentLauncher(res, workDir, cluster.endpoints());
  launcherRef.current = launcher;
  const tracker = new PodTracker(client);
  try {
    await tracker.start();
    const ctx: Context = { opts, cluster, client, launcher, tracker };
    await runPhases(doc, opts.phases, log, (phase) => RUNNERS[phase](ctx));
    doc.targets = judge(doc);
    return doc;
  } finally {
    await tracker.close();
    client.close();
    const killed = launcher.killLeftoverPods();
    if (killed > 0) log(`killed ${killed} pod process groups left behind`);
  }
}

async function main(): Promise<number> {
  const launcher: { current?: AgentLauncher } = {};
  return benchMain({
    parse: parseAgentBenchArgs,
    log,
    // Ctrl-C: the agents get SIGTERM and stop their pods; pods an agent killed with -9 left are killed here.
    onSignal: () => launcher.current?.killLeftoverPods(),
    run: (opts, res) => run(opts, res, launcher),
    print: printDocument,
    jsonFile: (opts) => opts.jsonFile,
    makeJsonDir: false,
    failed: (doc) => Object.keys(doc.errors).length > 0,
  });
}

process.exitCode = await main();
