// The garbage collector: deletion propagating from owners to their dependents along
// metadata.ownerReferences, as Kubernetes' does.
// - Background (the default): the owner is gone at once; a dependent none of whose owners exist
//   any more is deleted (and its own dependents follow the same way: a Deployment's ReplicaSets,
//   then their pods). A dependent with an owner left only loses the references to the others.
// - Foreground: the registry marks the owner with the foregroundDeletion finalizer; its dependents
//   are deleted (owners among them in the foreground too), and once none refers to it any more the
//   finalizer is removed and the owner goes.
// - Orphan: the registry marks the owner with the orphan finalizer; the references to it are
//   removed from its dependents, then the finalizer, and the dependents live on.
// Keys are "<Kind>:<namespace>/<name>" of the object to look at (owner or dependent); a plain
// "<namespace>/<name>" (the manager's periodic resync) names a Pod, the first kind.
import type { KindInfo, KubeObject } from '../../client/index.js';
import { isBerthError, resolveKind } from '../../client/index.js';
import { FOREGROUND_FINALIZER, hasFinalizer, ORPHAN_FINALIZER, OwnerLookup, verdict, withoutFinalizer, withoutOwners } from './gc-owners.js';
import { inParallel, stableJson, throwFirstFailure } from './objects.js';
import type { ControllerContext, ControllerSpec, InformerEvent, InformerView, Reconciler, ReconcileResult } from './types.js';
import { splitKey } from './types.js';

const POD = resolveKind('Pod');
/** Every kind that owns or is owned by the workload controllers. Pod first: the resync covers pods. */
const GC_KINDS: readonly KindInfo[] = [POD, ...['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'].map((k) => resolveKind(k))];
/** Kinds that own others: deleted in the foreground when a foreground owner waits for them. */
const OWNER_KINDS = new Set(GC_KINDS.filter((k) => k !== POD).map((k) => k.kind));

export function garbageCollector(): ControllerSpec {
  return { name: 'garbage-collector', kinds: GC_KINDS, create: (ctx) => new GarbageCollector(ctx) };
}

function gcKey(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}:${namespace ?? ''}/${name}`;
}

function keyOfObj(obj: KubeObject): string {
  return gcKey(obj.kind, obj.metadata.namespace, String(obj.metadata.name));
}

function parseKey(key: string): { kind: string; namespace: string; name: string } {
  const colon = key.indexOf(':');
  const { namespace, name } = splitKey(colon < 0 ? key : key.slice(colon + 1));
  return { kind: colon < 0 ? POD.kind : key.slice(0, colon), namespace, name };
}

/** Whether an object is deleting with a finalizer the collector owns. */
function awaitsCollector(obj: KubeObject): boolean {
  return obj.metadata.deletionTimestamp !== undefined && (hasFinalizer(obj, FOREGROUND_FINALIZER) || hasFinalizer(obj, ORPHAN_FINALIZER));
}

/** Whether a change touched what the collector looks at (not a pod's status, say). */
function relevant(e: InformerEvent): boolean {
  if (e.type !== 'MODIFIED' || e.prev === undefined) return true;
  const a = e.object.metadata;
  const b = e.prev.metadata;
  return a.deletionTimestamp !== b.deletionTimestamp || stableJson(a.ownerReferences ?? []) !== stableJson(b.ownerReferences ?? []) || stableJson(a.finalizers ?? []) !== stableJson(b.finalizers ?? []);
}

class GarbageCollector implements Reconciler {
  private readonly informers = new Map<string, InformerView>();
  private readonly owners: OwnerLookup;

  constructor(private readonly ctx: ControllerContext) {
    for (const k of GC_KINDS) this.informers.set(k.kind, ctx.informers.of(k));
    this.owners = new OwnerLookup(ctx.reg, (k) => this.informers.get(k.kind));
    for (const inf of this.informers.values()) {
      for (const o of inf.list()) if ((o.metadata.ownerReferences ?? []).length > 0 || awaitsCollector(o)) ctx.queue.add(keyOfObj(o));
      inf.on((e) => this.onEvent(e));
    }
  }

  private onEvent(e: InformerEvent): void {
    if (!relevant(e)) return;
    const obj = e.object;
    // The object itself: a dependent whose owners changed, or an owner waiting for the collector.
    if (e.type !== 'DELETED' && ((obj.metadata.ownerReferences ?? []).length > 0 || awaitsCollector(obj))) this.ctx.queue.add(keyOfObj(obj));
    // Its owners, before and after: one waiting for its dependents may now be free to go.
    for (const o of [obj, e.prev]) {
      for (const ref of o?.metadata.ownerReferences ?? []) this.ctx.queue.add(gcKey(ref.kind, obj.metadata.namespace, ref.name));
    }
    // Its dependents, once it is gone: they may have no owner left.
    if (e.type === 'DELETED') for (const d of this.dependentsOf(obj)) this.ctx.queue.add(keyOfObj(d));
  }

  private dependentsOf(owner: KubeObject): KubeObject[] {
    const uid = String(owner.metadata.uid);
    const out: KubeObject[] = [];
    for (const inf of this.informers.values()) out.push(...inf.byIndex('owner', uid));
    return out;
  }

  async reconcile(key: string): Promise<ReconcileResult> {
    const { kind, namespace, name } = parseKey(key);
    const obj = this.informers.get(kind)?.get(namespace, name);
    if (obj === undefined) return undefined;
    if (obj.metadata.deletionTimestamp !== undefined && hasFinalizer(obj, ORPHAN_FINALIZER)) await this.orphan(obj);
    else if (obj.metadata.deletionTimestamp !== undefined && hasFinalizer(obj, FOREGROUND_FINALIZER)) await this.foreground(obj);
    else if ((obj.metadata.ownerReferences ?? []).length > 0) await this.collect(obj);
    return undefined;
  }

  /** Lets the dependents go (their references to `owner` removed), then `owner` itself. */
  private async orphan(owner: KubeObject): Promise<void> {
    const uids = new Set([String(owner.metadata.uid)]);
    const deps = this.dependentsOf(owner);
    const results = await inParallel(deps, this.ctx.options.maxWritesPerReconcile, (d) => this.ctx.reg.modifyFrom(resolveKind(d.kind), d, (cur) => withoutOwners(cur, uids)));
    throwFirstFailure(results, (err) => isBerthError(err, 'NOT_FOUND'));
    if (deps.length > 0) this.ctx.logger.info({ owner: keyOfObj(owner), dependents: deps.length }, 'orphaned the dependents of a deleted owner');
    await this.removeFinalizer(owner, ORPHAN_FINALIZER);
  }

  /** Deletes the dependents of `owner`; once none is left, lets `owner` go. */
  private async foreground(owner: KubeObject): Promise<void> {
    const deps = this.dependentsOf(owner);
    if (deps.length === 0) {
      await this.removeFinalizer(owner, FOREGROUND_FINALIZER);
      this.ctx.logger.info({ owner: keyOfObj(owner) }, 'dependents gone; the owner deleted in the foreground goes too');
      return;
    }
    const live = deps.filter((d) => d.metadata.deletionTimestamp === undefined);
    const results = await inParallel(live, this.ctx.options.maxWritesPerReconcile, (d) => this.collect(d));
    throwFirstFailure(results, (err) => isBerthError(err, 'NOT_FOUND'));
  }

  /** Looks at a dependent's owners: deletes it when none remains, or drops the references to the gone. */
  private async collect(dep: KubeObject): Promise<void> {
    const v = verdict(await this.owners.classify(dep));
    const kind = resolveKind(dep.kind);
    if (v.action === 'keep') return;
    if (v.action === 'drop-refs') {
      await this.ctx.reg.modifyFrom(kind, dep, (cur) => withoutOwners(cur, v.uids));
      return;
    }
    if (dep.metadata.deletionTimestamp !== undefined) return;
    const policy = v.foreground && OWNER_KINDS.has(dep.kind) ? 'Foreground' : 'Background';
    // The version looked at is the precondition: a dependent adopted meanwhile is not deleted.
    const pre = { uid: dep.metadata.uid, resourceVersion: dep.metadata.resourceVersion };
    try {
      await this.ctx.reg.delete(kind, dep.metadata.namespace, String(dep.metadata.name), pre, false, undefined, policy);
      this.ctx.logger.info({ object: keyOfObj(dep), policy }, 'deleted a dependent whose owners are gone');
    } catch (err) {
      if (!isBerthError(err, 'NOT_FOUND')) throw err;
    }
  }

  private async removeFinalizer(obj: KubeObject, f: string): Promise<void> {
    try {
      await this.ctx.reg.modifyFrom(resolveKind(obj.kind), obj, (cur) => withoutFinalizer(cur, f));
    } catch (err) {
      if (!isBerthError(err, 'NOT_FOUND')) throw err;
    }
  }
}
