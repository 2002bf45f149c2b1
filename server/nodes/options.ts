// Options of NodeService and node liveness, compiled once with defaults and checks.
import type { Logger } from 'pino';
import { pino } from 'pino';
import { BerthError } from '../../client/index.js';

export interface NodeServiceOptions {
  /** Where the service logs (a child with component "nodes" is made). @default a silent logger */
  logger?: Logger;
  /** How often agents are asked to heartbeat. @default 1000 */
  heartbeatIntervalMs?: number;
  /** A node not heard from for this long becomes NotReady (Ready=Unknown). @default 4000 */
  notReadyAfterMs?: number;
  /**
   * A node whose agent's stream to this leader ended (the connection closed: the agent process or
   * its host died, or the network reset it) and did not come back within this long becomes
   * NotReady sooner than notReadyAfterMs. A working agent reconnects within about a second.
   * @default 2000
   */
  disconnectedNotReadyAfterMs?: number;
  /**
   * Pods of a NotReady node are evicted this long after it became NotReady, unless a pod's
   * toleration of node.kubernetes.io/unreachable (or not-ready) says otherwise. @default 5000
   */
  evictAfterMs?: number;
  /** How often the leader looks for silent nodes. @default 250 */
  livenessCheckIntervalMs?: number;
  /** Pods per PodSet message when a node's pods are sent on (re)connect. @default 64 */
  podSetChunk?: number;
  /** Pod status writes in flight at once, over all agents. @default 64 */
  maxStatusWritesInFlight?: number;
  /** Log and exec requests open at once on one agent's stream. @default 64 */
  maxRequestsPerAgent?: number;
  /**
   * Bytes of relayed log or exec output waiting for a slow client before the request is ended
   * with RESOURCE_EXHAUSTED. @default 8388608 (8 MiB)
   */
  maxRelayBufferedBytes?: number;
  /** Exec timeout when the request sets none. @default 60 */
  defaultExecTimeoutSeconds?: number;
  /** Largest exec timeout a request may ask for. @default 3600 */
  maxExecTimeoutSeconds?: number;
  /** Largest stdin an exec request may carry. @default 1048576 (1 MiB) */
  maxExecStdinBytes?: number;
  /** Evictions started per liveness check, so that a lost rack does not flood Raft. @default 200 */
  maxEvictionsPerCheck?: number;
  /** Milliseconds since the epoch. @default Date.now */
  now?: () => number;
}

export interface CompiledNodeServiceOptions {
  readonly logger: Logger;
  readonly heartbeatIntervalMs: number;
  readonly notReadyAfterMs: number;
  readonly disconnectedNotReadyAfterMs: number;
  readonly evictAfterMs: number;
  readonly livenessCheckIntervalMs: number;
  readonly podSetChunk: number;
  readonly maxStatusWritesInFlight: number;
  readonly maxRequestsPerAgent: number;
  readonly maxRelayBufferedBytes: number;
  readonly defaultExecTimeoutSeconds: number;
  readonly maxExecTimeoutSeconds: number;
  readonly maxExecStdinBytes: number;
  readonly maxEvictionsPerCheck: number;
  readonly now: () => number;
}

function int(name: keyof NodeServiceOptions, value: number, min: number): number {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new BerthError('INVALID_ARGUMENT', `nodes.${name}: must be an integer >= ${min} (got ${String(value)})`, { details: { field: `nodes.${name}` } });
  }
  return value;
}

/** Fills defaults and validates, once. Throws INVALID_ARGUMENT naming the bad option. */
export function compileNodeServiceOptions(raw: NodeServiceOptions = {}): CompiledNodeServiceOptions {
  const heartbeatIntervalMs = int('heartbeatIntervalMs', raw.heartbeatIntervalMs ?? 1000, 10);
  const notReadyAfterMs = int('notReadyAfterMs', raw.notReadyAfterMs ?? 4000, 1);
  if (notReadyAfterMs <= heartbeatIntervalMs) {
    throw new BerthError(
      'INVALID_ARGUMENT',
      `nodes.notReadyAfterMs: must be longer than heartbeatIntervalMs (${heartbeatIntervalMs}) (got ${notReadyAfterMs})`,
      { details: { field: 'nodes.notReadyAfterMs' } },
    );
  }
  const disconnectedNotReadyAfterMs = int('disconnectedNotReadyAfterMs', raw.disconnectedNotReadyAfterMs ?? Math.min(2000, notReadyAfterMs), 1);
  if (disconnectedNotReadyAfterMs > notReadyAfterMs) {
    throw new BerthError(
      'INVALID_ARGUMENT',
      `nodes.disconnectedNotReadyAfterMs: must be at most notReadyAfterMs (${notReadyAfterMs}) (got ${disconnectedNotReadyAfterMs})`,
      { details: { field: 'nodes.disconnectedNotReadyAfterMs' } },
    );
  }
  return {
    logger: (raw.logger ?? pino({ level: 'silent' })).child({ component: 'nodes' }),
    heartbeatIntervalMs,
    notReadyAfterMs,
    disconnectedNotReadyAfterMs,
    evictAfterMs: int('evictAfterMs', raw.evictAfterMs ?? 5000, 0),
    livenessCheckIntervalMs: int('livenessCheckIntervalMs', raw.livenessCheckIntervalMs ?? 250, 10),
    podSetChunk: int('podSetChunk', raw.podSetChunk ?? 64, 1),
    maxStatusWritesInFlight: int('maxStatusWritesInFlight', raw.maxStatusWritesInFlight ?? 64, 1),
    maxRequestsPerAgent: int('maxRequestsPerAgent', raw.maxRequestsPerAgent ?? 64, 1),
    maxRelayBufferedBytes: int('maxRelayBufferedBytes', raw.maxRelayBufferedBytes ?? 8 * 1024 * 1024, 1024),
    defaultExecTimeoutSeconds: int('defaultExecTimeoutSeconds', raw.defaultExecTimeoutSeconds ?? 60, 1),
    maxExecTimeoutSeconds: int('maxExecTimeoutSeconds', raw.maxExecTimeoutSeconds ?? 3600, 1),
    maxExecStdinBytes: int('maxExecStdinBytes', raw.maxExecStdinBytes ?? 1024 * 1024, 0),
    maxEvictionsPerCheck: int('maxEvictionsPerCheck', raw.maxEvictionsPerCheck ?? 200, 1),
    now: raw.now ?? Date.now,
  };
}
