// Helpers of the agent benchmark (agent-bench.ts): real `berth agent` processes and what they
// leave behind, process figures from /proc (RSS, CPU), and watches of Pods: the one every pod
// watch of the benchmarks builds on, and one that notes when each pod was first seen Running,
// marked for deletion and gone.
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Client, KubeObject, ObjectWatch } from '../../client/index.js';
import type { ManagedProcess, Resources } from '../support/procs.js';
import { AGENT_NODE_FLAGS } from '../../node/index.js';
import { errorText } from '../support/procs.js';
import { cpuSeconds } from './cpu.js';
import { round } from './stats.js';

/** The berth CLI entrypoint, from the repository root (this file runs from dist/test/bench/). */
export const BERTH_BIN = resolve(new URL('../../', import.meta.url).pathname.replace(/\/dist\/$/, '/'), 'client/cli/bin.js');

// --- /proc -----------------------------------------------------------------------------------

/** Resident memory of `pid` in bytes (VmRSS); 0 when it is gone or not on Linux. */
export function rssBytes(pid: number): number {
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m === null ? 0 : Number(m[1]) * 1024;
  } catch {
    return 0;
  }
}

/** CPU of one process over a window, in cores (CPU seconds per second). */
export class CpuMeter {
  private readonly cpu0: number;
  private readonly t0 = performance.now();

  constructor(readonly pid: number) {
    this.cpu0 = cpuSeconds(pid);
  }

  cores(): number {
    const seconds = (performance.now() - this.t0) / 1000;
    return seconds <= 0 ? 0 : (cpuSeconds(this.pid) - this.cpu0) / seconds;
  }
}

/** Samples a process's RSS until stopped; keeps the peak and the last. */
export class RssSampler {
  peak = 0;
  last = 0;
  private running = true;
  private readonly done: Promise<void>;

  constructor(readonly pid: number, intervalMs = 500) {
    this.done = (async () => {
      while (this.running) {
        this.last = rssBytes(pid);
        this.peak = Math.max(this.peak, this.last);
        await sleep(intervalMs);
      }
    })();
  }

  async stop(): Promise<{ peakBytes: number; lastBytes: number }> {
    this.running = false;
    await this.done;
    return { peakBytes: this.peak, lastBytes: this.last };
  }
}

export function mib(bytes: number): number {
  return Math.round((bytes / (1024 * 1024)) * 10) / 10;
}

/** One process's CPU and memory over a window. */
export interface ProcFigures {
  readonly cpuCores: number;
  /** At the end of the window. */
  readonly rssMiB: number;
  readonly peakRssMiB: number;
}

export interface Meters {
  /** Ends the window: the figures of each process, by the key it was given under. */
  stop(): Promise<Record<string, ProcFigures>>;
}

/** Starts measuring the CPU and RSS of each process in `pids` (by key), sampling RSS every `rssIntervalMs`. */
export function startMeters(pids: Record<string, number>, rssIntervalMs?: number): Meters {
  const meters = Object.entries(pids).map(([k, pid]) => ({ k, pid, cpu: new CpuMeter(pid), rss: new RssSampler(pid, rssIntervalMs) }));
  return {
    async stop() {
      const out: Record<string, ProcFigures> = {};
      for (const m of meters) {
        const cores = m.cpu.cores();
        const { peakBytes } = await m.rss.stop();
        out[m.k] = { cpuCores: round(cores, 3), rssMiB: mib(rssBytes(m.pid)), peakRssMiB: mib(peakBytes) };
      }
      return out;
    },
  };
}

// --- agents ----------------------------------------------------------------------------------

export interface AgentProcess {
  readonly name: string;
  readonly dataDir: string;
  readonly proc: ManagedProcess;
}

/** Starts real `berth agent` processes and cleans up after them, pods included. */
export class AgentLauncher {
  /** Every data dir an agent ran on: their pods' process groups are killed at the end. */
  private readonly dataDirs = new Set<string>();

  constructor(
    private readonly res: Resources,
    private readonly workDir: string,
    private readonly servers: readonly string[],
  ) {}

  start(name: string, extraArgs: readonly string[] = [], dataDir = join(this.workDir, name)): AgentProcess {
    this.dataDirs.add(dataDir);
    const proc = this.res.spawn({
      name,
      command: process.execPath,
      args: [...AGENT_NODE_FLAGS, BERTH_BIN, 'agent', '--server', this.servers.join(','), '--name', name, '--data', dataDir, '--stop-pods-on-exit', ...extraArgs],
      logFile: join(this.workDir, `${name}.log`),
    });
    return { name, dataDir, proc };
  }

  /** SIGTERM (the agent stops its pods), SIGKILL after `graceMs`. */
  async stop(agent: AgentProcess, graceMs = 15_000): Promise<void> {
    await agent.proc.stop(graceMs);
  }

  /**
   * Kills the process groups of pods any of our agents left running (e.g. after kill -9).
   * Synchronous, so that a signal or exit handler can call it too.
   */
  killLeftoverPods(): number {
    let killed = 0;
    for (const dir of this.dataDirs) killed += killPodGroups(dir);
    return killed;
  }
}

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** /proc/<pid>/stat field 22 (start time in clock ticks); undefined when the process is gone. */
function startTimeTicks(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
  } catch {
    return undefined;
  }
}

/**
 * The process group of a container instance's state file (`pid`, `pgid`, `startTimeTicks`, and
 * `exited` once it ended) when that very process still runs; undefined otherwise. A pid that was
 * reused by another process has another start time.
 */
function liveGroupOf(record: unknown): number | undefined {
  if (typeof record !== 'object' || record === null) return undefined;
  const r = record as { pid?: unknown; pgid?: unknown; startTimeTicks?: unknown; exited?: unknown };
  if (r.exited !== undefined || typeof r.pid !== 'number' || typeof r.pgid !== 'number' || r.pid <= 1 || r.pgid <= 1) return undefined;
  const ticks = startTimeTicks(r.pid);
  if (ticks === undefined) return undefined;
  if (typeof r.startTimeTicks === 'number' && r.startTimeTicks > 0 && r.startTimeTicks !== ticks) return undefined;
  return r.pgid;
}

/**
 * Finds the pods an agent started from its state files (`<data>/pods/<uid>/instances/*.json`)
 * and kills the process groups of those still running. Returns how many it signalled.
 */
export function killPodGroups(dataDir: string): number {
  let killed = 0;
  const podsDir = join(dataDir, 'pods');
  for (const uid of listDir(podsDir)) {
    const instancesDir = join(podsDir, uid, 'instances');
    for (const file of listDir(instancesDir)) {
      if (!file.endsWith('.json')) continue;
      let pgid: number | undefined;
      try {
        pgid = liveGroupOf(JSON.parse(readFileSync(join(instancesDir, file), 'utf8')));
      } catch {
        continue;
      }
      if (pgid === undefined) continue;
      try {
        process.kill(-pgid, 'SIGKILL');
        killed++;
      } catch {
        // Gone meanwhile.
      }
    }
  }
  return killed;
}

// --- objects ---------------------------------------------------------------------------------

export function readyOf(node: KubeObject): string | undefined {
  const conditions = ((node.status ?? {}) as { conditions?: { type?: string; status?: string }[] }).conditions ?? [];
  return conditions.find((c) => c.type === 'Ready')?.status;
}

export function phaseOf(pod: KubeObject): string | undefined {
  return ((pod.status ?? {}) as { phase?: string }).phase;
}

export function sleepPod(name: string, nodeName: string, namespace = 'default'): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace },
    spec: { nodeName, containers: [{ name: 'c', image: 'busybox', command: ['sleep', '3600'] }] },
  };
}

/** Runs `work` over `items` with at most `concurrency` at once. */
export async function pool<T>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const runner = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      await work(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, runner));
}

/** Polls `check` every `intervalMs` until it is true; false after `timeoutMs`. */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, intervalMs = 20): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (performance.now() > deadline) return false;
    await sleep(intervalMs);
  }
}

/** Waits until every named Node reports Ready=True (polling the list). */
export async function waitNodesReady(client: Client, names: readonly string[], timeoutMs: number): Promise<void> {
  const want = new Set(names);
  let ready = 0;
  const ok = await until(
    async () => {
      const list = await client.list('Node');
      ready = list.items.filter((n) => want.has(String(n.metadata.name)) && readyOf(n) === 'True').length;
      return ready === want.size;
    },
    timeoutMs,
    // Listing a thousand nodes four times a second would load the leader being measured.
    names.length > 50 ? 1_000 : 250,
  );
  if (!ok) throw new Error(`only ${ready} of ${want.size} nodes became Ready within ${timeoutMs} ms`);
}

// --- pod watch -------------------------------------------------------------------------------

/**
 * One watch of Pods (of one namespace, or of all), started from a list's revision so that
 * nothing that happens after start() is missed. Subclasses keep what they need of each event;
 * `error` says why the watch broke, if it did.
 */
export abstract class PodWatch {
  error: string | undefined;
  private watch: ObjectWatch | undefined;
  private done: Promise<void> = Promise.resolve();

  constructor(
    private readonly client: Client,
    private readonly namespace?: string,
  ) {}

  async start(): Promise<void> {
    const ns = this.namespace === undefined ? {} : { namespace: this.namespace };
    const list = await this.client.list('Pod', { ...ns, limit: 1 });
    const watch = this.client.watch('Pod', { ...ns, resourceVersion: String(list.metadata.resourceVersion ?? '') });
    this.watch = watch;
    this.done = (async () => {
      try {
        for await (const ev of watch) this.note(ev.type, ev.object);
      } catch (err) {
        this.error = errorText(err);
      }
    })();
  }

  protected abstract note(type: string, pod: KubeObject): void;

  async close(): Promise<void> {
    this.watch?.close();
    await Promise.race([this.done, sleep(2_000)]);
  }
}

export interface PodTimes {
  /** When the watch first saw it Running (performance.now()). */
  running?: number;
  /** When it first had metadata.deletionTimestamp. */
  marked?: number;
  /** When the watch saw it DELETED. */
  gone?: number;
}

/** Notes for each pod name of a namespace when it was first Running, marked for deletion and gone. */
export class PodTracker extends PodWatch {
  readonly times = new Map<string, PodTimes>();

  constructor(client: Client, namespace = 'default') {
    super(client, namespace);
  }

  protected override note(type: string, pod: KubeObject): void {
    const now = performance.now();
    const name = String(pod.metadata.name);
    let t = this.times.get(name);
    if (t === undefined) {
      t = {};
      this.times.set(name, t);
    }
    if (type === 'DELETED') {
      t.gone ??= now;
      return;
    }
    if (t.running === undefined && phaseOf(pod) === 'Running') t.running = now;
    if (t.marked === undefined && pod.metadata.deletionTimestamp !== undefined) t.marked = now;
  }

  /** Forgets a name (before a pod of that name is made again). */
  forget(name: string): void {
    this.times.delete(name);
  }

  count(names: readonly string[], field: keyof PodTimes): number {
    return names.filter((n) => this.times.get(n)?.[field] !== undefined).length;
  }
}
