// How berth connects to NATS — the server's publisher, the agents' caches and the SDK all use this:
// the server list, and the credentials and TLS options of a secured NATS cluster. Validated up
// front with messages that name the option.
import { readFileSync } from 'node:fs';
import type { NatsConnection } from '@nats-io/transport-node';
import { InvalidError } from '../errors.js';

export interface NatsOptions {
  /** nats://host:port (or tls://host:port) of one or more servers of one NATS cluster. */
  readonly servers: readonly string[];
  /** A NATS credentials file (JWT and NKey seed), as `nsc` writes it. */
  readonly credsFile?: string | undefined;
  readonly user?: string | undefined;
  readonly pass?: string | undefined;
  readonly token?: string | undefined;
  /** TLS: the CA that signed the servers' certificates, and a client certificate and key. */
  readonly tls?: { readonly caFile?: string | undefined; readonly certFile?: string | undefined; readonly keyFile?: string | undefined } | undefined;
  /** The connection's name, as nats-server's monitoring shows it. */
  readonly name?: string | undefined;
}

/** The most servers one option may list. */
export const MAX_NATS_SERVERS = 32;

const URL_RE = /^(nats|tls):\/\/(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?$/;
const HOST_PORT_RE = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/;

/**
 * "nats://a:4222,nats://b:4222" (host:port alone means nats://host:port) → the server list.
 * Throws InvalidError naming `option` and the entry that is wrong.
 */
export function parseNatsServers(text: string, option = '--nats'): string[] {
  const parts = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (parts.length === 0) throw new InvalidError(`${option}: expected nats://host:port[,nats://host:port...]`, { causes: [{ field: option, message: 'must list at least one server' }] });
  if (parts.length > MAX_NATS_SERVERS) throw new InvalidError(`${option}: at most ${MAX_NATS_SERVERS} servers`, { causes: [{ field: option, message: `at most ${MAX_NATS_SERVERS} servers` }] });
  return parts.map((p) => {
    const url = HOST_PORT_RE.test(p) ? `nats://${p}` : p;
    const m = URL_RE.exec(url);
    const port = m?.[3] === undefined ? 4222 : Number(m[3].slice(1));
    if (m === null || port < 1 || port > 65535) {
      throw new InvalidError(`${option}: ${JSON.stringify(p)} is not nats://host:port`, { causes: [{ field: option, message: `${JSON.stringify(p)} is not nats://host:port (or tls://host:port)` }] });
    }
    return url;
  });
}

function readFileNamed(path: string, option: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new InvalidError(`${option}: cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, { causes: [{ field: option, message: `cannot read ${path}` }] });
  }
}

/**
 * Connects (the caller closes the connection). Reconnects for ever, every `reconnectTimeWaitMs`:
 * NATS is a projection, and whoever follows it catches up when it comes back. The first connect
 * also retries for ever unless `waitOnFirstConnect` is false: then it fails at once when no server
 * answers, for a caller that retries on its own and must be able to give up (a server shutting down).
 */
export async function connectNats(
  o: NatsOptions,
  extra: { reconnectTimeWaitMs?: number; timeoutMs?: number; waitOnFirstConnect?: boolean } = {},
): Promise<NatsConnection> {
  const { connect, credsAuthenticator } = await import('@nats-io/transport-node');
  const tls =
    o.tls === undefined
      ? undefined
      : {
          ...(o.tls.caFile === undefined ? {} : { caFile: o.tls.caFile }),
          ...(o.tls.certFile === undefined ? {} : { certFile: o.tls.certFile }),
          ...(o.tls.keyFile === undefined ? {} : { keyFile: o.tls.keyFile }),
        };
  return connect({
    servers: [...o.servers],
    ...(o.name === undefined ? {} : { name: o.name }),
    ...(o.user === undefined ? {} : { user: o.user }),
    ...(o.pass === undefined ? {} : { pass: o.pass }),
    ...(o.token === undefined ? {} : { token: o.token }),
    ...(o.credsFile === undefined ? {} : { authenticator: credsAuthenticator(new TextEncoder().encode(readFileNamed(o.credsFile, '--nats-creds'))) }),
    ...(tls === undefined ? {} : { tls }),
    maxReconnectAttempts: -1,
    reconnectTimeWait: extra.reconnectTimeWaitMs ?? 1000,
    timeout: extra.timeoutMs ?? 5000,
    waitOnFirstConnect: extra.waitOnFirstConnect ?? true,
  });
}
