// What the server decides about an object before it is written, whoever sent it: the fields only
// the server sets (uid, creationTimestamp, generation, deletion), Kubernetes' defaults, and
// validation. Pure functions: the registry calls them inside its compare-and-swap loops.
import { invalidObject } from '../../../client/index.js';
import type { FieldCause, KindInfo, KubeObject, ObjectMeta } from '../../../client/index.js';
import { deepEqual, defaultObject, validateObject } from '../objects/index.js';
import { timestamp } from './options.js';

/** "Deployment "web"" for error messages. */
export function subject(kind: KindInfo, obj: KubeObject): string {
  const name = obj.metadata?.name ?? (obj.metadata?.generateName !== undefined ? `${obj.metadata.generateName}*` : '');
  return `${kind.kind} ${JSON.stringify(name)}`;
}

/** The part of an object whose changes bump metadata.generation. */
function desiredState(kind: KindInfo, obj: KubeObject): unknown {
  if (kind.hasSpec) return obj.spec;
  const rest: Record<string, unknown> = { ...obj };
  for (const f of ['metadata', 'status', 'apiVersion', 'kind']) delete rest[f];
  return rest;
}

function throwIfInvalid(kind: KindInfo, obj: KubeObject, causes: FieldCause[]): void {
  if (causes.length > 0) throw invalidObject(causes, subject(kind, obj));
}

/** The namespace an object or request belongs in: "default" when unset; "" for cluster-scoped kinds. */
export function namespaceFor(kind: KindInfo, given: string | undefined): string {
  return kind.namespaced ? (given === undefined || given === '' ? 'default' : given) : '';
}

/**
 * Readies a new object: server-owned metadata replaced, status cleared (controllers and agents
 * report it), defaults filled, then validated. Throws InvalidError naming every bad field.
 */
export function prepareCreate(kind: KindInfo, obj: KubeObject, uid: string, now: Date): KubeObject {
  const causes: FieldCause[] = [];
  if (obj.metadata?.resourceVersion !== undefined && obj.metadata.resourceVersion !== '') {
    causes.push({ field: 'metadata.resourceVersion', message: 'must not be set on create' });
  }
  const meta: ObjectMeta = { ...obj.metadata, uid, creationTimestamp: timestamp(now), generation: 1 };
  delete meta.resourceVersion;
  delete meta.deletionTimestamp;
  delete meta.deletionGracePeriodSeconds;
  meta.namespace = namespaceFor(kind, meta.namespace);
  if (!kind.namespaced) delete meta.namespace;
  const next: KubeObject = { ...obj, apiVersion: kind.apiVersion, kind: kind.kind, metadata: meta };
  if (kind.hasStatus) delete next.status;
  defaultObject(kind, next, { uid });
  causes.push(...validateObject(kind, next, { op: 'create' }));
  throwIfInvalid(kind, next, causes);
  return next;
}

function immutableMeta(cur: KubeObject, next: KubeObject, causes: FieldCause[]): void {
  for (const field of ['name', 'namespace', 'uid'] as const) {
    const given = next.metadata[field];
    if (given !== undefined && given !== '' && given !== cur.metadata[field]) {
      causes.push({ field: `metadata.${field}`, message: `field is immutable (is ${JSON.stringify(cur.metadata[field])}, got ${JSON.stringify(given)})` });
    }
  }
}

function finalizerCauses(cur: KubeObject, next: KubeObject): FieldCause[] {
  if (cur.metadata.deletionTimestamp === undefined) return [];
  const had = new Set(cur.metadata.finalizers ?? []);
  const added = (next.metadata.finalizers ?? []).filter((f) => !had.has(f));
  return added.length === 0
    ? []
    : [{ field: 'metadata.finalizers', message: `no new finalizers can be added while the object is being deleted (got ${JSON.stringify(added)})` }];
}

/**
 * Readies the replacement of `cur` by `next`: server-owned metadata carried over, generation
 * bumped when the desired state changed, defaults filled, validated against the old object.
 */
export function prepareUpdate(kind: KindInfo, cur: KubeObject, next: KubeObject): KubeObject {
  const causes: FieldCause[] = [];
  if (next.kind !== undefined && next.kind !== kind.kind) causes.push({ field: 'kind', message: `field is immutable (is "${kind.kind}", got ${JSON.stringify(next.kind)})` });
  const nextMeta = next.metadata ?? {};
  immutableMeta(cur, { ...next, metadata: nextMeta }, causes);
  const meta: ObjectMeta = { ...nextMeta };
  for (const f of ['name', 'namespace', 'uid', 'creationTimestamp', 'generation', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'generateName'] as const) {
    if (cur.metadata[f] === undefined) delete meta[f];
    else (meta as Record<string, unknown>)[f] = cur.metadata[f];
  }
  delete meta.resourceVersion;
  const out: KubeObject = { ...next, apiVersion: kind.apiVersion, kind: kind.kind, metadata: meta };
  causes.push(...finalizerCauses(cur, out));
  defaultObject(kind, out, { uid: cur.metadata.uid ?? '' });
  if (!deepEqual(desiredState(kind, cur), desiredState(kind, out))) meta.generation = (cur.metadata.generation ?? 0) + 1;
  causes.push(...validateObject(kind, out, { op: 'update', old: cur }));
  throwIfInvalid(kind, out, causes);
  return out;
}

/** Whether two versions of an object are the same apart from resourceVersion. */
export function sameObject(a: KubeObject, b: KubeObject): boolean {
  return deepEqual({ ...a, metadata: { ...a.metadata, resourceVersion: undefined } }, { ...b, metadata: { ...b.metadata, resourceVersion: undefined } });
}
