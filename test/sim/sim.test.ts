// Proves that the real Raft core keeps its safety properties, stays live once faults heal, and
// serves linearizable reads and writes, across 500 seeded simulations of a 3-replica cluster
// under partitions, crashes, lost writes, membership changes, transfers and snapshots.
import { describe, expect, it } from 'vitest';
import { expectMeaningful, reportSweep } from './sweep-report.js';
import { sweepSeeds } from './sweep.js';

describe('deterministic simulation, 3 replicas', () => {
  it('passes 500 seeds', () => {
    const result = sweepSeeds(1, 500, 3);
    reportSweep('3 replicas', result);
    expect(result.failures.map((f) => f.failure)).toEqual([]);
    expectMeaningful(result);
  });
});
