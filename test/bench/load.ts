// Closed-loop write load: C client loops in this process, each doing one put at a time, spread
// round-robin over a small pool of channels (as a real client pool would). Latencies of the
// writes that complete inside the measurement window (after the warm-up) are all recorded.
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Samples, mean, percentile } from './stats.js';
import type { Writer } from './system.js';

export interface LoadOptions {
  readonly concurrency: number;
  readonly warmupMs: number;
  readonly durationMs: number;
  /** @default 256 */
  readonly valueBytes: number;
}

export interface LoadResult {
  readonly concurrency: number;
  readonly writes: number;
  readonly errors: number;
  readonly seconds: number;
  readonly writesPerSec: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly meanMs: number;
  readonly maxMs: number;
  /** The first few distinct error messages, to say what went wrong. */
  readonly errorSamples: string[];
}

/** Keys per client: keys are bench/<client>/<n % KEYS_PER_CLIENT>. */
const KEYS_PER_CLIENT = 1000;
/** Distinct random values, reused round-robin so that making values costs no CPU in the loop. */
const VALUE_POOL_SIZE = 1024;
/** Pause after a failed put, so that a fast-failing system is not hammered in a tight loop. */
const ERROR_BACKOFF_MS = 10;
/** Bound on the puts one client loop may issue (the duration bound comes first in practice). */
const MAX_PUTS_PER_CLIENT = 50_000_000;
const MAX_ERROR_SAMPLES = 5;

interface Window {
  readonly measureFrom: number;
  readonly end: number;
}

interface Tally {
  readonly samples: Samples;
  errors: number;
  readonly errorSamples: Set<string>;
}

export async function runLoad(writers: readonly Writer[], options: LoadOptions): Promise<LoadResult> {
  if (writers.length === 0) throw new Error('runLoad: no writers');
  const values = Array.from({ length: VALUE_POOL_SIZE }, () => randomBytes(options.valueBytes));
  const start = performance.now();
  const window: Window = { measureFrom: start + options.warmupMs, end: start + options.warmupMs + options.durationMs };
  const tally: Tally = { samples: new Samples(), errors: 0, errorSamples: new Set() };
  const loops = Array.from({ length: options.concurrency }, (_, c) =>
    clientLoop(c, writers[c % writers.length] as Writer, values, window, options, tally),
  );
  await Promise.all(loops);
  return summarize(options, tally);
}

async function clientLoop(
  client: number,
  writer: Writer,
  values: readonly Buffer[],
  window: Window,
  options: LoadOptions,
  tally: Tally,
): Promise<void> {
  for (let n = 0; n < MAX_PUTS_PER_CLIENT; n++) {
    const t0 = performance.now();
    if (t0 >= window.end) return;
    const key = `bench/${client}/${n % KEYS_PER_CLIENT}`;
    const value = values[(client * 7919 + n) % values.length] as Buffer;
    try {
      await writer.put(key, value);
      const t1 = performance.now();
      if (t1 >= window.measureFrom && t1 <= window.end) tally.samples.add(t1 - t0);
    } catch (err) {
      if (performance.now() >= window.measureFrom) tally.errors++;
      if (tally.errorSamples.size < MAX_ERROR_SAMPLES) tally.errorSamples.add(err instanceof Error ? err.message : String(err));
      await sleep(ERROR_BACKOFF_MS);
    }
  }
}

function summarize(options: LoadOptions, tally: Tally): LoadResult {
  const sorted = tally.samples.sorted();
  const seconds = options.durationMs / 1000;
  return {
    concurrency: options.concurrency,
    writes: sorted.length,
    errors: tally.errors,
    seconds,
    writesPerSec: sorted.length / seconds,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    meanMs: mean(sorted),
    maxMs: percentile(sorted, 100),
    errorSamples: [...tally.errorSamples],
  };
}
