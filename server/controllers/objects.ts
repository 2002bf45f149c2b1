// What every workload controller needs to say about objects: owner references, pods made from a
// template, pod readiness and availability, template hashes, conditions, and writes bounded in
// number. Pure helpers (apart from `inParallel`), shared by the controllers.
import { createHash } from 'node:crypto';
import type { KubeObject, OwnerReference } from '../../client/index.js';
import type { LabelMatcher } from '../api/objects/index.js';
import { labelSelectorFromObject } from '../api/objects/index.js';
import { cloneJson } from '../api/objects/index.js';

/** The label Deployments (and ReplicaSets they own) put on pods: a hash of the pod template. */
export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';
/** StatefulSets and DaemonSets label their pods with the revision of the template they run. */
export const CONTROLLER_REVISION_HASH_LABEL = 'controller-revision-hash';

type Rec = Record<string, unknown>;

/** A reference to `owner` as the controller of a dependent. */
export function controllerRef(owner: KubeObject): OwnerReference {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: String(owner.metadata.name), uid: String(owner.metadata.uid), controller: true, blockOwnerDeletion: true };
}

/** The controlling owner reference of `obj`, if any. */
export function controllerOf(obj: KubeObject): OwnerReference | undefined {
  return obj.metadata.ownerReferences?.find((r) => r.controller === true);
}

/**
 * The keys (namespace/name) of the `ownerKind` controllers of an informer event's object, old
 * and new version: a dependent that changes or moves tells its controller(s) to reconcile.
 */
export function controllerKeysOf(e: { readonly object: KubeObject; readonly prev?: KubeObject | undefined }, ownerKind: string): string[] {
  const keys: string[] = [];
  for (const obj of e.prev === undefined ? [e.object] : [e.object, e.prev]) {
    const ref = controllerOf(obj);
    if (ref?.kind !== ownerKind) continue;
    const key = `${obj.metadata.namespace ?? 'default'}/${ref.name}`;
    if (!keys.includes(key)) keys.push(key);
  }
  return keys;
}

export function isControlledBy(obj: KubeObject, owner: KubeObject): boolean {
  return controllerOf(obj)?.uid === owner.metadata.uid;
}

/** The matcher of a spec.selector; a bad or missing selector matches nothing. */
export function selectorOf(obj: KubeObject): LabelMatcher {
  return labelSelectorFromObject((obj.spec as Rec | undefined)?.selector, 'spec.selector').matcher;
}

/** A pod to create from `owner`'s spec.template (or the given template). */
export function podFromTemplate(
  owner: KubeObject,
  template: Rec | undefined,
  opts: { name?: string; generateName?: string; labels?: Record<string, string>; annotations?: Record<string, string>; spec?: (spec: Rec) => void },
): KubeObject {
  const t = cloneJson(template ?? ((owner.spec as Rec | undefined)?.template as Rec | undefined) ?? {}) as Rec;
  const tm = (t.metadata ?? {}) as Rec;
  const spec = (t.spec ?? {}) as Rec;
  opts.spec?.(spec);
  const metadata: Rec = {
    namespace: owner.metadata.namespace,
    labels: { ...((tm.labels as Record<string, string> | undefined) ?? {}), ...(opts.labels ?? {}) },
    ownerReferences: [controllerRef(owner)],
  };
  const annotations = { ...((tm.annotations as Record<string, string> | undefined) ?? {}), ...(opts.annotations ?? {}) };
  if (Object.keys(annotations).length > 0) metadata.annotations = annotations;
  if (opts.name !== undefined) metadata.name = opts.name;
  else metadata.generateName = opts.generateName ?? `${String(owner.metadata.name)}-`;
  if (tm.finalizers !== undefined) metadata.finalizers = tm.finalizers;
  return { apiVersion: 'v1', kind: 'Pod', metadata: metadata as KubeObject['metadata'], spec };
}

/** A short stable hash of a pod template, as Kubernetes' pod-template-hash: 10 lowercase characters. */
export function templateHash(template: unknown, collisionCount = 0): string {
  const h = createHash('sha256').update(stableJson(template)).update(String(collisionCount)).digest();
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  let out = '';
  for (let i = 0; i < 10; i++) out += alphabet[h[i]! % alphabet.length];
  return out;
}

/** JSON with object keys sorted, so that equal values hash equally. */
export function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const keys = Object.keys(v).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${stableJson((v as Rec)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

export function podPhase(pod: KubeObject): string {
  return String((pod.status as Rec | undefined)?.phase ?? 'Pending');
}

/** Not finished and not being deleted: counts towards replicas. */
export function isPodActive(pod: KubeObject): boolean {
  const phase = podPhase(pod);
  return phase !== 'Succeeded' && phase !== 'Failed' && pod.metadata.deletionTimestamp === undefined;
}

export function isTerminating(obj: KubeObject): boolean {
  return obj.metadata.deletionTimestamp !== undefined;
}

interface Cond {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  lastUpdateTime?: string;
  [k: string]: unknown;
}

export function conditionOf(obj: KubeObject, type: string): Cond | undefined {
  const conds = (obj.status as Rec | undefined)?.conditions as Cond[] | undefined;
  return conds?.find((c) => c.type === type);
}

export function isPodReady(pod: KubeObject): boolean {
  return podPhase(pod) === 'Running' && conditionOf(pod, 'Ready')?.status === 'True';
}

/** Ready for at least minReadySeconds (Kubernetes' "available"). */
export function isPodAvailable(pod: KubeObject, minReadySeconds: number, now: Date): boolean {
  if (!isPodReady(pod)) return false;
  if (minReadySeconds <= 0) return true;
  const since = Date.parse(conditionOf(pod, 'Ready')?.lastTransitionTime ?? '');
  return Number.isFinite(since) && since + minReadySeconds * 1000 <= now.getTime();
}

/** When a ready pod becomes available: ms from now, or 0 if it is (or never will be by waiting). */
export function msUntilAvailable(pod: KubeObject, minReadySeconds: number, now: Date): number {
  if (!isPodReady(pod) || minReadySeconds <= 0) return 0;
  const since = Date.parse(conditionOf(pod, 'Ready')?.lastTransitionTime ?? '');
  if (!Number.isFinite(since)) return 0;
  return Math.max(0, since + minReadySeconds * 1000 - now.getTime());
}

/**
 * `conditions` with `next` set: lastTransitionTime kept unless the status changed; returns the
 * same array when nothing changed (so that the caller writes nothing).
 */
export function withCondition(conditions: readonly Cond[] | undefined, next: Cond, at: string): Cond[] {
  const list = [...(conditions ?? [])];
  const i = list.findIndex((c) => c.type === next.type);
  const cur = i < 0 ? undefined : list[i]!;
  if (cur !== undefined && cur.status === next.status && cur.reason === next.reason && cur.message === next.message) return list;
  const merged: Cond = { ...next, lastUpdateTime: at, lastTransitionTime: cur !== undefined && cur.status === next.status ? (cur.lastTransitionTime ?? at) : at };
  if (i < 0) list.push(merged);
  else list[i] = merged;
  return list;
}

/** Runs `fn` over `items`, at most `limit` at once; resolves with each outcome, in order. */
export async function inParallel<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<PromiseSettledResult<R>[]> {
  const out: PromiseSettledResult<R>[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      try {
        out[i] = { status: 'fulfilled', value: await fn(items[i]!) };
      } catch (reason) {
        out[i] = { status: 'rejected', reason };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** The first failure of a batch, rethrown so that the key is retried; ignores `ignore`d ones. */
export function throwFirstFailure(results: readonly PromiseSettledResult<unknown>[], ignore: (err: unknown) => boolean = () => false): void {
  for (const r of results) if (r.status === 'rejected' && !ignore(r.reason)) throw r.reason;
}

/** The integer or percentage (of `total`) an IntOrString names; percentages round up or down. */
export function scaledValue(v: unknown, total: number, roundUp: boolean, fallback: number): number {
  if (v === undefined || v === null) return fallback;
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(String(v));
  if (m === null) return Number.parseInt(String(v), 10) || 0;
  const x = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(x) : Math.floor(x);
}
