// Options of the Raft driver (RaftNodeOptions), compiled once with defaults and validation.
import type { NodeId, RaftOptions } from './core/index.js';

export interface RaftNodeOptions {
  /** This replica's id. Required. */
  id: NodeId;
  /** Initial members (id -> host:port) of a new cluster, this replica included. Required unless joining. */
  initialPeers?: Record<NodeId, string>;
  /** Start without a configuration and wait to be added by an existing cluster's leader. @default false */
  join?: boolean;
  /** Length of one Raft tick. @default 100 */
  tickMs?: number;
  /** Options of the core (electionTicks, heartbeatTicks, preVote, checkQuorum, ...). */
  raft?: Omit<RaftOptions, 'id' | 'randomSeed'>;
  /** Applied entries between two compactions of the Raft log (snapshots of the store are made only when a follower needs one). @default 20000 */
  snapshotEntries?: number;
  /** Entries kept when the log is compacted, so a follower a little behind needs no snapshot. @default 5000 */
  snapshotCatchUpEntries?: number;
  /** Store revisions of history kept for watches and reads at old revisions; the leader compacts older ones. @default 50000 */
  historyRevisions?: number;
  /** A proposal not applied within this time fails with TIMEOUT (outcome unknown). @default 5000 */
  proposalTimeoutMs?: number;
  /** A read not confirmed by a quorum within this time fails with TIMEOUT. @default 5000 */
  readTimeoutMs?: number;
  /** Proposals waiting for their result on this replica. @default 65536 */
  maxPendingProposals?: number;
  /** Reads waiting for the next read-index round. @default 65536 */
  maxPendingReads?: number;
  /** Largest encoded command (one log entry). @default 1572864 (1.5 MiB) */
  maxEntryBytes?: number;
  /** How long a new learner may take to catch up before promotion is abandoned. @default 60000 */
  learnerCatchUpTimeoutMs?: number;
}

export type CompiledRaftNodeOptions = Readonly<Required<RaftNodeOptions>>;

function int(name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`raftNode.${name}: must be an integer >= ${min} (got ${String(value)})`);
  }
  return value;
}

export function compileRaftNodeOptions(raw: RaftNodeOptions): CompiledRaftNodeOptions {
  if (typeof raw.id !== 'string' || !/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(raw.id)) {
    throw new RangeError(`raftNode.id: must be a DNS-1123 label like "r1" (got ${JSON.stringify(raw.id)})`);
  }
  const join = raw.join ?? false;
  const initialPeers = raw.initialPeers ?? {};
  if (!join && !(raw.id in initialPeers)) {
    throw new RangeError(`raftNode.initialPeers: must include this replica's own id "${raw.id}"`);
  }
  return {
    id: raw.id,
    initialPeers,
    join,
    tickMs: int('tickMs', raw.tickMs ?? 100, 1),
    raft: raw.raft ?? {},
    snapshotEntries: int('snapshotEntries', raw.snapshotEntries ?? 20000, 1),
    snapshotCatchUpEntries: int('snapshotCatchUpEntries', raw.snapshotCatchUpEntries ?? 5000, 0),
    historyRevisions: int('historyRevisions', raw.historyRevisions ?? 50000, 1),
    proposalTimeoutMs: int('proposalTimeoutMs', raw.proposalTimeoutMs ?? 5000, 1),
    readTimeoutMs: int('readTimeoutMs', raw.readTimeoutMs ?? 5000, 1),
    maxPendingProposals: int('maxPendingProposals', raw.maxPendingProposals ?? 65536, 1),
    maxPendingReads: int('maxPendingReads', raw.maxPendingReads ?? 65536, 1),
    maxEntryBytes: int('maxEntryBytes', raw.maxEntryBytes ?? 1572864, 1024),
    learnerCatchUpTimeoutMs: int('learnerCatchUpTimeoutMs', raw.learnerCatchUpTimeoutMs ?? 60000, 1),
  };
}
