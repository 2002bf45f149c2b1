// `npm run bench:api`: the object API of a 3-replica berth cluster (real `berth server`
// processes on 127.0.0.1, started by the Raft benchmark's BerthSystem) through the SDK:
//   (a) light load — sequential creates, gets and lists of small ConfigMaps from one caller;
//   (b) 64 concurrent callers creating ConfigMaps, with the latency of gets under that load;
//   (c) watch fan-out — 100 watchers of one namespace's ConfigMaps, spread over the replicas,
//       while 32 writers make 10,000 changes; each change carries its write time, so delivery
//       latency is measured for every (watcher, change) pair, and every change must reach every
//       watcher exactly once.
// Prints a table with the targets next to the figures, and one JSON line (also written to a file).
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect } from '../../client/index.js';
import type { KubeObject, ObjectApi, ObjectWatch } from '../../client/index.js';
import type { Resources } from '../support/procs.js';
import { errorText } from '../support/procs.js';
import { BerthSystem } from './berth-system.js';
import { cpuSecondsAll } from './cpu.js';
import { benchMain, machineFacts, makeWorkDir, printReport, runPhase } from './harness.js';
import type { MachineFacts } from './harness.js';
import { runLoad } from './load.js';
import type { LoadResult } from './load.js';
import { Samples, percentile, round } from './stats.js';
import type { Writer } from './system.js';

// --- options ---------------------------------------------------------------------------------

interface ApiBenchOptions {
  /** Sequential creates, then gets, from one caller. @default 200 (--quick 50) */
  readonly lightOps: number;
  /** Sequential lists from one caller. @default 50 (--quick 10) */
  readonly lightLists: number;
  /** Items per list page in (a). @default 100 */
  readonly listLimit: number;
  /** Concurrent creating callers in (b). @default 64 */
  readonly loadCallers: number;
  /** Measured seconds of (b), after loadWarmupSeconds. @default 10 (--quick 3) */
  readonly loadSeconds: number;
  /** @default 1 */
  readonly loadWarmupSeconds: number;
  /** Watchers in (c). @default 100 */
  readonly watchers: number;
  /** Changes made while they watch. @default 10_000 (--quick 1_000) */
  readonly changes: number;
  /** Concurrent writers making the changes. @default 32 */
  readonly writers: number;
  /** Changes per second, all writers together; 0: as fast as they go. @default 0 */
  readonly rate: number;
  /** Deadline of one SDK call attempt. @default 10_000 */
  readonly requestTimeoutMs: number;
  /** @default test/bench/results/api-<timestamp>.json */
  readonly jsonFile: string;
  /** Keep data dirs and logs. @default false */
  readonly keepTemp: boolean;
  /** @default client/cli/bin.js, else dist/client/cli/bin.js */
  readonly berthBin: string | undefined;
}

const USAGE = `usage: node dist/test/bench/api-bench.js [flags]
  --quick            a short run: 50 light ops, 3 s of load, 1,000 watched changes
  --seconds N        measured seconds of the 64-caller load (default 10)
  --watchers N       watchers in the fan-out (default 100)
  --changes N        changes made while they watch (default 10000)
  --rate N           pace the changes at N per second (default: as fast as 32 writers go)
  --json FILE        JSON output (default test/bench/results/api-<timestamp>.json)
  --keep-temp        keep data dirs and logs (the path is printed)
  --berth-bin FILE   berth CLI entrypoint (default client/cli/bin.js or dist/client/cli/bin.js)`;

function positiveInt(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name}: must be an integer >= 1 (got ${raw})`);
  return n;
}

function parseApiBenchArgs(argv: readonly string[], now = new Date()): ApiBenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      quick: { type: 'boolean' },
      seconds: { type: 'string' },
      watchers: { type: 'string' },
      changes: { type: 'string' },
      rate: { type: 'string' },
      json: { type: 'string' },
      'keep-temp': { type: 'boolean' },
      'berth-bin': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) throw new Error(USAGE);
  const quick = values.quick === true;
  return {
    lightOps: quick ? 50 : 200,
    lightLists: quick ? 10 : 50,
    listLimit: 100,
    loadCallers: 64,
    loadSeconds: positiveInt('seconds', values.seconds, quick ? 3 : 10),
    loadWarmupSeconds: 1,
    watchers: positiveInt('watchers', values.watchers, 100),
    changes: positiveInt('changes', values.changes, quick ? 1_000 : 10_000),
    writers: 32,
    rate: values.rate === undefined ? 0 : positiveInt('rate', values.rate, 0),
    requestTimeoutMs: 10_000,
    jsonFile: values.json ?? join('test', 'bench', 'results', `api-${now.toISOString().replace(/[:.]/g, '-')}.json`),
    keepTemp: values['keep-temp'] === true,
    berthBin: values['berth-bin'],
  };
}

// --- shared ----------------------------------------------------------------------------------

/** Targets from the issue. */
const CREATE_P99_TARGET_MS = 20;
const WATCH_P99_TARGET_MS = 50;
/** Names per fan-out writer: its first write of a name creates it, later ones update it. */
const NAMES_PER_WRITER = 16;
/** Annotations of a fan-out change: its sequence number and its write time (ms since T0). */
const SEQ_ANNOTATION = 'bench.berth.dev/seq';
const WRITTEN_ANNOTATION = 'bench.berth.dev/written-ms';
/** The object whose arrival tells that a watcher's stream is open. */
const READY_NAME = 'fanout-ready';
/** How long watchers may take to see READY_NAME. */
const WATCH_READY_TIMEOUT_MS = 30_000;
/** After the writers are done, wait this long without a new delivery before counting. */
const DRAIN_IDLE_MS = 5_000;
/** A bound on the whole wait for deliveries after the writes. */
const DRAIN_MAX_MS = 120_000;
const MAX_ERROR_SAMPLES = 5;
const T0 = process.hrtime.bigint();

/** Milliseconds since this process started measuring: one clock for writers and watchers. */
function nowMs(): number {
  return Number(process.hrtime.bigint() - T0) / 1e6;
}

function log(message: string): void {
  console.error(`[api-bench] ${message}`);
}

function configMap(namespace: string, name: string, data: Record<string, string>, annotations?: Record<string, string>): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace, ...(annotations ? { annotations } : {}) }, data };
}

async function ensureNamespace(api: ObjectApi, name: string): Promise<void> {
  await api.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
}

interface LatencySummary {
  readonly ops: number;
  readonly errors: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly errorSamples: string[];
}

class Tally {
  readonly samples = new Samples();
  errors = 0;
  readonly errorSamples = new Set<string>();

  async time(op: () => Promise<unknown>): Promise<void> {
    const t0 = performance.now();
    try {
      await op();
      this.samples.add(performance.now() - t0);
    } catch (err) {
      this.error(err);
    }
  }

  error(err: unknown): void {
    this.errors++;
    if (this.errorSamples.size < MAX_ERROR_SAMPLES) this.errorSamples.add(errorText(err));
  }

  summary(): LatencySummary {
    const sorted = this.samples.sorted();
    return {
      ops: sorted.length,
      errors: this.errors,
      p50Ms: round(percentile(sorted, 50), 3),
      p99Ms: round(percentile(sorted, 99), 3),
      maxMs: round(percentile(sorted, 100), 3),
      errorSamples: [...this.errorSamples],
    };
  }
}

// --- (a) light load --------------------------------------------------------------------------

interface LightResult {
  readonly create: LatencySummary;
  readonly get: LatencySummary;
  readonly list: LatencySummary;
}

const LIGHT_NS = 'bench-light';

async function runLight(api: ObjectApi, opts: ApiBenchOptions): Promise<LightResult> {
  await ensureNamespace(api, LIGHT_NS);
  const create = new Tally();
  for (let i = 0; i < opts.lightOps; i++) {
    await create.time(() => api.create(configMap(LIGHT_NS, `light-${i}`, { index: String(i), note: 'small config map' })));
  }
  const get = new Tally();
  for (let i = 0; i < opts.lightOps; i++) await get.time(() => api.get('ConfigMap', `light-${i}`, { namespace: LIGHT_NS }));
  const list = new Tally();
  for (let i = 0; i < opts.lightLists; i++) await list.time(() => api.list('ConfigMap', { namespace: LIGHT_NS, limit: opts.listLimit }));
  return { create: create.summary(), get: get.summary(), list: list.summary() };
}

// --- (b) concurrent creates ------------------------------------------------------------------

interface LoadPhaseResult {
  readonly callers: number;
  readonly create: LoadResult;
  /** One caller's sequential gets while the creates run. */
  readonly getUnderLoad: LatencySummary;
}

const LOAD_NS = 'bench-load';
/** Distinct data values, reused round-robin so that making them costs nothing in the loop. */
const VALUE_POOL_SIZE = 256;

/** A load.ts Writer whose every put creates a new ConfigMap (the key is ignored; names are unique). */
function createWriter(api: ObjectApi, replica: number): Writer {
  let n = 0;
  const values = Array.from({ length: VALUE_POOL_SIZE }, () => randomBytes(96).toString('base64'));
  return {
    put: async () => {
      const i = n++;
      await api.create(configMap(LOAD_NS, `load-r${replica}-${i}`, { value: values[i % values.length] ?? '' }));
    },
    close: () => undefined,
  };
}

/** Sequential gets of the light phase's objects until `stop` says so; only those in the window count. */
async function getLoop(apis: readonly ObjectApi[], opts: ApiBenchOptions, window: { from: number; to: number }): Promise<LatencySummary> {
  const tally = new Tally();
  for (let i = 0; performance.now() < window.to; i++) {
    const api = apis[i % apis.length] as ObjectApi;
    const t0 = performance.now();
    try {
      await api.get('ConfigMap', `light-${i % opts.lightOps}`, { namespace: LIGHT_NS });
      const t1 = performance.now();
      if (t0 >= window.from && t1 <= window.to) tally.samples.add(t1 - t0);
    } catch (err) {
      tally.error(err);
      await sleep(10);
    }
  }
  return tally.summary();
}

async function runConcurrent(apis: readonly ObjectApi[], opts: ApiBenchOptions): Promise<LoadPhaseResult> {
  await ensureNamespace(apis[0] as ObjectApi, LOAD_NS);
  const start = performance.now();
  const window = { from: start + opts.loadWarmupSeconds * 1000, to: start + (opts.loadWarmupSeconds + opts.loadSeconds) * 1000 };
  const gets = getLoop(apis, opts, window);
  const create = await runLoad(
    apis.map((api, i) => createWriter(api, i)),
    { concurrency: opts.loadCallers, warmupMs: opts.loadWarmupSeconds * 1000, durationMs: opts.loadSeconds * 1000, valueBytes: 0 },
  );
  return { callers: opts.loadCallers, create, getUnderLoad: await gets };
}

// --- (c) watch fan-out -----------------------------------------------------------------------

interface FanoutResult {
  readonly watchers: number;
  readonly changes: number;
  readonly writers: number;
  /** Changes acknowledged to the writers; each must reach every watcher once. */
  readonly acknowledged: number;
  readonly writeErrors: number;
  readonly writesPerSec: number;
  readonly expected: number;
  /** Distinct (watcher, change) pairs delivered. */
  readonly delivered: number;
  readonly missing: number;
  readonly duplicates: number;
  /** Deliveries of changes whose write failed (it may have happened anyway). */
  readonly unacknowledgedDeliveries: number;
  readonly latency: { p50Ms: number; p99Ms: number; maxMs: number };
  /** From each write's acknowledgement to its delivery (0 when delivered first). */
  readonly latencyAfterAck: { p50Ms: number; p99Ms: number; maxMs: number };
  /** Of the writes themselves (call to acknowledgement), which the delivery latency includes. */
  readonly writeLatency: { p50Ms: number; p99Ms: number; maxMs: number };
  /** The same per replica the watchers were connected to. */
  readonly byReplica: { replica: string; watchers: number; p50Ms: number; p99Ms: number; maxMs: number }[];
  readonly watchErrors: string[];
  readonly writeErrorSamples: string[];
}

const WATCH_NS = 'bench-watch';

/** One watcher's bookkeeping: how often each change arrived. */
interface Watcher {
  readonly replica: number;
  readonly seen: Uint8Array;
  /** When each change arrived (ms since start), for the latency after acknowledgement. */
  readonly receivedAt: Float64Array;
  ready: boolean;
  watch: ObjectWatch | undefined;
  done: Promise<void>;
}

interface FanoutState {
  readonly watchers: Watcher[];
  readonly latency: Samples;
  readonly byReplica: Samples[];
  deliveries: number;
  lastDeliveryAt: number;
  duplicates: number;
  readonly watchErrors: Set<string>;
}

function onEvent(state: FanoutState, w: Watcher, obj: KubeObject, receivedMs: number): void {
  const annotations = obj.metadata.annotations ?? {};
  const seq = annotations[SEQ_ANNOTATION];
  if (seq === undefined) {
    if (obj.metadata.name === READY_NAME) w.ready = true;
    return;
  }
  const k = Number(seq);
  const before = w.seen[k] ?? 0;
  w.seen[k] = Math.min(255, before + 1);
  state.lastDeliveryAt = performance.now();
  if (before > 0) {
    state.duplicates++;
    return;
  }
  state.deliveries++;
  w.receivedAt[k] = receivedMs;
  const ms = receivedMs - Number(annotations[WRITTEN_ANNOTATION]);
  state.latency.add(ms);
  state.byReplica[w.replica]?.add(ms);
}

function startWatcher(state: FanoutState, api: ObjectApi, replica: number, resourceVersion: string, changes: number): Watcher {
  const w: Watcher = { replica, seen: new Uint8Array(changes), receivedAt: new Float64Array(changes), ready: false, watch: undefined, done: Promise.resolve() };
  const watch = api.watch('ConfigMap', { namespace: WATCH_NS, resourceVersion });
  w.watch = watch;
  w.done = (async () => {
    try {
      for await (const ev of watch) onEvent(state, w, ev.object, nowMs());
    } catch (err) {
      if (state.watchErrors.size < MAX_ERROR_SAMPLES) state.watchErrors.add(errorText(err));
    }
  })();
  return w;
}

async function waitUntil(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) return false;
    await sleep(20);
  }
  return true;
}

/** 32 writers share the change numbers; each creates its own names, then updates them. */
async function writeChanges(apis: readonly ObjectApi[], opts: ApiBenchOptions, acked: Uint8Array, ackedAt: Float64Array, tally: Tally): Promise<void> {
  const startedAt = performance.now();
  let next = 0;
  const writer = async (j: number): Promise<void> => {
    const api = apis[j % apis.length] as ObjectApi;
    for (let n = 0; ; n++) {
      const k = next++;
      if (k >= opts.changes) return;
      if (opts.rate > 0) {
        const due = startedAt + (k * 1000) / opts.rate;
        if (due > performance.now()) await sleep(due - performance.now());
      }
      const obj = configMap(WATCH_NS, `fan-${j}-${n % NAMES_PER_WRITER}`, { change: String(k) }, {
        [SEQ_ANNOTATION]: String(k),
        [WRITTEN_ANNOTATION]: nowMs().toFixed(3),
      });
      const t0 = performance.now();
      try {
        await (n < NAMES_PER_WRITER ? api.create(obj) : api.update(obj));
        tally.samples.add(performance.now() - t0);
        acked[k] = 1;
        ackedAt[k] = nowMs();
      } catch (err) {
        tally.error(err);
      }
    }
  };
  await Promise.all(Array.from({ length: opts.writers }, (_, j) => writer(j)));
}

async function openWatchers(state: FanoutState, apis: readonly ObjectApi[], opts: ApiBenchOptions): Promise<void> {
  const api0 = apis[0] as ObjectApi;
  await ensureNamespace(api0, WATCH_NS);
  const { metadata } = await api0.list('ConfigMap', { namespace: WATCH_NS, limit: 1 });
  for (let w = 0; w < opts.watchers; w++) {
    const replica = w % apis.length;
    state.watchers.push(startWatcher(state, apis[replica] as ObjectApi, replica, metadata.resourceVersion, opts.changes));
  }
  // Watches start from the list's revision, so nothing is lost; this waits until every stream is
  // open, so that stream set-up does not count as delivery latency.
  await api0.create(configMap(WATCH_NS, READY_NAME, { ready: 'yes' }));
  if (!(await waitUntil(() => state.watchers.every((w) => w.ready), WATCH_READY_TIMEOUT_MS))) {
    const ready = state.watchers.filter((w) => w.ready).length;
    throw new Error(`only ${ready} of ${opts.watchers} watchers saw the first change within ${WATCH_READY_TIMEOUT_MS} ms`);
  }
}

/**
 * Delivery measured from the writer's acknowledgement instead of from the start of the write:
 * the watch path's own cost, without the write's queueing under load. A change delivered before
 * its writer heard back counts as 0.
 */
function afterAck(state: FanoutState, acked: Uint8Array, ackedAt: Float64Array): Samples {
  const samples = new Samples();
  for (const w of state.watchers) {
    for (let k = 0; k < w.seen.length; k++) {
      if (w.seen[k]! > 0 && acked[k] === 1) samples.add(Math.max(0, w.receivedAt[k]! - ackedAt[k]!));
    }
  }
  return samples;
}

function countDeliveries(state: FanoutState, acked: Uint8Array): { delivered: number; unacknowledged: number } {
  let delivered = 0;
  let unacknowledged = 0;
  for (const w of state.watchers) {
    for (let k = 0; k < w.seen.length; k++) {
      if ((w.seen[k] ?? 0) === 0) continue;
      if (acked[k] === 1) delivered++;
      else unacknowledged++;
    }
  }
  return { delivered, unacknowledged };
}

function latencyOf(samples: Samples): { p50Ms: number; p99Ms: number; maxMs: number } {
  const sorted = samples.sorted();
  return { p50Ms: round(percentile(sorted, 50), 3), p99Ms: round(percentile(sorted, 99), 3), maxMs: round(percentile(sorted, 100), 3) };
}

async function runFanout(apis: readonly ObjectApi[], replicaIds: readonly string[], opts: ApiBenchOptions): Promise<FanoutResult> {
  const state: FanoutState = {
    watchers: [],
    latency: new Samples(),
    byReplica: apis.map(() => new Samples()),
    deliveries: 0,
    lastDeliveryAt: performance.now(),
    duplicates: 0,
    watchErrors: new Set(),
  };
  try {
    await openWatchers(state, apis, opts);
    const acked = new Uint8Array(opts.changes);
    const ackedAt = new Float64Array(opts.changes);
    const writes = new Tally();
    const t0 = performance.now();
    await writeChanges(apis, opts, acked, ackedAt, writes);
    const writeSeconds = (performance.now() - t0) / 1000;
    const acknowledged = acked.reduce((a, b) => a + b, 0);
    const expected = acknowledged * opts.watchers;
    const drainStart = performance.now();
    await waitUntil(
      () => state.deliveries >= expected || performance.now() - state.lastDeliveryAt > DRAIN_IDLE_MS || performance.now() - drainStart > DRAIN_MAX_MS,
      DRAIN_MAX_MS + 1_000,
    );
    const { delivered, unacknowledged } = countDeliveries(state, acked);
    return {
      watchers: opts.watchers,
      changes: opts.changes,
      writers: opts.writers,
      acknowledged,
      writeErrors: writes.errors,
      writesPerSec: round(acknowledged / writeSeconds, 1),
      expected,
      delivered,
      missing: expected - delivered,
      duplicates: state.duplicates,
      unacknowledgedDeliveries: unacknowledged,
      latency: latencyOf(state.latency),
      latencyAfterAck: latencyOf(afterAck(state, acked, ackedAt)),
      writeLatency: latencyOf(writes.samples),
      byReplica: state.byReplica.map((s, i) => ({ replica: replicaIds[i] ?? String(i), watchers: state.watchers.filter((w) => w.replica === i).length, ...latencyOf(s) })),
      watchErrors: [...state.watchErrors],
      writeErrorSamples: [...writes.errorSamples],
    };
  } finally {
    for (const w of state.watchers) w.watch?.close();
    await Promise.race([Promise.all(state.watchers.map((w) => w.done)), sleep(5_000)]);
  }
}

// --- report ----------------------------------------------------------------------------------

interface ApiBenchDocument {
  readonly benchmark: 'api';
  readonly startedAt: string;
  readonly machine: MachineFacts;
  readonly options: Omit<ApiBenchOptions, 'jsonFile'>;
  readonly leader: string;
  readonly light?: LightResult;
  readonly load?: LoadPhaseResult;
  readonly fanout?: FanoutResult;
  /** CPU seconds used by each replica and by this process over the whole run. */
  readonly cpu: { replicas: Record<string, number>; benchSec: number };
  readonly errors: Record<string, string>;
  readonly targets: { lightCreateP99Under20Ms: boolean | null; watchDeliveryP99Under50Ms: boolean | null };
}

function fmt(value: number | undefined, digits = 2): string {
  return value === undefined || Number.isNaN(value) ? '-' : value.toFixed(digits);
}

function mark(ok: boolean | null): string {
  return ok === null ? 'not measured' : ok ? 'met' : 'NOT met';
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function summaryRow(name: string, s: LatencySummary | undefined, rate: string, target: string): string[] {
  return [name, String(s?.ops ?? '-'), String(s?.errors ?? '-'), rate, fmt(s?.p50Ms), fmt(s?.p99Ms), fmt(s?.maxMs), target];
}

function judge(doc: Omit<ApiBenchDocument, 'targets'>): ApiBenchDocument['targets'] {
  const create = doc.light?.create;
  const watch = doc.fanout;
  return {
    lightCreateP99Under20Ms: create === undefined || create.ops === 0 ? null : create.p99Ms < CREATE_P99_TARGET_MS,
    watchDeliveryP99Under50Ms: watch === undefined || watch.delivered === 0 ? null : watch.latencyAfterAck.p99Ms < WATCH_P99_TARGET_MS && watch.missing === 0,
  };
}

function phaseTable(doc: ApiBenchDocument): string {
  const { light, load, fanout } = doc;
  const o = doc.options;
  const c = load?.create;
  const rows = [
    summaryRow(`(a) create, 1 caller, ${o.lightOps} ops`, light?.create, '-', `p99 < ${CREATE_P99_TARGET_MS} ms: ${mark(doc.targets.lightCreateP99Under20Ms)}`),
    summaryRow(`(a) get, 1 caller, ${o.lightOps} ops`, light?.get, '-', ''),
    summaryRow(`(a) list limit ${o.listLimit}, 1 caller`, light?.list, '-', ''),
    [`(b) create, ${o.loadCallers} callers, ${o.loadSeconds} s`, String(c?.writes ?? '-'), String(c?.errors ?? '-'), fmt(c?.writesPerSec, 0), fmt(c?.p50Ms), fmt(c?.p99Ms), fmt(c?.maxMs), ''],
    summaryRow('(b) get under that load, 1 caller', load?.getUnderLoad, '-', ''),
    [
      `(c) watch delivery from write start, ${o.watchers} x ${o.changes}`,
      fanout === undefined ? '-' : `${fanout.delivered}/${fanout.expected}`,
      String(fanout?.writeErrors ?? '-'),
      fmt(fanout?.writesPerSec, 0),
      fmt(fanout?.latency.p50Ms),
      fmt(fanout?.latency.p99Ms),
      fmt(fanout?.latency.maxMs),
      '',
    ],
    [
      `(c) watch delivery after the write's ack`,
      fanout === undefined ? '-' : `${fanout.delivered}/${fanout.expected}`,
      '',
      '',
      fmt(fanout?.latencyAfterAck.p50Ms),
      fmt(fanout?.latencyAfterAck.p99Ms),
      fmt(fanout?.latencyAfterAck.maxMs),
      `p99 < ${WATCH_P99_TARGET_MS} ms: ${mark(doc.targets.watchDeliveryP99Under50Ms)}`,
    ],
  ];
  return table(['phase', 'ops', 'errors', 'ops/s', 'p50 ms', 'p99 ms', 'max ms', 'target'], rows);
}

function fanoutText(f: FanoutResult | undefined): string[] {
  if (f === undefined) return [];
  const lines = [
    `watch fan-out: ${f.watchers} watchers (${f.byReplica.map((r) => `${r.watchers} on ${r.replica}`).join(', ')}), ${f.writers} writers, ` +
      `${f.acknowledged} of ${f.changes} changes acknowledged (${f.writeErrors} write errors), ${f.writesPerSec} changes/s`,
    `  the writes themselves (included in the delivery latency): p50 ${fmt(f.writeLatency.p50Ms)} / p99 ${fmt(f.writeLatency.p99Ms)} / max ${fmt(f.writeLatency.maxMs)} ms`,
    `  delivered ${f.delivered} of ${f.expected} expected (watcher, change) pairs; missing ${f.missing}; duplicated ${f.duplicates}` +
      `; deliveries of unacknowledged changes ${f.unacknowledgedDeliveries}`,
    `  latency per replica watched: ${f.byReplica.map((r) => `${r.replica} p50 ${fmt(r.p50Ms)} / p99 ${fmt(r.p99Ms)} / max ${fmt(r.maxMs)} ms`).join('; ')}`,
  ];
  if (f.watchErrors.length > 0) lines.push(`  watch errors: ${f.watchErrors.join(' | ')}`);
  if (f.writeErrorSamples.length > 0) lines.push(`  write errors: ${f.writeErrorSamples.join(' | ')}`);
  return lines;
}

function printDocument(doc: ApiBenchDocument): void {
  const out = [
    phaseTable(doc),
    '',
    ...fanoutText(doc.fanout),
    `CPU seconds over the run: ${Object.entries(doc.cpu.replicas).map(([id, s]) => `${id} ${s}`).join(', ')}, benchmark process ${doc.cpu.benchSec}`,
  ];
  for (const [phase, error] of Object.entries(doc.errors)) out.push(`${phase} FAILED: ${error}`);
  const samples = [...(doc.light?.create.errorSamples ?? []), ...(doc.load?.create.errorSamples ?? [])];
  if (samples.length > 0) out.push(`errors seen: ${samples.join(' | ')}`);
  printReport(`berth object API: 3 replicas on 127.0.0.1 (leader ${doc.leader}); (a) against the leader, (b) and (c) spread over all replicas.`, doc.machine, out, doc);
}

// --- run -------------------------------------------------------------------------------------

async function run(opts: ApiBenchOptions, resources: Resources): Promise<ApiBenchDocument> {
  const startedAt = new Date();
  const workDir = await makeWorkDir(resources, { prefix: 'berth-api-bench-', keepTemp: opts.keepTemp, contents: 'data dirs and logs', log });
  const system = new BerthSystem(resources, { workDir, bin: opts.berthBin });
  log('starting 3 replicas');
  await system.start();
  const leaderIndex = await system.leader();
  const ids = Array.from({ length: system.size }, (_, i) => `r${i + 1}`);
  // One SDK client per replica, so that the replica each caller and watcher uses is known.
  const clients = ids.map((_, i) => connect({ servers: [system.endpoint(i)], timeoutMs: opts.requestTimeoutMs }));
  // The phases use only the SDK's object calls (ObjectApi), which Client implements.
  const apis: readonly ObjectApi[] = clients;
  const cpuBefore = { replicas: cpuSecondsAll(system.pids()), bench: process.cpuUsage() };
  const errors: Record<string, string> = {};
  try {
    const light = await runPhase('(a) light load', errors, log, () => runLight(apis[leaderIndex] as ObjectApi, opts));
    const load = await runPhase('(b) concurrent creates', errors, log, () => runConcurrent(apis, opts));
    const fanout = await runPhase('(c) watch fan-out', errors, log, () => runFanout(apis, ids, opts));
    const replicaCpu = cpuSecondsAll(system.pids());
    const bench = process.cpuUsage(cpuBefore.bench);
    const body = {
      benchmark: 'api' as const,
      startedAt: startedAt.toISOString(),
      machine: machineFacts(),
      options: (({ jsonFile: _j, ...rest }) => rest)(opts),
      leader: ids[leaderIndex] ?? '?',
      ...(light ? { light } : {}),
      ...(load ? { load } : {}),
      ...(fanout ? { fanout } : {}),
      cpu: {
        replicas: Object.fromEntries(ids.map((id, i) => [id, round((replicaCpu[i] ?? 0) - (cpuBefore.replicas[i] ?? 0))])),
        benchSec: round((bench.user + bench.system) / 1e6),
      },
      errors,
    };
    return { ...body, targets: judge(body) };
  } finally {
    for (const c of clients) c.close();
    await system.stop();
  }
}

benchMain({
  parse: parseApiBenchArgs,
  log,
  run,
  print: printDocument,
  jsonFile: (opts) => opts.jsonFile,
  makeJsonDir: true,
  failed: (doc) => Object.keys(doc.errors).length > 0,
}).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
