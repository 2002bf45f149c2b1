// `npm run bench:raft`: replicated writes/s and p50/p99 latency of a 3-replica berth cluster
// and a 3-member etcd cluster on this machine, under the same closed-loop load (1, 16 and 256
// client loops, 256-byte values, all against the leader), then leader failover (kill -9 the
// leader, time until the next write succeeds). Prints tables and writes a JSON document.
// Both clusters are up, and at each concurrency etcd is measured, then berth: when other load on
// the machine comes and goes, that hits both alike. --sequential runs one cluster at a time
// instead, so that the idle one's heartbeats take no CPU from the one being measured.
import { execFile } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Resources } from '../support/procs.js';
import { errorText } from '../support/procs.js';
import type { BenchOptions, SystemName } from './bench-args.js';
import { parseBenchArgs } from './bench-args.js';
import { cpuSecondsAll, machineBusySeconds } from './cpu.js';
import { EtcdSystem, etcdVersion } from './etcd-system.js';
import { runFailover } from './failover.js';
import type { FailoverResult } from './failover.js';
import { benchMain, machineFacts, makeWorkDir } from './harness.js';
import { runLoad } from './load.js';
import type { BenchDocument, CpuUse, Machine, SystemLoad, SystemResults } from './report.js';
import { compare, failoverTable, judgeTargets, loadTable, machineText, noiseText, targetsText } from './report.js';
import { round } from './stats.js';
import type { BenchSystem } from './system.js';

/** Failover: one put attempt every ATTEMPT_INTERVAL_MS, each with ATTEMPT_TIMEOUT_MS. */
const ATTEMPT_INTERVAL_MS = 10;
const ATTEMPT_TIMEOUT_MS = 300;
/** A failover run with no successful write after this long is recorded as failed. */
const FAILOVER_GIVE_UP_MS = 30_000;

function log(message: string): void {
  console.error(`[bench] ${message}`);
}

async function makeSystem(name: SystemName, resources: Resources, workDir: string, opts: BenchOptions): Promise<BenchSystem> {
  const dir = join(workDir, name);
  await mkdir(dir, { recursive: true });
  if (name === 'etcd') return new EtcdSystem(resources, { binary: opts.etcdBin, workDir: dir });
  // Loaded only when berth is measured, so the etcd side runs on its own too.
  const { BerthSystem } = await import('./berth-system.js');
  return new BerthSystem(resources, { workDir: dir, bin: opts.berthBin, nodeArgs: opts.berthNodeArgs });
}

interface CpuSample {
  readonly members: number[];
  readonly bench: number;
  readonly machine: number;
}

function sampleCpu(pids: readonly number[]): CpuSample {
  const usage = process.cpuUsage();
  return { members: cpuSecondsAll(pids), bench: (usage.user + usage.system) / 1e6, machine: machineBusySeconds() };
}

/**
 * Samples CPU seconds of the members, of this process and of the whole machine at the start and
 * end of the measurement window. What the machine spent beyond our processes is other load,
 * which makes the numbers of that row unreliable.
 */
function cpuWindow(system: BenchSystem, leader: number, opts: BenchOptions): () => CpuUse {
  const pids = system.pids();
  let before: CpuSample | undefined;
  let after: CpuSample | undefined;
  const startTimer = setTimeout(() => (before = sampleCpu(pids)), opts.warmupSeconds * 1000);
  const endTimer = setTimeout(() => (after = sampleCpu(pids)), (opts.warmupSeconds + opts.seconds) * 1000);
  return () => {
    clearTimeout(startTimer);
    clearTimeout(endTimer);
    const b = before ?? sampleCpu(pids);
    const a = after ?? sampleCpu(pids);
    const used = pids.map((_, i) => (a.members[i] ?? 0) - (b.members[i] ?? 0));
    const membersCpuSec = used.reduce((x, y) => x + y, 0);
    const leaderCpuSec = used[leader] ?? 0;
    const benchCpuSec = a.bench - b.bench;
    const otherCpuSec = Math.max(0, a.machine - b.machine - membersCpuSec - benchCpuSec);
    return {
      leaderCpuSec: round(leaderCpuSec),
      followersCpuSec: round(membersCpuSec - leaderCpuSec),
      benchCpuSec: round(benchCpuSec),
      otherCpuSec: round(otherCpuSec),
      leaderCpuMsPerKWrite: 0,
    };
  };
}

async function measureLoad(system: BenchSystem, concurrency: number, opts: BenchOptions): Promise<SystemLoad> {
  const leader = await system.leader();
  const writers = await system.writers(leader, Math.min(opts.channels, concurrency), opts.requestTimeoutMs);
  try {
    const cpu = cpuWindow(system, leader, opts);
    const result = await runLoad(writers, {
      concurrency,
      warmupMs: opts.warmupSeconds * 1000,
      durationMs: opts.seconds * 1000,
      valueBytes: opts.valueBytes,
    });
    const use = cpu();
    const perKWrite = result.writes === 0 ? Number.NaN : (use.leaderCpuSec * 1000) / (result.writes / 1000);
    return { ...result, cpu: { ...use, leaderCpuMsPerKWrite: round(perKWrite, 1) } };
  } finally {
    for (const w of writers) w.close();
  }
}

async function measureFailover(system: BenchSystem, opts: BenchOptions): Promise<FailoverResult> {
  return runFailover(system, {
    runs: opts.failoverRuns,
    attemptIntervalMs: ATTEMPT_INTERVAL_MS,
    attemptTimeoutMs: ATTEMPT_TIMEOUT_MS,
    giveUpMs: FAILOVER_GIVE_UP_MS,
    onRun: (r) => {
      const ms = r.ms === null ? `NO WRITE within ${FAILOVER_GIVE_UP_MS} ms` : `${r.ms.toFixed(0)} ms`;
      log(`${system.name} failover run ${r.run}: killed member ${r.killed}, ${ms}, ${r.attempts} attempts, new leader ${r.newLeader}`);
      if (r.error !== undefined) log(`${system.name} failover stopped: ${r.error}`);
    },
  });
}

/** One system under test and what has been measured of it; a failed step stops it. */
interface Session {
  readonly name: SystemName;
  readonly system: BenchSystem;
  readonly load: SystemLoad[];
  failover: FailoverResult | undefined;
  error: string | undefined;
}

async function step(s: Session, what: string, body: () => Promise<void>): Promise<void> {
  if (s.error !== undefined) return;
  try {
    await body();
  } catch (err) {
    s.error = `${what}: ${errorText(err)}`;
    log(`${s.name} failed: ${s.error}`);
    await s.system.stop();
  }
}

async function startSession(name: SystemName, resources: Resources, workDir: string, opts: BenchOptions): Promise<Session> {
  const system = await makeSystem(name, resources, workDir, opts);
  const s: Session = { name, system, load: [], failover: undefined, error: undefined };
  log(`${name}: starting 3 members`);
  await step(s, 'start', () => system.start());
  return s;
}

function loadStep(s: Session, c: number, opts: BenchOptions): Promise<void> {
  return step(s, `load with ${c} clients`, async () => {
    log(`${s.name}: ${c} clients, ${opts.warmupSeconds}s warm-up + ${opts.seconds}s`);
    const r = await measureLoad(s.system, c, opts);
    log(`${s.name}: ${c} clients: ${r.writesPerSec.toFixed(0)} w/s, p50 ${r.p50Ms.toFixed(2)} ms, p99 ${r.p99Ms.toFixed(2)} ms, ${r.errors} errors`);
    if (r.errorSamples.length > 0) log(`${s.name}: errors seen: ${r.errorSamples.join(' | ')}`);
    s.load.push(r);
  });
}

function failoverStep(s: Session, opts: BenchOptions): Promise<void> {
  if (opts.failoverRuns === 0 || (s.name === 'etcd' && !opts.etcdFailover)) return Promise.resolve();
  return step(s, 'failover', async () => {
    s.failover = await measureFailover(s.system, opts);
  });
}

async function finishSession(s: Session): Promise<SystemResults> {
  await s.system.stop();
  return s.error === undefined ? { load: s.load, failover: s.failover } : { load: s.load, failover: s.failover, error: s.error };
}

/** One system at a time: start it, load at each concurrency, failover, stop it. */
async function runSequential(resources: Resources, workDir: string, opts: BenchOptions): Promise<BenchDocument['systems']> {
  const systems: BenchDocument['systems'] = {};
  for (const name of opts.systems) {
    const s = await startSession(name, resources, workDir, opts);
    for (const c of opts.concurrency) await loadStep(s, c, opts);
    await failoverStep(s, opts);
    systems[name] = await finishSession(s);
  }
  return systems;
}

/** All systems up at once, measured in turn at each concurrency, so that drift hits both alike. */
async function runInterleaved(resources: Resources, workDir: string, opts: BenchOptions): Promise<BenchDocument['systems']> {
  const sessions: Session[] = [];
  try {
    for (const name of opts.systems) sessions.push(await startSession(name, resources, workDir, opts));
    for (const c of opts.concurrency) for (const s of sessions) await loadStep(s, c, opts);
    for (const s of sessions) await failoverStep(s, opts);
  } finally {
    for (const s of sessions) await s.system.stop();
  }
  const systems: BenchDocument['systems'] = {};
  for (const s of sessions) systems[s.name] = await finishSession(s);
  return systems;
}

async function commandOutput(command: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)(command, args, { timeout: 10_000 });
    return stdout.trim();
  } catch (err) {
    return `unknown (${errorText(err)})`;
  }
}

async function berthVersion(): Promise<string> {
  const pkg = JSON.parse(await readFile('package.json', 'utf8')) as { version?: string };
  const sha = await commandOutput('git', ['describe', '--always', '--dirty']);
  return `${pkg.version ?? '?'} (${sha})`;
}

async function machine(opts: BenchOptions): Promise<Machine> {
  const etcd = opts.systems.includes('etcd') ? await etcdVersion(opts.etcdBin).catch((err: unknown) => `unknown (${errorText(err)})`) : 'not run';
  const berth = await berthVersion();
  // The JSON document lists the versions before the load average, as earlier results do.
  const { loadAverage1m, ...host } = machineFacts();
  return { ...host, etcdVersion: etcd, berthVersion: berth, tmpDir: tmpdir(), loadAverage1m };
}

function buildDocument(startedAt: Date, m: Machine, opts: BenchOptions, systems: BenchDocument['systems']): BenchDocument {
  const { jsonFile: _jsonFile, ...options } = opts;
  const comparison = compare(systems, opts.concurrency);
  return { benchmark: 'raft', startedAt: startedAt.toISOString(), machine: m, options, systems, comparison, targets: judgeTargets(systems, comparison) };
}

function printDocument(doc: BenchDocument, opts: BenchOptions): void {
  const out = [
    '',
    `Raft replicated writes: 3 replicas on 127.0.0.1, ${opts.valueBytes}-byte values, all load on the leader,`,
    `${opts.seconds}s per row after ${opts.warmupSeconds}s warm-up, ${opts.channels} shared gRPC channels. Latencies in ms.`,
    machineText(doc.machine),
    '',
    loadTable(doc),
  ];
  if (doc.systems.etcd?.failover !== undefined || doc.systems.berth?.failover !== undefined) {
    out.push('', `Leader failover: kill -9 the leader, time until a write succeeds (attempt every ${ATTEMPT_INTERVAL_MS} ms, ${ATTEMPT_TIMEOUT_MS} ms deadline each)`, failoverTable(doc));
  }
  for (const name of opts.systems) {
    const error = doc.systems[name]?.error;
    if (error !== undefined) out.push('', `${name} FAILED: ${error}`);
    const failoverError = doc.systems[name]?.failover?.error;
    if (failoverError !== undefined) out.push('', `${name} failover runs stopped early: ${failoverError}`);
  }
  const noise = noiseText(doc);
  if (noise.length > 0) out.push('', ...noise);
  out.push('', targetsText(doc.targets), '');
  console.log(out.join('\n'));
}

async function run(opts: BenchOptions, resources: Resources): Promise<BenchDocument> {
  const startedAt = new Date();
  const m = await machine(opts);
  const workDir = await makeWorkDir(resources, { prefix: 'berth-raft-bench-', keepTemp: opts.keepTemp, contents: 'data dirs and logs', log });
  const systems = opts.interleave ? await runInterleaved(resources, workDir, opts) : await runSequential(resources, workDir, opts);
  return buildDocument(startedAt, m, opts, systems);
}

benchMain({
  parse: parseBenchArgs,
  log,
  run,
  print: printDocument,
  jsonFile: (opts) => opts.jsonFile,
  makeJsonDir: true,
  failed: (doc, opts) => opts.systems.some((n) => doc.systems[n]?.error !== undefined),
}).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
