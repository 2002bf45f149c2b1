// Latency bookkeeping for the benchmarks: a growable sample buffer and nearest-rank
// percentiles. Pure functions; no clocks here.

/** Samples kept per measurement before the buffer stops growing (bounds memory). */
export const MAX_SAMPLES = 20_000_000;

/** A growable buffer of latencies in milliseconds. */
export class Samples {
  private data = new Float64Array(4096);
  private length = 0;
  dropped = 0;

  add(ms: number): void {
    if (this.length === this.data.length) {
      if (this.data.length >= MAX_SAMPLES) {
        this.dropped++;
        return;
      }
      const bigger = new Float64Array(Math.min(this.data.length * 2, MAX_SAMPLES));
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = ms;
  }

  get count(): number {
    return this.length;
  }

  /** A sorted copy of the samples. */
  sorted(): Float64Array {
    return this.data.slice(0, this.length).sort();
  }
}

/** Nearest-rank percentile of an ascending array; NaN when empty. `p` is in [0, 100]. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  const index = Math.min(sorted.length - 1, Math.max(0, rank - 1));
  return sorted[index] ?? Number.NaN;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const hi = sorted[mid] ?? Number.NaN;
  if (sorted.length % 2 === 1) return hi;
  return ((sorted[mid - 1] ?? hi) + hi) / 2;
}

export function mean(sorted: ArrayLike<number>): number {
  if (sorted.length === 0) return Number.NaN;
  let sum = 0;
  for (let i = 0; i < sorted.length; i++) sum += sorted[i] ?? 0;
  return sum / sorted.length;
}

/** A latency distribution as the benchmarks report it, in milliseconds to one decimal. */
export interface Latency {
  readonly count: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

export function latencyOf(values: readonly number[]): Latency {
  const sorted = Float64Array.from(values).sort();
  return { count: sorted.length, p50Ms: round(percentile(sorted, 50), 1), p99Ms: round(percentile(sorted, 99), 1), maxMs: round(percentile(sorted, 100), 1) };
}

/** Rounds to `digits` decimals for printing and JSON (NaN stays NaN). */
export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
