// The checks and small conversions of the object calls, apart from the calls themselves: what
// namespace a request carries, which arguments are acceptable, and how responses become the
// SDK's Kubernetes-shaped results.
import type { ApiObject__Output } from '../../proto/gen/berth/objects/v1/ApiObject.js';
import type { ListResponse__Output } from '../../proto/gen/berth/v1/ListResponse.js';
import { BerthError, InvalidError } from '../errors.js';
import { objectFromWire } from './codec.js';
import { findKind } from './kinds.js';
import type { KindInfo } from './kinds.js';
import type { ApplyResult, KubeList, KubeObject } from './types.js';

/** The namespace of a Get, Delete or Patch: "default" when omitted, "" for cluster-scoped kinds. */
export function namespaceFor(kind: KindInfo, namespace: string | undefined): string {
  if (!kind.namespaced) return '';
  return namespace === undefined || namespace === '' ? 'default' : namespace;
}

/** The namespace of a List or Watch: "" (every namespace) when omitted. */
export function selectionNamespace(kind: KindInfo, namespace: string | undefined): string {
  return kind.namespaced ? (namespace ?? '') : '';
}

function invalid(field: string, rule: string, value: unknown): InvalidError {
  const got = `${rule} (got ${JSON.stringify(value) ?? String(value)})`;
  return new InvalidError(`${field}: ${got}`, { causes: [{ field, message: got }] });
}

export function checkName(name: unknown): string {
  if (typeof name !== 'string' || name === '') throw invalid('name', 'must be a non-empty string', name);
  return name;
}

/** A revision to watch from: "" (or "0") for "now", else decimal digits. */
export function checkResourceVersion(value: unknown, field = 'resourceVersion'): string {
  if (value === undefined || value === '' || value === '0') return '';
  if (typeof value !== 'string' || !/^\d+$/.test(value)) throw invalid(field, 'must be a decimal revision, e.g. a list\'s metadata.resourceVersion', value);
  return value;
}

/** Largest page a List asks for (the field is a uint32). */
const MAX_LIST_LIMIT = 0xffff_ffff;

export function checkLimit(value: unknown): number {
  if (value === undefined) return 0;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0 || value > MAX_LIST_LIMIT) {
    throw invalid('limit', `must be an integer from 0 to ${MAX_LIST_LIMIT}`, value);
  }
  return value;
}

export function checkGracePeriod(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw invalid('gracePeriodSeconds', 'must be an integer >= 0', value);
  return value;
}

/** A JSON merge patch must be a JSON object; it travels as text. */
export function mergePatchText(patch: unknown): string {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) throw invalid('patch', 'must be a JSON object (a merge patch)', patch);
  try {
    return JSON.stringify(patch);
  } catch (e) {
    throw invalid('patch', `cannot be written as JSON: ${e instanceof Error ? e.message : String(e)}`, typeof patch);
  }
}

/**
 * `obj` with metadata.namespace "default" when its kind is namespaced and it names none, so that
 * a write says where it goes; anything the codec would reject is left for it to report.
 */
export function withDefaultNamespace(obj: unknown): unknown {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return obj;
  const o = obj as Record<string, unknown>;
  const kind = typeof o['kind'] === 'string' ? findKind(o['kind']) : undefined;
  const metadata = o['metadata'];
  if (kind === undefined || !kind.namespaced || metadata === null || typeof metadata !== 'object' || Array.isArray(metadata)) return obj;
  const ns = (metadata as Record<string, unknown>)['namespace'];
  if (ns !== undefined && ns !== null && ns !== '') return obj;
  return { ...o, metadata: { ...metadata, namespace: 'default' } };
}

/** The object of a response; a response without one is the server's fault. */
export function decodeObject(wire: ApiObject__Output | null, call: string): KubeObject {
  if (wire === null) throw new BerthError('INTERNAL', `the server answered ${call} without an object`);
  return objectFromWire(wire);
}

export function toKubeList<T extends KubeObject>(kind: KindInfo, res: ListResponse__Output): KubeList<T> {
  return {
    apiVersion: kind.apiVersion,
    kind: `${kind.kind}List`,
    metadata: { resourceVersion: res.resourceVersion, ...(res.continue === '' ? {} : { continue: res.continue }) },
    items: res.items.map((item) => objectFromWire(item) as T),
  };
}

const APPLY_RESULTS: ReadonlySet<string> = new Set(['created', 'configured', 'unchanged']);

export function applyOutcome(result: string): ApplyResult['result'] {
  if (!APPLY_RESULTS.has(result)) throw new BerthError('INTERNAL', `the server answered Apply with an unknown result ${JSON.stringify(result)}`);
  return result as ApplyResult['result'];
}
