// What every benchmark script does around its measurements, so that they report alike: the
// machine's facts and the header line that shows them, the scratch dir, the flags and the runs
// of benchmarks in phases (a phase fails on its own), and main()'s frame (bad flags, Ctrl-C,
// printing, the JSON file, the exit code).
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { cpus, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { Resources, errorText } from '../support/procs.js';
import { round } from './stats.js';

export type Log = (message: string) => void;

/** The flags of the benchmarks that run in phases. */
export interface PhaseFlags<P extends string> {
  readonly quick: boolean;
  /** --only PHASE, or all of them in their order. */
  readonly phases: readonly P[];
  readonly jsonFile: string | undefined;
  readonly keepTemp: boolean;
}

/** --quick, --only PHASE, --json FILE and --keep-temp; throws with the usage text on -h and on a phase not in `phases`. */
export function parsePhaseFlags<P extends string>(argv: readonly string[], phases: readonly P[], usage: string): PhaseFlags<P> {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      quick: { type: 'boolean' },
      only: { type: 'string' },
      json: { type: 'string' },
      'keep-temp': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) throw new Error(usage);
  const only = values.only;
  if (only !== undefined && !(phases as readonly string[]).includes(only)) throw new Error(`--only: must be one of ${phases.join(', ')} (got ${only})\n${usage}`);
  return {
    quick: values.quick === true,
    phases: only === undefined ? phases : [only as P],
    jsonFile: values.json,
    keepTemp: values['keep-temp'] === true,
  };
}

/** The machine a run was measured on. The key order is the JSON document's. */
export interface MachineFacts {
  readonly cores: number;
  readonly cpuModel: string;
  readonly memoryGiB: number;
  readonly node: string;
  readonly platform: string;
  /** 1-minute load average when the run started: other work on the machine skews results. */
  readonly loadAverage1m: number;
}

export function machineFacts(): MachineFacts {
  return {
    cores: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: round(totalmem() / 1024 ** 3, 1),
    node: process.version,
    platform: `${platform()} ${release()}`,
    loadAverage1m: round(loadavg()[0] ?? 0),
  };
}

export function machineLine(m: MachineFacts): string {
  return `machine: ${m.cores} cores (${m.cpuModel}), ${m.memoryGiB} GiB, ${m.platform}; node ${m.node}; load average at start ${m.loadAverage1m}`;
}

/**
 * Prints the report: a blank line, the title, the machine, a blank line, the body and a blank
 * line; then the JSON document on one line, for whoever reads the output rather than the file.
 */
export function printReport(title: string, m: MachineFacts, body: readonly string[], doc: unknown): void {
  console.log(['', title, machineLine(m), '', ...body, ''].join('\n'));
  console.log(JSON.stringify(doc));
}

export interface WorkDirOptions {
  /** Of the dir's name under the system's temp dir, e.g. `berth-api-bench-`. */
  readonly prefix: string;
  /** --keep-temp: the dir outlives the run, and its path is printed. */
  readonly keepTemp: boolean;
  /** What the dir holds, for the line that says where it is. */
  readonly contents: string;
  readonly log: Log;
}

/** The run's scratch dir. A kept dir is not registered for cleanup; otherwise Ctrl-C and errors remove it too. */
export async function makeWorkDir(res: Resources, o: WorkDirOptions): Promise<string> {
  const workDir = o.keepTemp ? await mkdtemp(join(tmpdir(), o.prefix)) : await res.tempDir(o.prefix);
  o.log(o.keepTemp ? `${o.contents} kept in ${workDir}` : `${o.contents} in ${workDir} (removed at the end; --keep-temp keeps them)`);
  return workDir;
}

/** The start of a phased benchmark's JSON document; each phase's result is added after `errors` as it finishes. */
export interface PhaseDocument<B extends string, O> {
  readonly benchmark: B;
  readonly startedAt: string;
  readonly machine: MachineFacts;
  /** The options, less where the document itself goes. */
  readonly options: Omit<O, 'jsonFile'>;
  readonly errors: Record<string, string>;
}

export function phaseDocument<B extends string, O extends { readonly jsonFile: unknown }>(benchmark: B, opts: O): PhaseDocument<B, O> {
  const { jsonFile: _j, ...options } = opts;
  return { benchmark, startedAt: new Date().toISOString(), machine: machineFacts(), options, errors: {} };
}

/** Runs one phase; a failure is recorded in `errors` under the phase's name, so that the next phase still runs. */
export async function runPhase<T>(name: string, errors: Record<string, string>, log: Log, body: () => Promise<T>): Promise<T | undefined> {
  log(`${name} ...`);
  try {
    return await body();
  } catch (err) {
    errors[name] = errorText(err);
    log(`${name} failed: ${errors[name]}`);
    return undefined;
  }
}

/** Runs the phases in order, each one's result going to `doc[phase]` and its failure to `doc.errors[phase]`. */
export async function runPhases<P extends string>(
  doc: { readonly errors: Record<string, string> },
  phases: readonly P[],
  log: Log,
  run: (phase: P) => Promise<unknown>,
): Promise<void> {
  for (const phase of phases) {
    const result = await runPhase(phase, doc.errors, log, () => run(phase));
    if (result !== undefined) (doc as unknown as Record<string, unknown>)[phase] = result;
  }
}

export interface BenchMain<O, D> {
  /** Throws with the usage text on bad flags. */
  readonly parse: (argv: readonly string[]) => O;
  readonly log: Log;
  /** Ctrl-C or SIGTERM, before every process started is stopped. */
  readonly onSignal?: () => void;
  readonly run: (opts: O, res: Resources) => Promise<D>;
  readonly print: (doc: D, opts: O) => void;
  /** Where the JSON document goes, if anywhere. */
  readonly jsonFile: (opts: O) => string | undefined;
  /** Creates the JSON file's folder first: the default paths are under test/bench/results/, which git does not keep while empty. */
  readonly makeJsonDir: boolean;
  /** Whether a system or phase could not be measured: the exit code is then 1. */
  readonly failed: (doc: D, opts: O) => boolean;
}

/** A benchmark's main(): returns the exit code, 2 for bad flags. */
export async function benchMain<O, D>(b: BenchMain<O, D>): Promise<number> {
  let opts: O;
  try {
    opts = b.parse(process.argv.slice(2));
  } catch (err) {
    console.error(errorText(err));
    return 2;
  }
  const res = new Resources();
  res.installSignalHandlers((signal) => {
    b.log(`${signal}: stopping every process we started`);
    b.onSignal?.();
  });
  try {
    const doc = await b.run(opts, res);
    b.print(doc, opts);
    const file = b.jsonFile(opts);
    if (file !== undefined) {
      if (b.makeJsonDir) await mkdir(dirname(file), { recursive: true });
      await writeFile(file, `${JSON.stringify(doc, null, 2)}\n`);
      b.log(`JSON written to ${file}`);
    }
    return b.failed(doc, opts) ? 1 : 0;
  } finally {
    await res.cleanup();
  }
}
