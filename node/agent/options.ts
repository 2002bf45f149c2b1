// Options of `berth agent`, compiled once with defaults and checks. Flags are read only in
// agent-command.ts; everything below takes these.
import { BerthError } from '../../client/index.js';

export interface AgentOptions {
  /** Control-plane replicas (host:port); the agent finds the leader among them. Required. */
  servers: readonly string[];
  /** The node's name: a DNS-1123 subdomain. Required. */
  name: string;
  /** Where the agent keeps pod directories, logs and runtime state. Required. */
  dataDir: string;
  /** Labels set on the Node at registration. @default {} */
  labels?: Readonly<Record<string, string>>;
  /** The address other hosts reach this node at (its InternalIP; pods' hostIP and podIP). @default 127.0.0.1 */
  address?: string;
  /** Until the leader says otherwise at registration. @default 1000 */
  heartbeatIntervalMs?: number;
  /** Reconnect back-off after a failed stream: the first wait, doubled up to the max. @default 100 */
  reconnectMinMs?: number;
  /** @default 2000 */
  reconnectMaxMs?: number;
  /** Most pods this node accepts (Node status capacity.pods). @default 110 */
  maxPods?: number;
  /** Memory kept back from pods (subtracted from capacity for allocatable), in bytes. @default 0 */
  reservedMemoryBytes?: number;
  /** CPU kept back from pods, in millicores. @default 0 */
  reservedCpuMillicores?: number;
  /** Pod status messages waiting for the stream before the oldest are dropped (resent on reconnect). @default 4096 */
  maxQueuedStatus?: number;
}

export interface CompiledAgentOptions {
  readonly servers: readonly string[];
  readonly name: string;
  readonly dataDir: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly address: string;
  readonly heartbeatIntervalMs: number;
  readonly reconnectMinMs: number;
  readonly reconnectMaxMs: number;
  readonly maxPods: number;
  readonly reservedMemoryBytes: number;
  readonly reservedCpuMillicores: number;
  readonly maxQueuedStatus: number;
}

const ADDRESS = /^[A-Za-z0-9.:[\]-]+:\d{1,5}$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function invalid(field: string, rule: string, got: unknown): BerthError {
  return new BerthError('INVALID_ARGUMENT', `${field}: ${rule} (got ${JSON.stringify(got)})`, { details: { field } });
}

function int(field: string, value: number, min: number): number {
  if (!Number.isSafeInteger(value) || value < min) throw invalid(field, `must be an integer >= ${min}`, value);
  return value;
}

export function compileAgentOptions(raw: AgentOptions): CompiledAgentOptions {
  if (raw.servers.length === 0) throw invalid('servers', 'list at least one replica as host:port', '');
  for (const s of raw.servers) if (!ADDRESS.test(s)) throw invalid('servers', 'each must be host:port', s);
  if (raw.name.length > 253 || !DNS_SUBDOMAIN.test(raw.name)) {
    throw invalid('name', 'must be a DNS-1123 subdomain (lowercase letters, digits, "-" and ".", at most 253 characters)', raw.name);
  }
  if (raw.dataDir === '') throw invalid('data', 'required (a directory for this agent)', raw.dataDir);
  const reconnectMinMs = int('reconnectMinMs', raw.reconnectMinMs ?? 100, 1);
  return {
    servers: [...raw.servers],
    name: raw.name,
    dataDir: raw.dataDir,
    labels: { ...(raw.labels ?? {}) },
    address: raw.address ?? '127.0.0.1',
    heartbeatIntervalMs: int('heartbeatIntervalMs', raw.heartbeatIntervalMs ?? 1000, 10),
    reconnectMinMs,
    reconnectMaxMs: int('reconnectMaxMs', raw.reconnectMaxMs ?? 2000, reconnectMinMs),
    maxPods: int('maxPods', raw.maxPods ?? 110, 1),
    reservedMemoryBytes: int('reservedMemoryBytes', raw.reservedMemoryBytes ?? 0, 0),
    reservedCpuMillicores: int('reservedCpuMillicores', raw.reservedCpuMillicores ?? 0, 0),
    maxQueuedStatus: int('maxQueuedStatus', raw.maxQueuedStatus ?? 4096, 1),
  };
}
