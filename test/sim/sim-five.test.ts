// Proves the same as sim.test.ts for 5-replica clusters (500 more seeds), where two replicas can
// fail at once and removals may shrink the voters down to three.
import { describe, expect, it } from 'vitest';
import { expectMeaningful, reportSweep } from './sweep-report.js';
import { sweepSeeds } from './sweep.js';

describe('deterministic simulation, 5 replicas', () => {
  it('passes 500 seeds', () => {
    const result = sweepSeeds(100_001, 500, 5);
    reportSweep('5 replicas', result);
    expect(result.failures.map((f) => f.failure)).toEqual([]);
    expectMeaningful(result);
  });
});
