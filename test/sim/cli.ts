// The simulator's command line. `npm run sim -- --seed 123 --replicas 3` replays one seed with
// its nemesis actions printed (and the trace tail on failure); `--seeds N [--from S]` sweeps
// many seeds. The exit code is 1 if any seed failed.
import { randomInt } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { historyToJson } from './linearizability.js';
import { DEFAULT_STEPS, mixedReplicas, runSeed, type ReplicaCount, type RunResult } from './run.js';
import { addStats, formatStats, newStats } from './stats.js';

const USAGE = `usage: node dist/test/sim/cli.js [--seed N | --seeds N [--from S]] [--replicas 3|5|mixed] [--steps N] [--history FILE]`;
/** A progress line after this many seeds of a sweep. */
const PROGRESS_EVERY_SEEDS = 1000;
/** Failures printed in full before the rest are only counted. */
const MAX_FAILURES_PRINTED = 20;

interface CliOptions {
  readonly seed: number | undefined;
  readonly seeds: number;
  readonly from: number | undefined;
  readonly replicas: ReplicaCount | 'mixed';
  readonly steps: number;
  readonly history: string | undefined;
}

function parseIntFlag(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name}: must be a non-negative integer (got ${text})`);
  return n;
}

function parseCli(argv: readonly string[]): CliOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      seed: { type: 'string' },
      seeds: { type: 'string' },
      from: { type: 'string' },
      replicas: { type: 'string', default: 'mixed' },
      steps: { type: 'string' },
      history: { type: 'string' },
    },
  });
  const replicas = values.replicas;
  if (replicas !== '3' && replicas !== '5' && replicas !== 'mixed') {
    throw new Error(`--replicas: must be 3, 5 or mixed (got ${String(replicas)})`);
  }
  const seed = parseIntFlag('seed', values.seed);
  if (values.history !== undefined && seed === undefined) throw new Error('--history: needs --seed');
  return {
    seed,
    seeds: parseIntFlag('seeds', values.seeds) ?? 100,
    from: parseIntFlag('from', values.from),
    replicas: replicas === 'mixed' ? 'mixed' : (Number(replicas) as ReplicaCount),
    steps: parseIntFlag('steps', values.steps) ?? DEFAULT_STEPS,
    history: values.history,
  };
}

function replicasFor(opts: CliOptions, seed: number): ReplicaCount {
  return opts.replicas === 'mixed' ? mixedReplicas(seed) : opts.replicas;
}

/** One seed, verbosely: nemesis actions as they happen, the trace tail if it fails. */
function runOne(opts: CliOptions, seed: number): boolean {
  const replicas = replicasFor(opts, seed);
  console.log(`seed ${seed}, ${replicas} replicas, ${opts.steps} steps`);
  const result = runSeed(seed, { replicas, steps: opts.steps, verbose: true, log: (line) => console.log(line) });
  if (opts.history !== undefined) {
    writeFileSync(opts.history, historyToJson(result.history));
    console.log(`history (${result.history.length} operations) written to ${opts.history}`);
  }
  if (!result.ok) {
    console.log('--- trace tail ---');
    for (const line of result.trace) console.log(line);
    console.log(`--- FAILED ---\n${result.failure ?? ''}`);
    return false;
  }
  console.log(`ok: ${formatStats(result.stats)}`);
  return true;
}

function sweep(opts: CliOptions): boolean {
  const from = opts.from ?? randomInt(0, 2 ** 31);
  console.log(`seeds ${from}..${from + opts.seeds - 1}, replicas ${opts.replicas}, ${opts.steps} steps (--from ${from})`);
  const started = process.hrtime.bigint();
  const total = newStats();
  const failures: RunResult[] = [];
  for (let i = 0; i < opts.seeds; i++) {
    const seed = (from + i) % 2 ** 32;
    const result = runSeed(seed, { replicas: replicasFor(opts, seed), steps: opts.steps });
    addStats(total, result.stats);
    if (!result.ok) {
      failures.push(result);
      if (failures.length <= MAX_FAILURES_PRINTED) console.log(`FAIL ${result.failure ?? ''}`);
    }
    if ((i + 1) % PROGRESS_EVERY_SEEDS === 0) {
      console.log(`${i + 1} seeds, ${failures.length} failed, ${elapsedSeconds(started)}s`);
    }
  }
  console.log(`${opts.seeds} seeds in ${elapsedSeconds(started)}s, ${failures.length} failed`);
  console.log(`stats: ${formatStats(total)}`);
  if (failures.length > 0) console.log(`failing seeds: ${failures.map((f) => `${f.seed}/${f.replicas}`).join(' ')}`);
  return failures.length === 0;
}

function elapsedSeconds(started: bigint): string {
  return (Number(process.hrtime.bigint() - started) / 1e9).toFixed(1);
}

function main(): void {
  let opts: CliOptions;
  try {
    opts = parseCli(process.argv.slice(2));
  } catch (e) {
    console.error(`${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
    process.exit(2);
  }
  const ok = opts.seed !== undefined ? runOne(opts, opts.seed) : sweep(opts);
  process.exitCode = ok ? 0 : 1;
}

main();
