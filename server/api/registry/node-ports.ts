// Node ports of Services of type NodePort, allocated race-free as Kubernetes' allocator does it.
// Every port a Service holds has one reservation key, /_berth/nodeports/<protocol>/<port>, which
// names the Service (uid, namespace, name). The key is written in the same store txn as the
// Service, with a compare that it is free (or already this Service's): of two writes racing for
// one port, on any replicas, only one commits, and the other plans again with another port. A port
// is given back by deleting its key in the txn that changes or removes the Service, so a
// reservation lasts exactly as long as its Service holds the port. The keys live under /_berth/,
// berth's own prefix, so they are never listed or watched as objects.
//
// The registry calls carryNodePorts on an update before it is defaulted and validated, and
// planNodePorts for the compares and ops to add to a Service's txn.
import { randomInt } from 'node:crypto';
import { BerthError, invalidObject, resolveKind } from '../../../client/index.js';
import type { FieldCause, KubeObject } from '../../../client/index.js';
import type { Compare, KeyValue, RangeRequest, RangeResult, RequestOp } from '../../store/index.js';
import { NODE_PORT_MAX, NODE_PORT_MIN } from '../objects/index.js';
import { objectKey } from './keys.js';
import { subject } from './prepare.js';
import { cloneJson, decodeObject } from './stored.js';

const SERVICE = resolveKind('Service');

/** Where reservations live: under berth's own prefix, outside the object key space. */
export const NODE_PORTS_PREFIX = '/_berth/nodeports/';

/**
 * Most ports of one NodePort Service. Each port may cost a reservation, a release and a check of
 * a former holder in one txn; 40 keeps that txn under the store's maxTxnOps (128).
 */
export const MAX_NODE_PORTS_PER_SERVICE = 40;

/** Holders looked up, when every port is taken, in search of a reservation whose Service is gone. */
export const MAX_RECLAIM_LOOKUPS = 64;

const NODE_PORT_COUNT = NODE_PORT_MAX - NODE_PORT_MIN + 1;
const DEFAULT_PROTOCOL = 'TCP';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

type Rec = Record<string, unknown>;

/** What a reservation key holds: the Service that holds the port. */
interface Holder {
  readonly uid: string;
  readonly namespace: string;
  readonly name: string;
}

/** One entry of spec.ports, as far as node ports go. */
interface PortEntry {
  readonly index: number;
  readonly name: string;
  readonly port: unknown;
  readonly protocol: string;
  readonly nodePort: number | undefined;
}

/** The compares and ops that take (or keep) one reservation. */
interface Claim {
  readonly compare: Compare[];
  readonly ops: RequestOp[];
}

export interface NodePortPlan {
  /** The Service to write, with the node ports it was given; undefined when it is being removed. */
  readonly object: KubeObject | undefined;
  /** To add to the txn's compares and to its success ops. */
  readonly compare: Compare[];
  readonly ops: RequestOp[];
}

/** What planning reads (an ApiNode is one). */
export interface NodePortReader {
  linearizableRead(): Promise<void>;
  readonly store: { range(req: RangeRequest): Promise<RangeResult> };
}

/** Where the scan for a free port starts: an integer in [0, size). */
export type StartPicker = (size: number) => number;

export function nodePortKey(protocol: string, port: number): string {
  return `${NODE_PORTS_PREFIX}${protocol}/${port}`;
}

function isRec(v: unknown): v is Rec {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function rawPorts(obj: KubeObject | undefined): unknown[] {
  const ports = obj?.spec?.['ports'];
  return Array.isArray(ports) ? ports : [];
}

export function isNodePortService(obj: KubeObject | undefined): boolean {
  return obj?.spec?.['type'] === 'NodePort';
}

function entryOf(p: Rec, index: number): PortEntry {
  const protocol = typeof p['protocol'] === 'string' && p['protocol'] !== '' ? p['protocol'] : DEFAULT_PROTOCOL;
  const nodePort = Number.isInteger(p['nodePort']) ? (p['nodePort'] as number) : undefined;
  return { index, name: typeof p['name'] === 'string' ? p['name'] : '', port: p['port'], protocol, nodePort };
}

function portsOf(obj: KubeObject | undefined): PortEntry[] {
  const out: PortEntry[] = [];
  rawPorts(obj).forEach((p, index) => {
    if (isRec(p)) out.push(entryOf(p, index));
  });
  return out;
}

function keyOf(p: PortEntry): string {
  return nodePortKey(p.protocol, p.nodePort ?? 0);
}

/** The reservation keys a Service holds: its node ports, if it is of type NodePort. */
function held(obj: KubeObject | undefined): Map<string, PortEntry> {
  const out = new Map<string, PortEntry>();
  if (!isNodePortService(obj)) return out;
  for (const p of portsOf(obj)) if (p.nodePort !== undefined) out.set(keyOf(p), p);
  return out;
}

function nodePortsOf(obj: KubeObject | undefined): Set<number> {
  return new Set(portsOf(obj).flatMap((p) => (p.nodePort === undefined ? [] : [p.nodePort])));
}

/**
 * An update's Service with the node ports it keeps. A port the update leaves without one keeps the
 * one it had (matched by name, else by port and protocol), as in Kubernetes, so that applying a
 * manifest that never named node ports changes nothing; a Service leaving type NodePort drops the
 * node ports it had, which only that type may carry.
 */
export function carryNodePorts(cur: KubeObject, next: KubeObject): KubeObject {
  const before = [...held(cur).values()];
  if (before.length === 0) return next;
  const out = cloneJson(next);
  const raw = rawPorts(out);
  if (!isNodePortService(out)) {
    const old = new Set(before.map((p) => p.nodePort));
    for (const p of raw) if (isRec(p) && old.has(entryOf(p, 0).nodePort)) delete p['nodePort'];
    return out;
  }
  const used = nodePortsOf(out);
  for (const p of portsOf(out)) {
    if (p.nodePort !== undefined) continue;
    const match = before.find((b) => b.name === p.name) ?? before.find((b) => b.port === p.port && b.protocol === p.protocol);
    const slot = raw[p.index];
    if (match?.nodePort === undefined || used.has(match.nodePort) || !isRec(slot)) continue;
    slot['nodePort'] = match.nodePort;
    used.add(match.nodePort);
  }
  return out;
}

/** The first port from `start` on (wrapping around the range) that is not taken. */
export function pickFreePort(taken: (port: number) => boolean, start: number): number | undefined {
  for (let i = 0; i < NODE_PORT_COUNT; i++) {
    const port = NODE_PORT_MIN + ((start + i) % NODE_PORT_COUNT);
    if (!taken(port)) return port;
  }
  return undefined;
}

/**
 * The compares and ops that move a Service's reservations from `before` (undefined: a create) to
 * `after` (undefined: a removal), and `after` with a free port for each port that has none.
 * Reads nothing when the node ports stay as they were. A port given explicitly that another
 * Service holds is refused (INVALID_ARGUMENT naming the field); a full range is RESOURCE_EXHAUSTED.
 */
export async function planNodePorts(
  reader: NodePortReader,
  before: KubeObject | undefined,
  after: KubeObject | undefined,
  pickStart: StartPicker = randomInt,
): Promise<NodePortPlan> {
  const had = held(before);
  const wants = held(after);
  const missing = isNodePortService(after) ? portsOf(after).filter((p) => p.nodePort === undefined) : [];
  const reserve = [...wants.values()].filter((p) => !had.has(keyOf(p)));
  const release = [...had.keys()].filter((k) => !wants.has(k));
  const plan: NodePortPlan = { object: after, compare: [], ops: [] };
  const svc = after ?? before;
  if (svc === undefined || reserve.length + release.length + missing.length === 0) return plan;
  if (isNodePortService(after)) checkBound(svc);
  const self = holderOf(svc);
  await reader.linearizableRead();
  await reserveGiven(reader, self, subject(SERVICE, svc), reserve, plan);
  await releaseHeld(reader, self, release, plan);
  if (after === undefined || missing.length === 0) return plan;
  return { ...plan, object: await allocate(reader, self, after, missing, plan, pickStart) };
}

function checkBound(svc: KubeObject): void {
  const count = portsOf(svc).length;
  if (count <= MAX_NODE_PORTS_PER_SERVICE) return;
  const message = `a NodePort Service may have at most ${MAX_NODE_PORTS_PER_SERVICE} ports (got ${count})`;
  throw invalidObject([{ field: 'spec.ports', message }], subject(SERVICE, svc));
}

function holderOf(svc: KubeObject): Holder {
  return { uid: svc.metadata.uid ?? '', namespace: svc.metadata.namespace ?? '', name: svc.metadata.name ?? '' };
}

function decodeHolder(kv: KeyValue): Holder | undefined {
  let v: unknown;
  try {
    v = JSON.parse(decoder.decode(kv.value));
  } catch {
    return undefined;
  }
  if (!isRec(v) || typeof v['uid'] !== 'string' || typeof v['namespace'] !== 'string' || typeof v['name'] !== 'string') return undefined;
  return { uid: v['uid'], namespace: v['namespace'], name: v['name'] };
}

function reservationPut(key: string, self: Holder): RequestOp {
  return { type: 'put', key, value: encoder.encode(JSON.stringify({ uid: self.uid, namespace: self.namespace, name: self.name })) };
}

function add(plan: NodePortPlan, claim: Claim): void {
  plan.compare.push(...claim.compare);
  plan.ops.push(...claim.ops);
}

async function readOne(reader: NodePortReader, key: string): Promise<KeyValue | undefined> {
  return (await reader.store.range({ key })).kvs[0];
}

/** Reserves the node ports the Service names and does not hold yet; refuses those held by others. */
async function reserveGiven(reader: NodePortReader, self: Holder, who: string, ports: readonly PortEntry[], plan: NodePortPlan): Promise<void> {
  const causes: FieldCause[] = [];
  for (const p of ports) {
    const key = keyOf(p);
    const kv = await readOne(reader, key);
    const claim = kv === undefined ? freeClaim(key, self) : await claimFrom(reader, kv, self);
    if (claim !== undefined) add(plan, claim);
    else causes.push({ field: `spec.ports[${p.index}].nodePort`, message: `provided port is already allocated (got ${String(p.nodePort)})` });
  }
  if (causes.length > 0) throw invalidObject(causes, who);
}

function freeClaim(key: string, self: Holder): Claim {
  return { compare: [{ key, target: 'exists', op: '=', value: false }], ops: [reservationPut(key, self)] };
}

/** Takes over an existing reservation if it is this Service's or its holder is gone; undefined if it is held. */
async function claimFrom(reader: NodePortReader, kv: KeyValue, self: Holder, seen = new Map<string, KeyValue | undefined>()): Promise<Claim | undefined> {
  const holder = decodeHolder(kv);
  const unchanged: Compare = { key: kv.key, target: 'modRevision', op: '=', value: kv.modRevision };
  if (holder !== undefined && holder.uid === self.uid) return { compare: [unchanged], ops: [] };
  const gone = await holderGone(reader, kv.key, holder, seen);
  return gone === undefined ? undefined : { compare: [unchanged, gone], ops: [reservationPut(kv.key, self)] };
}

/**
 * A compare that holds while the holder of reservation `key` stays gone (its Service deleted, or
 * replaced by another of the same name, or no longer holding the port), or undefined if it still
 * holds it. One txn writes a Service and its reservations, so this is only a defence; a value
 * that cannot be read is never taken to be gone.
 */
async function holderGone(reader: NodePortReader, key: string, holder: Holder | undefined, seen: Map<string, KeyValue | undefined>): Promise<Compare | undefined> {
  if (holder === undefined) return undefined;
  const svcKey = objectKey(SERVICE, holder.namespace, holder.name);
  const kv = seen.has(svcKey) ? seen.get(svcKey) : await readOne(reader, svcKey);
  seen.set(svcKey, kv);
  if (kv === undefined) return { key: svcKey, target: 'exists', op: '=', value: false };
  if (stillHolds(kv, holder.uid, key)) return undefined;
  return { key: svcKey, target: 'modRevision', op: '=', value: kv.modRevision };
}

function stillHolds(kv: KeyValue, uid: string, key: string): boolean {
  try {
    const svc = decodeObject(kv);
    return svc.metadata.uid === uid && held(svc).has(key);
  } catch {
    return true;
  }
}

/** Gives back reservations the Service no longer needs; a key it does not hold is left alone. */
async function releaseHeld(reader: NodePortReader, self: Holder, keys: readonly string[], plan: NodePortPlan): Promise<void> {
  for (const key of keys) {
    const kv = await readOne(reader, key);
    if (kv === undefined || decodeHolder(kv)?.uid !== self.uid) continue;
    add(plan, { compare: [{ key, target: 'modRevision', op: '=', value: kv.modRevision }], ops: [{ type: 'delete', key }] });
  }
}

interface Reserved {
  readonly ports: Set<number>;
  readonly kvs: KeyValue[];
}

/** Every reservation of one protocol. */
async function readReserved(reader: NodePortReader, protocol: string): Promise<Reserved> {
  const prefix = `${NODE_PORTS_PREFIX}${protocol}/`;
  const kvs: KeyValue[] = [];
  let page = await reader.store.range({ key: prefix, prefix: true });
  kvs.push(...page.kvs);
  while (page.more && page.kvs.length > 0) {
    const last = page.kvs[page.kvs.length - 1]?.key;
    page = await reader.store.range({ key: prefix, prefix: true, continueAfter: last, revision: page.revision });
    kvs.push(...page.kvs);
  }
  const ports = new Set(kvs.map((kv) => Number(kv.key.slice(prefix.length))).filter((n) => Number.isInteger(n)));
  return { ports, kvs };
}

/** Gives each port in `missing` a free node port: a scan from a random start, else a reclaimed one. */
async function allocate(
  reader: NodePortReader,
  self: Holder,
  after: KubeObject,
  missing: readonly PortEntry[],
  plan: NodePortPlan,
  pickStart: StartPicker,
): Promise<KubeObject> {
  const out = cloneJson(after);
  const raw = rawPorts(out);
  const inService = nodePortsOf(after);
  const reserved = new Map<string, Reserved>();
  for (const p of missing) {
    const taken = reserved.get(p.protocol) ?? (await readReserved(reader, p.protocol));
    reserved.set(p.protocol, taken);
    const free = pickFreePort((n) => taken.ports.has(n) || inService.has(n), pickStart(NODE_PORT_COUNT));
    const got = free !== undefined ? { port: free, claim: freeClaim(nodePortKey(p.protocol, free), self) } : await reclaimOne(reader, p.protocol, taken, inService, self);
    const slot = raw[p.index];
    if (got === undefined) throw rangeFull(p);
    if (!isRec(slot)) continue;
    add(plan, got.claim);
    inService.add(got.port);
    taken.ports.add(got.port);
    slot['nodePort'] = got.port;
  }
  return out;
}

/** With every port taken: one whose holder is gone, looking up at most MAX_RECLAIM_LOOKUPS holders. */
async function reclaimOne(
  reader: NodePortReader,
  protocol: string,
  taken: Reserved,
  inService: ReadonlySet<number>,
  self: Holder,
): Promise<{ port: number; claim: Claim } | undefined> {
  const seen = new Map<string, KeyValue | undefined>();
  const prefix = `${NODE_PORTS_PREFIX}${protocol}/`;
  for (const kv of taken.kvs) {
    const port = Number(kv.key.slice(prefix.length));
    const holder = decodeHolder(kv);
    // Ports this Service holds or is giving back in the same txn are not candidates.
    if (inService.has(port) || holder === undefined || holder.uid === self.uid) continue;
    if (!seen.has(objectKey(SERVICE, holder.namespace, holder.name)) && seen.size >= MAX_RECLAIM_LOOKUPS) break;
    const claim = await claimFrom(reader, kv, self, seen);
    if (claim !== undefined) return { port, claim };
  }
  return undefined;
}

function rangeFull(p: PortEntry): BerthError {
  const field = `spec.ports[${p.index}].nodePort`;
  return new BerthError(
    'RESOURCE_EXHAUSTED',
    `${field}: no node port is free for ${p.protocol}: all ${NODE_PORT_COUNT} ports of ${NODE_PORT_MIN}-${NODE_PORT_MAX} are allocated; ` +
      'delete a NodePort Service that is no longer needed, or use type ClusterIP',
    { details: { field } },
  );
}
