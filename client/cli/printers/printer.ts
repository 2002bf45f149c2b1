// The shape of a kind's table: its columns, and a pure function from an object (and the time
// now, for ages) to the cells of its row. `-o wide` appends the wide columns.
import type { KubeObject } from '../../index.js';

/** What a row may need besides its object: facts that are not stored in objects. */
export interface RowContext {
  /** What nodes use now, by node name (from the leader's memory; never stored), for -o wide. */
  readonly nodeUsage?: ReadonlyMap<string, { readonly cpuMillicores: number; readonly memoryBytes: number }>;
}

export interface KindPrinter {
  readonly headers: readonly string[];
  row(obj: KubeObject, now: number): string[];
  readonly wideHeaders?: readonly string[];
  wide?(obj: KubeObject, now: number, ctx: RowContext): string[];
}

export function nameOf(obj: KubeObject): string {
  return obj.metadata?.name ?? '';
}
