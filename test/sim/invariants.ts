// Raft's safety properties (Ongaro's thesis, figure 3.2), checked as the simulation runs. Each
// check is incremental, so it can run after every step: the driver reports what replicas
// persist, commit, apply and which of them lead, and the first contradiction throws.
import { dataKey } from './kv.js';
import type { ConfState, Entry, HardState, NodeId, SnapshotMeta } from '../../server/raft/core/types.js';

/** A broken safety property. Never caught inside the simulation: it ends the run. */
export class InvariantViolation extends Error {
  override readonly name = 'InvariantViolation';
  constructor(
    readonly invariant: string,
    detail: string,
  ) {
    super(`${invariant}: ${detail}`);
  }
}

/** What the checks need to see of one replica's persisted log. */
export interface LogView {
  readonly snapshotIndex: number;
  readonly lastIndex: number;
  termAt(index: number): number | undefined;
  entryAt(index: number): Entry | undefined;
}

/** An entry known to be committed: by a commit index observed on some replica, or by being applied. */
interface Chosen {
  readonly term: number;
  /** Undefined while the entry is known only through a snapshot that covers it. */
  key: string | undefined;
  /** The observer's term: the entry was committed in this term or an earlier one. */
  readonly observedTerm: number;
  readonly by: NodeId;
}

interface Persisted {
  readonly key: string;
  readonly prevTerm: number;
  readonly by: NodeId;
}

function entryKey(e: Entry): string {
  return `${e.type}:${dataKey(e.data)}`;
}

function confKey(conf: ConfState): string {
  return `voters=${[...conf.voters].sort().join(',')} learners=${[...conf.learners].sort().join(',')}`;
}

export class Invariants {
  private readonly leaderOfTerm = new Map<number, NodeId>();
  private readonly leaders = new Map<NodeId, { term: number; log: LogView }>();
  /** index → term → what was persisted there: Raft creates each (index, term) exactly once. */
  private readonly persisted = new Map<number, Map<number, Persisted>>();
  private readonly chosen = new Map<number, Chosen>();
  private readonly snapshots = new Map<number, { term: number; data: string; by: NodeId }>();
  private readonly confs = new Map<number, { conf: string; by: NodeId }>();
  private readonly appliedIndex = new Map<NodeId, number>();
  private readonly commitSeen = new Map<NodeId, number>();
  private readonly hardStates = new Map<NodeId, HardState>();
  private maxChosen = 0;
  /** Comparisons made between two replicas' accounts of one thing: proof the checks had work. */
  comparisons = 0;

  /** Election Safety: at most one leader per term, ever; and Leader Completeness on election. */
  observeRole(id: NodeId, term: number, isLeader: boolean, log: LogView): void {
    if (!isLeader) {
      this.leaders.delete(id);
      return;
    }
    this.observeLeaderOfTerm(id, term);
    const previous = this.leaders.get(id);
    this.leaders.set(id, { term, log });
    if (previous?.term === term) return;
    for (let i = log.snapshotIndex + 1; i <= this.maxChosen; i++) {
      const c = this.chosen.get(i);
      if (c !== undefined && c.observedTerm <= term) this.leaderHas(id, term, log, i, c);
    }
  }

  /**
   * Election Safety alone, for a replica seen leading between two Readys (it may step down
   * again before its next Ready shows it).
   */
  observeLeaderOfTerm(id: NodeId, term: number): void {
    const known = this.leaderOfTerm.get(term);
    if (known !== undefined && known !== id) {
      throw new InvariantViolation('Election Safety', `both ${known} and ${id} were leader in term ${term}`);
    }
    this.leaderOfTerm.set(term, id);
  }

  /** A crashed or retired replica leads nothing any more. */
  forget(id: NodeId): void {
    this.leaders.delete(id);
    this.commitSeen.delete(id);
    this.appliedIndex.delete(id);
  }

  private leaderHas(id: NodeId, term: number, log: LogView, index: number, c: Chosen): void {
    if (index <= log.snapshotIndex) return;
    this.comparisons++;
    const e = log.entryAt(index);
    if (e === undefined || e.term !== c.term || (c.key !== undefined && entryKey(e) !== c.key)) {
      const has = e === undefined ? 'nothing' : `term ${e.term}`;
      throw new InvariantViolation(
        'Leader Completeness',
        `entry ${index} (term ${c.term}) was committed by term ${c.observedTerm} (seen on ${c.by}) ` +
          `but ${id}, leader of term ${term}, has ${has} at ${index}`,
      );
    }
  }

  /**
   * Log Matching, checked as entries reach disk. Raft creates an entry for a given (index, term)
   * once, so every copy must carry the same data and follow the same previous term. By induction
   * on the index, that makes two logs that share an (index, term) identical up to it.
   */
  persistEntries(id: NodeId, entries: readonly Entry[], prevTermOfFirst: number): void {
    let prevTerm = prevTermOfFirst;
    for (const e of entries) {
      const key = entryKey(e);
      let byTerm = this.persisted.get(e.index);
      if (byTerm === undefined) this.persisted.set(e.index, (byTerm = new Map()));
      const other = byTerm.get(e.term);
      if (other === undefined) byTerm.set(e.term, { key, prevTerm, by: id });
      else this.comparisons++;
      if (other !== undefined && (other.key !== key || other.prevTerm !== prevTerm)) {
        const what = other.key !== key ? 'different data' : `previous terms ${other.prevTerm} and ${prevTerm}`;
        throw new InvariantViolation(
          'Log Matching',
          `${other.by} and ${id} both persisted entry ${e.index} of term ${e.term} with ${what}`,
        );
      }
      if (e.term < prevTerm) {
        throw new InvariantViolation('Log Matching', `${id} persisted entry ${e.index} of term ${e.term} after term ${prevTerm}`);
      }
      prevTerm = e.term;
    }
  }

  /** Records the entries a replica's commit index declares committed, and checks them against leaders. */
  observeCommit(id: NodeId, term: number, commit: number, log: LogView): void {
    const seen = this.commitSeen.get(id) ?? 0;
    if (commit <= seen) return;
    this.commitSeen.set(id, commit);
    if (commit > log.lastIndex) {
      throw new InvariantViolation('Commit', `${id} has commit index ${commit} beyond its persisted log (last ${log.lastIndex})`);
    }
    for (let i = Math.max(seen, log.snapshotIndex) + 1; i <= commit; i++) {
      const e = log.entryAt(i);
      if (e === undefined) throw new InvariantViolation('Commit', `${id} lacks committed entry ${i} on disk`);
      this.choose(id, i, e.term, entryKey(e), term, 'committed');
    }
  }

  private choose(id: NodeId, index: number, term: number, key: string | undefined, observedTerm: number, how: string): void {
    const c = this.chosen.get(index);
    if (c === undefined) {
      const fresh: Chosen = { term, key, observedTerm, by: id };
      this.chosen.set(index, fresh);
      this.maxChosen = Math.max(this.maxChosen, index);
      for (const [leader, l] of this.leaders) {
        if (l.term >= observedTerm) this.leaderHas(leader, l.term, l.log, index, fresh);
      }
      return;
    }
    this.comparisons++;
    if (c.term !== term || (c.key !== undefined && key !== undefined && c.key !== key)) {
      throw new InvariantViolation(
        'State Machine Safety',
        `${c.by} and ${id} disagree on committed entry ${index}: term ${c.term} vs term ${term}` +
          (c.term === term ? ' (different data)' : '') + ` (${how} on ${id})`,
      );
    }
    if (c.key === undefined) c.key = key;
  }

  /** The replica's state machine now stands at `index` (a restart or an installed snapshot). */
  resetApplied(id: NodeId, index: number): void {
    this.appliedIndex.set(id, index);
  }

  /** State Machine Safety: no two replicas apply different entries at one index. */
  applyEntry(id: NodeId, replicaTerm: number, e: Entry): void {
    const last = this.appliedIndex.get(id) ?? 0;
    if (e.index !== last + 1) {
      throw new InvariantViolation('State Machine Safety', `${id} applied entry ${e.index} right after ${last}`);
    }
    this.appliedIndex.set(id, e.index);
    this.choose(id, e.index, e.term, entryKey(e), replicaTerm, 'applied');
  }

  /** Snapshots at one index must hold the same state, and agree with the entry committed there. */
  observeSnapshot(id: NodeId, replicaTerm: number, meta: SnapshotMeta, data: Uint8Array, how: string): void {
    const text = dataKey(data);
    const other = this.snapshots.get(meta.index);
    if (other === undefined) {
      this.snapshots.set(meta.index, { term: meta.term, data: text, by: id });
    } else if (other.term !== meta.term || other.data !== text) {
      throw new InvariantViolation(
        'State Machine Safety',
        `snapshots at ${meta.index} differ: ${other.by}'s (term ${other.term}) and ${id}'s (term ${meta.term}, ${how})`,
      );
    }
    this.choose(id, meta.index, meta.term, undefined, replicaTerm, `snapshot ${how}`);
    this.observeConf(id, meta.index, meta.conf);
  }

  /** Every replica must reach the same configuration at the same index. */
  observeConf(id: NodeId, index: number, conf: ConfState): void {
    const key = confKey(conf);
    const other = this.confs.get(index);
    if (other === undefined) this.confs.set(index, { conf: key, by: id });
    else if (other.conf !== key) {
      throw new InvariantViolation('State Machine Safety', `configuration at ${index}: ${other.by} has ${other.conf}, ${id} has ${key}`);
    }
  }

  /**
   * The durability contract: term never goes back and a vote is never changed within a term,
   * even across crashes, and any change to them (or new entries) must be synced.
   */
  observeHardState(id: NodeId, hs: HardState, mustSync: boolean, newEntries: number): void {
    const prev = this.hardStates.get(id);
    this.hardStates.set(id, hs);
    if (prev === undefined) {
      if (!mustSync && (hs.term !== 0 || hs.vote !== '')) {
        throw new InvariantViolation('Durability', `${id} set term ${hs.term} vote "${hs.vote}" without mustSync`);
      }
      return;
    }
    if (hs.term < prev.term) {
      throw new InvariantViolation('Durability', `${id}'s term went back from ${prev.term} to ${hs.term}`);
    }
    if (hs.term === prev.term && prev.vote !== '' && hs.vote !== prev.vote) {
      throw new InvariantViolation('Durability', `${id} voted for ${prev.vote} and then ${hs.vote || 'nobody'} in term ${hs.term}`);
    }
    if (!mustSync && (hs.term !== prev.term || hs.vote !== prev.vote)) {
      throw new InvariantViolation('Durability', `${id} changed term/vote to ${hs.term}/"${hs.vote}" in a Ready without mustSync`);
    }
    if (!mustSync && newEntries > 0) {
      throw new InvariantViolation('Durability', `${id} got ${newEntries} entries to persist in a Ready without mustSync`);
    }
  }

  /** Number of entries known to be committed, for statistics. */
  get committedCount(): number {
    return this.chosen.size;
  }
}

/**
 * Log Matching checked directly on two logs, for the periodic cross-check: if they hold an
 * entry with the same index and term, every entry both hold up to it must be identical.
 */
export function checkLogsMatch(aId: NodeId, a: LogView, bId: NodeId, b: LogView): void {
  const from = Math.max(a.snapshotIndex, b.snapshotIndex) + 1;
  let to = Math.min(a.lastIndex, b.lastIndex);
  while (to >= from && a.termAt(to) !== b.termAt(to)) to--;
  for (let i = from; i <= to; i++) {
    const x = a.entryAt(i);
    const y = b.entryAt(i);
    if (x === undefined || y === undefined || x.term !== y.term || entryKey(x) !== entryKey(y)) {
      throw new InvariantViolation(
        'Log Matching',
        `${aId} and ${bId} agree on entry ${to} (term ${String(a.termAt(to))}) but differ at ${i}: ` +
          `term ${String(x?.term)} vs ${String(y?.term)}`,
      );
    }
  }
}
