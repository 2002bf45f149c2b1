// An instance as the `process` runtime holds it in memory: its record (the same one state.ts keeps
// on disk), how it is watched, and how it is reported through the Runtime seam. Also the instance
// id and the check that keeps pod uids and container names safe to use as path segments.
import { BerthError } from '../../client/index.js';
import { STATE_FORMAT_VERSION } from './state.js';
import type { InstanceRecord } from './state.js';
import type { ContainerConfig, ContainerInstance, InstanceState } from './types.js';

/** Pod uids and container names become path segments: nothing that could climb out of a directory. */
const SAFE_SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** An instance the runtime knows, and how it watches it. */
export interface Entry {
  record: InstanceRecord;
  /** Not our child (recovered after an agent restart): its exit is found by polling. */
  readonly adopted: boolean;
  /** Settles when the start record is on disk; exit handling waits for it. */
  persisted: Promise<void>;
  readonly exited: Promise<void>;
  readonly markExited: () => void;
  /** Exit handling has begun (it must run once). */
  finishing: boolean;
  /** removePod has it: nothing more is written for it. */
  removed: boolean;
  lastUsage?: { cpuNanos: number; atMs: number };
}

export function newEntry(record: InstanceRecord, adopted: boolean): Entry {
  let markExited = (): void => undefined;
  const exited = new Promise<void>((res) => (markExited = res));
  if (record.exited !== undefined) markExited();
  return { record, adopted, persisted: Promise.resolve(), exited, markExited, finishing: record.exited !== undefined, removed: false };
}

function stateOf(r: InstanceRecord): InstanceState {
  const startedAt = r.startedAt === undefined ? undefined : new Date(r.startedAt);
  if (r.exited === undefined) return { state: 'running', pid: r.pid, startedAt: startedAt ?? new Date(0) };
  const e = r.exited;
  return {
    state: 'exited',
    exitCode: e.exitCode,
    reason: e.reason,
    finishedAt: new Date(e.finishedAt),
    ...(e.signal !== undefined ? { signal: e.signal } : {}),
    ...(e.message !== undefined ? { message: e.message } : {}),
    ...(startedAt !== undefined ? { startedAt } : {}),
  };
}

export function toInstance(r: InstanceRecord): ContainerInstance {
  return { id: r.id, podUid: r.podUid, name: r.name, attempt: r.attempt, init: r.init, state: stateOf(r) };
}

export function instanceId(podUid: string, name: string, attempt: number): string {
  return `${podUid}/${name}/${attempt}`;
}

export function checkSegment(field: string, value: string): void {
  if (!SAFE_SEGMENT.test(value)) throw new BerthError('INVALID_ARGUMENT', `${field}: must be letters, digits, ".", "_" or "-" (got ${JSON.stringify(value)})`);
}

/** The fields of a record that come from the config alone, before anything ran. */
export function baseRecord(config: ContainerConfig): Pick<InstanceRecord, 'version' | 'id' | 'podUid' | 'name' | 'attempt' | 'init' | 'config'> {
  const { podUid, name, attempt, init } = config;
  return { version: STATE_FORMAT_VERSION, id: instanceId(podUid, name, attempt), podUid, name, attempt, init, config };
}
