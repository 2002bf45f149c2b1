// The runtime's memory on disk: one small JSON file per instance,
// `<dataDir>/pods/<uid>/instances/<name>-<attempt>.json`, written when it starts and again when it
// exits. An agent that restarts (even after kill -9) reads them back to adopt the instances still
// running and to report the ones that ended. Writes go to a temporary file that is synced and
// renamed over the old one, so a crash leaves either the old record or the new, never half.
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { CgroupPaths } from './cgroups.js';
import { podDir } from './log-files.js';
import type { ContainerConfig, ExitReason } from './types.js';

export const STATE_FORMAT_VERSION = 1;

export interface ExitRecord {
  readonly exitCode: number;
  readonly signal?: string;
  readonly reason: ExitReason;
  readonly message?: string;
  /** ISO 8601. */
  readonly finishedAt: string;
}

export interface InstanceRecord {
  readonly version: typeof STATE_FORMAT_VERSION;
  readonly id: string;
  readonly podUid: string;
  readonly name: string;
  readonly attempt: number;
  readonly init: boolean;
  /** 0 when the instance never started (StartError). */
  readonly pid: number;
  readonly pgid: number;
  /** /proc/<pid>/stat field 22; tells our process from a later one that got the same pid. 0: unknown. */
  readonly startTimeTicks: number;
  /** ISO 8601; absent when it never started. */
  readonly startedAt?: string;
  readonly cgroup?: CgroupPaths;
  readonly config: ContainerConfig;
  readonly exited?: ExitRecord;
}

/** A state file that could not be read: what its name tells, and why. */
export interface CorruptRecord {
  readonly file: string;
  readonly podUid: string;
  readonly name: string;
  readonly attempt: number;
  readonly error: string;
}

export function instancesDir(dataDir: string, podUid: string): string {
  return join(podDir(dataDir, podUid), 'instances');
}

export function recordPath(dataDir: string, podUid: string, name: string, attempt: number): string {
  return join(instancesDir(dataDir, podUid), `${name}-${attempt}.json`);
}

/** Writes a record atomically: tmp file, fsync, rename. */
export async function writeRecord(dataDir: string, record: InstanceRecord): Promise<void> {
  const path = recordPath(dataDir, record.podUid, record.name, record.attempt);
  await mkdir(instancesDir(dataDir, record.podUid), { recursive: true });
  const tmp = `${path}.tmp`;
  const fh = await open(tmp, 'w');
  try {
    await fh.writeFile(JSON.stringify(record));
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, path);
}

export async function deleteRecord(dataDir: string, podUid: string, name: string, attempt: number): Promise<void> {
  await rm(recordPath(dataDir, podUid, name, attempt), { force: true });
}

/** Checks the shape of a parsed record; returns why it is not one, or undefined. */
function recordProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'not a JSON object';
  const r = value as Record<string, unknown>;
  if (r.version !== STATE_FORMAT_VERSION) return `unknown format version ${JSON.stringify(r.version)}`;
  for (const key of ['id', 'podUid', 'name']) if (typeof r[key] !== 'string') return `${key} is not a string`;
  for (const key of ['attempt', 'pid', 'pgid', 'startTimeTicks']) if (!Number.isSafeInteger(r[key])) return `${key} is not an integer`;
  if (typeof r.config !== 'object' || r.config === null) return 'config is missing';
  return undefined;
}

async function readOne(dir: string, file: string, podUid: string): Promise<InstanceRecord | CorruptRecord> {
  const m = /^(.+)-(\d+)\.json$/.exec(file);
  const base = { file: join(dir, file), podUid, name: m?.[1] ?? file, attempt: Number(m?.[2] ?? 0) };
  try {
    const value: unknown = JSON.parse(await readFile(join(dir, file), 'utf8'));
    const problem = recordProblem(value);
    return problem === undefined ? (value as InstanceRecord) : { ...base, error: problem };
  } catch (err) {
    return { ...base, error: (err as Error).message };
  }
}

/** Every record in the `<dataDir>/pods/<uid>/instances/` dirs, and the files that are not readable records. */
export async function readRecords(dataDir: string): Promise<{ records: InstanceRecord[]; corrupt: CorruptRecord[] }> {
  const records: InstanceRecord[] = [];
  const corrupt: CorruptRecord[] = [];
  for (const podUid of await readdir(join(dataDir, 'pods')).catch(() => [] as string[])) {
    const dir = instancesDir(dataDir, podUid);
    for (const file of await readdir(dir).catch(() => [] as string[])) {
      // A .tmp file is a write that a crash interrupted; the record it replaces is still there.
      if (file.endsWith('.tmp')) {
        await rm(join(dir, file), { force: true });
        continue;
      }
      if (!file.endsWith('.json')) continue;
      const r = await readOne(dir, file, podUid);
      if ('error' in r) corrupt.push(r);
      else records.push(r);
    }
  }
  return { records, corrupt };
}
