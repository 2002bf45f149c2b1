// Options of the agent's DNS server, compiled once with defaults and checks. Flags are read only
// in agent-command.ts; the server takes these.
import { isIP } from 'node:net';
import { BerthError } from '../../client/index.js';

export interface DnsServerOptions {
  /** The IP address the server listens on, over UDP and TCP. @default 127.0.0.1 */
  host?: string;
  /** The port (UDP and TCP alike); 0 picks a free one. @default 5353 */
  port?: number;
  /** The names served are those under this domain. @default cluster.local */
  clusterDomain?: string;
  /** TTL of every record, and of negative answers: small, so that a change shows soon. @default 5 */
  ttlSeconds?: number;
  /** Largest UDP answer for a client that advertises a larger EDNS0 buffer. @default 1232 */
  maxUdpPayloadBytes?: number;
  /** TCP connections open at once; more are closed when they arrive. @default 128 */
  maxTcpConnections?: number;
  /** A TCP connection idle this long is closed. @default 10000 */
  tcpIdleTimeoutMs?: number;
  /** Largest query accepted over TCP; a larger frame closes the connection. @default 4096 */
  maxTcpQueryBytes?: number;
  /** Answers written to a TCP client that does not read them; beyond this the connection is closed. @default 262144 */
  maxTcpPendingBytes?: number;
  /** After a failed bind (the port is in use), the first wait before trying again, doubled up to the max. @default 1000 */
  listenRetryMinMs?: number;
  /** @default 30000 */
  listenRetryMaxMs?: number;
}

export interface CompiledDnsServerOptions {
  readonly host: string;
  readonly port: number;
  readonly clusterDomain: string;
  readonly ttlSeconds: number;
  readonly maxUdpPayloadBytes: number;
  readonly maxTcpConnections: number;
  readonly tcpIdleTimeoutMs: number;
  readonly maxTcpQueryBytes: number;
  readonly maxTcpPendingBytes: number;
  readonly listenRetryMinMs: number;
  readonly listenRetryMaxMs: number;
}

/** The classic DNS limit of a UDP message without EDNS0 (RFC 1035). */
export const CLASSIC_UDP_BYTES = 512;
/** The largest DNS message (two length bytes over TCP). */
export const MAX_DNS_MESSAGE_BYTES = 65_535;
/** The address `berth agent --dns` listens on by default. */
export const DEFAULT_DNS_ADDRESS = '127.0.0.1:5353';
export const DEFAULT_CLUSTER_DOMAIN = 'cluster.local';

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function invalid(field: string, rule: string, got: unknown): BerthError {
  return new BerthError('INVALID_ARGUMENT', `${field}: ${rule} (got ${JSON.stringify(got)})`, { details: { field } });
}

function int(field: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isSafeInteger(value) || value < min || value > max) throw invalid(field, `must be an integer from ${min} to ${max}`, value);
  return value;
}

/** Why `domain` cannot be a cluster domain, or undefined: lowercase DNS labels joined by dots. */
export function clusterDomainProblem(domain: string): string | undefined {
  if (domain.length === 0 || domain.length > 200) return 'must be 1-200 characters';
  return domain.split('.').every((l) => l.length <= 63 && LABEL.test(l)) ? undefined : 'must be lowercase DNS labels (letters, digits, "-") joined by "."';
}

/**
 * The host and port of `host:port` or `[ipv6]:port` where `host` is an IP address, or a problem.
 * Shared by the flags that name a listening address.
 */
export function parseListenAddress(value: string): { host: string; port: number } | string {
  const m = /^\[([^\]]+)\]:(\d{1,5})$/.exec(value) ?? /^([^:[\]]+):(\d{1,5})$/.exec(value);
  if (m === null) return 'must be IP:PORT, or [IPv6]:PORT';
  const port = Number(m[2]);
  if (isIP(m[1]!) === 0) return 'must be IP:PORT with an IP address, not a host name';
  if (port > 65_535) return 'the port must be 0-65535';
  return { host: m[1]!, port };
}

export function compileDnsServerOptions(raw: DnsServerOptions = {}): CompiledDnsServerOptions {
  const host = raw.host ?? '127.0.0.1';
  if (isIP(host) === 0) throw invalid('host', 'must be an IP address', host);
  const clusterDomain = (raw.clusterDomain ?? DEFAULT_CLUSTER_DOMAIN).replace(/\.$/, '');
  const domainProblem = clusterDomainProblem(clusterDomain);
  if (domainProblem !== undefined) throw invalid('clusterDomain', domainProblem, raw.clusterDomain);
  const listenRetryMinMs = int('listenRetryMinMs', raw.listenRetryMinMs ?? 1000, 1);
  return {
    host,
    port: int('port', raw.port ?? 5353, 0, 65_535),
    clusterDomain,
    ttlSeconds: int('ttlSeconds', raw.ttlSeconds ?? 5, 0, 86_400),
    maxUdpPayloadBytes: int('maxUdpPayloadBytes', raw.maxUdpPayloadBytes ?? 1232, CLASSIC_UDP_BYTES, MAX_DNS_MESSAGE_BYTES),
    maxTcpConnections: int('maxTcpConnections', raw.maxTcpConnections ?? 128, 1),
    tcpIdleTimeoutMs: int('tcpIdleTimeoutMs', raw.tcpIdleTimeoutMs ?? 10_000, 1),
    maxTcpQueryBytes: int('maxTcpQueryBytes', raw.maxTcpQueryBytes ?? 4096, CLASSIC_UDP_BYTES, MAX_DNS_MESSAGE_BYTES),
    maxTcpPendingBytes: int('maxTcpPendingBytes', raw.maxTcpPendingBytes ?? 256 * 1024, MAX_DNS_MESSAGE_BYTES + 2),
    listenRetryMinMs,
    listenRetryMaxMs: int('listenRetryMaxMs', raw.listenRetryMaxMs ?? 30_000, listenRetryMinMs),
  };
}
