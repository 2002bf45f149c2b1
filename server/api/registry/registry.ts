// The object registry: Kubernetes' API semantics on the replicated store. Every write is one store
// txn whose compare makes it a compare-and-swap on the object's mod revision (and, for creates,
// on the namespace's), so it is correct from any replica: Raft forwards the proposal to the
// leader and the compare is decided at apply time, in log order. A write whose compare lost to a
// concurrent one is recomputed from a fresh read, unless the caller named the version it meant
// (metadata.resourceVersion), which is then a Conflict. A Service's node-port reservations
// (node-ports.ts) are written in the same txn as the Service, so they cannot drift from it.
import { isBerthError, resolveKind } from '../../../client/index.js';
import type { KindInfo, KubeObject } from '../../../client/index.js';
import type { Compare, CommandResult, KeyValue, RequestOp } from '../../store/index.js';
import type { ApiNode } from '../backend.js';
import { alreadyExists, busy, namespaceTerminating, notFound, protectedNamespace, staleVersion, uidMismatch } from './errors.js';
import { objectKey } from './keys.js';
import { checkName, newName } from './names.js';
import { carryNodePorts, planNodePorts } from './node-ports.js';
import type { NodePortPlan } from './node-ports.js';
import type { CompiledRegistryOptions } from './options.js';
import { timestamp } from './options.js';
import { namespaceFor, prepareCreate, prepareUpdate, sameObject } from './prepare.js';
import { cloneJson, decodeObject, encodeObject } from './stored.js';
import { checkSize } from './size.js';

const NAMESPACE = resolveKind('Namespace');

/** Namespaces every cluster has, made by the leader, which cannot be deleted. */
/** Kubernetes' default terminationGracePeriodSeconds. */
const DEFAULT_POD_GRACE_SECONDS = 30;

/** Bound of the registry's memory of active namespaces (a create's first attempt uses it). */
const MAX_REMEMBERED_NAMESPACES = 4096;

export const PROTECTED_NAMESPACES: readonly string[] = ['default', 'berth-system'];

export interface Preconditions {
  readonly resourceVersion?: string | undefined;
  readonly uid?: string | undefined;
}

export interface ModifyResult {
  readonly object: KubeObject;
  /** False when the change left the object as it was: nothing was written. */
  readonly changed: boolean;
}

export interface DeleteOutcome {
  readonly object: KubeObject;
  /** Finalizers (or a namespace's contents) keep the object for now. */
  readonly pending: boolean;
}

export class ObjectRegistry {
  /** Watches resuming from before a watch cache's window, each with its own store watch (bounded). */
  readonly catchUpWatches = { open: 0 };
  /** Namespaces last seen active, with their mod revision (at most MAX_REMEMBERED_NAMESPACES). */
  private readonly activeNamespaces = new Map<string, number>();

  constructor(
    readonly node: ApiNode,
    readonly opts: CompiledRegistryOptions,
  ) {}

  /** The current version of a key, read linearizably unless `stale`. */
  async readKey(key: string, stale = false): Promise<KeyValue | undefined> {
    if (!stale) await this.node.linearizableRead();
    return (await this.node.store.range({ key })).kvs[0];
  }

  async get(kind: KindInfo, namespace: string | undefined, name: string, stale = false): Promise<KubeObject> {
    const ns = namespaceFor(kind, namespace);
    checkName(name);
    const kv = await this.readKey(objectKey(kind, ns, name), stale);
    if (kv === undefined) throw notFound(kind, ns, name);
    return decodeObject(kv);
  }

  txn(compare: Compare[], success: RequestOp[], failure: RequestOp[] = []): Promise<CommandResult> {
    return this.node.propose({ type: 'txn', compare, success, failure });
  }

  /** Creates `input`. generateName picks a fresh name per attempt. */
  async create(input: KubeObject, dryRun = false): Promise<KubeObject> {
    const kind = resolveKind(String(input.kind));
    for (let attempt = 1; attempt <= this.opts.maxWriteRetries; attempt++) {
      const obj = cloneJson(input);
      obj.metadata = { ...obj.metadata };
      if ((obj.metadata.name ?? '') === '' && obj.metadata.generateName !== undefined) obj.metadata.name = newName(obj.metadata.generateName);
      const prepared = prepareCreate(kind, obj, this.opts.newUid(), this.opts.now());
      const ns = prepared.metadata.namespace ?? '';
      const name = prepared.metadata.name ?? '';
      const key = objectKey(kind, ns, name);
      const ports = await this.createPorts(kind, ns, name, prepared);
      const next = ports.object ?? prepared;
      const value = encodeObject(next);
      checkSize(kind, next, value, this.opts.maxObjectBytes);
      // The first attempt trusts this replica's copy of the namespace: the compare on its revision
      // makes that safe, and a lost compare makes the next attempt read it linearizably.
      const nsGuard = await this.namespaceGuard(kind, ns, dryRun || attempt > 1);
      if (dryRun) return { ...next, metadata: { ...next.metadata, resourceVersion: String(this.node.store.revision) } };
      const res = await this.txn([{ key, target: 'exists', op: '=', value: false }, ...nsGuard, ...ports.compare], [{ type: 'put', key, value }, ...ports.ops], [{ type: 'range', key }]);
      if (res.succeeded === true) return { ...next, metadata: { ...next.metadata, resourceVersion: String(res.revision) } };
      const existing = res.responses?.[0];
      const taken = existing?.type === 'range' && existing.kvs.length > 0;
      if (taken && input.metadata.generateName === undefined) throw alreadyExists(kind, ns, name);
      if (taken && (input.metadata.name ?? '') !== '') throw alreadyExists(kind, ns, name);
      // Otherwise the namespace changed meanwhile, a generated name or a node port was taken: try again.
    }
    throw busy(kind, String(input.metadata.name ?? input.metadata.generateName ?? ''), this.opts.maxWriteRetries);
  }

  /**
   * A new Service's node ports (nothing for other kinds). A port refused because this very Service
   * holds it, created meanwhile by someone else, is reported as the Service existing, so that an
   * apply racing another goes on as an update.
   */
  private async createPorts(kind: KindInfo, ns: string, name: string, next: KubeObject): Promise<NodePortPlan> {
    if (kind.kind !== 'Service') return { object: next, compare: [], ops: [] };
    try {
      return await planNodePorts(this.node, undefined, next);
    } catch (err) {
      if (isBerthError(err, 'INVALID_ARGUMENT') && (await this.readKey(objectKey(kind, ns, name))) !== undefined) throw alreadyExists(kind, ns, name);
      throw err;
    }
  }

  /** The node-port reservations to write with a Service's change or removal (nothing for other kinds). */
  private nodePorts(kind: KindInfo, cur: KubeObject, next: KubeObject | undefined): Promise<NodePortPlan> {
    return kind.kind === 'Service' ? planNodePorts(this.node, cur, next) : Promise.resolve({ object: next, compare: [], ops: [] });
  }

  /**
   * A compare that holds while the namespace is as read: present and not terminating. Unless
   * `fresh`, the local copy is read first; a refusal is only ever given from a linearizable read.
   */
  private async namespaceGuard(kind: KindInfo, ns: string, fresh: boolean): Promise<Compare[]> {
    if (!kind.namespaced) return [];
    const key = objectKey(NAMESPACE, '', ns);
    const compare = (modRevision: number): Compare[] => [{ key, target: 'modRevision', op: '=', value: modRevision }];
    // The revision of a namespace seen active, remembered: the compare makes a stale one safe.
    const known = fresh ? undefined : this.activeNamespaces.get(ns);
    if (known !== undefined) return compare(known);
    const usable = (kv: KeyValue | undefined): kv is KeyValue => kv !== undefined && decodeObject(kv).metadata.deletionTimestamp === undefined;
    const local = fresh ? undefined : await this.readKey(key, true);
    const kv = usable(local) ? local : await this.readKey(key);
    if (kv === undefined || !usable(kv)) {
      this.activeNamespaces.delete(ns);
      throw kv === undefined ? notFound(NAMESPACE, '', ns) : namespaceTerminating(ns);
    }
    if (this.activeNamespaces.size >= MAX_REMEMBERED_NAMESPACES) this.activeNamespaces.clear();
    this.activeNamespaces.set(ns, kv.modRevision);
    return compare(kv.modRevision);
  }

  private keyOf(kind: KindInfo, namespace: string | undefined, name: string): string {
    checkName(name);
    return objectKey(kind, namespaceFor(kind, namespace), name);
  }

  /**
   * The object at `key`, checked against the caller's preconditions. Unless `fresh`, this
   * replica's copy is tried first (for a write whose compare-and-swap will prove it current);
   * NOT_FOUND and a failed precondition are only ever answered from a linearizable read.
   */
  private async current(
    kind: KindInfo,
    key: string,
    namespace: string | undefined,
    name: string,
    pre: Preconditions,
    fresh = true,
  ): Promise<{ kv: KeyValue; cur: KubeObject; fresh: boolean }> {
    if (!fresh) {
      const local = await this.readKey(key, true);
      const cur = local === undefined ? undefined : decodeObject(local);
      if (local !== undefined && cur !== undefined && preconditionsHold(kind, name, cur, pre)) return { kv: local, cur, fresh: false };
    }
    const kv = await this.readKey(key);
    if (kv === undefined) throw notFound(kind, namespaceFor(kind, namespace), name);
    const cur = decodeObject(kv);
    checkPreconditions(kind, name, cur, pre);
    return { kv, cur, fresh: true };
  }

  /**
   * Reads the object, computes its next version with `change` and writes it with a compare on the
   * version read. With preconditions, a changed object is a Conflict; without, it is retried.
   */
  async modify(
    kind: KindInfo,
    namespace: string | undefined,
    name: string,
    pre: Preconditions,
    change: (cur: KubeObject) => KubeObject,
    dryRun = false,
  ): Promise<ModifyResult> {
    const key = this.keyOf(kind, namespace, name);
    // The first attempt starts from this replica's copy; the compare-and-swap proves it was
    // current. A lost compare, or "nothing to change" decided on that copy, reads linearizably.
    let fresh = dryRun;
    for (let attempt = 1; attempt <= this.opts.maxWriteRetries; attempt++) {
      const { kv, cur, fresh: wasFresh } = await this.current(kind, key, namespace, name, pre, fresh);
      fresh = true;
      let out: ModifyResult | undefined;
      try {
        out = await this.replace(kind, key, kv.modRevision, cur, change, dryRun);
      } catch (err) {
        // A refusal (an invalid change, say) is only ever decided on a linearizable read; the
        // store's own failures (the outcome of the write may be unknown) go to the caller as they are.
        if (wasFresh || !refusalOfContent(err)) throw err;
        continue;
      }
      if (out !== undefined && (out.changed || wasFresh)) return out;
      if (out !== undefined) continue;
      if (pre.resourceVersion !== undefined && pre.resourceVersion !== '') {
        throw staleVersion(kind, name, pre.resourceVersion, 'newer');
      }
    }
    throw busy(kind, name, this.opts.maxWriteRetries);
  }

  /**
   * modify() starting from a copy the caller already holds (a controller's informer): the first
   * attempt compares against that copy's resourceVersion without reading the store, which makes a
   * controller's write one Raft round; if the copy was stale, it goes on as modify() with the uid
   * as precondition.
   */
  async modifyFrom(kind: KindInfo, cached: KubeObject, change: (cur: KubeObject) => KubeObject): Promise<ModifyResult> {
    const name = String(cached.metadata.name);
    const key = this.keyOf(kind, cached.metadata.namespace, name);
    const rev = Number(cached.metadata.resourceVersion);
    if (Number.isSafeInteger(rev) && rev > 0) {
      const out = await this.replace(kind, key, rev, cached, change, false);
      if (out !== undefined) return out;
    }
    return this.modify(kind, cached.metadata.namespace, name, { uid: cached.metadata.uid }, change);
  }

  /** Writes `change(cur)` if the key is still at `modRevision`; undefined when it is not. */
  private async replace(
    kind: KindInfo,
    key: string,
    modRevision: number,
    cur: KubeObject,
    change: (cur: KubeObject) => KubeObject,
    dryRun: boolean,
  ): Promise<ModifyResult | undefined> {
    const proposed = change(cloneJson(cur));
    const next = prepareUpdate(kind, cur, kind.kind === 'Service' ? carryNodePorts(cur, proposed) : proposed);
    if (sameObject(cur, next)) return { object: cur, changed: false };
    // A pod still in its grace period stays until its agent (or a force delete) removes it.
    const graceful = kind.kind === 'Pod' && Number(next.metadata.deletionGracePeriodSeconds ?? 0) > 0;
    const gone = next.metadata.deletionTimestamp !== undefined && (next.metadata.finalizers ?? []).length === 0 && !graceful;
    // A txn lost only to a node-port reservation (the object itself unchanged) is planned again.
    for (let attempt = 1; attempt <= this.opts.maxWriteRetries; attempt++) {
      const ports = await this.nodePorts(kind, cur, gone ? undefined : next);
      const obj = ports.object ?? next;
      const value = encodeObject(obj);
      if (!gone) checkSize(kind, obj, value, this.opts.maxObjectBytes);
      if (dryRun) return { object: obj, changed: true };
      const op: RequestOp = gone ? { type: 'delete', key } : { type: 'put', key, value };
      const onFailure: RequestOp[] = ports.compare.length > 0 ? [{ type: 'range', key }] : [];
      const res = await this.txn([{ key, target: 'modRevision', op: '=', value: modRevision }, ...ports.compare], [op, ...ports.ops], onFailure);
      if (res.succeeded === true) return { object: { ...obj, metadata: { ...obj.metadata, resourceVersion: String(res.revision) } }, changed: true };
      if (ports.compare.length === 0 || movedOn(res, modRevision)) return undefined;
    }
    throw busy(kind, cur.metadata.name ?? '', this.opts.maxWriteRetries);
  }

  /**
   * Deletes the object, or marks it (deletionTimestamp) while finalizers remain. With propagation
   * Foreground or Orphan, an object that can own others is only marked, with the finalizer the
   * garbage collector acts on (foregroundDeletion: its dependents go first; orphan: they are let
   * go); Background (or none) deletes it at once and leaves its dependents to the collector.
   */
  async delete(
    kind: KindInfo,
    namespace: string | undefined,
    name: string,
    pre: Preconditions,
    dryRun = false,
    gracePeriodSeconds?: number,
    propagationPolicy?: PropagationPolicy,
  ): Promise<DeleteOutcome> {
    const key = this.keyOf(kind, namespace, name);
    for (let attempt = 1; attempt <= this.opts.maxWriteRetries; attempt++) {
      const { kv, cur } = await this.current(kind, key, namespace, name, pre);
      if (kind.kind === 'Namespace' && PROTECTED_NAMESPACES.includes(name)) throw protectedNamespace(name);
      const grace = podGrace(kind, cur, gracePeriodSeconds);
      const gcFinalizer = propagationFinalizer(kind, propagationPolicy);
      const keep = kind.kind === 'Namespace' || (cur.metadata.finalizers ?? []).length > 0 || grace > 0 || gcFinalizer !== undefined;
      // A second delete may shorten a pod's grace period (as in Kubernetes), never lengthen it; a
      // force delete (0) of a pod that finalizers hold still ends its grace period.
      if (keep && cur.metadata.deletionTimestamp !== undefined && !(kind.kind === 'Pod' && grace < Number(cur.metadata.deletionGracePeriodSeconds ?? Infinity))) return { object: cur, pending: true };
      if (dryRun) return { object: cur, pending: keep };
      const graceKept = kind.kind === 'Pod' ? grace : gracePeriodSeconds;
      const finalizers = gcFinalizer === undefined || cur.metadata.deletionTimestamp !== undefined ? cur.metadata.finalizers : [...new Set([...(cur.metadata.finalizers ?? []), gcFinalizer])];
      const res = keep ? await this.markDeleted(kind, cur, kv, graceKept, finalizers) : await this.remove(kind, cur, kv);
      if (res.succeeded === true && !keep) return { object: cur, pending: false };
      if (res.succeeded === true) return { object: marked(kind, cur, this.opts.now(), graceKept, res.revision, finalizers), pending: true };
    }
    throw busy(kind, name, this.opts.maxWriteRetries);
  }

  /** Removes the object now, giving back a Service's node ports in the same txn. */
  private async remove(kind: KindInfo, cur: KubeObject, kv: KeyValue): Promise<CommandResult> {
    const ports = await this.nodePorts(kind, cur, undefined);
    return this.txn([{ key: kv.key, target: 'modRevision', op: '=', value: kv.modRevision }, ...ports.compare], [{ type: 'delete', key: kv.key }, ...ports.ops]);
  }

  private async markDeleted(kind: KindInfo, cur: KubeObject, kv: KeyValue, grace: number | undefined, finalizers: string[] | undefined): Promise<CommandResult> {
    const next = marked(kind, cur, this.opts.now(), grace, 0, finalizers);
    return this.txn([{ key: kv.key, target: 'modRevision', op: '=', value: kv.modRevision }], [{ type: 'put', key: kv.key, value: encodeObject(next) }]);
  }
}

export type PropagationPolicy = 'Background' | 'Foreground' | 'Orphan';

/** The finalizers by which the garbage collector deletes an owner's dependents first, or lets them go (Kubernetes' names). */
const FOREGROUND_FINALIZER = 'foregroundDeletion';
const ORPHAN_FINALIZER = 'orphan';

/** Kinds whose objects own others (pods, ReplicaSets, Jobs): the ones deletion propagates from. */
const OWNER_KINDS: ReadonlySet<string> = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob']);

/** The finalizer a propagation policy puts on an owner, if it is one that waits for the collector. */
function propagationFinalizer(kind: KindInfo, policy: PropagationPolicy | undefined): string | undefined {
  if (!OWNER_KINDS.has(kind.kind)) return undefined;
  return policy === 'Foreground' ? FOREGROUND_FINALIZER : policy === 'Orphan' ? ORPHAN_FINALIZER : undefined;
}

/**
 * How long a pod being deleted gets to stop: the request's grace period, else the pod's own
 * terminationGracePeriodSeconds (30 by default). A pod bound to a node is only marked
 * (deletionTimestamp) so that its agent can stop it gracefully and then remove it; an unbound pod,
 * or a grace period of 0 (force), is removed at once. Other kinds: 0.
 */
function podGrace(kind: KindInfo, cur: KubeObject, requested: number | undefined): number {
  if (kind.kind !== 'Pod') return 0;
  const spec = (cur.spec ?? {}) as { nodeName?: string; terminationGracePeriodSeconds?: number };
  if (spec.nodeName === undefined || spec.nodeName === '') return 0;
  return requested ?? spec.terminationGracePeriodSeconds ?? DEFAULT_POD_GRACE_SECONDS;
}

/** `cur` with its deletion under way: a deletionTimestamp, and Terminating for a namespace. */
function marked(kind: KindInfo, cur: KubeObject, now: Date, grace: number | undefined, revision: number, finalizers = cur.metadata.finalizers): KubeObject {
  const metadata = { ...cur.metadata, deletionTimestamp: timestamp(now), deletionGracePeriodSeconds: grace ?? 0, resourceVersion: String(revision) };
  if (finalizers !== undefined) metadata.finalizers = finalizers;
  const out: KubeObject = { ...cur, metadata };
  if (kind.kind === 'Namespace') out.status = { ...cur.status, phase: 'Terminating' };
  return out;
}

function checkPreconditions(kind: KindInfo, name: string, cur: KubeObject, pre: Preconditions): void {
  const rv = cur.metadata.resourceVersion ?? '';
  if (pre.resourceVersion !== undefined && pre.resourceVersion !== '' && pre.resourceVersion !== rv) {
    throw staleVersion(kind, name, pre.resourceVersion, rv);
  }
  if (pre.uid !== undefined && pre.uid !== '' && pre.uid !== cur.metadata.uid) throw uidMismatch(kind, name, pre.uid, cur.metadata.uid ?? '');
}


/** Whether the object of a failed write moved on from `modRevision` (the txn's failure branch read it). */
function movedOn(res: CommandResult, modRevision: number): boolean {
  const read = res.responses?.[0];
  return read?.type !== 'range' || read.kvs[0]?.modRevision !== modRevision;
}

/** An error a change computed from an object's content can raise, as opposed to the store's. */
function refusalOfContent(err: unknown): boolean {
  return isBerthError(err) && ['INVALID_ARGUMENT', 'CONFLICT', 'ALREADY_EXISTS', 'NOT_FOUND', 'FAILED_PRECONDITION', 'TOO_LARGE'].includes(err.code);
}

function preconditionsHold(kind: KindInfo, name: string, cur: KubeObject, pre: Preconditions): boolean {
  try {
    checkPreconditions(kind, name, cur, pre);
    return true;
  } catch {
    return false;
  }
}
