// Apply, patch and the status subresource, built on the registry's create and modify.
//
// Apply is kubectl's declarative apply done on the server: the manifest last applied is kept in
// an annotation, and the next apply sets what the new manifest says and removes only what the
// previous manifest said and this one no longer does. Fields the manifest never named (replicas
// set by an autoscaler, labels added by a controller, status) stay as they are. Applying the same
// manifest again writes nothing.
import { InvalidError, checkShape, invalidObject, isBerthError, isWellFormed, resolveKind } from '../../../client/index.js';
import type { KindInfo, KubeObject } from '../../../client/index.js';
import { applyPatch, mergePatch } from '../objects/index.js';
import { objectKey } from './keys.js';
import type { ModifyResult, ObjectRegistry } from './registry.js';
import { namespaceFor } from './prepare.js';
import { cloneJson } from './stored.js';

export const LAST_APPLIED_ANNOTATION = 'berth.io/last-applied-configuration';

export interface ApplyOutcome {
  readonly object: KubeObject;
  readonly result: 'created' | 'configured' | 'unchanged';
}

/** The manifest as recorded: without server-owned metadata and without the record itself. */
function manifestRecord(obj: KubeObject): KubeObject {
  const meta = { ...obj.metadata };
  for (const f of ['uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds'] as const) delete meta[f];
  const annotations = { ...meta.annotations };
  delete annotations[LAST_APPLIED_ANNOTATION];
  const metadata = { ...meta, ...(Object.keys(annotations).length > 0 ? { annotations } : {}) };
  if (Object.keys(annotations).length === 0) delete metadata.annotations;
  const out: KubeObject = { ...obj, metadata };
  delete out.status;
  return out;
}

function lastApplied(cur: KubeObject): unknown {
  const text = cur.metadata.annotations?.[LAST_APPLIED_ANNOTATION];
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function withRecord(obj: KubeObject, record: KubeObject): KubeObject {
  return { ...obj, metadata: { ...obj.metadata, annotations: { ...obj.metadata.annotations, [LAST_APPLIED_ANNOTATION]: JSON.stringify(record) } } };
}

export async function applyObject(reg: ObjectRegistry, input: KubeObject, dryRun: boolean): Promise<ApplyOutcome> {
  const kind = resolveKind(String(input.kind));
  const record = manifestRecord(cloneJson(input));
  const name = input.metadata?.name ?? '';
  if (name === '') throw new InvalidError('metadata.name: required (apply needs a name; use create for generateName)', { causes: [{ field: 'metadata.name', message: 'required' }] });
  const ns = namespaceFor(kind, input.metadata.namespace);
  for (let attempt = 0; attempt < 2; attempt++) {
    const exists = await reg.readKey(objectKey(kind, ns, name));
    if (exists === undefined) {
      try {
        return { object: await reg.create(withRecord(record, record), dryRun), result: 'created' };
      } catch (err) {
        if (isBerthError(err, 'ALREADY_EXISTS')) continue; // created meanwhile: apply to it
        throw err;
      }
    }
    const pre = { resourceVersion: input.metadata.resourceVersion };
    const res = await reg.modify(kind, ns, name, pre, (cur) => {
      const patch = applyPatch(lastApplied(cur), record);
      return withRecord(mergePatch(cur, patch) as KubeObject, record);
    }, dryRun);
    return { object: res.object, result: res.changed ? 'configured' : 'unchanged' };
  }
  return { object: await reg.get(kind, ns, name), result: 'unchanged' };
}

function hasLoneSurrogate(value: unknown): boolean {
  if (typeof value === 'string') return !isWellFormed(value);
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return value.some(hasLoneSurrogate);
  return Object.entries(value).some(([k, v]) => !isWellFormed(k) || hasLoneSurrogate(v));
}

function parsePatch(text: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    const message = `must be a JSON merge patch (${(err as Error).message})`;
    throw new InvalidError(`merge_patch: ${message}`, { causes: [{ field: 'merge_patch', message }] });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new InvalidError('merge_patch: must be a JSON object', { causes: [{ field: 'merge_patch', message: 'must be a JSON object' }] });
  }
  if (hasLoneSurrogate(parsed)) {
    // Stored text must survive protobuf's UTF-8: a lone surrogate would come back changed.
    const message = 'must be valid Unicode (a \\u escape leaves half of a surrogate pair)';
    throw new InvalidError(`merge_patch: ${message}`, { causes: [{ field: 'merge_patch', message }] });
  }
  return parsed as Record<string, unknown>;
}

/** A merged object must still fit the schema: unknown fields cannot be stored. */
function checkMerged(kind: KindInfo, obj: KubeObject): KubeObject {
  const { causes, warnings } = checkShape(kind, obj, { strict: true });
  const all = [...causes, ...warnings.map((w) => ({ field: w.split(':')[0] ?? '', message: 'unknown field' }))];
  if (all.length > 0) throw invalidObject(all, `${kind.kind} ${JSON.stringify(obj.metadata?.name ?? '')}`);
  return obj;
}

export async function patchObject(
  reg: ObjectRegistry,
  kind: KindInfo,
  namespace: string,
  name: string,
  patchText: string,
  subresource: string,
  dryRun: boolean,
): Promise<ModifyResult> {
  checkSubresource(kind, subresource);
  const patch = parsePatch(patchText);
  const meta = patch['metadata'];
  const rv = typeof meta === 'object' && meta !== null ? (meta as Record<string, unknown>)['resourceVersion'] : undefined;
  const pre = { resourceVersion: typeof rv === 'string' ? rv : undefined };
  return reg.modify(kind, namespace, name, pre, (cur) => {
    const merged = checkMerged(kind, mergePatch(cur, patch) as KubeObject);
    return subresource === 'status' ? { ...cur, status: merged.status } : keepStatus(kind, cur, merged);
  }, dryRun);
}

/** For kinds with a status subresource, writes of the object leave the status alone. */
export function keepStatus(kind: KindInfo, cur: KubeObject, next: KubeObject): KubeObject {
  if (!kind.hasStatus) return next;
  const out: KubeObject = { ...next };
  if (cur.status === undefined) delete out.status;
  else out.status = cur.status;
  return out;
}

/** Refuses a subresource other than "" and "status", and "status" for kinds without one. */
export function checkSubresource(kind: KindInfo, subresource: string): void {
  if (subresource === '' || (subresource === 'status' && kind.hasStatus)) return;
  const message = subresource === 'status' ? `${kind.kind} has no status subresource` : `must be "" or "status" (got ${JSON.stringify(subresource)})`;
  throw new InvalidError(`subresource: ${message}`, { causes: [{ field: 'subresource', message }] });
}

/** Update of the object (subresource "") or of its status ("status"). */
export function updateObject(reg: ObjectRegistry, input: KubeObject, subresource: string, dryRun: boolean): Promise<ModifyResult> {
  const kind = resolveKind(String(input.kind));
  checkSubresource(kind, subresource);
  const name = input.metadata?.name ?? '';
  const pre = { resourceVersion: input.metadata?.resourceVersion, uid: input.metadata?.uid };
  if (subresource === 'status') {
    return reg.modify(kind, input.metadata?.namespace, name, pre, (cur) => ({ ...cur, status: input.status }), dryRun);
  }
  return reg.modify(kind, input.metadata?.namespace, name, pre, (cur) => keepStatus(kind, cur, cloneJson(input)), dryRun);
}
