// Proves that the simulation's checks are not vacuous: each safety invariant throws when fed a
// history that breaks it, and a seed replays to exactly the same run.
import { describe, expect, it } from 'vitest';
import { Invariants, checkLogsMatch, type LogView } from './invariants.js';
import { historyToJson } from './linearizability.js';
import { runSeed } from './run.js';
import type { Entry, HardState } from '../../server/raft/core/types.js';

const text = new TextEncoder();

function entry(index: number, term: number, data: string): Entry {
  return { index, term, type: 'normal', data: text.encode(data) };
}

/** A log of the given entries after a snapshot at `snapshotIndex` (of term `snapshotTerm`). */
function log(entries: readonly Entry[], snapshotIndex = 0, snapshotTerm = 0): LogView {
  return {
    snapshotIndex,
    lastIndex: snapshotIndex + entries.length,
    termAt: (i) => (i === snapshotIndex ? snapshotTerm : entries[i - snapshotIndex - 1]?.term),
    entryAt: (i) => entries[i - snapshotIndex - 1],
  };
}

function hs(term: number, vote: string, commit = 0): HardState {
  return { term, vote, commit };
}

describe('Log Matching', () => {
  it('catches two copies of one (index, term) with different data', () => {
    const inv = new Invariants();
    inv.persistEntries('r1', [entry(1, 1, 'a'), entry(2, 1, 'b')], 0);
    expect(() => inv.persistEntries('r2', [entry(1, 1, 'a'), entry(2, 1, 'X')], 0)).toThrow(
      /Log Matching: r1 and r2 both persisted entry 2 of term 1 with different data/,
    );
  });

  it('catches logs that agree at an (index, term) but differ before it', () => {
    const inv = new Invariants();
    inv.persistEntries('r1', [entry(1, 1, 'a'), entry(2, 2, 'b'), entry(3, 2, 'c')], 0);
    inv.persistEntries('r2', [entry(1, 1, 'a')], 0);
    expect(() => inv.persistEntries('r2', [entry(3, 2, 'c')], 1)).toThrow(/previous terms 2 and 1/);
  });

  it('catches two conflicting logs directly', () => {
    const a = log([entry(1, 1, 'a'), entry(2, 1, 'b'), entry(3, 2, 'c')]);
    const b = log([entry(1, 1, 'a'), entry(2, 1, 'X'), entry(3, 2, 'c')]);
    expect(() => checkLogsMatch('r1', a, 'r2', b)).toThrow(/r1 and r2 agree on entry 3 \(term 2\) but differ at 2/);
    // Logs that diverge only after their last common (index, term) are fine: that is a suffix
    // a new leader will overwrite.
    const c = log([entry(1, 1, 'a'), entry(2, 3, 'z')]);
    expect(() => checkLogsMatch('r1', a, 'r3', c)).not.toThrow();
  });

  it('compares logs only above both snapshots', () => {
    const a = log([entry(3, 2, 'c'), entry(4, 2, 'd')], 2, 1);
    const b = log([entry(1, 1, 'a'), entry(2, 1, 'b'), entry(3, 2, 'c'), entry(4, 2, 'd')]);
    expect(() => checkLogsMatch('r1', a, 'r2', b)).not.toThrow();
  });
});

describe('Election Safety', () => {
  it('catches two leaders in one term', () => {
    const inv = new Invariants();
    inv.observeRole('r1', 5, true, log([]));
    inv.observeRole('r1', 5, false, log([]));
    expect(() => inv.observeRole('r2', 5, true, log([]))).toThrow(/Election Safety: both r1 and r2 were leader in term 5/);
  });
});

describe('Leader Completeness', () => {
  it('catches a new leader that lacks a committed entry', () => {
    const inv = new Invariants();
    inv.observeCommit('r1', 2, 2, log([entry(1, 1, 'a'), entry(2, 2, 'b')]));
    expect(() => inv.observeRole('r2', 3, true, log([entry(1, 1, 'a'), entry(2, 1, 'X')]))).toThrow(
      /Leader Completeness: entry 2 \(term 2\) was committed by term 2 .* but r2, leader of term 3, has term 1 at 2/,
    );
  });

  it('catches an entry committed later that a current leader lacks', () => {
    const inv = new Invariants();
    inv.observeRole('r2', 4, true, log([entry(1, 1, 'a')]));
    expect(() => inv.observeCommit('r1', 3, 2, log([entry(1, 1, 'a'), entry(2, 3, 'b')]))).toThrow(/Leader Completeness/);
  });

  it('accepts a leader whose snapshot covers the committed entry', () => {
    const inv = new Invariants();
    inv.observeCommit('r1', 2, 2, log([entry(1, 1, 'a'), entry(2, 2, 'b')]));
    expect(() => inv.observeRole('r2', 3, true, log([entry(3, 3, 'c')], 2, 2))).not.toThrow();
  });
});

describe('State Machine Safety', () => {
  it('catches two replicas applying different entries at one index', () => {
    const inv = new Invariants();
    inv.applyEntry('r1', 1, entry(1, 1, 'a'));
    expect(() => inv.applyEntry('r2', 1, entry(1, 1, 'b'))).toThrow(/State Machine Safety: r1 and r2 disagree on committed entry 1/);
  });

  it('catches a replica that skips an entry', () => {
    const inv = new Invariants();
    inv.applyEntry('r1', 1, entry(1, 1, 'a'));
    expect(() => inv.applyEntry('r1', 1, entry(3, 1, 'c'))).toThrow(/r1 applied entry 3 right after 1/);
  });

  it('catches snapshots at one index with different contents', () => {
    const inv = new Invariants();
    const meta = { index: 4, term: 2, conf: { voters: ['r1', 'r2', 'r3'], learners: [] } };
    inv.observeSnapshot('r1', 2, meta, text.encode('[["k","v"]]'), 'taken');
    expect(() => inv.observeSnapshot('r2', 2, meta, text.encode('[["k","w"]]'), 'taken')).toThrow(/snapshots at 4 differ/);
  });
});

describe('Durability', () => {
  it('catches a vote changed within a term, as after losing an unsynced vote', () => {
    const inv = new Invariants();
    inv.observeHardState('r1', hs(3, 'r2'), true, 0);
    expect(() => inv.observeHardState('r1', hs(3, 'r3'), true, 0)).toThrow(/r1 voted for r2 and then r3 in term 3/);
  });

  it('catches a term change that was not to be synced', () => {
    const inv = new Invariants();
    inv.observeHardState('r1', hs(3, ''), true, 0);
    expect(() => inv.observeHardState('r1', hs(4, ''), false, 0)).toThrow(/without mustSync/);
  });
});

describe('linearizability', () => {
  it('catches reads served from a local state machine without readIndex', () => {
    // Deposed leaders and lagging followers answer such reads with stale values.
    const caught = [1, 2, 3, 4, 5].filter((seed) => {
      const result = runSeed(seed, { replicas: 3, steps: 1500, unsafeLocalReads: true });
      return result.failure?.includes('linearizability: key') === true;
    });
    expect(caught.length).toBeGreaterThanOrEqual(3);
  });
});

describe('replay', () => {
  it('runs a seed to exactly the same history and statistics twice', () => {
    const a = runSeed(7, { replicas: 5, steps: 1500 });
    const b = runSeed(7, { replicas: 5, steps: 1500 });
    expect(a.history.length).toBeGreaterThan(0);
    expect(historyToJson(b.history)).toBe(historyToJson(a.history));
    expect(b.stats).toEqual(a.stats);
  });
});
