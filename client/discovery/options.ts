// Options of service discovery (client.discovery and DiscoveryCache), compiled once with their
// defaults and checks. Every bound of the cache is here: how many Services it holds, how many
// listeners it calls, and how long it waits for NATS before it follows the control plane instead.
import { InvalidError } from '../errors.js';
import type { NatsOptions } from '../nats/options.js';
import type { ObjectApi } from '../objects/types.js';
import { clusterIdProblem } from './wire.js';

/** The cluster id when neither the options nor the config file name one (`berth server`'s default). */
export const DEFAULT_CLUSTER_ID = 'berth';
/** Services (tombstones of deleted ones included) one cache holds at most. */
export const DEFAULT_MAX_DISCOVERY_SERVICES = 100_000;
/** Change listeners and subscriptions of one cache at most. */
export const DEFAULT_MAX_DISCOVERY_LISTENERS = 10_000;

export interface DiscoveryOptions {
  /** How long a lookup waits for the cache's first fill before it fails with UNAVAILABLE. @default 10000 */
  syncTimeoutMs?: number;
  /** How long NATS may take to connect and deliver the bucket before the control plane is followed instead. @default 3000 */
  natsConnectTimeoutMs?: number;
  /** A NATS connection lost for longer than this hands over to the control plane. @default 5000 */
  natsGraceMs?: number;
  /** Delay between attempts to reach NATS or its bucket while they are away (and NATS's reconnect wait). @default 1000 */
  natsRetryMs?: number;
  /** Delay before the control-plane follower lists again after a failed list. @default 1000 */
  controlPlaneRetryMs?: number;
  /** Services (tombstones included) the cache holds at most; more are dropped and counted. @default 100000 */
  maxServices?: number;
  /** Change listeners plus subscriptions at most; one more fails with RESOURCE_EXHAUSTED. @default 10000 */
  maxListeners?: number;
}

/** What the cache needs of the control plane to follow it: informers of Services and Endpoints. */
export type DiscoveryFallback = Pick<ObjectApi, 'informer'>;

/** Which source the cache follows now. */
export type DiscoveryMode = 'starting' | 'nats' | 'control-plane';

export interface DiscoveryCacheOptions extends DiscoveryOptions {
  /** The NATS to follow (the bucket `berth-<cluster>-endpoints`); omitted: the control plane only. */
  nats?: NatsOptions | undefined;
  /** The cluster id the servers publish under. @default "berth" */
  cluster?: string | undefined;
  /** The control plane to follow without NATS, or while NATS is away; omitted: NATS only. */
  fallback?: DiscoveryFallback | undefined;
  /** Hears each change of the source followed, with the reason (for logs). */
  onModeChange?: ((mode: DiscoveryMode, reason: string) => void) | undefined;
}

export interface CompiledDiscoveryOptions {
  readonly syncTimeoutMs: number;
  readonly natsConnectTimeoutMs: number;
  readonly natsGraceMs: number;
  readonly natsRetryMs: number;
  readonly controlPlaneRetryMs: number;
  readonly maxServices: number;
  readonly maxListeners: number;
}

export interface CompiledDiscoveryCacheOptions extends CompiledDiscoveryOptions {
  readonly nats: NatsOptions | undefined;
  readonly cluster: string;
  readonly fallback: DiscoveryFallback | undefined;
  readonly onModeChange: ((mode: DiscoveryMode, reason: string) => void) | undefined;
}

function bad(field: string, rule: string, value: unknown): InvalidError {
  const message = `${rule} (got ${JSON.stringify(value)})`;
  return new InvalidError(`${field}: ${message}`, { causes: [{ field, message }] });
}

function int(prefix: string, field: keyof DiscoveryOptions, value: number | undefined, fallback: number, min: number): number {
  const v = value ?? fallback;
  if (!Number.isSafeInteger(v) || v < min) throw bad(`${prefix}${field}`, `must be an integer >= ${min}`, v);
  return v;
}

/** Fills the defaults of `raw` and checks them; `prefix` names the options in errors ("connect.discovery."). */
export function compileDiscoveryOptions(raw: DiscoveryOptions = {}, prefix = 'discovery.'): CompiledDiscoveryOptions {
  if (typeof raw !== 'object' || raw === null) throw bad(prefix.replace(/\.$/, ''), 'must be an object', raw);
  return {
    syncTimeoutMs: int(prefix, 'syncTimeoutMs', raw.syncTimeoutMs, 10_000, 1),
    natsConnectTimeoutMs: int(prefix, 'natsConnectTimeoutMs', raw.natsConnectTimeoutMs, 3000, 1),
    natsGraceMs: int(prefix, 'natsGraceMs', raw.natsGraceMs, 5000, 0),
    natsRetryMs: int(prefix, 'natsRetryMs', raw.natsRetryMs, 1000, 1),
    controlPlaneRetryMs: int(prefix, 'controlPlaneRetryMs', raw.controlPlaneRetryMs, 1000, 1),
    maxServices: int(prefix, 'maxServices', raw.maxServices, DEFAULT_MAX_DISCOVERY_SERVICES, 1),
    maxListeners: int(prefix, 'maxListeners', raw.maxListeners, DEFAULT_MAX_DISCOVERY_LISTENERS, 1),
  };
}

/** Checks a cluster id; `field` names it in the error. */
export function checkClusterId(id: unknown, field: string): string {
  const problem = typeof id === 'string' ? clusterIdProblem(id) : 'must be a string';
  if (problem !== undefined) throw bad(field, problem, id);
  return id as string;
}

/** The options of a DiscoveryCache, checked: it needs NATS, a fallback, or both. */
export function compileDiscoveryCacheOptions(raw: DiscoveryCacheOptions): CompiledDiscoveryCacheOptions {
  const { nats, cluster, fallback, onModeChange, ...limits } = raw;
  if (nats === undefined && fallback === undefined) {
    throw new InvalidError('DiscoveryCache: give nats, fallback (the control plane), or both', {
      causes: [{ field: 'nats', message: 'nats or fallback is required' }],
    });
  }
  if (nats !== undefined && (!Array.isArray(nats.servers) || nats.servers.length === 0)) throw bad('nats.servers', 'must list at least one nats://host:port', nats.servers);
  if (fallback !== undefined && typeof fallback.informer !== 'function') throw bad('fallback', 'must have informer() (a Client)', typeof fallback);
  if (onModeChange !== undefined && typeof onModeChange !== 'function') throw bad('onModeChange', 'must be a function', typeof onModeChange);
  return {
    ...compileDiscoveryOptions(limits, ''),
    nats,
    cluster: checkClusterId(cluster ?? DEFAULT_CLUSTER_ID, 'cluster'),
    fallback,
    onModeChange,
  };
}
