// What a simulation test prints and demands of a sweep besides "no seed failed": evidence that
// the seeds exercised what they are meant to, so that a quiet run cannot pass vacuously.
import { expect } from 'vitest';
import { formatStats } from './stats.js';
import type { SweepResult } from './sweep.js';

export function reportSweep(label: string, { failures, stats, seedsWith }: SweepResult): void {
  console.log(`sim ${label}: ${stats.seeds} seeds, ${failures.length} failed`);
  console.log(`  totals: ${formatStats(stats)}`);
  console.log(`  seeds with: ${formatStats(seedsWith)}`);
  for (const f of failures.slice(0, 10)) console.log(`  FAIL ${f.failure ?? ''}`);
}

export function expectMeaningful({ stats, seedsWith }: SweepResult): void {
  const seeds = stats.seeds;
  // Every seed elects leaders, commits entries and checks a history.
  expect(seedsWith.leadersElected).toBe(seeds);
  expect(seedsWith.entriesCommitted).toBe(seeds);
  expect(seedsWith.opsChecked).toBe(seeds);
  expect(seedsWith.invariantComparisons).toBe(seeds);
  // Most seeds see each kind of fault; all kinds happen many times over the sweep.
  for (const key of ['crashes', 'partitions', 'snapshotsTaken', 'confChangesApplied', 'transfersRequested'] as const) {
    expect(seedsWith[key], key).toBeGreaterThan(seeds / 2);
  }
  for (const key of ['crashesBeforeSync', 'snapshotsInstalled', 'promotions', 'removals', 'leaderRemovals', 'transfersCompleted'] as const) {
    expect(stats[key], key).toBeGreaterThan(seeds / 10);
  }
}
