// Key order and key ranges. Keys are compared in Unicode code point order, which is the byte
// order of their UTF-8 form: the order etcd and LevelDB use, and one in which prefixEnd never
// has to produce a lone surrogate (which UTF-8 cannot carry).

/** The rangeEnd that means "no upper bound", as in etcd. */
export const RANGE_END_UNBOUNDED = '\0';

/** UTF-16 puts U+E000..U+FFFF above the surrogates; code point order puts surrogate pairs last. */
function codePointRank(unit: number): number {
  if (unit < 0xd800) return unit;
  return unit >= 0xe000 ? unit - 0x800 : unit + 0x2000;
}

export function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

/**
 * The smallest key greater than every key that starts with `prefix`, for use as a rangeEnd.
 * Returns "\0" (no upper bound) when there is none: for '' or a prefix of only U+10FFFF.
 */
export function prefixEnd(prefix: string): string {
  const points = Array.from(prefix);
  while (points.length > 0) {
    const last = (points.pop() as string).codePointAt(0) as number;
    if (last < 0x10ffff) {
      // Skipping the surrogate block keeps the result well-formed.
      points.push(String.fromCodePoint(last === 0xd7ff ? 0xe000 : last + 1));
      return points.join('');
    }
  }
  return RANGE_END_UNBOUNDED;
}

/** The smallest key greater than `key`. */
export function keySuccessor(key: string): string {
  return `${key}\0`;
}

/** A set of keys: one key, or [start, end) where end null means no upper bound. */
export interface KeySpan {
  readonly start: string;
  readonly end: string | null;
  readonly single: boolean;
}

export function spanOf(key: string, rangeEnd: string | undefined): KeySpan {
  if (rangeEnd === undefined) return { start: key, end: null, single: true };
  return { start: key, end: rangeEnd === RANGE_END_UNBOUNDED ? null : rangeEnd, single: false };
}

export function spanContains(span: KeySpan, key: string): boolean {
  if (span.single) return key === span.start;
  return compareKeys(key, span.start) >= 0 && (span.end === null || compareKeys(key, span.end) < 0);
}

/** Whether two spans share a key: used to refuse a txn that puts a key it also deletes. */
export function spansOverlap(a: KeySpan, b: KeySpan): boolean {
  if (a.single) return spanContains(b, a.start);
  if (b.single) return spanContains(a, b.start);
  const aBeforeB = a.end !== null && compareKeys(a.end, b.start) <= 0;
  const bBeforeA = b.end !== null && compareKeys(b.end, a.start) <= 0;
  return !aBeforeB && !bBeforeA;
}

/** Whether the string survives a round trip through UTF-8 (LevelDB keys and the codecs use it). */
export { isWellFormed } from '../../client/index.js';
