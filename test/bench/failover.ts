// Leader failover: kill -9 the leader, then offer a put to the surviving members every 10 ms
// (each attempt with its own short deadline, several in flight) until one succeeds. The time
// from the kill to that first success is the failover time. Then the killed member is started
// again with its data dir and the cluster must be healthy before the next run.
import { setTimeout as sleep } from 'node:timers/promises';
import { median } from './stats.js';
import type { BenchSystem, Writer } from './system.js';

const PROBE_VALUE = Buffer.alloc(256, 0x61);

export interface FailoverOptions {
  readonly runs: number;
  /** @default 10 */
  readonly attemptIntervalMs: number;
  /** @default 300 */
  readonly attemptTimeoutMs: number;
  /** A run with no successful write after this long counts as failed. */
  readonly giveUpMs: number;
  /** Called after each run, for progress output. */
  readonly onRun?: (run: FailoverRun) => void;
}

export interface FailoverRun {
  readonly run: number;
  readonly killed: number;
  /** Milliseconds from the kill to the first successful write; null if none within giveUpMs. */
  readonly ms: number | null;
  readonly attempts: number;
  /** -1 when the run failed before a new leader was seen. */
  readonly newLeader: number;
  /** Set when the run could not be completed (e.g. the cluster did not become healthy again). */
  readonly error?: string;
}

export interface FailoverResult {
  readonly runs: FailoverRun[];
  /** Median over the runs that recovered; NaN if none did. */
  readonly medianMs: number;
  /** Runs in which no write succeeded within giveUpMs, or that failed otherwise. */
  readonly failedRuns: number;
  /** Why the runs stopped early, if they did: the cluster is in an unknown state after that. */
  readonly error?: string;
}

export async function runFailover(system: BenchSystem, options: FailoverOptions): Promise<FailoverResult> {
  const runs: FailoverRun[] = [];
  let error: string | undefined;
  for (let run = 1; run <= options.runs && error === undefined; run++) {
    const result = await oneRun(system, run, options);
    runs.push(result);
    options.onRun?.(result);
    error = result.error;
  }
  const recovered = runs.flatMap((r) => (r.ms === null || r.error !== undefined ? [] : [r.ms]));
  const summary = { runs, medianMs: median(recovered), failedRuns: runs.length - recovered.length };
  return error === undefined ? summary : { ...summary, error };
}

async function oneRun(system: BenchSystem, run: number, options: FailoverOptions): Promise<FailoverRun> {
  const killed = await system.leader();
  const survivors = Array.from({ length: system.size }, (_, i) => i).filter((i) => i !== killed);
  // One client per survivor, connected (by one write each) before the kill, so that opening
  // connections is not part of the measured time.
  const writers = (await Promise.all(survivors.map((m) => system.writers(m, 1, options.attemptTimeoutMs)))).flat();
  let probe: Probe = { ms: null, attempts: 0 };
  try {
    await Promise.all(writers.map((w, i) => w.put(`bench/failover/connect-${i}`, PROBE_VALUE).catch(() => undefined)));
    const t0 = performance.now();
    await system.kill(killed);
    probe = await probeUntilWrite(writers, t0, options);
    await system.restart(killed);
    await system.waitHealthy();
    const newLeader = await system.leader();
    return { run, killed, ms: probe.ms, attempts: probe.attempts, newLeader };
  } catch (err) {
    return { run, killed, ms: probe.ms, attempts: probe.attempts, newLeader: -1, error: err instanceof Error ? err.message : String(err) };
  } finally {
    for (const w of writers) w.close();
  }
}

interface Probe {
  readonly ms: number | null;
  readonly attempts: number;
}

/** Starts one put every attemptIntervalMs, round-robin over `writers`; resolves at the first success. */
async function probeUntilWrite(writers: readonly Writer[], t0: number, options: FailoverOptions): Promise<Probe> {
  const maxAttempts = Math.ceil(options.giveUpMs / options.attemptIntervalMs);
  let successAt: number | undefined;
  const inflight = new Set<Promise<void>>();
  let attempts = 0;
  for (; attempts < maxAttempts && successAt === undefined; attempts++) {
    if (performance.now() - t0 > options.giveUpMs) break;
    const writer = writers[attempts % writers.length] as Writer;
    const p: Promise<void> = writer
      .put(`bench/failover/${attempts % 100}`, PROBE_VALUE)
      .then(() => {
        successAt ??= performance.now();
      })
      .catch(() => undefined)
      .finally(() => inflight.delete(p));
    inflight.add(p);
    await sleep(options.attemptIntervalMs);
  }
  // Attempts still in flight may succeed; each one ends within attemptTimeoutMs.
  await Promise.all(inflight);
  return { ms: successAt === undefined ? null : successAt - t0, attempts };
}
