// Resource quantities as Kubernetes writes them (`1500m`, `2`, `8Gi`, `1e9`), read into numbers,
// and CPU and memory written back the way `kubectl top` and `describe node` show them.
import { quantityValue } from '../../objects/quantity.js';

/** The value of a quantity in base units (cores, bytes), or undefined when it is not one. */
export const parseQuantity = (q: unknown): number | undefined => quantityValue(typeof q === 'string' ? q.trim() : q);

/** CPU in millicores, as `kubectl top` prints it: `250m`. */
export function formatMillicores(m: number): string {
  return `${Math.round(m)}m`;
}

/** Memory in bytes, as `kubectl top` prints it: whole MiB, `128Mi`. */
export function formatMebibytes(bytes: number): string {
  return `${Math.floor(bytes / 2 ** 20)}Mi`;
}

/** CPU in millicores as a quantity: `2` for whole cores, else `1500m`; `0` for none. */
export function cpuQuantity(m: number): string {
  return m % 1000 === 0 ? String(m / 1000) : `${Math.round(m)}m`;
}

/** Bytes as a quantity: the largest binary suffix that divides it (`512Mi`), else bytes. */
export function memoryQuantity(bytes: number): string {
  for (const [suffix, size] of [['Gi', 2 ** 30], ['Mi', 2 ** 20], ['Ki', 2 ** 10]] as const) {
    if (bytes !== 0 && bytes % size === 0) return `${bytes / size}${suffix}`;
  }
  return String(Math.round(bytes));
}

/** `used` as a whole percentage of `total` (truncated, as kubectl does), or undefined without a total. */
export function percentOf(used: number, total: number | undefined): number | undefined {
  if (total === undefined || total <= 0) return undefined;
  return Math.floor((used / total) * 100);
}
