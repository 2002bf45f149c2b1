// What `berth up` remembers between runs in DIR/ports.json: the replicas' ports (their Raft
// addresses, which must not change while their data lives on) and the NATS port last used.
// The planning functions are pure; reading and writing the file is kept apart from them.
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BerthError } from '../client/index.js';

export interface SavedPorts {
  readonly replicas: readonly number[];
  /** The port of the NATS server berth up started last time, if it started one. */
  readonly nats?: number;
}

/** NATS's well-known client port: used when it is free and nothing was remembered. */
export const NATS_DEFAULT_PORT = 4222;

export function portsFile(dataDir: string): string {
  return join(dataDir, 'ports.json');
}

function isPort(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v > 0 && v <= 65535;
}

/**
 * The content of ports.json, or undefined when it says nothing usable. Older versions of
 * berth up wrote a bare array of replica ports; that is read too.
 */
export function parseSavedPorts(text: string): SavedPorts | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (Array.isArray(raw)) return raw.length > 0 && raw.every(isPort) ? { replicas: raw } : undefined;
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { replicas, nats } = raw as { replicas?: unknown; nats?: unknown };
  if (!Array.isArray(replicas) || replicas.length === 0 || !replicas.every(isPort)) return undefined;
  return isPort(nats) ? { replicas, nats } : { replicas };
}

/**
 * The replica ports to use: the remembered ones when DIR already holds a cluster, else
 * --base-port's range, else undefined (the caller picks free ports). A cluster's replicas keep
 * their addresses for life, so flags that contradict the remembered ports are refused.
 */
export function planReplicaPorts(saved: SavedPorts | undefined, replicas: number, basePort: number | undefined, dataDir: string): number[] | undefined {
  if (saved === undefined) return basePort === undefined ? undefined : Array.from({ length: replicas }, (_, i) => basePort + i);
  const file = portsFile(dataDir);
  if (saved.replicas.length !== replicas) {
    throw new BerthError(
      'INVALID_ARGUMENT',
      `--replicas: ${dataDir} holds a cluster of ${saved.replicas.length} replicas (see ${file}); ` +
        `start it with --replicas ${saved.replicas.length}, use another --data, or remove ${dataDir} to start afresh`,
    );
  }
  if (basePort !== undefined && saved.replicas.some((p, i) => p !== basePort + i)) {
    throw new BerthError(
      'INVALID_ARGUMENT',
      `--base-port: the cluster in ${dataDir} listens on ${saved.replicas.join(', ')} (see ${file}) and keeps those ` +
        `addresses; drop --base-port, use another --data, or remove ${dataDir} to start afresh`,
    );
  }
  return [...saved.replicas];
}

/** The NATS ports to try, best first: the remembered one, then NATS's default. */
export function natsPortCandidates(saved: SavedPorts | undefined, replicaPorts: readonly number[]): number[] {
  const candidates = [saved?.nats, NATS_DEFAULT_PORT].filter((p): p is number => p !== undefined && !replicaPorts.includes(p));
  return [...new Set(candidates)];
}

export async function readSavedPorts(dataDir: string): Promise<SavedPorts | undefined> {
  try {
    return parseSavedPorts(await readFile(portsFile(dataDir), 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** Writes ports.json through a temporary file, so that a crash never leaves half of it. */
export async function writeSavedPorts(dataDir: string, ports: SavedPorts): Promise<void> {
  const file = portsFile(dataDir);
  await writeFile(`${file}.tmp`, `${JSON.stringify(ports)}\n`);
  await rename(`${file}.tmp`, file);
}
