// Taints and tolerations with Kubernetes' meaning: a toleration with an effect matches only that
// effect (none matches every effect), with a key only that key (none, with Exists, every taint),
// and Equal (the default operator) also needs the same value.

export interface Taint {
  readonly key: string;
  readonly value: string;
  readonly effect: string;
}

export interface Toleration {
  readonly key: string;
  readonly operator: string;
  readonly value: string;
  readonly effect: string;
}

export function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect !== '' && t.effect !== taint.effect) return false;
  if (t.key !== '' && t.key !== taint.key) return false;
  if (t.operator === 'Exists') return true;
  return (t.operator === '' || t.operator === 'Equal') && t.value === taint.value;
}

export function toleratedBy(tolerations: readonly Toleration[], taint: Taint): boolean {
  for (const t of tolerations) if (tolerates(t, taint)) return true;
  return false;
}

/** The first of `taints` (already narrowed to the effects that matter) that no toleration tolerates. */
export function firstUntolerated(tolerations: readonly Toleration[], taints: readonly Taint[]): Taint | undefined {
  for (const taint of taints) if (!toleratedBy(tolerations, taint)) return taint;
  return undefined;
}

/** How many of `taints` (the PreferNoSchedule ones) the pod does not tolerate. */
export function countUntolerated(tolerations: readonly Toleration[], taints: readonly Taint[]): number {
  let n = 0;
  for (const taint of taints) if (!toleratedBy(tolerations, taint)) n++;
  return n;
}

function text(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

interface Raw {
  readonly key?: unknown;
  readonly value?: unknown;
  readonly effect?: unknown;
  readonly operator?: unknown;
}

export function parseTaints(raw: unknown): Taint[] {
  if (!Array.isArray(raw)) return [];
  return (raw as Raw[]).filter((t) => typeof t === 'object' && t !== null).map((t) => ({ key: text(t.key), value: text(t.value), effect: text(t.effect) }));
}

export function parseTolerations(raw: unknown): Toleration[] {
  if (!Array.isArray(raw)) return [];
  return (raw as Raw[])
    .filter((t) => typeof t === 'object' && t !== null)
    .map((t) => ({ key: text(t.key), operator: text(t.operator), value: text(t.value), effect: text(t.effect) }));
}

/** `dedicated=gpu`, or the key alone for a taint without a value. */
export function taintText(t: Taint): string {
  return t.value === '' ? t.key : `${t.key}=${t.value}`;
}
