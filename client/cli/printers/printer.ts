// The shape of a kind's table: its columns, and a pure function from an object (and the time
// now, for ages) to the cells of its row. `-o wide` appends the wide columns.
import type { KubeObject } from '../../index.js';

export interface KindPrinter {
  readonly headers: readonly string[];
  row(obj: KubeObject, now: number): string[];
  readonly wideHeaders?: readonly string[];
  wide?(obj: KubeObject, now: number): string[];
}

export function nameOf(obj: KubeObject): string {
  return obj.metadata?.name ?? '';
}
