// JSON merge patches (RFC 7386), the patch `apply` sends (from the last-applied configuration to a
// manifest), and JSON deep equality. Results never share structure with their inputs, so that a
// caller may default or edit a merged object in place without touching the stored one.

type Rec = Record<string, unknown>;

function isRecord(v: unknown): v is Rec {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function ownValue(rec: Rec, key: string): unknown {
  return Object.hasOwn(rec, key) ? rec[key] : undefined;
}

/** Sets an own field, also one named "__proto__" (which plain assignment would not create). */
function setOwn(rec: Rec, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(rec, key, { value, enumerable: true, writable: true, configurable: true });
  else rec[key] = value;
}

/** A deep copy of a JSON value (non-JSON leaves are kept as they are). */
export function cloneJson(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(cloneJson);
  if (!isRecord(v)) return v;
  const out: Rec = {};
  for (const [k, item] of Object.entries(v)) setOwn(out, k, cloneJson(item));
  return out;
}

/**
 * RFC 7386: a patch that is not an object replaces the target; an object patch merges field by
 * field, null removing a field. Returns a new value; never mutates its inputs.
 */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isRecord(patch)) return cloneJson(patch);
  const result: Rec = {};
  if (isRecord(target)) {
    // Fields the patch replaces are merged below (into new values); the rest are copied.
    for (const [k, v] of Object.entries(target)) setOwn(result, k, ownValue(patch, k) === undefined ? cloneJson(v) : v);
  }
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue;
    if (v === null) delete result[k];
    else setOwn(result, k, mergePatch(ownValue(result, k), v));
  }
  return result;
}

/**
 * The merge patch that takes an object last applied as `lastApplied` (undefined: never applied) to
 * `manifest`: it sets every field the manifest has, and null for each field `lastApplied` had that
 * the manifest dropped. Lists are replaced whole. Fields neither names (set by the server or
 * another writer) are left alone.
 */
export function applyPatch(lastApplied: unknown, manifest: unknown): Record<string, unknown> {
  const patch: Rec = {};
  if (!isRecord(manifest)) return patch;
  const last = isRecord(lastApplied) ? lastApplied : {};
  for (const [k, v] of Object.entries(manifest)) {
    if (v === undefined) continue;
    const before = ownValue(last, k);
    setOwn(patch, k, isRecord(v) ? applyPatch(isRecord(before) ? before : undefined, v) : cloneJson(v));
  }
  for (const [k, v] of Object.entries(last)) {
    if (v !== undefined && v !== null && ownValue(manifest, k) === undefined) setOwn(patch, k, null);
  }
  return patch;
}

/** JSON equality: lists in order, objects by their defined fields, NaN equal to itself. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  if (!isRecord(a) || !isRecord(b)) return false;
  const keysA = Object.keys(a).filter((k) => a[k] !== undefined);
  const keysB = Object.keys(b).filter((k) => b[k] !== undefined);
  return keysA.length === keysB.length && keysA.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
}
