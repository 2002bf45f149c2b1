// Kubernetes' resource quantities ("500m", "256Mi", "1e3", "1.5") as numbers in base units. The
// grammar is Kubernetes': a signed decimal number, then a binary suffix (Ki..Ei), a decimal suffix
// (n, u, m, k, M, G, T, P, E) or an exponent (e3, E-2). Decimal scaling goes through the number's
// text so that "100m" is exactly 0.1 and not 100 * 0.001. One parser for the server's
// validation, the agent's limits and the CLI's tables.

const QUANTITY = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)|[eE]([+-]?\d+))?$/;

/** Longest quantity text looked at: longer text is refused rather than parsed. */
export const QUANTITY_TEXT_MAX = 64;

const BINARY = new Map<string, number>([
  ['Ki', 2 ** 10],
  ['Mi', 2 ** 20],
  ['Gi', 2 ** 30],
  ['Ti', 2 ** 40],
  ['Pi', 2 ** 50],
  ['Ei', 2 ** 60],
]);

const DECIMAL_EXPONENT = new Map<string, number>([
  ['n', -9],
  ['u', -6],
  ['m', -3],
  ['k', 3],
  ['M', 6],
  ['G', 9],
  ['T', 12],
  ['P', 15],
  ['E', 18],
]);

/** The quantity in base units ("500m" -> 0.5, "256Mi" -> 268435456); undefined if it is not one. */
export function parseQuantity(text: string): number | undefined {
  if (typeof text !== 'string' || text.length > QUANTITY_TEXT_MAX) return undefined;
  const m = QUANTITY.exec(text);
  if (m === null) return undefined;
  const [, sign = '', digits = '', suffix, exponent] = m;
  let value: number;
  if (suffix !== undefined && BINARY.has(suffix)) {
    value = Number(`${sign}${digits}`) * (BINARY.get(suffix) ?? 1);
  } else {
    const exp = suffix !== undefined ? (DECIMAL_EXPONENT.get(suffix) ?? 0) : Number(exponent ?? '0');
    value = Number(`${sign}${digits}e${exp}`);
  }
  return Number.isFinite(value) ? value : undefined;
}

/** A quantity given as text or (as Kubernetes' JSON allows) as a bare number; undefined if neither. */
export function quantityValue(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  return typeof v === 'string' ? parseQuantity(v) : undefined;
}
