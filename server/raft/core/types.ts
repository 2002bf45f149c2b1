// The data types of the pure Raft core. Everything here is plain data so that the same values
// can be persisted by the driver, carried by the gRPC transport and replayed by the simulator.

/** A replica's id, unique within a cluster (e.g. "r1"). The empty string means "none". */
export type NodeId = string;

export const NONE: NodeId = '';

/** `normal` entries carry state-machine commands; `conf` entries carry an encoded ConfChange. */
export type EntryType = 'normal' | 'conf';

export interface Entry {
  readonly term: number;
  readonly index: number;
  readonly type: EntryType;
  /** Opaque to the core. Empty for the no-op entry a new leader appends. */
  readonly data: Uint8Array;
}

/** What must be on disk before any message that depends on it leaves the replica. */
export interface HardState {
  readonly term: number;
  readonly vote: NodeId;
  readonly commit: number;
}

export interface ConfState {
  readonly voters: readonly NodeId[];
  readonly learners: readonly NodeId[];
}

export interface SnapshotMeta {
  readonly index: number;
  readonly term: number;
  readonly conf: ConfState;
}

export interface Snapshot {
  readonly meta: SnapshotMeta;
  /** The state machine's contents at meta.index, opaque to the core. */
  readonly data: Uint8Array;
}

export type ConfChangeType = 'addVoter' | 'addLearner' | 'remove';

/** One membership change. Changes are applied one at a time (see RawNode.proposeConfChange). */
export interface ConfChange {
  readonly type: ConfChangeType;
  readonly node: NodeId;
  /** Opaque to the core; the driver uses it for the new member's address. */
  readonly context: string;
}

export type MessageType =
  | 'prop' // a follower forwarding proposals to the leader
  | 'app' // append entries
  | 'appResp'
  | 'vote'
  | 'voteResp'
  | 'preVote'
  | 'preVoteResp'
  | 'heartbeat'
  | 'heartbeatResp'
  | 'snap' // install snapshot (the transport streams snapshot.data in chunks)
  | 'readIndex' // a follower forwarding a read-index request to the leader
  | 'readIndexResp'
  | 'timeoutNow' // leadership transfer: "campaign now, skip pre-vote"
  | 'transferLeader'; // a follower asking the leader to hand leadership to `from`

export interface Message {
  readonly type: MessageType;
  readonly from: NodeId;
  readonly to: NodeId;
  readonly term: number;
  /** Term of the entry at `index` (app), or of the candidate's last entry (vote/preVote). */
  readonly logTerm: number;
  readonly index: number;
  readonly entries: readonly Entry[];
  readonly commit: number;
  readonly reject: boolean;
  /** On a rejected appResp: the index the follower suggests probing next. */
  readonly rejectHint: number;
  /** Read-index request context (opaque); also used to tag heartbeats that confirm a read. */
  readonly context: Uint8Array;
  readonly snapshot?: Snapshot;
}

export type Role = 'follower' | 'preCandidate' | 'candidate' | 'leader';

export interface SoftState {
  readonly leader: NodeId;
  readonly role: Role;
}

/** A read request confirmed by a quorum: serve it once applied >= index. */
export interface ReadState {
  readonly index: number;
  readonly context: Uint8Array;
}

/**
 * What the driver must do next, in this order (etcd-io/raft's Ready contract):
 * 1. persist `snapshot` (if any), `entries` and `hardState`, synced when `mustSync`;
 * 2. send `messages`;
 * 3. apply `snapshot` (if any) and then `committedEntries` to the state machine;
 * 4. call advance().
 */
export interface Ready {
  readonly softState?: SoftState;
  readonly hardState?: HardState;
  readonly entries: readonly Entry[];
  readonly snapshot?: Snapshot;
  readonly committedEntries: readonly Entry[];
  readonly messages: readonly Message[];
  readonly readStates: readonly ReadState[];
  /**
   * A follower needs a snapshot and the core has none that is recent enough (the log was
   * compacted with compactLog): make one of the state machine and hand it over with compact().
   */
  readonly snapshotRequested?: boolean;
  readonly mustSync: boolean;
}

/** The state a replica restarts from, read back from its disk by the driver. */
export interface InitialState {
  readonly hardState?: HardState;
  /** The last snapshot taken or installed (its data is not needed to restart). */
  readonly snapshot?: SnapshotMeta;
  /** All persisted entries after snapshot.index, contiguous. */
  readonly entries?: readonly Entry[];
  /** The highest index the state machine has applied (>= snapshot.index). */
  readonly applied?: number;
  /**
   * Only for a brand-new cluster with no snapshot and no entries: the initial voters. A new
   * replica that is joining an existing cluster passes neither this nor a snapshot, and waits
   * for the leader to send it one.
   */
  readonly bootstrapVoters?: readonly NodeId[];
}

export interface Progress {
  readonly match: number;
  readonly next: number;
  readonly state: 'probe' | 'replicate' | 'snapshot';
  readonly learner: boolean;
  readonly recentActive: boolean;
  readonly inflight: number;
}

export interface Status {
  readonly id: NodeId;
  readonly term: number;
  readonly vote: NodeId;
  readonly leader: NodeId;
  readonly role: Role;
  readonly commit: number;
  readonly applied: number;
  readonly lastIndex: number;
  readonly firstIndex: number;
  readonly conf: ConfState;
  readonly leadTransferee: NodeId;
  /** Only on the leader. */
  readonly progress: ReadonlyMap<NodeId, Progress>;
}
