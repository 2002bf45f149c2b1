// The plain data types of the store's public API: commands (the data of Raft entries), their
// results, reads and watch events. Keys are strings (compared in Unicode code point order, which
// is the byte order of their UTF-8 form); values are bytes.
import type { BerthError } from '../../client/index.js';

/** One version of a key. A deleted key is reported with version 0 and createRevision 0. */
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

/** Lets the replica that proposed a command find its result among the applied entries. */
export interface RequestId {
  readonly origin: string;
  readonly seq: number;
}

export interface PutOp {
  readonly type: 'put';
  readonly key: string;
  readonly value: Uint8Array;
  /** Return the version this put replaced. */
  readonly prevKv?: boolean;
}

/**
 * Deletes `key`, or every key in [key, rangeEnd) when rangeEnd is given. rangeEnd "\0" means
 * "to the end of the key space"; a prefix is deleted with rangeEnd = prefixEnd(prefix).
 */
export interface DeleteOp {
  readonly type: 'delete';
  readonly key: string;
  readonly rangeEnd?: string;
  readonly prevKv?: boolean;
}

/** A read inside a txn; it sees the txn's earlier writes. */
export interface RangeOp {
  readonly type: 'range';
  readonly key: string;
  readonly rangeEnd?: string;
  readonly limit?: number;
}

export type RequestOp = PutOp | DeleteOp | RangeOp;

export type CompareOp = '=' | '!=' | '<' | '>';

/**
 * One condition of a txn. A key that does not exist has createRevision, modRevision and version
 * 0; a 'value' compare on a missing key is false whatever the op.
 */
export type Compare =
  | { readonly key: string; readonly target: 'value'; readonly op: CompareOp; readonly value: Uint8Array }
  | {
      readonly key: string;
      readonly target: 'modRevision' | 'createRevision' | 'version';
      readonly op: CompareOp;
      readonly value: number;
    }
  | { readonly key: string; readonly target: 'exists'; readonly op: '='; readonly value: boolean };

export type CompareTarget = Compare['target'];

export interface PutCommand extends PutOp {
  readonly requestId: RequestId;
}

export interface DeleteCommand extends DeleteOp {
  readonly requestId: RequestId;
}

export interface TxnCommand {
  readonly type: 'txn';
  readonly requestId: RequestId;
  readonly compare: readonly Compare[];
  readonly success: readonly RequestOp[];
  readonly failure: readonly RequestOp[];
}

/** Drops history older than `revision`; the latest version of every live key is kept. */
export interface CompactCommand {
  readonly type: 'compact';
  readonly requestId: RequestId;
  readonly revision: number;
}

export type Command = PutCommand | DeleteCommand | TxnCommand | CompactCommand;

export type OpResponse =
  | { readonly type: 'put'; readonly revision: number; readonly prevKv?: KeyValue }
  | { readonly type: 'delete'; readonly deleted: number; readonly prevKvs?: readonly KeyValue[] }
  | { readonly type: 'range'; readonly kvs: readonly KeyValue[]; readonly more: boolean; readonly count: number };

export interface CommandResult {
  /** The store revision after the command: its entry index if it changed anything. */
  readonly revision: number;
  /** put or delete with prevKv: the versions replaced or deleted (a put gives 0 or 1). */
  readonly prevKvs?: readonly KeyValue[];
  /** delete: how many keys were deleted. */
  readonly deleted?: number;
  /** txn: whether every compare held, so that the success branch ran. */
  readonly succeeded?: boolean;
  /** txn: one response per op of the branch that ran. */
  readonly responses?: readonly OpResponse[];
}

/** A committed Raft entry. data null (or empty) is not a store command: a no-op or a conf change. */
export interface ApplyEntry {
  readonly index: number;
  readonly data: Uint8Array | null;
}

export type ApplyResult =
  | { readonly index: number; readonly requestId: RequestId; readonly ok: true; readonly result: CommandResult }
  | {
      readonly index: number;
      /** Undefined only when the entry was too malformed to carry one. */
      readonly requestId: RequestId | undefined;
      readonly ok: false;
      readonly error: BerthError;
    };

export interface GetOptions {
  /** Read at this revision; 0 or omitted reads the current state. */
  readonly revision?: number;
}

export interface RangeRequest {
  /** The first key, or the prefix. '' with prefix or rangeEnd starts at the first key. */
  readonly key: string;
  /** Exclusive end; "\0" means to the end of the key space. Without rangeEnd or prefix, one key. */
  readonly rangeEnd?: string;
  /** Read every key that starts with `key`. */
  readonly prefix?: boolean;
  /** Most keys to return; 0 or omitted means StoreOptions.maxRangeLimit. */
  readonly limit?: number;
  /** Read at this revision; 0 or omitted reads the current state. */
  readonly revision?: number;
  /** Start after this key: pass the last key of the previous page (and its revision). */
  readonly continueAfter?: string;
}

export interface RangeResult {
  readonly kvs: readonly KeyValue[];
  /** Whether keys after the last one returned match too. */
  readonly more: boolean;
  /** The revision the read was served at. */
  readonly revision: number;
  /** Keys that match from the start (or continueAfter) on, including those not returned. */
  readonly count: number;
}

export interface WatchRequest {
  readonly key: string;
  readonly rangeEnd?: string;
  readonly prefix?: boolean;
  /** Replay history from this revision (inclusive), then go live; 0 or omitted: only new changes. */
  readonly fromRevision?: number;
  /** Cut the watcher off once this many events wait for its consumer. @default StoreOptions.maxWatchQueuedEvents */
  readonly maxQueuedEvents?: number;
  /** Attach the previous version of the key to each event. @default false */
  readonly prevKv?: boolean;
}

export interface WatchEvent {
  readonly type: 'put' | 'delete';
  /** The new version; for a delete: the key with an empty value, version 0, modRevision = revision. */
  readonly kv: KeyValue;
  /** The version before the change, when the watch asked for it and the key existed. */
  readonly prevKv?: KeyValue;
  readonly revision: number;
}

/**
 * Receives events in revision order (keys changed by one revision in key order); every call holds
 * whole revisions, never part of one. Returning a promise holds back further events until it
 * settles; events queue meanwhile, up to the bound.
 */
export type WatchEventHandler = (events: WatchEvent[]) => void | Promise<void>;

export type WatchErrorHandler = (err: BerthError) => void;

export interface Watch {
  /** Stops the watch; no callback runs after it returns. Idempotent. */
  cancel(): void;
}

/** A LevelDB batch operation on a key of the store. */
export type BatchOp =
  | { readonly type: 'put'; readonly key: string; readonly value: Uint8Array }
  | { readonly type: 'del'; readonly key: string };

/** What Store.restoreOps returns: the batch to write, then commit() to switch the in-memory state. */
export interface RestorePlan {
  readonly ops: BatchOp[];
  /** Call after the batch (with ops) was written. */
  commit(): void;
}
