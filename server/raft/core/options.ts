import type { NodeId } from './types.js';

/** Options of one Raft replica's core. Times are in ticks; the driver decides a tick's length. */
export interface RaftOptions {
  /** This replica's id. Required. */
  id: NodeId;
  /**
   * A follower that hears nothing from a leader for a random number of ticks in
   * [electionTicks, 2 * electionTicks) starts an election.
   * @default 10
   */
  electionTicks?: number;
  /** The leader sends heartbeats every heartbeatTicks. @default 1 */
  heartbeatTicks?: number;
  /** Ask for pre-votes before raising the term, so a partitioned replica cannot disrupt. @default true */
  preVote?: boolean;
  /** A leader that has not heard from a quorum within an election timeout steps down. @default true */
  checkQuorum?: boolean;
  /**
   * `safe`: every read-index request is confirmed by a quorum of heartbeat acks.
   * `lease`: the leader trusts its lease (needs checkQuorum; correct only with bounded clock drift).
   * @default 'safe'
   */
  readOnly?: 'safe' | 'lease';
  /** Append messages in flight to one follower before the leader waits for acks. @default 256 */
  maxInflightMsgs?: number;
  /** Bytes of entry data in one append message (at least one entry is always sent). @default 1048576 */
  maxSizePerMsgBytes?: number;
  /** Bytes of committed entries handed out in one Ready. @default 8388608 */
  maxCommittedSizePerReadyBytes?: number;
  /** Bytes of proposed-but-uncommitted entry data the leader accepts before dropping proposals. @default 67108864 */
  maxUncommittedBytes?: number;
  /** Read-index requests waiting on a leader before more are dropped. @default 4096 */
  maxPendingReadIndex?: number;
  /** Proposals a follower holds for forwarding to the leader between two Readys. @default 16384 */
  maxForwardedProposals?: number;
  /** Seed of the core's own deterministic PRNG (for randomized election timeouts). @default 1 */
  randomSeed?: number;
}

export type CompiledRaftOptions = Readonly<Required<RaftOptions>>;

function positiveInt(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`raft.${name}: must be an integer >= 1 (got ${String(value)})`);
  }
  return value;
}

/** Fills defaults and validates, once. Throws a RangeError that names the bad option. */
export function compileRaftOptions(raw: RaftOptions): CompiledRaftOptions {
  if (typeof raw.id !== 'string' || raw.id.length === 0) {
    throw new RangeError(`raft.id: must be a non-empty string (got ${JSON.stringify(raw.id)})`);
  }
  const electionTicks = positiveInt('electionTicks', raw.electionTicks ?? 10);
  const heartbeatTicks = positiveInt('heartbeatTicks', raw.heartbeatTicks ?? 1);
  if (heartbeatTicks >= electionTicks) {
    throw new RangeError(
      `raft.heartbeatTicks: must be less than electionTicks (got ${heartbeatTicks} >= ${electionTicks})`,
    );
  }
  const readOnly = raw.readOnly ?? 'safe';
  if (readOnly !== 'safe' && readOnly !== 'lease') {
    throw new RangeError(`raft.readOnly: must be "safe" or "lease" (got ${JSON.stringify(readOnly)})`);
  }
  const checkQuorum = raw.checkQuorum ?? true;
  if (readOnly === 'lease' && !checkQuorum) {
    throw new RangeError('raft.readOnly: "lease" needs checkQuorum: true');
  }
  return {
    id: raw.id,
    electionTicks,
    heartbeatTicks,
    preVote: raw.preVote ?? true,
    checkQuorum,
    readOnly,
    maxInflightMsgs: positiveInt('maxInflightMsgs', raw.maxInflightMsgs ?? 256),
    maxSizePerMsgBytes: positiveInt('maxSizePerMsgBytes', raw.maxSizePerMsgBytes ?? 1 << 20),
    maxCommittedSizePerReadyBytes: positiveInt(
      'maxCommittedSizePerReadyBytes',
      raw.maxCommittedSizePerReadyBytes ?? 8 << 20,
    ),
    maxUncommittedBytes: positiveInt('maxUncommittedBytes', raw.maxUncommittedBytes ?? 64 << 20),
    maxPendingReadIndex: positiveInt('maxPendingReadIndex', raw.maxPendingReadIndex ?? 4096),
    maxForwardedProposals: positiveInt('maxForwardedProposals', raw.maxForwardedProposals ?? 16384),
    randomSeed: raw.randomSeed ?? 1,
  };
}
