// Runs a range of seeds and gathers what the test files and the CLI both want to know: which
// seeds failed, the summed statistics, and in how many seeds each kind of event happened at all.
import { runSeed, type ReplicaCount, type RunResult } from './run.js';
import { addStats, newStats, type SimStats } from './stats.js';

export interface SweepResult {
  readonly failures: readonly RunResult[];
  readonly stats: SimStats;
  /** For each statistic, the number of seeds in which it was above zero. */
  readonly seedsWith: SimStats;
}

export function sweepSeeds(from: number, count: number, replicas: ReplicaCount, steps?: number): SweepResult {
  const stats = newStats();
  const seedsWith = newStats();
  const failures: RunResult[] = [];
  for (let seed = from; seed < from + count; seed++) {
    const result = runSeed(seed, { replicas, ...(steps !== undefined ? { steps } : {}) });
    addStats(stats, result.stats);
    for (const key of Object.keys(seedsWith) as (keyof SimStats)[]) if (result.stats[key] > 0) seedsWith[key]++;
    if (!result.ok) failures.push(result);
  }
  return { failures, stats, seedsWith };
}
