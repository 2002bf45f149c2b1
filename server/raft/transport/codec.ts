// Conversion between the core's Message and the generated RaftService message types. Binary
// fields arrive as Buffers (which are Uint8Arrays) that view the received frame; nothing here
// copies entry data.
import type { Entry, EntryType, Message, MessageType, SnapshotMeta } from '../core/index.js';
import type { RaftEntry, RaftEntry__Output } from '../../../proto/gen/berth/v1/RaftEntry.js';
import type { RaftEntryType__Output } from '../../../proto/gen/berth/v1/RaftEntryType.js';
import type { RaftMessage, RaftMessage__Output } from '../../../proto/gen/berth/v1/RaftMessage.js';
import type { RaftMessageType__Output } from '../../../proto/gen/berth/v1/RaftMessageType.js';
import type { RaftSnapshotMetadata, RaftSnapshotMetadata__Output } from '../../../proto/gen/berth/v1/RaftSnapshotMetadata.js';

const MESSAGE_TYPES: Readonly<Record<MessageType, RaftMessageType__Output>> = {
  prop: 'RAFT_MESSAGE_TYPE_PROP',
  app: 'RAFT_MESSAGE_TYPE_APP',
  appResp: 'RAFT_MESSAGE_TYPE_APP_RESP',
  vote: 'RAFT_MESSAGE_TYPE_VOTE',
  voteResp: 'RAFT_MESSAGE_TYPE_VOTE_RESP',
  preVote: 'RAFT_MESSAGE_TYPE_PRE_VOTE',
  preVoteResp: 'RAFT_MESSAGE_TYPE_PRE_VOTE_RESP',
  heartbeat: 'RAFT_MESSAGE_TYPE_HEARTBEAT',
  heartbeatResp: 'RAFT_MESSAGE_TYPE_HEARTBEAT_RESP',
  snap: 'RAFT_MESSAGE_TYPE_SNAP',
  readIndex: 'RAFT_MESSAGE_TYPE_READ_INDEX',
  readIndexResp: 'RAFT_MESSAGE_TYPE_READ_INDEX_RESP',
  timeoutNow: 'RAFT_MESSAGE_TYPE_TIMEOUT_NOW',
  transferLeader: 'RAFT_MESSAGE_TYPE_TRANSFER_LEADER',
};

const MESSAGE_TYPES_BY_PROTO: ReadonlyMap<string, MessageType> = new Map(
  Object.entries(MESSAGE_TYPES).map(([core, proto]) => [proto, core as MessageType]),
);

const ENTRY_TYPES: Readonly<Record<EntryType, RaftEntryType__Output>> = {
  normal: 'RAFT_ENTRY_TYPE_NORMAL',
  conf: 'RAFT_ENTRY_TYPE_CONF',
};

const EMPTY = new Uint8Array(0);

export type Decoded<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

function encodeEntry(entry: Entry): RaftEntry {
  return { term: entry.term, index: entry.index, type: ENTRY_TYPES[entry.type], data: entry.data };
}

export function encodeSnapshotMeta(meta: SnapshotMeta): RaftSnapshotMetadata {
  return { index: meta.index, term: meta.term, conf: { voters: [...meta.conf.voters], learners: [...meta.conf.learners] } };
}

/** The wire form of `m`; a snapshot's data is left out (it travels in InstallSnapshot chunks). */
export function encodeMessage(m: Message): RaftMessage {
  return {
    type: MESSAGE_TYPES[m.type],
    from: m.from,
    to: m.to,
    term: m.term,
    logTerm: m.logTerm,
    index: m.index,
    entries: m.entries.map(encodeEntry),
    commit: m.commit,
    reject: m.reject,
    rejectHint: m.rejectHint,
    context: m.context,
    snapshot: m.snapshot === undefined ? null : encodeSnapshotMeta(m.snapshot.meta),
  };
}

function decodeEntry(p: RaftEntry__Output): Entry | undefined {
  const type: EntryType | undefined =
    p.type === 'RAFT_ENTRY_TYPE_NORMAL' ? 'normal' : p.type === 'RAFT_ENTRY_TYPE_CONF' ? 'conf' : undefined;
  if (type === undefined) return undefined;
  return { term: p.term, index: p.index, type, data: p.data };
}

function decodeSnapshotMeta(p: RaftSnapshotMetadata__Output): SnapshotMeta {
  return { index: p.index, term: p.term, conf: { voters: p.conf?.voters ?? [], learners: p.conf?.learners ?? [] } };
}

/**
 * The core Message of a wire message. `snapshotData` completes a 'snap' message whose data was
 * reassembled from InstallSnapshot chunks; a 'snap' message without it is refused.
 */
export function decodeMessage(p: RaftMessage__Output, snapshotData?: Uint8Array): Decoded<Message> {
  const type = MESSAGE_TYPES_BY_PROTO.get(p.type);
  if (type === undefined) return { ok: false, problem: `unknown message type ${String(p.type)}` };
  const entries: Entry[] = [];
  for (const pe of p.entries) {
    const entry = decodeEntry(pe);
    if (entry === undefined) return { ok: false, problem: `entry ${pe.index} has unknown type ${String(pe.type)}` };
    entries.push(entry);
  }
  if (type === 'snap' && (p.snapshot === null || snapshotData === undefined)) {
    return { ok: false, problem: 'a snap message must come with its snapshot metadata and data (over InstallSnapshot)' };
  }
  const snapshot =
    type === 'snap' && p.snapshot !== null && snapshotData !== undefined
      ? { meta: decodeSnapshotMeta(p.snapshot), data: snapshotData }
      : undefined;
  const message: Message = {
    type,
    from: p.from,
    to: p.to,
    term: p.term,
    logTerm: p.logTerm,
    index: p.index,
    entries,
    commit: p.commit,
    reject: p.reject,
    rejectHint: p.rejectHint,
    context: p.context.byteLength === 0 ? EMPTY : p.context,
    ...(snapshot === undefined ? {} : { snapshot }),
  };
  return { ok: true, value: message };
}

/**
 * An upper bound of the encoded size of `m` without snapshot data, used to keep envelopes under
 * the gRPC message limit without encoding twice. Each varint is counted at its maximum width.
 */
export function estimateMessageBytes(m: Message): number {
  const fixed = 16 * 11 + m.from.length * 3 + m.to.length * 3 + m.context.byteLength;
  let entries = 0;
  for (const e of m.entries) entries += 40 + e.data.byteLength;
  const conf = m.snapshot === undefined ? 0 : 64 + [...m.snapshot.meta.conf.voters, ...m.snapshot.meta.conf.learners].reduce((n, id) => n + 8 + id.length * 3, 0);
  return fixed + entries + conf;
}
