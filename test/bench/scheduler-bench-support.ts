// Helpers of the scheduler benchmark (scheduler-bench.ts): one watch of Pods that keeps a small
// record per pod (when it was first seen, bound, Running, Ready, marked for deletion, gone) and
// wakes waiters as events arrive; a cluster of real processes that can be stopped in the middle
// of a run; the `berth` CLI as a child process; and the clean-up after an agent killed with -9.
import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect } from '../../client/index.js';
import type { Client, KubeObject } from '../../client/index.js';
import { detectCgroups, removePodCgroups } from '../../node/runtime/index.js';
import { BerthCluster } from '../support/berth-cluster.js';
import type { Resources } from '../support/procs.js';
import { AgentLauncher, BERTH_BIN, PodWatch, killPodGroups, readyOf } from './agent-bench-support.js';

type Rec = Record<string, unknown>;

// --- pods ------------------------------------------------------------------------------------

/** What the benchmark keeps of one pod (by uid): a few fields and when things first happened (performance.now()). */
export interface PodRecord {
  readonly uid: string;
  readonly namespace: string;
  readonly name: string;
  /** The `app` label: which workload the pod belongs to. */
  app: string | undefined;
  /** The VERSION env var of the first container: which template the pod was made from. */
  version: string | undefined;
  nodeName: string | undefined;
  ready: boolean;
  terminating: boolean;
  gone: boolean;
  readonly addedAt: number;
  boundAt?: number;
  runningAt?: number;
  readyAt?: number;
  markedAt?: number;
  goneAt?: number;
}

/** First-time transitions over all pods, kept as counters so that a wait over 10,000 pods costs nothing per event. */
export interface PodCounts {
  added: number;
  bound: number;
  running: number;
  ready: number;
  gone: number;
}

function conditionsOf(obj: KubeObject): { type?: string; status?: string }[] {
  return ((obj.status as Rec | undefined)?.['conditions'] as { type?: string; status?: string }[] | undefined) ?? [];
}

/** Ready as the issue defines it: status.phase Running and condition Ready True. */
export function podReady(pod: KubeObject): boolean {
  return (pod.status as Rec | undefined)?.['phase'] === 'Running' && conditionsOf(pod).some((c) => c.type === 'Ready' && c.status === 'True');
}

function versionOf(pod: KubeObject): string | undefined {
  const containers = ((pod.spec as Rec | undefined)?.['containers'] as { env?: { name?: string; value?: string }[] }[] | undefined) ?? [];
  return containers[0]?.env?.find((e) => e.name === 'VERSION')?.value;
}

interface Waiter {
  readonly check: () => boolean;
  readonly resolve: (at: number) => void;
}

export interface WhenOptions {
  /** What is waited for, for the error message. */
  readonly what: string;
  readonly timeoutMs: number;
  /** Fail early when no pod event arrived for this long. @default timeoutMs */
  readonly stallMs?: number;
  /** Where things stand, appended to the error message. */
  readonly describe?: () => string;
}

/** How often a waiter looks at its deadline and at the time since the last event. */
const WAITER_TICK_MS = 250;

/**
 * One watch of Pods (all namespaces unless one is given), started from a list's revision so that
 * nothing after start() is missed. Every event updates the pod's record; waiters registered with
 * when() are checked after each event, so that the time they resolve with is the time of the
 * event that made their condition true (not the next poll).
 */
export class PodLedger extends PodWatch {
  readonly pods = new Map<string, PodRecord>();
  readonly counts: PodCounts = { added: 0, bound: 0, running: 0, ready: 0, gone: 0 };
  events = 0;
  lastEventAt = performance.now();
  private readonly waiters = new Set<Waiter>();

  protected override note(type: string, pod: KubeObject): void {
    const now = performance.now();
    this.events++;
    this.lastEventAt = now;
    const uid = String(pod.metadata.uid ?? `${pod.metadata.namespace}/${pod.metadata.name}`);
    let r = this.pods.get(uid);
    if (r === undefined) {
      r = { uid, namespace: String(pod.metadata.namespace ?? ''), name: String(pod.metadata.name), app: undefined, version: undefined, nodeName: undefined, ready: false, terminating: false, gone: false, addedAt: now };
      this.pods.set(uid, r);
      this.counts.added++;
    }
    this.update(r, type, pod, now);
    for (const w of [...this.waiters]) {
      if (w.check()) {
        this.waiters.delete(w);
        w.resolve(now);
      }
    }
  }

  private update(r: PodRecord, type: string, pod: KubeObject, now: number): void {
    r.app = pod.metadata.labels?.['app'];
    r.version = versionOf(pod);
    const nodeName = (pod.spec as Rec | undefined)?.['nodeName'];
    if (typeof nodeName === 'string' && nodeName !== '') {
      r.nodeName = nodeName;
      if (r.boundAt === undefined) {
        r.boundAt = now;
        this.counts.bound++;
      }
    }
    if (r.runningAt === undefined && (pod.status as Rec | undefined)?.['phase'] === 'Running') {
      r.runningAt = now;
      this.counts.running++;
    }
    r.ready = podReady(pod);
    if (r.ready && r.readyAt === undefined) {
      r.readyAt = now;
      this.counts.ready++;
    }
    r.terminating = pod.metadata.deletionTimestamp !== undefined;
    if (r.terminating) r.markedAt ??= now;
    if (type === 'DELETED' && !r.gone) {
      r.gone = true;
      r.goneAt = now;
      this.counts.gone++;
    }
  }

  /** The pods of an app that are still in the store. */
  live(app: string): PodRecord[] {
    return [...this.pods.values()].filter((p) => p.app === app && !p.gone);
  }

  /**
   * Resolves with the time (performance.now()) of the event after which `check` first held (now,
   * if it holds already); rejects after `timeoutMs`, after `stallMs` without any pod event, or
   * when the watch failed.
   */
  when(check: () => boolean, options: WhenOptions): Promise<number> {
    if (check()) return Promise.resolve(performance.now());
    const t0 = performance.now();
    return new Promise<number>((resolve, reject) => {
      const fail = (why: string): void => {
        clearInterval(timer);
        this.waiters.delete(waiter);
        reject(new Error(`waiting for ${options.what}: ${why}${options.describe === undefined ? '' : ` (${options.describe()})`}`));
      };
      const waiter: Waiter = {
        check,
        resolve: (at) => {
          clearInterval(timer);
          resolve(at);
        },
      };
      const timer = setInterval(() => {
        const now = performance.now();
        if (this.error !== undefined) fail(`the pod watch failed: ${this.error}`);
        else if (now - t0 > options.timeoutMs) fail(`not done after ${Math.round(options.timeoutMs / 1000)} s`);
        else if (options.stallMs !== undefined && now - Math.max(t0, this.lastEventAt) > options.stallMs) fail(`no pod changed for ${Math.round(options.stallMs / 1000)} s`);
      }, WAITER_TICK_MS);
      this.waiters.add(waiter);
    });
  }
}

// --- nodes -----------------------------------------------------------------------------------

/** Watches one Node from `resourceVersion` on; `at` resolves the first time its Ready condition is not True. */
export function watchNotReady(client: Client, name: string, resourceVersion: string): { close: () => void; at: Promise<number> } {
  const watch = client.watch('Node', { resourceVersion });
  const at = (async () => {
    for await (const ev of watch) {
      if (ev.object.metadata.name === name && (ev.type === 'DELETED' || readyOf(ev.object) !== 'True')) return performance.now();
    }
    throw new Error(`the watch of node ${name} ended`);
  })();
  at.catch(() => undefined);
  return { close: () => watch.close(), at };
}

// --- clusters --------------------------------------------------------------------------------

/** A 3-replica cluster with its client and agent launcher, which one phase (or two) uses and then stops. */
export class BenchCluster {
  private constructor(
    readonly cluster: BerthCluster,
    readonly client: Client,
    readonly launcher: AgentLauncher,
  ) {}

  static async start(res: Resources, workDir: string): Promise<BenchCluster> {
    const cluster = await BerthCluster.start(res, { replicas: 3, clusterId: 'bench' });
    const client = connect({ servers: cluster.endpoints(), timeoutMs: 10_000 });
    return new BenchCluster(cluster, client, new AgentLauncher(res, workDir, cluster.endpoints()));
  }

  pidOf(id: string): number {
    const proc = this.cluster.procs.get(id);
    if (proc === undefined) throw new Error(`no replica ${id}`);
    return proc.pid;
  }

  /** Closes the client and stops the replicas (SIGTERM, then SIGKILL); agents are the caller's to stop first. */
  async stop(): Promise<void> {
    this.client.close();
    await Promise.all([...this.cluster.procs.values()].map((p) => p.stop(5_000)));
  }
}

// --- the CLI ---------------------------------------------------------------------------------

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/**
 * Runs `berth ARGS --server SERVERS` as a user would, with HOME pointed at `home` and without
 * BERTH_SERVER and BERTH_CONFIG, so that no config of the machine's user is read.
 */
export function runBerth(args: readonly string[], servers: readonly string[], home: string, timeoutMs: number): Promise<CliRun> {
  const { BERTH_SERVER: _s, BERTH_CONFIG: _c, ...env } = process.env;
  const t0 = performance.now();
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BERTH_BIN, ...args, '--server', servers.join(',')], { env: { ...env, HOME: home }, stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.once('error', fail);
    child.once('close', (code) => done({ code, stdout, stderr, ms: performance.now() - t0 }));
  });
}

// --- after kill -9 ---------------------------------------------------------------------------

/** How long the killed pods' processes get to exit before their cgroups are removed. */
const CGROUP_REMOVE_DELAY_MS = 200;

/**
 * The pods of an agent killed with -9 keep running: kills their process groups (from the
 * runtime's state files in `dataDir`) and removes their cgroups, which nobody else would.
 * Returns how many process groups it signalled.
 */
export async function killOrphans(dataDir: string): Promise<number> {
  const killed = killPodGroups(dataDir);
  const sys = await detectCgroups().catch(() => undefined);
  if (sys === undefined) return killed;
  await sleep(CGROUP_REMOVE_DELAY_MS);
  for (const uid of await readdir(join(dataDir, 'pods')).catch(() => [] as string[])) {
    // The process runtime's default cgroup parent is `berth`.
    await removePodCgroups(sys, join('berth', uid)).catch(() => undefined);
  }
  return killed;
}
