// Options of connect(), compiled once with defaults and checks. Which replicas to talk to comes
// from, in order: the servers option (or its old name, endpoints); BERTH_SERVER; the file the
// config option names; the file BERTH_CONFIG names; ~/.berth/config.
import { existsSync } from 'node:fs';
import { credentials as grpcCredentials } from '@grpc/grpc-js';
import type { ChannelCredentials } from '@grpc/grpc-js';
import { defaultClientConfigPath, displayPath, isServerAddress, loadClientConfig } from './config.js';
import { BerthError } from './errors.js';

export interface RetryOptions {
  /** Attempts of one call, the first included, over the endpoints in turn. @default 5 */
  maxAttempts?: number;
  /** Delay before the first retry; it doubles per retry (with jitter). @default 50 */
  initialBackoffMs?: number;
  /** Longest delay between two attempts. @default 2000 */
  maxBackoffMs?: number;
}

/** Events of an object watch held for a consumer that has not taken them yet. */
export const DEFAULT_WATCH_BUFFER_EVENTS = 1000;

export interface ConnectOptions {
  /**
   * host:port of one or more replicas. When omitted (and endpoints too): BERTH_SERVER
   * (comma-separated), else the config file (option `config`, else BERTH_CONFIG, else
   * ~/.berth/config).
   */
  servers?: readonly string[];
  /** The old name of `servers`; pass one or the other. */
  endpoints?: readonly string[];
  /** A client configuration file to read the servers from (see client/config.ts). */
  config?: string;
  /** Deadline of one attempt of a call. @default 15000 */
  timeoutMs?: number;
  /** How long to wait for a connection to an endpoint before trying the next one. @default 3000 */
  connectTimeoutMs?: number;
  /** KV requests in flight to one endpoint before more fail fast with RESOURCE_EXHAUSTED. @default 4096 */
  maxInFlightPerEndpoint?: number;
  /** Retries of calls that failed on one endpoint (see client/retry.ts for which calls). */
  retry?: RetryOptions;
  /** Deadline of a whole addMember call, which waits for the new member to catch up. @default 120000 */
  memberAddTimeoutMs?: number;
  /** Deadline of each member's answer to cluster.status(); a member that misses it is unhealthy. @default 2000 */
  memberStatusTimeoutMs?: number;
  /** A watch that hears nothing, not even a bookmark, for this long reconnects. @default 15000 */
  watchIdleTimeoutMs?: number;
  /** Reconnects of a watch in a row without receiving anything before it gives up. @default 20 */
  watchMaxReconnects?: number;
  /** Events an object watch holds for a slow consumer before it pauses its stream. @default 1000 */
  watchBufferEvents?: number;
  /** Largest response accepted (a range returns up to the server's maxRangeBytes). @default 67108864 (64 MiB) */
  maxReceiveMessageBytes?: number;
  /** @default grpc.credentials.createInsecure() */
  credentials?: ChannelCredentials;
  /**
   * Hears the warnings of create, update, updateStatus and patch (fields berth ignores, ...),
   * which return only the object. apply returns its warnings in its result instead. @default none
   */
  onWarning?: (warning: string) => void;
}

export interface CompiledConnectOptions {
  readonly servers: readonly string[];
  /** The same list as `servers` (its old name). */
  readonly endpoints: readonly string[];
  /** The cluster's name from the config file, when the servers came from one that has it. */
  readonly cluster: string | undefined;
  readonly timeoutMs: number;
  readonly connectTimeoutMs: number;
  readonly maxInFlightPerEndpoint: number;
  readonly retry: Readonly<Required<RetryOptions>>;
  readonly memberAddTimeoutMs: number;
  readonly memberStatusTimeoutMs: number;
  readonly watchIdleTimeoutMs: number;
  readonly watchMaxReconnects: number;
  readonly watchBufferEvents: number;
  readonly maxReceiveMessageBytes: number;
  readonly credentials: ChannelCredentials;
  readonly onWarning: ((warning: string) => void) | undefined;
}

/** What connect() reads from its process: environment variables and the home folder. */
export interface ConnectEnvironment {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly homeDir: string;
}

function bad(field: string, rule: string, value: unknown): BerthError {
  return new BerthError('INVALID_ARGUMENT', `connect.${field}: ${rule} (got ${JSON.stringify(value)})`, { details: { field: `connect.${field}` } });
}

function int(field: string, value: number, min: number): number {
  if (!Number.isSafeInteger(value) || value < min) throw bad(field, `must be an integer >= ${min}`, value);
  return value;
}

function explicitServers(field: 'servers' | 'endpoints', list: unknown): string[] {
  if (!Array.isArray(list) || list.length === 0) throw bad(field, 'must list at least one host:port', list);
  for (const [i, e] of list.entries()) {
    if (!isServerAddress(e)) throw bad(`${field}[${i}]`, 'must be host:port', e);
  }
  return list as string[];
}

function envServers(value: string): string[] {
  const list = value.split(',').map((s) => s.trim());
  for (const [i, s] of list.entries()) {
    if (!isServerAddress(s)) {
      throw new BerthError('INVALID_ARGUMENT', `BERTH_SERVER[${i}]: must be host:port (got ${JSON.stringify(s)})`, { details: { field: 'BERTH_SERVER' } });
    }
  }
  return list;
}

/** The servers to use (and the cluster's name when a file listed them), by the precedence at the top of this file. */
export function resolveServers(raw: ConnectOptions, environment: ConnectEnvironment): { servers: string[]; cluster?: string | undefined } {
  if (raw.servers !== undefined && raw.endpoints !== undefined) {
    throw bad('endpoints', 'is the old name of servers: pass one of them', 'both');
  }
  if (raw.servers !== undefined) return { servers: explicitServers('servers', raw.servers) };
  if (raw.endpoints !== undefined) return { servers: explicitServers('endpoints', raw.endpoints) };
  const fromEnv = environment.env['BERTH_SERVER']?.trim();
  if (fromEnv !== undefined && fromEnv !== '') return { servers: envServers(fromEnv) };
  if (raw.config !== undefined && (typeof raw.config !== 'string' || raw.config === '')) throw bad('config', 'must be a file path', raw.config);
  const named = raw.config ?? nonEmpty(environment.env['BERTH_CONFIG']);
  if (named !== undefined) return fromFile(named, environment.homeDir);
  const file = defaultClientConfigPath(environment.homeDir);
  if (!existsSync(file)) {
    throw new BerthError(
      'INVALID_ARGUMENT',
      `no servers: pass servers, set BERTH_SERVER, or write ${displayPath(file, environment.homeDir)} (berth up writes one)`,
      { details: { field: 'connect.servers' } },
    );
  }
  return fromFile(file, environment.homeDir);
}

function fromFile(path: string, homeDir: string): { servers: string[]; cluster: string | undefined } {
  const config = loadClientConfig(path, homeDir);
  return { servers: [...config.servers], cluster: config.cluster };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** Fills defaults and validates, once. Throws INVALID_ARGUMENT naming the bad option. */
export function compileConnectOptions(raw: ConnectOptions, environment: ConnectEnvironment): CompiledConnectOptions {
  const { servers: listed, cluster } = resolveServers(raw, environment);
  // Deduplicated so that a retry never lands on the replica that just failed under another index.
  const servers = [...new Set(listed)];
  const retry = raw.retry ?? {};
  const initialBackoffMs = int('retry.initialBackoffMs', retry.initialBackoffMs ?? 50, 1);
  const maxBackoffMs = int('retry.maxBackoffMs', retry.maxBackoffMs ?? 2000, 1);
  if (maxBackoffMs < initialBackoffMs) throw bad('retry.maxBackoffMs', `must be >= retry.initialBackoffMs (${initialBackoffMs})`, maxBackoffMs);
  if (raw.onWarning !== undefined && typeof raw.onWarning !== 'function') throw bad('onWarning', 'must be a function', typeof raw.onWarning);
  return {
    servers,
    endpoints: servers,
    cluster,
    timeoutMs: int('timeoutMs', raw.timeoutMs ?? 15_000, 1),
    connectTimeoutMs: int('connectTimeoutMs', raw.connectTimeoutMs ?? 3000, 1),
    maxInFlightPerEndpoint: int('maxInFlightPerEndpoint', raw.maxInFlightPerEndpoint ?? 4096, 1),
    retry: { maxAttempts: int('retry.maxAttempts', retry.maxAttempts ?? 5, 1), initialBackoffMs, maxBackoffMs },
    memberAddTimeoutMs: int('memberAddTimeoutMs', raw.memberAddTimeoutMs ?? 120_000, 1),
    memberStatusTimeoutMs: int('memberStatusTimeoutMs', raw.memberStatusTimeoutMs ?? 2000, 1),
    watchIdleTimeoutMs: int('watchIdleTimeoutMs', raw.watchIdleTimeoutMs ?? 15_000, 1),
    watchMaxReconnects: int('watchMaxReconnects', raw.watchMaxReconnects ?? 20, 0),
    watchBufferEvents: int('watchBufferEvents', raw.watchBufferEvents ?? DEFAULT_WATCH_BUFFER_EVENTS, 1),
    maxReceiveMessageBytes: int('maxReceiveMessageBytes', raw.maxReceiveMessageBytes ?? 64 << 20, 1024),
    credentials: raw.credentials ?? grpcCredentials.createInsecure(),
    onWarning: raw.onWarning,
  };
}
