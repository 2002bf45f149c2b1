// The flags of `berth up`, compiled once into UpOptions. Pure: no file system, no environment
// (the working directory is passed in), so that every refusal is unit-tested.
import { isAbsolute, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BerthError } from '../client/index.js';

export const UP_USAGE = `Usage: berth up [--data DIR] [--replicas 1|3|5] [--agents N] [--nats auto|URL|off] [--base-port PORT]

Starts a local cluster in the foreground: N berth server replicas on 127.0.0.1 and, when
nats-server is installed, a NATS server with JetStream. Data, logs and the client configuration
go under DIR. Ctrl-C stops everything; run it again on the same DIR to bring back the same
cluster, with its data and its ports. A process that dies once the cluster is up (kill -9 of a
replica or an agent, to see failover) is reported and the others go on.

Flags:
  --data DIR         data, logs and the client config (DIR/config)   (default .berth/local;
                     --dir is the same flag)
  --replicas N       control-plane replicas: 1, 3 or 5                 (default 3)
  --agents N         node agents (node-1 ... node-N)                   (default 2)
  --nats MODE        auto: start nats-server if it is installed; off: no NATS;
                     or the URL of a running server, nats://host:port[,nats://host:port...]
                                                                       (default auto)
  --base-port PORT   replica i listens on PORT+i-1                    (default: free ports)
                     Ports are remembered in DIR/ports.json, so restarts reuse them.
  -h, --help         this help
`;

export type NatsMode =
  /** Start nats-server as a child process when it is on PATH; go on without NATS otherwise. */
  | { readonly mode: 'auto' }
  /** No NATS. */
  | { readonly mode: 'off' }
  /** A NATS server someone else runs: start nothing, hand `url` to clients. */
  | { readonly mode: 'url'; readonly url: string };

export interface UpOptions {
  /** Absolute path of the cluster's directory. @default <cwd>/.berth/local */
  readonly dataDir: string;
  /** Control-plane replicas. @default 3 */
  readonly replicas: 1 | 3 | 5;
  /** Node agents to start. @default 2 */
  readonly agents: number;
  /** @default { mode: 'auto' } */
  readonly nats: NatsMode;
  /** First replica port; undefined: free ports chosen at the first start. @default undefined */
  readonly basePort: number | undefined;
}

export const DEFAULT_DATA_DIR = '.berth/local';
const REPLICA_COUNTS = [1, 3, 5] as const;
/** Ports below this need root; berth up never asks for them. */
const MIN_PORT = 1024;
const MAX_PORT = 65535;

function usage(message: string): BerthError {
  return new BerthError('INVALID_ARGUMENT', message);
}

/** parseArgs' own refusals (unknown flag, missing value) as a message that names the flag. */
function describeParseError(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const code = (err as { code?: string }).code;
  const flag = (/'([^']*)'/.exec(message)?.[1] ?? '').replace(/ <value>$/, '').replace(', ', '/');
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `${flag}: unknown flag (see berth up --help)`;
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return `unexpected argument ${JSON.stringify(flag)}: berth up takes only flags`;
  if (message.includes('argument missing')) return `${flag}: needs a value`;
  if (message.includes('argument is ambiguous')) return `${flag}: needs a value (write ${flag}=VALUE for one that starts with "-")`;
  return message;
}

/** A whole decimal integer, or NaN: Number('') and Number('0x10') would accept too much. */
function integer(raw: string): number {
  return /^-?\d+$/.test(raw.trim()) ? Number(raw) : Number.NaN;
}

function parseReplicas(raw: string | undefined): 1 | 3 | 5 {
  if (raw === undefined) return 3;
  const n = integer(raw);
  const found = REPLICA_COUNTS.find((c) => c === n);
  if (found === undefined) throw usage(`--replicas: must be 1, 3 or 5 (got ${JSON.stringify(raw)})`);
  return found;
}

/** More agents than this on one machine is a mistake, not a test. */
const MAX_AGENTS = 64;
/** Agents of a local cluster when --agents is not given. */
const DEFAULT_AGENTS = 2;

function parseAgents(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_AGENTS;
  const n = integer(raw);
  if (!Number.isSafeInteger(n) || n < 0) throw usage(`--agents: must be an integer >= 0 (got ${JSON.stringify(raw)})`);
  if (n > MAX_AGENTS) throw usage(`--agents: at most ${MAX_AGENTS} on one machine (got ${n})`);
  return n;
}

function parseBasePort(raw: string | undefined, replicas: number): number | undefined {
  if (raw === undefined) return undefined;
  const n = integer(raw);
  const max = MAX_PORT - replicas + 1;
  if (!Number.isSafeInteger(n) || n < MIN_PORT || n > max) {
    throw usage(`--base-port: must be an integer in ${MIN_PORT}..${max} for ${replicas} replicas (got ${JSON.stringify(raw)})`);
  }
  return n;
}

const NATS_HOST = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)$/;

/** One `nats://host:port`; returns undefined when it is not one. */
function natsServer(raw: string): string | undefined {
  const m = /^nats:\/\/(.+):(\d{1,5})$/.exec(raw);
  if (m === null) return undefined;
  const [, host = '', port = ''] = m;
  const p = Number(port);
  if (!NATS_HOST.test(host) || p < 1 || p > MAX_PORT) return undefined;
  return `nats://${host}:${p}`;
}

export function parseNatsFlag(raw: string | undefined): NatsMode {
  if (raw === undefined || raw === 'auto') return { mode: 'auto' };
  if (raw === 'off') return { mode: 'off' };
  const servers = raw.split(',').map((s) => s.trim());
  const parsed = servers.map(natsServer);
  const bad = servers.find((_, i) => parsed[i] === undefined);
  if (bad !== undefined) {
    throw usage(`--nats: must be auto, off or nats://host:port[,nats://host:port...] (got ${JSON.stringify(bad === raw ? raw : bad)})`);
  }
  return { mode: 'url', url: (parsed as string[]).join(',') };
}

function parseDataDir(data: string | undefined, dir: string | undefined, cwd: string): string {
  if (data !== undefined && dir !== undefined) throw usage('--data: --dir is another name for it; give one of them');
  const raw = data ?? dir ?? DEFAULT_DATA_DIR;
  const name = data !== undefined ? '--data' : '--dir';
  if (raw.trim() === '') throw usage(`${name}: must be a directory path (got "")`);
  return isAbsolute(raw) ? resolve(raw) : resolve(cwd, raw);
}

/**
 * Parses and validates `berth up` flags. Throws INVALID_ARGUMENT with a message that names the
 * flag; `--help` is handled by the caller. `cwd` resolves a relative --data.
 */
export function parseUpArgs(argv: readonly string[], cwd: string): UpOptions {
  let values: Record<string, string | undefined>;
  try {
    values = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        data: { type: 'string' },
        dir: { type: 'string' },
        replicas: { type: 'string' },
        agents: { type: 'string' },
        nats: { type: 'string' },
        'base-port': { type: 'string' },
      },
    }).values;
  } catch (err) {
    throw usage(describeParseError(err));
  }
  const replicas = parseReplicas(values.replicas);
  return {
    dataDir: parseDataDir(values.data, values.dir, cwd),
    replicas,
    agents: parseAgents(values.agents),
    nats: parseNatsFlag(values.nats),
    basePort: parseBasePort(values['base-port'], replicas),
  };
}

/** Whether argv asks for help (anywhere, as `berth up --data x --help` should still help). */
export function wantsHelp(argv: readonly string[]): boolean {
  return argv.includes('--help') || argv.includes('-h');
}
