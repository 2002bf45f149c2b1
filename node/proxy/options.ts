// Options of the agent's NodePort proxy, compiled once with defaults and checks. Flags are read
// only in agent-command.ts; the proxy takes these.
import { isIP } from 'node:net';
import { BerthError } from '../../client/index.js';

export interface NodePortProxyOptions {
  /** The IP address the NodePort listeners bind (the agent's --address by default). Required. */
  address: string;
  /** Proxied connections one listener holds at once; more are closed when they arrive. @default 1024 */
  maxConnectionsPerListener?: number;
  /** How long to wait for an endpoint to accept before trying the next one. @default 3000 */
  connectTimeoutMs?: number;
  /** An endpoint that refused (or timed out) is passed over this long while others are ready. @default 5000 */
  refusedSkipMs?: number;
  /** Endpoints tried for one connection before it is closed. @default 3 */
  maxConnectAttempts?: number;
  /** After a failed listen (the port is in use), the first wait before trying again, doubled up to the max. @default 1000 */
  listenRetryMinMs?: number;
  /** @default 30000 */
  listenRetryMaxMs?: number;
}

export interface CompiledNodePortProxyOptions {
  readonly address: string;
  readonly maxConnectionsPerListener: number;
  readonly connectTimeoutMs: number;
  readonly refusedSkipMs: number;
  readonly maxConnectAttempts: number;
  readonly listenRetryMinMs: number;
  readonly listenRetryMaxMs: number;
}

function invalid(field: string, rule: string, got: unknown): BerthError {
  return new BerthError('INVALID_ARGUMENT', `${field}: ${rule} (got ${JSON.stringify(got)})`, { details: { field } });
}

function int(field: string, value: number, min: number): number {
  if (!Number.isSafeInteger(value) || value < min) throw invalid(field, `must be an integer >= ${min}`, value);
  return value;
}

export function compileNodePortProxyOptions(raw: NodePortProxyOptions): CompiledNodePortProxyOptions {
  if (isIP(raw.address) === 0) throw invalid('address', 'must be an IP address', raw.address);
  const listenRetryMinMs = int('listenRetryMinMs', raw.listenRetryMinMs ?? 1000, 1);
  return {
    address: raw.address,
    maxConnectionsPerListener: int('maxConnectionsPerListener', raw.maxConnectionsPerListener ?? 1024, 1),
    connectTimeoutMs: int('connectTimeoutMs', raw.connectTimeoutMs ?? 3000, 1),
    refusedSkipMs: int('refusedSkipMs', raw.refusedSkipMs ?? 5000, 0),
    maxConnectAttempts: int('maxConnectAttempts', raw.maxConnectAttempts ?? 3, 1),
    listenRetryMinMs,
    listenRetryMaxMs: int('listenRetryMaxMs', raw.listenRetryMaxMs ?? 30_000, listenRetryMinMs),
  };
}
