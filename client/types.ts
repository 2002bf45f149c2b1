// The SDK's public data types. Keys are strings; values are bytes (a string given to put is
// stored as its UTF-8 bytes). Revisions are the store's: the Raft index of the change.

/** Who answered a call and at which state. */
export interface ResponseHeader {
  readonly clusterId: string;
  /** The replica that answered. */
  readonly memberId: string;
  readonly revision: number;
  readonly raftTerm: number;
  /** The leader as that replica knows it; '' while none is known. */
  readonly leader: string;
}

/** One version of a key. */
export interface KeyValue {
  readonly key: string;
  readonly value: Uint8Array;
  /** Revision of the put that created this generation of the key. */
  readonly createRevision: number;
  /** Revision of the change that produced this version. */
  readonly modRevision: number;
  /** Puts since the key was (re)created: 1 for the first. */
  readonly version: number;
}

export interface ReadOptions {
  /** Serve from the replica's own state, without confirming with the leader: faster, maybe stale. @default false */
  readonly serializable?: boolean;
  /** Read at this revision (still in history). @default the current one */
  readonly revision?: number;
}

/** Which keys: one key, every key with a prefix, or [key, rangeEnd) ("\0": to the end). */
export interface KeySetOptions {
  readonly prefix?: boolean;
  readonly rangeEnd?: string;
}

export interface RangeOptions extends ReadOptions, KeySetOptions {
  /** Most keys to return; the server's maximum when omitted, then `more` says whether keys remain. */
  readonly limit?: number;
  /** Start after this key: the last key of the previous page (pass that page's revision too). */
  readonly continueAfter?: string;
}

export interface RangeResult {
  readonly kvs: readonly KeyValue[];
  /** Whether more keys match after the last one returned. */
  readonly more: boolean;
  /** Keys that match from the start (or continueAfter) on, including those not returned. */
  readonly count: number;
  /** The revision the read was served at. */
  readonly revision: number;
  readonly header: ResponseHeader;
}

export interface PutOptions {
  /** Return the version this put replaced. @default false */
  readonly prevKv?: boolean;
}

export interface PutResult {
  /** The revision of this put. */
  readonly revision: number;
  readonly prevKv?: KeyValue;
  readonly header: ResponseHeader;
}

export interface DeleteOptions extends KeySetOptions {
  /** Return the deleted versions. @default false */
  readonly prevKv?: boolean;
}

export interface DeleteResult {
  readonly revision: number;
  readonly deleted: number;
  readonly prevKvs: readonly KeyValue[];
  readonly header: ResponseHeader;
}

export type CompareOp = '=' | '!=' | '<' | '>';

/** A txn condition. A missing key has revisions and version 0; a value compare on it is false. */
export type Compare =
  | { readonly key: string; readonly target: 'value'; readonly op: CompareOp; readonly value: string | Uint8Array }
  | { readonly key: string; readonly target: 'modRevision' | 'createRevision' | 'version'; readonly op: CompareOp; readonly value: number }
  | { readonly key: string; readonly target: 'exists'; readonly value: boolean };

export type TxnOp =
  | { readonly type: 'range'; readonly key: string; readonly prefix?: boolean; readonly rangeEnd?: string; readonly limit?: number }
  | { readonly type: 'put'; readonly key: string; readonly value: string | Uint8Array; readonly prevKv?: boolean }
  | { readonly type: 'delete'; readonly key: string; readonly prefix?: boolean; readonly rangeEnd?: string; readonly prevKv?: boolean };

export interface TxnRequest {
  readonly compare?: readonly Compare[];
  readonly success?: readonly TxnOp[];
  readonly failure?: readonly TxnOp[];
}

export type TxnOpResult =
  | { readonly type: 'range'; readonly kvs: readonly KeyValue[]; readonly more: boolean; readonly count: number }
  | { readonly type: 'put'; readonly prevKv?: KeyValue }
  | { readonly type: 'delete'; readonly deleted: number; readonly prevKvs: readonly KeyValue[] };

export interface TxnResult {
  /** Whether every compare held, so that `success` ran. */
  readonly succeeded: boolean;
  /** One per op of the branch that ran. */
  readonly responses: readonly TxnOpResult[];
  readonly revision: number;
  readonly header: ResponseHeader;
}

export interface WatchOptions extends KeySetOptions {
  /** Replay history from this revision (inclusive), then follow live changes. @default now */
  readonly fromRevision?: number;
  /** Attach the previous version to each event. @default false */
  readonly prevKv?: boolean;
}

export interface WatchEvent {
  readonly type: 'put' | 'delete';
  /** The new version; for a delete the key with an empty value and version 0. */
  readonly kv: KeyValue;
  readonly prevKv?: KeyValue;
  readonly revision: number;
}

export type RaftRole = 'follower' | 'preCandidate' | 'candidate' | 'leader';

export interface MemberProgress {
  readonly id: string;
  readonly match: number;
  readonly next: number;
  readonly state: 'probe' | 'replicate' | 'snapshot';
  readonly learner: boolean;
  readonly recentActive: boolean;
  readonly inflight: number;
}

/** One replica's view of the Raft group and its store. */
export interface ClusterStatus {
  readonly clusterId: string;
  readonly id: string;
  /** '' while no leader is known. */
  readonly leader: string;
  readonly term: number;
  readonly role: RaftRole;
  readonly commit: number;
  readonly applied: number;
  readonly lastIndex: number;
  readonly firstIndex: number;
  readonly revision: number;
  readonly compactedRevision: number;
  readonly voters: readonly string[];
  readonly learners: readonly string[];
  /** Only when this replica leads: the other members' replication progress. */
  readonly progress: readonly MemberProgress[];
  /** The voter leadership is moving to, or ''. */
  readonly leadTransferee: string;
}

export interface Member {
  readonly id: string;
  /** host:port of its gRPC server. */
  readonly address: string;
  readonly role: 'voter' | 'learner';
}
