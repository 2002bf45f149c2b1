// Counters that prove a run was meaningful: that elections, faults, snapshots and membership
// changes actually happened, rather than a quiet cluster passing every check vacuously.

export interface SimStats {
  seeds: number;
  steps: number;
  /** Distinct (term, leader) pairs observed. */
  leadersElected: number;
  crashes: number;
  /** Crashes between a Ready's write and its sync, losing what the Ready wrote. */
  crashesBeforeSync: number;
  restarts: number;
  partitions: number;
  snapshotsTaken: number;
  snapshotsSent: number;
  snapshotsInstalled: number;
  confChangesApplied: number;
  learnersAdded: number;
  promotions: number;
  removals: number;
  leaderRemovals: number;
  transfersRequested: number;
  transfersCompleted: number;
  messagesSent: number;
  messagesDropped: number;
  messagesDuplicated: number;
  entriesCommitted: number;
  opsOk: number;
  opsUnknown: number;
  opsRejected: number;
  /** Operations handed to the linearizability checker, and the states it explored. */
  opsChecked: number;
  checkerStates: number;
  /** Times the safety checks compared two replicas' accounts of the same entry or state. */
  invariantComparisons: number;
}

export function newStats(): SimStats {
  return {
    seeds: 0,
    steps: 0,
    leadersElected: 0,
    crashes: 0,
    crashesBeforeSync: 0,
    restarts: 0,
    partitions: 0,
    snapshotsTaken: 0,
    snapshotsSent: 0,
    snapshotsInstalled: 0,
    confChangesApplied: 0,
    learnersAdded: 0,
    promotions: 0,
    removals: 0,
    leaderRemovals: 0,
    transfersRequested: 0,
    transfersCompleted: 0,
    messagesSent: 0,
    messagesDropped: 0,
    messagesDuplicated: 0,
    entriesCommitted: 0,
    opsOk: 0,
    opsUnknown: 0,
    opsRejected: 0,
    opsChecked: 0,
    checkerStates: 0,
    invariantComparisons: 0,
  };
}

export function addStats(into: SimStats, from: Readonly<SimStats>): void {
  for (const key of Object.keys(into) as (keyof SimStats)[]) into[key] += from[key];
}

export function formatStats(s: Readonly<SimStats>): string {
  return Object.entries(s)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(' ');
}
