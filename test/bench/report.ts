// The Raft benchmark's results: one JSON document and the tables printed from it. Pure: takes
// the measurements, returns text and data.
import type { BenchOptions, SystemName } from './bench-args.js';
import type { FailoverResult } from './failover.js';
import type { MachineFacts } from './harness.js';
import type { LoadResult } from './load.js';
import { round } from './stats.js';

/** What every benchmark reports of the machine, with the versions measured and where the data dirs were. */
export interface Machine extends MachineFacts {
  readonly etcdVersion: string;
  readonly berthVersion: string;
  readonly tmpDir: string;
}

/** CPU seconds used during one measurement window, by process role, and the leader's per 1000 writes. */
export interface CpuUse {
  readonly leaderCpuSec: number;
  readonly followersCpuSec: number;
  readonly benchCpuSec: number;
  /** CPU seconds the machine spent on processes other than the members and the benchmark. */
  readonly otherCpuSec: number;
  readonly leaderCpuMsPerKWrite: number;
}

export interface SystemLoad extends LoadResult {
  readonly cpu: CpuUse;
}

export interface SystemResults {
  readonly load: SystemLoad[];
  readonly failover: FailoverResult | undefined;
  /** Set when the system could not be measured; the message says why. */
  readonly error?: string;
}

export interface BenchDocument {
  readonly benchmark: 'raft';
  readonly startedAt: string;
  readonly machine: Machine;
  readonly options: Omit<BenchOptions, 'jsonFile'>;
  readonly systems: Partial<Record<SystemName, SystemResults>>;
  readonly comparison: ComparisonRow[];
  readonly targets: Targets;
}

export interface ComparisonRow {
  readonly concurrency: number;
  /** berth writes/s divided by etcd writes/s. */
  readonly throughputRatio: number;
  /** berth p99 divided by etcd p99 (lower is better for berth). */
  readonly p99Ratio: number;
}

export interface Targets {
  /** berth >= 1.0x etcd's writes/s at the highest concurrency measured. */
  readonly throughputAtMaxConcurrency: boolean | null;
  /** berth p99 <= etcd p99 at the highest concurrency measured. */
  readonly p99AtMaxConcurrency: boolean | null;
  /** berth's median failover < 1500 ms. */
  readonly failoverMedianUnder1500Ms: boolean | null;
}

export const FAILOVER_TARGET_MS = 1500;

function findLoad(results: SystemResults | undefined, concurrency: number): SystemLoad | undefined {
  return results?.load.find((l) => l.concurrency === concurrency);
}

export function compare(systems: BenchDocument['systems'], concurrency: readonly number[]): ComparisonRow[] {
  return concurrency.flatMap((c) => {
    const e = findLoad(systems.etcd, c);
    const b = findLoad(systems.berth, c);
    if (e === undefined || b === undefined) return [];
    return [{ concurrency: c, throughputRatio: round(b.writesPerSec / e.writesPerSec, 3), p99Ratio: round(b.p99Ms / e.p99Ms, 3) }];
  });
}

export function judgeTargets(systems: BenchDocument['systems'], comparison: readonly ComparisonRow[]): Targets {
  const top = comparison.reduce<ComparisonRow | undefined>((a, r) => (a === undefined || r.concurrency > a.concurrency ? r : a), undefined);
  const failover = systems.berth?.failover;
  return {
    throughputAtMaxConcurrency: top === undefined ? null : top.throughputRatio >= 1,
    p99AtMaxConcurrency: top === undefined ? null : top.p99Ratio <= 1,
    failoverMedianUnder1500Ms:
      failover === undefined || Number.isNaN(failover.medianMs) ? null : failover.medianMs < FAILOVER_TARGET_MS && failover.failedRuns === 0,
  };
}

function fmt(value: number | undefined, digits = 1): string {
  if (value === undefined || Number.isNaN(value)) return '-';
  return value.toFixed(digits);
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padStart(widths[i] ?? 0)).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function loadTable(doc: BenchDocument): string {
  const e = doc.systems.etcd;
  const b = doc.systems.berth;
  const rows = doc.options.concurrency.map((c) => {
    const el = findLoad(e, c);
    const bl = findLoad(b, c);
    const cmp = doc.comparison.find((r) => r.concurrency === c);
    return [
      String(c),
      fmt(el?.writesPerSec, 0),
      fmt(bl?.writesPerSec, 0),
      cmp === undefined ? '-' : `${cmp.throughputRatio.toFixed(2)}x`,
      fmt(el?.p50Ms, 2),
      fmt(bl?.p50Ms, 2),
      fmt(el?.p99Ms, 2),
      fmt(bl?.p99Ms, 2),
      cmp === undefined ? '-' : `${cmp.p99Ratio.toFixed(2)}x`,
      `${el?.errors ?? '-'}/${bl?.errors ?? '-'}`,
      `${fmt(el?.cpu.leaderCpuMsPerKWrite, 0)}/${fmt(bl?.cpu.leaderCpuMsPerKWrite, 0)}`,
    ];
  });
  const header = ['clients', 'etcd w/s', 'berth w/s', 'berth/etcd', 'etcd p50', 'berth p50', 'etcd p99', 'berth p99', 'p99 b/e', 'errors e/b', 'leader cpu-ms/kw e/b'];
  return table(header, rows);
}

export function failoverTable(doc: BenchDocument): string {
  const e = doc.systems.etcd?.failover;
  const b = doc.systems.berth?.failover;
  const n = Math.max(e?.runs.length ?? 0, b?.runs.length ?? 0);
  const ms = (r: FailoverResult | undefined, i: number): string => {
    const run = r?.runs[i];
    if (run === undefined) return '-';
    if (run.ms === null) return 'NO WRITE';
    return run.error === undefined ? run.ms.toFixed(0) : `${run.ms.toFixed(0)} (then failed)`;
  };
  const rows = Array.from({ length: n }, (_, i) => [String(i + 1), ms(e, i), ms(b, i)]);
  rows.push(['median', fmt(e?.medianMs, 0), fmt(b?.medianMs, 0)]);
  return table(['run', 'etcd ms', 'berth ms'], rows);
}

/** Other processes using more than this many cores on average make a row unreliable. */
export const NOISE_CORES = 0.1;

/** One warning per row during which other processes used the CPU. */
export function noiseText(doc: BenchDocument): string[] {
  const lines: string[] = [];
  for (const [name, results] of Object.entries(doc.systems)) {
    for (const l of results?.load ?? []) {
      const cores = l.cpu.otherCpuSec / l.seconds;
      if (cores > NOISE_CORES) {
        lines.push(`WARNING: other processes used ${cores.toFixed(2)} cores on average during ${name} at ${l.concurrency} clients: that row is not reliable`);
      }
    }
  }
  return lines;
}

export function machineText(m: Machine): string {
  return [
    `machine: ${m.cores} cores (${m.cpuModel}), ${m.memoryGiB} GiB, ${m.platform}`,
    `node ${m.node}; etcd ${m.etcdVersion}; berth ${m.berthVersion}; data dirs in ${m.tmpDir}; load average at start ${m.loadAverage1m}`,
  ].join('\n');
}

export function targetsText(t: Targets): string {
  const mark = (v: boolean | null): string => (v === null ? 'not measured' : v ? 'met' : 'NOT met');
  return [
    `target berth >= 1.0x etcd writes/s at max clients: ${mark(t.throughputAtMaxConcurrency)}`,
    `target berth p99 <= etcd p99 at max clients:       ${mark(t.p99AtMaxConcurrency)}`,
    `target berth failover median < ${FAILOVER_TARGET_MS} ms:          ${mark(t.failoverMedianUnder1500Ms)}`,
  ].join('\n');
}
