// `berth server`: one control-plane replica. This entrypoint is the only place that reads flags
// and the environment; everything below it takes compiled options.
import { parseArgs } from 'node:util';
import { mkdir } from 'node:fs/promises';
import * as grpc from '@grpc/grpc-js';
import { pino, type Logger } from 'pino';
import type { NatsOptions } from '../client/index.js';
import { BerthError, NATS_FLAGS, NATS_FLAGS_USAGE, clusterIdProblem, isBerthError, natsOptionsFromFlags } from '../client/index.js';
import { registerClusterService, registerKvService, registerObjectService } from './api/index.js';
import { compileNodeServiceOptions, registerNodeService } from './nodes/index.js';
import type { NodeServiceOptions } from './nodes/index.js';
import { RaftNode, type RaftNodeOptions } from './raft/index.js';
import { LevelRaftStorage, openDataDb } from './raft/storage/index.js';
import { GrpcTransport, grpcServerOptions } from './raft/transport/index.js';
import { Store } from './store/index.js';
import { CONTROLLER_NAMES, startControlPlane } from './control-plane.js';
import type { PlacementStrategy } from './controllers/index.js';
import type { NatsEvents } from './events/index.js';
import { MAX_KV_REPLICAS, podSignals, startNatsEvents } from './events/index.js';

export const SERVER_USAGE = `Usage: berth server --id ID --data DIR --listen HOST:PORT --peers ID=HOST:PORT,... [flags]

Runs one control-plane replica. Start the same --peers list on every initial replica.

Flags:
  --id ID                 this replica's id, a DNS-1123 label (e.g. r1)              (required)
  --data DIR              data directory (one LevelDB: Raft log + store)            (required)
  --listen HOST:PORT      address for peers and clients                             (required)
  --peers LIST            initial members id=host:port,... including this one       (required unless --join)
  --join                  start empty and wait to be added (berth cluster add ID ADDR)
  --cluster-id NAME       messages from another cluster are refused; also names the
                          cluster's NATS subjects and bucket (letters, digits, - and _) (default berth)
  --tick-ms N             Raft tick length in ms                                    (default 100)
  --election-ticks N      election timeout in ticks (randomized N..2N)              (default 10)
  --heartbeat-ticks N     leader heartbeat interval in ticks                        (default 1)
  --snapshot-entries N    applied entries between compactions of the Raft log      (default 20000)
  --snapshot-catchup-entries N
                          entries kept at a compaction for slow followers           (default 5000)
  --lease-reads           serve linearizable reads from the leader's lease, without a
                          quorum round trip (faster; correct only while clocks drift
                          less than an election timeout)                           (default off)
  --node-heartbeat-ms N   how often agents heartbeat                                 (default 1000)
  --node-not-ready-after-ms N
                          a node silent this long becomes NotReady                  (default 4000)
  --node-disconnected-not-ready-after-ms N
                          a node whose agent's connection closed and stayed closed
                          this long becomes NotReady                                (default 2000)
  --pod-eviction-after-ms N
                          pods of a NotReady node are evicted this much later,
                          unless their tolerations say otherwise                   (default 5000)
  --placement STRATEGY    spread (least allocated) or binpack (fewest nodes); a pod's
                          berth.io/placement annotation overrides it               (default spread)
  --controllers LIST      which leader-side controllers run: * for all, names to run
                          only those, -name to leave one out, none for no automation
                          (default *); names: ${CONTROLLER_NAMES.join(', ')}
  --log-level LEVEL       trace|debug|info|warn|error                               (default info)

NATS (optional: the leader publishes endpoints, events and scaling decisions there; the control
plane works the same without it, and catches NATS up when it comes back):
${NATS_FLAGS_USAGE}  --nats-kv-replicas N    replicas of the endpoints bucket when berth creates it,
                          for a NATS cluster (1-${MAX_KV_REPLICAS})                                   (default 1)
`;

export interface ServerConfig {
  readonly id: string;
  readonly dataDir: string;
  readonly listen: string;
  readonly clusterId: string;
  readonly logLevel: string;
  readonly node: RaftNodeOptions;
  /** Node liveness and agent streams. */
  readonly nodes: NodeServiceOptions;
  /** The cluster's default placement strategy. */
  readonly placement: PlacementStrategy;
  /** The controllers this replica runs while it leads. */
  readonly controllers: readonly string[];
  /** Where the leader publishes, or undefined without --nats. */
  readonly nats: NatsOptions | undefined;
  /** Replicas of the endpoints bucket's stream when this replica creates it. */
  readonly natsKvReplicas: number;
}

const ADDRESS = /^[A-Za-z0-9.-]+:\d{1,5}$/;
/** How long in-flight calls get to finish on SIGTERM before they are cut. */
const SHUTDOWN_GRACE_MS = 3_000;

function usage(message: string): BerthError {
  return new BerthError('INVALID_ARGUMENT', message);
}

function intFlag(name: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw usage(`--${name}: must be an integer >= ${min} (got ${JSON.stringify(value)})`);
  return n;
}

function parsePeers(value: string | undefined): Record<string, string> {
  const peers: Record<string, string> = {};
  if (value === undefined || value === '') return peers;
  for (const part of value.split(',')) {
    const [id, address, ...rest] = part.split('=');
    if (id === undefined || address === undefined || rest.length > 0 || id === '' || !ADDRESS.test(address)) {
      throw usage(`--peers: each member must be id=host:port (got ${JSON.stringify(part)})`);
    }
    if (id in peers) throw usage(`--peers: member ${JSON.stringify(id)} is listed twice`);
    peers[id] = address;
  }
  return peers;
}

/**
 * `--controllers`, in kube-controller-manager's manner: `*` (all), `none`, a list of names, or
 * `*,-name` to leave some out. Unknown names are refused rather than silently ignored.
 */
function parseControllers(value: string | undefined): readonly string[] {
  if (value === undefined || value === '*') return CONTROLLER_NAMES;
  if (value === 'none') return [];
  const parts = value.split(',').map((p) => p.trim());
  const known = new Set(CONTROLLER_NAMES);
  const chosen = new Set<string>(parts.includes('*') ? CONTROLLER_NAMES : []);
  for (const part of parts) {
    if (part === '*') continue;
    const name = part.startsWith('-') ? part.slice(1) : part;
    if (!known.has(name)) {
      throw usage(`--controllers: unknown controller ${JSON.stringify(name)} (known: ${CONTROLLER_NAMES.join(', ')}, or * / none)`);
    }
    if (part.startsWith('-')) chosen.delete(name);
    else chosen.add(name);
  }
  return CONTROLLER_NAMES.filter((n) => chosen.has(n));
}

function parseKvReplicas(value: string | undefined, withNats: boolean): number {
  if (value === undefined) return 1;
  if (!withNats) throw usage('--nats-kv-replicas: needs --nats');
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_KV_REPLICAS) throw usage(`--nats-kv-replicas: must be an integer from 1 to ${MAX_KV_REPLICAS} (got ${JSON.stringify(value)})`);
  return n;
}

/** Parses and validates `berth server` flags; throws INVALID_ARGUMENT naming the flag. */
export function parseServerArgs(argv: string[]): ServerConfig {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      id: { type: 'string' },
      data: { type: 'string' },
      listen: { type: 'string' },
      peers: { type: 'string' },
      join: { type: 'boolean' },
      'cluster-id': { type: 'string' },
      'tick-ms': { type: 'string' },
      'election-ticks': { type: 'string' },
      'heartbeat-ticks': { type: 'string' },
      'snapshot-entries': { type: 'string' },
      'snapshot-catchup-entries': { type: 'string' },
      'log-level': { type: 'string' },
      'lease-reads': { type: 'boolean' },
      'node-heartbeat-ms': { type: 'string' },
      'node-not-ready-after-ms': { type: 'string' },
      'pod-eviction-after-ms': { type: 'string' },
      'node-disconnected-not-ready-after-ms': { type: 'string' },
      placement: { type: 'string' },
      controllers: { type: 'string' },
      ...NATS_FLAGS,
      'nats-kv-replicas': { type: 'string' },
    },
  });
  if (values.id === undefined) throw usage('--id: required (e.g. --id r1)');
  if (values.data === undefined) throw usage('--data: required (a directory for this replica)');
  if (values.listen === undefined || !ADDRESS.test(values.listen)) {
    throw usage(`--listen: must be host:port (got ${JSON.stringify(values.listen ?? '')})`);
  }
  const join = values.join ?? false;
  const peers = parsePeers(values.peers);
  if (!join && !(values.id in peers)) throw usage(`--peers: must include this replica (${values.id}=${values.listen})`);
  if (join && Object.keys(peers).length === 0) {
    throw usage('--peers: with --join, list the existing members (id=host:port,...) so this replica can answer them');
  }
  const logLevel = values['log-level'] ?? 'info';
  if (!['trace', 'debug', 'info', 'warn', 'error'].includes(logLevel)) {
    throw usage(`--log-level: must be one of trace, debug, info, warn, error (got ${JSON.stringify(logLevel)})`);
  }
  const electionTicks = intFlag('election-ticks', values['election-ticks'], 2);
  const heartbeatTicks = intFlag('heartbeat-ticks', values['heartbeat-ticks'], 1);
  const node: RaftNodeOptions = {
    id: values.id,
    initialPeers: peers,
    join,
    ...(values['tick-ms'] !== undefined ? { tickMs: intFlag('tick-ms', values['tick-ms'], 1)! } : {}),
    ...(values['snapshot-entries'] !== undefined ? { snapshotEntries: intFlag('snapshot-entries', values['snapshot-entries'], 1)! } : {}),
    ...(values['snapshot-catchup-entries'] !== undefined
      ? { snapshotCatchUpEntries: intFlag('snapshot-catchup-entries', values['snapshot-catchup-entries'], 0)! }
      : {}),
    raft: {
      ...(electionTicks !== undefined ? { electionTicks } : {}),
      ...(heartbeatTicks !== undefined ? { heartbeatTicks } : {}),
      ...(values['lease-reads'] === true ? { readOnly: 'lease' as const } : {}),
    },
  };
  const heartbeatIntervalMs = intFlag('node-heartbeat-ms', values['node-heartbeat-ms'], 10);
  const notReadyAfterMs = intFlag('node-not-ready-after-ms', values['node-not-ready-after-ms'], 1);
  const evictAfterMs = intFlag('pod-eviction-after-ms', values['pod-eviction-after-ms'], 0);
  const disconnectedNotReadyAfterMs = intFlag('node-disconnected-not-ready-after-ms', values['node-disconnected-not-ready-after-ms'], 1);
  const nodes: NodeServiceOptions = {
    ...(heartbeatIntervalMs !== undefined ? { heartbeatIntervalMs } : {}),
    ...(notReadyAfterMs !== undefined ? { notReadyAfterMs } : {}),
    ...(evictAfterMs !== undefined ? { evictAfterMs } : {}),
    ...(disconnectedNotReadyAfterMs !== undefined ? { disconnectedNotReadyAfterMs } : {}),
  };
  compileNodeServiceOptions(nodes);
  const placement = values.placement ?? 'spread';
  if (placement !== 'spread' && placement !== 'binpack') throw usage(`--placement: must be spread or binpack (got ${JSON.stringify(placement)})`);
  const controllers = parseControllers(values.controllers);
  const clusterId = values['cluster-id'] ?? 'berth';
  const clusterProblem = clusterIdProblem(clusterId);
  if (clusterProblem !== undefined) throw usage(`--cluster-id: ${clusterProblem} (got ${JSON.stringify(clusterId)})`);
  const nats = natsOptionsFromFlags(values, process.env, `berth-server-${values.id}`);
  const natsKvReplicas = parseKvReplicas(values['nats-kv-replicas'], nats !== undefined);
  return {
    id: values.id,
    dataDir: values.data,
    listen: values.listen,
    clusterId,
    logLevel,
    node,
    nodes,
    placement,
    controllers,
    nats,
    natsKvReplicas,
  };
}

export interface RunningServer {
  readonly node: RaftNode;
  readonly port: number;
  stop(): Promise<void>;
}

/** Opens the data directory, starts Raft and serves peers and clients on one gRPC port. */
export async function startServer(config: ServerConfig, logger: Logger, onFatal: (err: unknown) => void): Promise<RunningServer> {
  await mkdir(config.dataDir, { recursive: true });
  const db = await openDataDb(config.dataDir);
  const storage = await LevelRaftStorage.open(db, logger);
  const stored = await storage.load();
  const store = await Store.open(db, {}, logger);
  let transport: GrpcTransport | undefined;
  const node = new RaftNode(config.node, {
    db,
    storage,
    stored,
    store,
    transport: (handler) => (transport = new GrpcTransport({ clusterId: config.clusterId, selfId: config.id }, handler, logger)),
    logger,
  });
  const server = new grpc.Server(grpcServerOptions());
  transport!.registerWith(server);
  const apiOptions = { clusterId: config.clusterId, logger };
  const objects = registerObjectService(server, node, apiOptions);
  const nodeService = registerNodeService(server, { node, reg: objects.registry, caches: objects.caches }, { ...config.nodes, logger });
  const services = [registerKvService(server, node, apiOptions), registerClusterService(server, node, apiOptions), objects, nodeService];
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(config.listen, grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );
  await node.start(onFatal);
  // NATS connects in the background: a replica serves whether or not NATS is there.
  const events: NatsEvents | undefined = config.nats === undefined ? undefined : startNatsEvents(config.nats, config.clusterId, { kvReplicas: config.natsKvReplicas, logger });
  const controllers = startControlPlane(
    objects.registry,
    objects.caches,
    { logger: logger.child({ component: 'controllers' }), placement: config.placement, enabled: config.controllers },
    {
      signals: podSignals(() => nodeService.podUsage(), events?.metrics),
      ...(events === undefined ? {} : { scaling: events.scaling, natsPublisher: events.publisher }),
    },
  );
  logger.info({ component: 'server', id: config.id, listen: config.listen, cluster: config.clusterId }, 'berth server ready');
  return {
    node,
    port,
    stop: async () => {
      await controllers.close();
      await events?.close();
      // Open watch streams would hold tryShutdown forever: end them first (clients resume elsewhere).
      for (const s of services) s.close();
      await node.stop();
      const graceful = new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
      const grace = new Promise<void>((resolve) => setTimeout(resolve, SHUTDOWN_GRACE_MS).unref());
      await Promise.race([graceful, grace]);
      server.forceShutdown();
      await store.close?.();
      await db.close();
    },
  };
}

/** The `berth server` command: returns the process exit code once the server has stopped. */
export async function serverCommand(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(SERVER_USAGE);
    return 0;
  }
  let config: ServerConfig;
  try {
    config = parseServerArgs(argv);
  } catch (err) {
    process.stderr.write(`error: ${(err as Error).message}\n\n${SERVER_USAGE}`);
    return 2;
  }
  const logger = pino({ level: config.logLevel, base: { pid: process.pid } });
  let running: RunningServer;
  try {
    running = await startServer(config, logger, (err) => {
      logger.fatal({ err }, 'fatal error; exiting');
      process.exit(1);
    });
  } catch (err) {
    const msg = isBerthError(err) ? err.message : (err as Error).message;
    logger.fatal({ err }, 'cannot start');
    process.stderr.write(`error: ${msg}\n`);
    return 1;
  }
  return new Promise<number>((resolve) => {
    const shutdown = (signal: string): void => {
      logger.info({ signal }, 'shutting down');
      running.stop().then(
        () => resolve(0),
        (err: unknown) => {
          logger.error({ err }, 'shutdown failed');
          resolve(1);
        },
      );
    };
    process.once('SIGTERM', () => shutdown('SIGTERM'));
    process.once('SIGINT', () => shutdown('SIGINT'));
  });
}
