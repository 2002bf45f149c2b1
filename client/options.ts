// Options of connect(), compiled once with defaults and checks. Which replicas to talk to comes
// from, in order: the servers option (or its old name, endpoints); BERTH_SERVER; the file the
// config option names; the file BERTH_CONFIG names; ~/.berth/config.
//
// The NATS that client.discovery follows comes, in the same way, from: the nats option (false:
// no NATS, whatever else says); BERTH_NATS (comma-separated nats://host:port); the config file's
// `nats`. The cluster id its subjects and bucket are named by: the cluster option; the config
// file's `cluster`; "berth". A config file is read for these only when the servers came from it,
// so that servers named by an option or BERTH_SERVER are never paired with another cluster's NATS.
// Without NATS, discovery follows the control plane's watches.
import { existsSync } from 'node:fs';
import { credentials as grpcCredentials } from '@grpc/grpc-js';
import type { ChannelCredentials } from '@grpc/grpc-js';
import { defaultClientConfigPath, displayPath, expandHome, isServerAddress, loadClientConfig } from './config.js';
import { compileNatsOption } from './discovery/nats-option.js';
import type { NatsOption } from './discovery/nats-option.js';
import { DEFAULT_CLUSTER_ID, checkClusterId, compileDiscoveryOptions } from './discovery/options.js';
import type { CompiledDiscoveryOptions, DiscoveryOptions } from './discovery/options.js';
import { BerthError } from './errors.js';
import type { NatsOptions } from './nats/options.js';
import { parseNatsServers } from './nats/options.js';

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
  /**
   * The NATS that carries the cluster's endpoints, which client.discovery follows: nats://host:port
   * (comma-separated), a list of them, or NatsOptions (credentials, TLS); false: never use NATS.
   * When omitted: BERTH_NATS, else the config file's `nats` (see the top of this file). @default none
   */
  nats?: NatsOption;
  /** The cluster id NATS subjects and the endpoints bucket are named by. @default the config file's cluster, else "berth" */
  cluster?: string;
  /** Timeouts and bounds of client.discovery (see client/discovery/options.ts). */
  discovery?: DiscoveryOptions;
}

export interface CompiledConnectOptions {
  readonly servers: readonly string[];
  /** The same list as `servers` (its old name). */
  readonly endpoints: readonly string[];
  /** The cluster id: the option, else the config file's (when the servers came from it), else "berth". */
  readonly cluster: string;
  /** The NATS client.discovery follows; undefined: none (discovery follows the control plane). */
  readonly nats: NatsOptions | undefined;
  readonly discovery: CompiledDiscoveryOptions;
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

/** Where the servers came from: a config file also says the cluster and its NATS. */
export interface ResolvedServers {
  servers: string[];
  cluster?: string | undefined;
  nats?: string | undefined;
  /** The config file, as messages show it, when the servers came from one. */
  file?: string | undefined;
}

/** The servers to use (and the cluster's name and NATS when a file listed them), by the precedence at the top of this file. */
export function resolveServers(raw: ConnectOptions, environment: ConnectEnvironment): ResolvedServers {
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

function fromFile(path: string, homeDir: string): ResolvedServers {
  const config = loadClientConfig(path, homeDir);
  return { servers: [...config.servers], cluster: config.cluster, nats: config.nats, file: displayPath(expandHome(path, homeDir), homeDir) };
}

/** The NATS to follow, by the precedence at the top of this file. */
function resolveNats(raw: ConnectOptions, environment: ConnectEnvironment, resolved: ResolvedServers): NatsOptions | undefined {
  if (raw.nats !== undefined) return compileNatsOption(raw.nats, 'connect.nats');
  const fromEnv = nonEmpty(environment.env['BERTH_NATS']);
  if (fromEnv !== undefined) return { servers: parseNatsServers(fromEnv, 'BERTH_NATS') };
  if (resolved.nats !== undefined) return { servers: parseNatsServers(resolved.nats, `${resolved.file ?? 'config'}: nats`) };
  return undefined;
}

/**
 * The cluster id. A config file's is checked only when there is NATS to name (before, the file's
 * cluster was only a name for people, and an odd one must not break clients without NATS).
 */
function resolveCluster(raw: ConnectOptions, resolved: ResolvedServers, nats: NatsOptions | undefined): string {
  if (raw.cluster !== undefined) return checkClusterId(raw.cluster, 'connect.cluster');
  if (resolved.cluster === undefined) return DEFAULT_CLUSTER_ID;
  return nats === undefined ? resolved.cluster : checkClusterId(resolved.cluster, `${resolved.file ?? 'config'}: cluster`);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** Fills defaults and validates, once. Throws INVALID_ARGUMENT naming the bad option. */
export function compileConnectOptions(raw: ConnectOptions, environment: ConnectEnvironment): CompiledConnectOptions {
  const resolved = resolveServers(raw, environment);
  const listed = resolved.servers;
  const nats = resolveNats(raw, environment, resolved);
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
    cluster: resolveCluster(raw, resolved, nats),
    nats,
    discovery: compileDiscoveryOptions(raw.discovery ?? {}, 'connect.discovery.'),
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
