// The small rule language the object validators are written in. A Rule checks one value at a
// path and adds causes; `fields` checks an object's fields from a table, so that each kind's rules
// read as a description of its shape. Every rule checks the type of what it reads first, because
// objects arrive as arbitrary JSON: a rule never throws, it reports.
//
// Absent means undefined, null or "": Kubernetes' Go types cannot tell an empty string from an
// unset one, so neither does berth.
import type { FieldCause } from '../../../client/index.js';
import { quantityValue } from '../../../client/index.js';

export type Rec = Record<string, unknown>;

export function isRec(v: unknown): v is Rec {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** rec[key] if it is rec's own field: a key like "constructor" must not reach Object.prototype. */
export function own(rec: Rec, key: string): unknown {
  return Object.hasOwn(rec, key) ? rec[key] : undefined;
}

export function present(v: unknown): boolean {
  return v !== undefined && v !== null && v !== '';
}

/** Longest rendering of a bad value in a message. */
export const SHOW_MAX_CHARS = 200;

/** A value as JSON for a message, shortened; never throws. */
export function show(v: unknown): string {
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  if (typeof v === 'bigint') return `${v.toString()}n`;
  let text: string | undefined;
  try {
    text = JSON.stringify(v);
  } catch {
    text = undefined;
  }
  text ??= typeof v === 'undefined' ? 'undefined' : `a ${typeof v}`;
  return text.length > SHOW_MAX_CHARS ? `${text.slice(0, SHOW_MAX_CHARS)}...` : text;
}

export function at(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/** Most causes one object reports; past it, one more cause counts the rest. */
export const MAX_CAUSES = 500;

/** The causes found so far. */
export class Causes {
  private readonly found: FieldCause[] = [];
  private dropped = 0;

  /** `<rule> (got <value as JSON>)` */
  bad(field: string, rule: string, got: unknown): void {
    this.push({ field, message: `${rule} (got ${show(got)})` });
  }

  required(field: string): void {
    this.push({ field, message: 'required' });
  }

  /** A message without a value: `field is immutable`. */
  say(field: string, message: string): void {
    this.push({ field, message });
  }

  add(causes: readonly FieldCause[]): void {
    for (const c of causes) this.push(c);
  }

  get list(): FieldCause[] {
    if (this.dropped === 0) return [...this.found];
    return [...this.found, { field: 'object', message: `${this.dropped} more problems not listed` }];
  }

  private push(cause: FieldCause): void {
    if (this.found.length < MAX_CAUSES) this.found.push(cause);
    else this.dropped++;
  }
}

/** Checks a present value found at `path`. */
export type Rule = (c: Causes, v: unknown, path: string) => void;
/** Checks an object as a whole once its fields are checked (cross-field rules). */
export type Check = (c: Causes, rec: Rec, path: string) => void;
export interface Required {
  readonly required: Rule;
}
export type FieldRule = Rule | Required;

export const req = (rule: Rule): Required => ({ required: rule });

/** An object whose listed fields follow their rules; fields not listed are left alone. */
export function fields(shape: Readonly<Record<string, FieldRule>>, ...checks: Check[]): Rule {
  const entries = Object.entries(shape);
  return (c, v, path) => {
    if (!isRec(v)) return c.bad(path, 'must be an object', v);
    for (const [key, rule] of entries) {
      const value = own(v, key);
      const p = at(path, key);
      if (present(value)) (typeof rule === 'function' ? rule : rule.required)(c, value, p);
      else if (typeof rule !== 'function') c.required(p);
    }
    for (const check of checks) check(c, v, path);
  };
}

export const anyValue: Rule = () => undefined;

export function str(problem?: (s: string) => string | undefined): Rule {
  return (c, v, p) => {
    if (typeof v !== 'string') return c.bad(p, 'must be a string', v);
    const rule = problem?.(v);
    if (rule !== undefined) c.bad(p, rule, v);
  };
}

export function oneOf(...allowed: string[]): Rule {
  const rule = `must be one of ${allowed.join(', ')}`;
  return str((s) => (allowed.includes(s) ? undefined : rule));
}

export function isInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v);
}

export function intProblem(v: number, min?: number, max?: number): string | undefined {
  if (min !== undefined && max !== undefined) return v < min || v > max ? `must be between ${min} and ${max}` : undefined;
  if (min !== undefined && v < min) return `must be >= ${min}`;
  return max !== undefined && v > max ? `must be <= ${max}` : undefined;
}

export function int(min?: number, max?: number): Rule {
  return (c, v, p) => {
    if (!isInt(v)) return c.bad(p, 'must be an integer', v);
    const rule = intProblem(v, min, max);
    if (rule !== undefined) c.bad(p, rule, v);
  };
}

export const bool: Rule = (c, v, p) => {
  if (typeof v !== 'boolean') c.bad(p, 'must be true or false', v);
};

export interface ListOptions {
  /** The rule for an empty list, e.g. "must have at least one container". */
  readonly nonEmpty?: string;
}

export function list(elem: Rule, opts: ListOptions = {}): Rule {
  return (c, v, p) => {
    if (!Array.isArray(v)) return c.bad(p, 'must be a list', v);
    if (v.length === 0 && opts.nonEmpty !== undefined) c.bad(p, opts.nonEmpty, v);
    v.forEach((item: unknown, i) => elem(c, item, `${p}[${i}]`));
  };
}

export const strList = (problem?: (s: string) => string | undefined): Rule => list(str(problem));

/** A map: every key passes `keyProblem` (reported as `path[key]: key ...`), every value `value`. */
export function map(value: Rule, keyProblem?: (k: string) => string | undefined): Rule {
  return (c, v, p) => {
    if (!isRec(v)) return c.bad(p, 'must be a map', v);
    for (const [k, item] of Object.entries(v)) {
      const rule = keyProblem?.(k);
      if (rule !== undefined) c.bad(`${p}[${k}]`, `key ${rule}`, k);
      value(c, item, `${p}[${k}]`);
    }
  };
}

/** A quantity ("500m", "1Gi", or a bare number); `min` is the smallest allowed value. */
export function quantity(opts: { min?: number; above?: number } = {}): Rule {
  return (c, v, p) => {
    const q = quantityValue(v);
    if (q === undefined) return c.bad(p, 'must be a quantity such as "500m" or "1Gi"', v);
    if (opts.min !== undefined && q < opts.min) c.bad(p, `must be a quantity >= ${opts.min}`, v);
    if (opts.above !== undefined && q <= opts.above) c.bad(p, `must be a quantity > ${opts.above}`, v);
  };
}

/** Exactly one of `keys` is set. */
export function exactlyOne(keys: readonly string[]): Check {
  const rule = `must set exactly one of ${keys.join(', ')}`;
  return (c, rec, path) => {
    const set = keys.filter((k) => present(own(rec, k)));
    if (set.length !== 1) c.bad(path === '' ? 'object' : path, rule, set);
  };
}

/** `b` may not be set together with `a`. */
export function exclusive(a: string, b: string): Check {
  return (c, rec, path) => {
    if (present(own(rec, a)) && present(own(rec, b))) c.bad(at(path, b), `must not be set together with ${a}`, own(rec, b));
  };
}

/** The records of a list field (others skipped: the list's own rule reports them). */
export function records(v: unknown): [Rec, number][] {
  if (!Array.isArray(v)) return [];
  const out: [Rec, number][] = [];
  v.forEach((item: unknown, i) => {
    if (isRec(item)) out.push([item, i]);
  });
  return out;
}

/**
 * The elements of list `listKey` have distinct keys (`keyOf` returns undefined to skip one);
 * a repeat is reported at `listKey[i].field`.
 */
export function unique(listKey: string, field: string, keyOf: (item: Rec) => unknown, rule = 'must be unique'): Check {
  return (c, rec, path) => {
    const seen = new Set<string>();
    for (const [item, i] of records(own(rec, listKey))) {
      const key = keyOf(item);
      if (key === undefined || key === '') continue;
      const id = show(key);
      if (seen.has(id)) c.bad(`${at(path, listKey)}[${i}]${field === '' ? '' : `.${field}`}`, rule, own(item, field) ?? key);
      seen.add(id);
    }
  };
}

/** The strings of list `listKey` are distinct; a repeat is reported at `listKey[i]`. */
export function uniqueStrings(listKey: string): Check {
  return (c, rec, path) => {
    const values = own(rec, listKey);
    if (!Array.isArray(values)) return;
    const seen = new Set<string>();
    values.forEach((v: unknown, i) => {
      if (typeof v !== 'string') return;
      if (seen.has(v)) c.bad(`${at(path, listKey)}[${i}]`, 'must be unique', v);
      seen.add(v);
    });
  };
}

/** The string at rec[key], or undefined. */
export function strOf(rec: Rec, key: string): string | undefined {
  const v = own(rec, key);
  return typeof v === 'string' ? v : undefined;
}

/** The record at rec[key], or undefined. */
export function recOf(rec: Rec | undefined, key: string): Rec | undefined {
  if (rec === undefined) return undefined;
  const v = own(rec, key);
  return isRec(v) ? v : undefined;
}

/** A map's string entries (what a label map means, whatever else it holds). */
export function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isRec(v)) return out;
  for (const [k, val] of Object.entries(v)) {
    if (typeof val === 'string') Object.defineProperty(out, k, { value: val, enumerable: true, writable: true, configurable: true });
  }
  return out;
}
