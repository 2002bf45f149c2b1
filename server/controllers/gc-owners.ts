// What the garbage collector decides about one dependent from its owner references, as Kubernetes'
// does: each owner is "solid" (exists with the referenced uid), "waiting" (exists but is being
// deleted in the foreground, so its dependents must go first) or "dangling" (gone, or replaced by
// an object of the same name with another uid). An owner the informers do not show is confirmed
// gone by a linearizable read before anything is deleted: an informer that lags behind a new owner
// must never cost a live dependent its life.
import type { KindInfo, KubeObject, ObjectMeta, OwnerReference } from '../../client/index.js';
import { findKind, isBerthError } from '../../client/index.js';
import type { ObjectRegistry } from '../api/index.js';
import type { InformerView } from './types.js';

/** Kubernetes' finalizers of an owner whose deletion waits for the collector. */
export const FOREGROUND_FINALIZER = 'foregroundDeletion';
export const ORPHAN_FINALIZER = 'orphan';

export type OwnerState = 'solid' | 'waiting' | 'dangling';

export interface Classified {
  readonly solid: readonly OwnerReference[];
  readonly waiting: readonly OwnerReference[];
  readonly dangling: readonly OwnerReference[];
}

/** What the dependent's owners are, and so what becomes of it. */
export type Verdict =
  /** Every owner is there: nothing to do. */
  | { readonly action: 'keep' }
  /** Some owners remain: drop the references to the others (gone, or waiting for their dependents). */
  | { readonly action: 'drop-refs'; readonly uids: ReadonlySet<string> }
  /** No owner remains: delete it; in the foreground when an owner waits for it. */
  | { readonly action: 'delete'; readonly foreground: boolean };

export function hasFinalizer(obj: KubeObject, f: string): boolean {
  return (obj.metadata.finalizers ?? []).includes(f);
}

function stateOf(owner: KubeObject | undefined, ref: OwnerReference): OwnerState | undefined {
  if (owner === undefined || owner.metadata.uid !== ref.uid) return undefined;
  return owner.metadata.deletionTimestamp !== undefined && hasFinalizer(owner, FOREGROUND_FINALIZER) ? 'waiting' : 'solid';
}

export class OwnerLookup {
  constructor(
    private readonly reg: ObjectRegistry,
    /** The informer of a kind the collector follows, if it follows it. */
    private readonly informerOf: (kind: KindInfo) => InformerView | undefined,
  ) {}

  /** The state of one owner of a dependent in `namespace`. */
  async state(ref: OwnerReference, namespace: string | undefined): Promise<OwnerState> {
    const kind = findKind(ref.kind);
    // An owner of a kind berth does not know cannot be looked up: never collect on a guess.
    if (kind === undefined) return 'solid';
    const ns = kind.namespaced ? namespace : undefined;
    const cached = stateOf(this.informerOf(kind)?.get(ns, ref.name), ref);
    if (cached !== undefined) return cached;
    try {
      return stateOf(await this.reg.get(kind, ns, ref.name), ref) ?? 'dangling';
    } catch (err) {
      if (isBerthError(err, 'NOT_FOUND')) return 'dangling';
      throw err;
    }
  }

  async classify(dep: KubeObject): Promise<Classified> {
    const out = { solid: [] as OwnerReference[], waiting: [] as OwnerReference[], dangling: [] as OwnerReference[] };
    for (const ref of dep.metadata.ownerReferences ?? []) out[await this.state(ref, dep.metadata.namespace)].push(ref);
    return out;
  }
}

/** What to do with a dependent whose owners are as classified. */
export function verdict(c: Classified): Verdict {
  if (c.solid.length > 0) {
    if (c.dangling.length === 0 && c.waiting.length === 0) return { action: 'keep' };
    return { action: 'drop-refs', uids: new Set([...c.dangling, ...c.waiting].map((r) => r.uid)) };
  }
  if (c.waiting.length === 0 && c.dangling.length === 0) return { action: 'keep' };
  return { action: 'delete', foreground: c.waiting.length > 0 };
}

/** `obj` without the owner references to `uids` (and without an empty list). */
export function withoutOwners(obj: KubeObject, uids: ReadonlySet<string>): KubeObject {
  const refs = (obj.metadata.ownerReferences ?? []).filter((r) => !uids.has(r.uid));
  const metadata: ObjectMeta = { ...obj.metadata, ownerReferences: refs };
  if (refs.length === 0) delete metadata.ownerReferences;
  return { ...obj, metadata };
}

/** `obj` without finalizer `f`. */
export function withoutFinalizer(obj: KubeObject, f: string): KubeObject {
  const finalizers = (obj.metadata.finalizers ?? []).filter((x) => x !== f);
  const metadata: ObjectMeta = { ...obj.metadata, finalizers };
  if (finalizers.length === 0) delete metadata.finalizers;
  return { ...obj, metadata };
}
