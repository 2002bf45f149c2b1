// The client configuration file (~/.berth/config, or BERTH_CONFIG): where a cluster's replicas
// are, so that neither the CLI nor a program has to be told each time. `berth up` writes one.
//
//   # berth client configuration
//   cluster: berth          # optional
//   servers:
//     - 127.0.0.1:7001
//
// Fields this version does not know are ignored, so that a file written by a newer berth still
// works with an older SDK. Reading is synchronous because connect() is.
import { readFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { parse, stringify } from 'yaml';
import { InvalidError } from './errors.js';

export interface ClientConfig {
  /** host:port of each replica; at least one. */
  readonly servers: readonly string[];
  /** The cluster's name, for people (berth up names it). */
  readonly cluster?: string | undefined;
  /** nats://host:port[,...] of the cluster's NATS, when it has one. */
  readonly nats?: string | undefined;
}

/** The file the SDK and the CLI read when nothing else names the servers: ~/.berth/config. */
export function defaultClientConfigPath(homeDir: string = homedir()): string {
  return join(homeDir, '.berth', 'config');
}

const SERVER = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/;

/** Whether `value` is host:port (a name, IPv4, or [IPv6], and a port of up to five digits). */
export function isServerAddress(value: unknown): value is string {
  return typeof value === 'string' && SERVER.test(value);
}

/** `path` with a leading "~/" expanded to `homeDir`. */
export function expandHome(path: string, homeDir: string = homedir()): string {
  return path === '~' ? homeDir : path.startsWith('~/') ? join(homeDir, path.slice(2)) : path;
}

/** `path` as messages show it: under `homeDir` as ~/... */
export function displayPath(path: string, homeDir: string = homedir()): string {
  return path.startsWith(homeDir + sep) ? `~${path.slice(homeDir.length)}` : path;
}

function invalid(file: string, field: string, rule: string, value?: unknown): InvalidError {
  const got = value === undefined ? '' : ` (got ${JSON.stringify(value)})`;
  const where = field === '' ? file : `${file}: ${field}`;
  return new InvalidError(`${where}: ${rule}${got}`, { causes: [{ field: field || '.', message: `${rule}${got}` }], details: { file } });
}

function readText(path: string, shown: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw invalid(shown, '', 'no such file; write one with servers: [host:port, ...] (berth up writes one)');
    throw invalid(shown, '', `cannot read it: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * Reads and checks a client configuration file. Throws InvalidError (INVALID_ARGUMENT) naming the
 * file and the field: `~/.berth/config: servers[1]: must be host:port (got "x")`.
 */
export function loadClientConfig(path: string, homeDir: string = homedir()): ClientConfig {
  const file = expandHome(path, homeDir);
  const shown = displayPath(file, homeDir);
  let doc: unknown;
  try {
    doc = parse(readText(file, shown));
  } catch (e) {
    if (e instanceof InvalidError) throw e;
    throw invalid(shown, '', `not valid YAML: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
  return parseClientConfig(doc, shown);
}

/** Checks a parsed configuration document; `file` names it in errors. */
export function parseClientConfig(doc: unknown, file: string): ClientConfig {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw invalid(file, '', 'must be a YAML mapping with a servers list', doc ?? undefined);
  }
  const raw = doc as Record<string, unknown>;
  const servers = checkServers(raw['servers'], file, 'servers');
  const cluster = optionalString(raw, 'cluster', file);
  const nats = optionalString(raw, 'nats', file);
  return { servers, ...(cluster === undefined ? {} : { cluster }), ...(nats === undefined ? {} : { nats }) };
}

function optionalString(raw: Record<string, unknown>, field: string, file: string): string | undefined {
  const value = raw[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value === '') throw invalid(file, field, 'must be a non-empty string', value);
  return value;
}

/** A non-empty list of host:port; `where` and `field` name it in errors. */
export function checkServers(value: unknown, where: string, field: string): string[] {
  if (value === undefined || value === null) throw invalid(where, field, 'required: a list of host:port');
  if (!Array.isArray(value)) throw invalid(where, field, 'must be a list of host:port', value);
  if (value.length === 0) throw invalid(where, field, 'must list at least one host:port', value);
  for (const [i, s] of value.entries()) {
    if (!isServerAddress(s)) throw invalid(where, `${field}[${i}]`, 'must be host:port', s);
  }
  return [...(value as string[])];
}

/** The file's text: a comment line, then cluster, servers and nats as YAML. */
export function renderClientConfig(config: ClientConfig): string {
  const doc: Record<string, unknown> = {};
  if (config.cluster !== undefined) doc['cluster'] = config.cluster;
  doc['servers'] = [...config.servers];
  if (config.nats !== undefined) doc['nats'] = config.nats;
  return `# berth client configuration\n${stringify(doc)}`;
}

/**
 * Writes a client configuration file (creating its folder), atomically: readers see the old file
 * or the new one, never half of one. Throws InvalidError for a bad server address.
 */
export async function writeClientConfig(path: string, config: ClientConfig, homeDir: string = homedir()): Promise<void> {
  const file = expandHome(path, homeDir);
  const checked = parseClientConfig(config, 'writeClientConfig');
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(tmp, renderClientConfig(checked));
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}
