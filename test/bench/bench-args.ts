// Command-line flags of `npm run bench:raft`, compiled once into BenchOptions.
import { join } from 'node:path';
import { parseArgs } from 'node:util';

export type SystemName = 'etcd' | 'berth';

export interface BenchOptions {
  /** Systems to measure, in this order. @default ['etcd', 'berth'] */
  readonly systems: SystemName[];
  /**
   * Start all systems at once and alternate between them at each concurrency (etcd, then berth);
   * false runs one system at a time. @default true
   */
  readonly interleave: boolean;
  /** Concurrent client loops, one measurement each. @default [1, 16, 256] */
  readonly concurrency: number[];
  /** Measured seconds per concurrency. @default 10 */
  readonly seconds: number;
  /** Warm-up seconds before each measurement. @default 2 */
  readonly warmupSeconds: number;
  /** gRPC channels shared by the client loops, per system. @default 4 */
  readonly channels: number;
  /** @default 256 */
  readonly valueBytes: number;
  /** Deadline of one put under load. @default 10_000 */
  readonly requestTimeoutMs: number;
  /** Failover runs per system; 0 skips failover. @default 10 */
  readonly failoverRuns: number;
  /** Also measure etcd's failover, as a reference row. @default true */
  readonly etcdFailover: boolean;
  /** Where the JSON document goes. @default test/bench/results/raft-<timestamp>.json */
  readonly jsonFile: string;
  /** Keep the temp dir with data and logs instead of removing it. @default false */
  readonly keepTemp: boolean;
  /** The berth CLI entrypoint. @default client/cli/bin.js, else dist/client/cli/bin.js */
  readonly berthBin: string | undefined;
  /** Extra node flags for the berth servers, e.g. ['--cpu-prof', '--cpu-prof-dir=/tmp/prof']. @default [] */
  readonly berthNodeArgs: string[];
  /** @default 'etcd' */
  readonly etcdBin: string;
}

const USAGE = `usage: node dist/test/bench/raft-bench.js [flags]
  --seconds N           measured seconds per concurrency (default 10)
  --warmup N            warm-up seconds before each measurement (default 2)
  --concurrency LIST    client loops, comma-separated (default 1,16,256)
  --channels N          gRPC channels shared by the loops (default 4)
  --systems LIST        etcd,berth (default both, in that order)
  --sequential          run one cluster at a time (default: both clusters up, and at
                        each concurrency etcd, then berth)
  --failover-runs N     kill -9 runs per system, 0 to skip (default 10)
  --no-etcd-failover    skip etcd's failover reference row
  --json FILE           JSON output (default test/bench/results/raft-<timestamp>.json)
  --keep-temp           keep data dirs and logs (the path is printed)
  --berth-bin FILE      berth CLI entrypoint (default client/cli/bin.js or dist/client/cli/bin.js)
  --berth-node-args=S   extra node flags for berth servers, space-separated, after "="
                        (e.g. --berth-node-args="--cpu-prof --cpu-prof-dir=/tmp/prof")
  --etcd-bin FILE       etcd binary (default etcd on PATH)`;

function positiveInt(name: string, raw: string | undefined, fallback: number, min = 1): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name}: must be an integer >= ${min} (got ${raw})`);
  return n;
}

function positiveNumber(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name}: must be a number > 0 (got ${raw})`);
  return n;
}

function parseSystems(raw: string | undefined): SystemName[] {
  if (raw === undefined) return ['etcd', 'berth'];
  const names = raw.split(',').map((s) => s.trim());
  for (const n of names) if (n !== 'etcd' && n !== 'berth') throw new Error(`--systems: etcd or berth (got ${n})`);
  return names as SystemName[];
}

function defaultJsonFile(now: Date): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  return join('test', 'bench', 'results', `raft-${stamp}.json`);
}

export function usage(): string {
  return USAGE;
}

export function parseBenchArgs(argv: readonly string[], now = new Date()): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      seconds: { type: 'string' },
      warmup: { type: 'string' },
      concurrency: { type: 'string' },
      channels: { type: 'string' },
      systems: { type: 'string' },
      sequential: { type: 'boolean' },
      'failover-runs': { type: 'string' },
      'no-etcd-failover': { type: 'boolean' },
      json: { type: 'string' },
      'keep-temp': { type: 'boolean' },
      'berth-bin': { type: 'string' },
      'berth-node-args': { type: 'string' },
      'etcd-bin': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help === true) throw new Error(USAGE);
  const concurrency = (values.concurrency ?? '1,16,256').split(',').map((c) => positiveInt('concurrency', c.trim(), 1));
  return {
    systems: parseSystems(values.systems),
    interleave: values.sequential !== true,
    concurrency,
    seconds: positiveNumber('seconds', values.seconds, 10),
    warmupSeconds: values.warmup === '0' ? 0 : positiveNumber('warmup', values.warmup, 2),
    channels: positiveInt('channels', values.channels, 4),
    valueBytes: 256,
    requestTimeoutMs: 10_000,
    failoverRuns: positiveInt('failover-runs', values['failover-runs'], 10, 0),
    etcdFailover: values['no-etcd-failover'] !== true,
    jsonFile: values.json ?? defaultJsonFile(now),
    keepTemp: values['keep-temp'] === true,
    berthBin: values['berth-bin'],
    berthNodeArgs: (values['berth-node-args'] ?? '').split(' ').filter((a) => a !== ''),
    etcdBin: values['etcd-bin'] ?? 'etcd',
  };
}
