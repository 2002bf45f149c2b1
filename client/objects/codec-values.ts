// Leaf conversions of the object codec: one JSON value checked against one scalar type, and the
// short descriptions of bad values and paths that causes and warnings are written with. Pure.
import { isWellFormed } from '../unicode.js';
import type { ScalarType } from './codec-schema.js';

/** Longest string shown inside a cause ("got ..."): a 1 MB bad value makes a short message. */
export const MAX_SHOWN_CHARS = 64;

const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;
const UINT32_MAX = 4_294_967_295;
/** Standard padded base64, as Go's encoding/json writes []byte and Kubernetes reads it. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A converted value, or the reason the value does not fit (the text after "field: "). */
export type Converted = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string };

const ok = (value: unknown): Converted => ({ ok: true, value });
const bad = (rule: string, value: unknown): Converted => ({ ok: false, message: `${rule} (got ${describe(value)})` });

/** A JSON object (not an array); class instances pass too, and only their own keys are read. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An own property only: a name like "constructor" must not find what the prototype has. */
export function own(value: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(value, key) ? value[key] : undefined;
}

/** A value as a cause shows it: strings quoted and cut short, containers only as {} / {...}. */
export function describe(value: unknown): string {
  if (typeof value === 'string') {
    const cut = value.length > MAX_SHOWN_CHARS ? `${value.slice(0, MAX_SHOWN_CHARS)}...` : value;
    return JSON.stringify(cut);
  }
  if (Array.isArray(value)) return value.length === 0 ? '[]' : '[...]';
  if (isObject(value)) return Object.keys(value).length === 0 ? '{}' : '{...}';
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'symbol' || typeof value === 'function') return `a ${typeof value}`;
  return String(value);
}

/** `spec` + `replicas` -> `spec.replicas`; keys that are not identifiers go in brackets, as in Kubernetes. */
export function childPath(path: string, key: string): string {
  const shown = key.length > MAX_SHOWN_CHARS ? `${key.slice(0, MAX_SHOWN_CHARS)}...` : key;
  if (!IDENTIFIER.test(key)) return `${path}[${shown}]`;
  return path === '' ? shown : `${path}.${shown}`;
}

export function indexPath(path: string, index: number): string {
  return `${path}[${index}]`;
}

/** Protobuf strings are UTF-8: half of a surrogate pair cannot travel and would come back changed. */
export const NOT_UNICODE = 'must be valid Unicode (it has half of a surrogate pair)';

export function hasLoneSurrogate(s: string): boolean {
  return !isWellFormed(s);
}

/** A finite number as a quantity string: integers in full decimal digits, fractions as JS prints them. */
export function numberToQuantity(n: number): string {
  return Number.isInteger(n) ? BigInt(n).toString() : String(n);
}

export function scalarToWire(type: ScalarType, quantity: boolean, value: unknown): Converted {
  switch (type) {
    case 'string':
      if (typeof value === 'string') return hasLoneSurrogate(value) ? bad(NOT_UNICODE, value) : ok(value);
      if (quantity && typeof value === 'number' && Number.isFinite(value)) return ok(numberToQuantity(value));
      return bad(quantity ? 'must be a quantity (a string such as "500m" or a number)' : 'must be a string', value);
    case 'bool':
      return typeof value === 'boolean' ? ok(value) : bad('must be a boolean', value);
    case 'int32':
      return integerToWire(value, INT32_MIN, INT32_MAX);
    case 'uint32':
      return integerToWire(value, 0, UINT32_MAX);
    case 'int64':
      return integerToWire(value, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
    case 'uint64':
      return integerToWire(value, 0, Number.MAX_SAFE_INTEGER);
    case 'double':
      return typeof value === 'number' && Number.isFinite(value) ? ok(value) : bad('must be a finite number', value);
    case 'bytes':
      return bytesToWire(value);
  }
}

/**
 * 64-bit fields stop at 2^53-1: the loaders deliver int64 as a JS number (longs: Number), so a
 * larger value would come back changed.
 */
function integerToWire(value: unknown, min: number, max: number): Converted {
  if (typeof value !== 'number' || !Number.isInteger(value)) return bad('must be an integer', value);
  if (value < min || value > max) return bad(`must be between ${min} and ${max}`, value);
  return ok(value);
}

function bytesToWire(value: unknown): Converted {
  if (typeof value !== 'string') return bad('must be a base64 string', value);
  if (!BASE64.test(value)) return bad('must be base64 (standard alphabet, padded)', value);
  return ok(Buffer.from(value, 'base64'));
}

/** IntOrString in JSON is a bare int32 or string; on the wire, the member of its oneof. */
export function intOrStringToWire(value: unknown): Converted {
  if (typeof value === 'string') return ok({ strVal: value });
  if (typeof value !== 'number' || !Number.isInteger(value)) return bad('must be an integer or a string', value);
  if (value < INT32_MIN || value > INT32_MAX) return bad(`must be a string or an integer between ${INT32_MIN} and ${INT32_MAX}`, value);
  return ok({ intVal: value });
}

export function enumToWire(values: ReadonlySet<string>, value: unknown): Converted {
  if (typeof value === 'string' && values.has(value)) return ok(value);
  return bad(`must be one of ${[...values].join(', ')}`, value);
}
