// Between the wire (the generated proto types) and the SDK's public types. Only this file and the
// stubs know the wire shapes.
import type { Compare as ProtoCompare } from '../proto/gen/berth/v1/Compare.js';
import type { Event__Output } from '../proto/gen/berth/v1/Event.js';
import type { KeyValue__Output } from '../proto/gen/berth/v1/KeyValue.js';
import type { MemberProgress__Output } from '../proto/gen/berth/v1/MemberProgress.js';
import type { RequestOp } from '../proto/gen/berth/v1/RequestOp.js';
import type { ResponseHeader__Output } from '../proto/gen/berth/v1/ResponseHeader.js';
import type { ResponseOp__Output } from '../proto/gen/berth/v1/ResponseOp.js';
import type { StatusResponse__Output } from '../proto/gen/berth/v1/StatusResponse.js';
import type {
  ClusterStatus,
  Compare,
  KeyValue,
  MemberProgress,
  RaftRole,
  ResponseHeader,
  TxnOp,
  TxnOpResult,
  WatchEvent,
} from './types.js';

const encoder = new TextEncoder();

export function toBytes(value: string | Uint8Array): Uint8Array {
  return typeof value === 'string' ? encoder.encode(value) : value;
}

export function fromHeader(h: ResponseHeader__Output | null): ResponseHeader {
  return { clusterId: h?.clusterId ?? '', memberId: h?.memberId ?? '', revision: h?.revision ?? 0, raftTerm: h?.raftTerm ?? 0, leader: h?.leader ?? '' };
}

export function fromKv(kv: KeyValue__Output): KeyValue {
  return {
    key: kv.key,
    // A view of gRPC's buffer as a plain Uint8Array: callers should not depend on Buffer.
    value: new Uint8Array(kv.value.buffer, kv.value.byteOffset, kv.value.byteLength),
    createRevision: kv.createRevision,
    modRevision: kv.modRevision,
    version: kv.version,
  };
}

const OPS = { '=': 'EQUAL', '!=': 'NOT_EQUAL', '<': 'LESS', '>': 'GREATER' } as const;
const NUMBER_TARGETS = { modRevision: 'MOD_REVISION', createRevision: 'CREATE_REVISION', version: 'VERSION' } as const;

export function toCompare(c: Compare): ProtoCompare {
  switch (c.target) {
    case 'value':
      return { key: c.key, target: 'VALUE', op: OPS[c.op], value: toBytes(c.value) };
    case 'exists':
      return { key: c.key, target: 'EXISTS', op: 'EQUAL', exists: c.value };
    default:
      return { key: c.key, target: NUMBER_TARGETS[c.target], op: OPS[c.op], number: c.value };
  }
}

export function toRequestOp(op: TxnOp): RequestOp {
  switch (op.type) {
    case 'range':
      return { range: { key: op.key, prefix: op.prefix ?? false, rangeEnd: op.rangeEnd ?? '', limit: op.limit ?? 0 } };
    case 'put':
      return { put: { key: op.key, value: toBytes(op.value), prevKv: op.prevKv ?? false } };
    case 'delete':
      return { deleteRange: { key: op.key, prefix: op.prefix ?? false, rangeEnd: op.rangeEnd ?? '', prevKv: op.prevKv ?? false } };
  }
}

export function fromResponseOp(r: ResponseOp__Output): TxnOpResult {
  if (r.op === 'range' && r.range) return { type: 'range', kvs: r.range.kvs.map(fromKv), more: r.range.more, count: r.range.count };
  if (r.op === 'deleteRange' && r.deleteRange) return { type: 'delete', deleted: r.deleteRange.deleted, prevKvs: r.deleteRange.prevKvs.map(fromKv) };
  const prev = r.put?.prevKv;
  return prev ? { type: 'put', prevKv: fromKv(prev) } : { type: 'put' };
}

export function fromEvent(e: Event__Output): WatchEvent {
  const kv = e.kv ? fromKv(e.kv) : { key: '', value: new Uint8Array(), createRevision: 0, modRevision: 0, version: 0 };
  const base = { type: e.type === 'DELETE' ? ('delete' as const) : ('put' as const), kv, revision: kv.modRevision };
  return e.prevKv ? { ...base, prevKv: fromKv(e.prevKv) } : base;
}

const ROLES: Readonly<Record<string, RaftRole>> = { FOLLOWER: 'follower', PRE_CANDIDATE: 'preCandidate', CANDIDATE: 'candidate', LEADER: 'leader' };

function fromProgress(p: MemberProgress__Output): MemberProgress {
  const state = p.state === 'REPLICATE' ? 'replicate' : p.state === 'SNAPSHOT' ? 'snapshot' : 'probe';
  return { id: p.id, match: p.match, next: p.next, state, learner: p.learner, recentActive: p.recentActive, inflight: p.inflight };
}

export function fromStatus(s: StatusResponse__Output): ClusterStatus {
  return {
    clusterId: s.header?.clusterId ?? '',
    id: s.id,
    leader: s.leader,
    term: s.term,
    role: ROLES[s.role] ?? 'follower',
    commit: s.commit,
    applied: s.applied,
    lastIndex: s.lastIndex,
    firstIndex: s.firstIndex,
    revision: s.revision,
    compactedRevision: s.compactedRevision,
    voters: s.voters,
    learners: s.learners,
    progress: s.progress.map(fromProgress),
    leadTransferee: s.leadTransferee,
  };
}
