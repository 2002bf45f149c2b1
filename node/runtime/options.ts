// Options of the process runtime, compiled once with defaults and checks. The agent's entrypoint
// reads flags; everything in node/runtime/ takes the compiled form.
import { isAbsolute, resolve } from 'node:path';
import { pino } from 'pino';
import type { Logger } from 'pino';
import { BerthError } from '../../client/index.js';

/** The PATH an instance's argv[0] is looked up in when its env has none (as a shell's default). */
export const DEFAULT_CONTAINER_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export interface ProcessRuntimeOptions {
  /** Everything lives under `<dataDir>/pods/<podUid>/` (logs, state, container dirs). Required. */
  dataDir: string;
  /** A container's log file is rotated above this size, in bytes. @default 10485760 (10 MiB) */
  logMaxBytes?: number;
  /** Rotated files (`<attempt>.log.1` …) kept per instance; 0 truncates without a copy. @default 1 */
  logMaxFiles?: number;
  /** Newest instances per container whose logs are kept (current + previous for `logs --previous`). @default 2 */
  instancesKeptPerContainer?: number;
  /** The cgroup filesystem: a cgroup2 mount, or the directory holding v1 hierarchies; 'off': no cgroups. @default autodetect */
  cgroupRoot?: string;
  /** Relative path under the cgroup root that holds `<podUid>/<name>-<attempt>`. @default 'berth' */
  cgroupParent?: string;
  /** How often an adopted instance (not our child) is checked for having exited. @default 500 */
  adoptedPollMs?: number;
  /** How often running instances' log sizes are checked for rotation. @default 1000 */
  logCheckIntervalMs?: number;
  /** How often a followed log is checked for new data. @default 200 */
  logFollowPollMs?: number;
  /** Output an exec session buffers before its process is paused (backpressure), in bytes. @default 1048576 (1 MiB) */
  execMaxBufferedBytes?: number;
  /** How long removePod waits for killed processes to be gone before deleting anyway. @default 10000 */
  removePodWaitMs?: number;
  /** @default a silent logger */
  logger?: Logger;
}

export interface CompiledProcessRuntimeOptions {
  readonly dataDir: string;
  readonly logMaxBytes: number;
  readonly logMaxFiles: number;
  readonly instancesKeptPerContainer: number;
  /** undefined: autodetect. */
  readonly cgroupRoot: string | 'off' | undefined;
  readonly cgroupParent: string;
  readonly adoptedPollMs: number;
  readonly logCheckIntervalMs: number;
  readonly logFollowPollMs: number;
  readonly execMaxBufferedBytes: number;
  readonly removePodWaitMs: number;
  readonly logger: Logger;
}

function invalid(field: string, rule: string, got: unknown): BerthError {
  return new BerthError('INVALID_ARGUMENT', `${field}: ${rule} (got ${JSON.stringify(got)})`, { details: { field } });
}

function int(field: string, value: number, min: number): number {
  if (!Number.isSafeInteger(value) || value < min) throw invalid(field, `must be an integer >= ${min}`, value);
  return value;
}

function cgroupParent(value: string): string {
  const parts = value.split('/');
  if (value === '' || isAbsolute(value) || parts.some((p) => p === '' || p === '.' || p === '..')) {
    throw invalid('cgroupParent', 'must be a relative path without empty, "." or ".." segments', value);
  }
  return value;
}

function cgroupRoot(value: string | undefined): string | 'off' | undefined {
  if (value === undefined || value === 'off') return value;
  if (!isAbsolute(value)) throw invalid('cgroupRoot', 'must be an absolute path or "off"', value);
  return value;
}

export function compileProcessRuntimeOptions(raw: ProcessRuntimeOptions): CompiledProcessRuntimeOptions {
  if (typeof raw.dataDir !== 'string' || raw.dataDir === '') throw invalid('dataDir', 'required (a directory for pods)', raw.dataDir);
  return {
    // Resolved once: a relative --data would otherwise mean something else in a container's cwd.
    dataDir: resolve(raw.dataDir),
    logMaxBytes: int('logMaxBytes', raw.logMaxBytes ?? 10 * 1024 * 1024, 1),
    logMaxFiles: int('logMaxFiles', raw.logMaxFiles ?? 1, 0),
    instancesKeptPerContainer: int('instancesKeptPerContainer', raw.instancesKeptPerContainer ?? 2, 1),
    cgroupRoot: cgroupRoot(raw.cgroupRoot),
    cgroupParent: cgroupParent(raw.cgroupParent ?? 'berth'),
    adoptedPollMs: int('adoptedPollMs', raw.adoptedPollMs ?? 500, 1),
    logCheckIntervalMs: int('logCheckIntervalMs', raw.logCheckIntervalMs ?? 1000, 1),
    logFollowPollMs: int('logFollowPollMs', raw.logFollowPollMs ?? 200, 1),
    execMaxBufferedBytes: int('execMaxBufferedBytes', raw.execMaxBufferedBytes ?? 1024 * 1024, 1),
    removePodWaitMs: int('removePodWaitMs', raw.removePodWaitMs ?? 10_000, 0),
    logger: raw.logger ?? pino({ level: 'silent' }),
  };
}
