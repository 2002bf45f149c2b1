// `berth agent`: one node agent. This entrypoint is the only place in node/ that reads flags and
// the environment; everything below it takes compiled options.
import { mkdir } from 'node:fs/promises';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import type { Logger } from 'pino';
import { BerthError, DEFAULT_CLUSTER_ID, DiscoveryCache, NATS_FLAGS, NATS_FLAGS_USAGE, clusterIdProblem, connect, natsOptionsFromFlags } from '../client/index.js';
import type { Client, NatsOptions } from '../client/index.js';
import type { CliCommand } from '../client/cli/command.js';
import { Agent } from './agent/agent.js';
import { compileAgentOptions } from './agent/options.js';
import type { CompiledAgentOptions } from './agent/options.js';
import { DEFAULT_CLUSTER_DOMAIN, DEFAULT_DNS_ADDRESS, DnsServer, clusterDomainProblem, compileDnsServerOptions, parseListenAddress } from './dns/index.js';
import type { CompiledDnsServerOptions } from './dns/index.js';
import { NodePortProxy, compileNodePortProxyOptions } from './proxy/index.js';
import type { CompiledNodePortProxyOptions } from './proxy/index.js';
import { InformerPodSources, compilePodWorkerOptions } from './pods/index.js';
import type { CompiledPodWorkerOptions } from './pods/index.js';
import { createProcessRuntime, hostUsage } from './runtime/index.js';
import { MAX_SIMULATED_AGENTS, startSimulatedAgents } from './simulate.js';

export const AGENT_USAGE = `Usage: berth agent --server ADDRS --name NAME --data DIR [flags]

Runs the node agent of this host: registers the node with the control plane, runs the pods
bound to it (each container a process group; see node/README.md) and reports their status.
It also answers DNS for the cluster's Services and listens on their NodePorts, from a live copy
of their endpoints (followed on NATS with --nats, else from the control plane).

Flags:
  --server LIST           control-plane replicas, host:port,...                     (required)
  --name NAME             the node's name, a DNS-1123 subdomain                       (required)
  --data DIR              pod directories, logs and runtime state                    (required)
  --labels LIST           node labels k=v,...
  --address IP            the address other hosts reach this node at                 (default 127.0.0.1)
  --max-pods N            pods this node takes                                       (default 110)
  --reserved-cpu M        millicores kept back from pods                             (default 0)
  --reserved-memory BYTES bytes of memory kept back from pods                         (default 0)
  --restart-backoff-min-ms N
                          first wait before restarting a crashed container           (default 1000)
  --restart-backoff-max-ms N
                          longest wait (CrashLoopBackOff)                            (default 60000)
  --log-max-bytes N       size of a container log file before it is rotated          (default 10485760)
  --cgroups on|off        enforce limits with cgroups when the host has them         (default on)
  --stop-pods-on-exit     stop every pod when the agent stops (for local clusters;
                          by default pods keep running across agent restarts)
  --cluster-id NAME       the cluster's id, which names its NATS subjects and bucket (default ${DEFAULT_CLUSTER_ID})
  --dns IP:PORT|off       serve the cluster's names over UDP and TCP here            (default ${DEFAULT_DNS_ADDRESS})
  --cluster-domain NAME   the domain the DNS server answers for                      (default ${DEFAULT_CLUSTER_DOMAIN})
  --nodeport-address IP   where this node listens for NodePort Services              (default: --address)
${NATS_FLAGS_USAGE}  --log-level LEVEL       trace|debug|info|warn|error                                (default info)
  --simulate N            benchmarks only: N simulated nodes with a fake runtime that starts
                          pods at once (1..${MAX_SIMULATED_AGENTS}), all in this process, named NAME-1..NAME-N
                          (zero-padded), each with its own stream and data dir DIR/NAME-i
`;

interface AgentConfig {
  readonly agent: CompiledAgentOptions;
  readonly pods: CompiledPodWorkerOptions;
  readonly logMaxBytes: number | undefined;
  readonly cgroups: boolean;
  readonly logLevel: string;
  readonly stopPodsOnExit: boolean;
  /** Benchmarks only: run this many simulated agents with a fake runtime instead of this host's. */
  readonly simulate: number | undefined;
  /** The cluster id NATS subjects and the endpoints bucket are named by. */
  readonly clusterId: string;
  /** The NATS whose endpoints bucket the agent follows; undefined: the control plane only. */
  readonly nats: NatsOptions | undefined;
  /** The DNS server; undefined with --dns off. */
  readonly dns: CompiledDnsServerOptions | undefined;
  readonly nodePorts: CompiledNodePortProxyOptions;
}

/** What `berth agent` runs besides the Agent: the discovery cache, its DNS server and NodePort proxy. */
export interface RunningAgent {
  readonly agent: Agent;
  readonly discovery: DiscoveryCache;
  readonly dns: DnsServer | undefined;
  readonly nodePorts: NodePortProxy;
  /** Stops DNS, NodePorts and discovery, then the agent (with its pods when `stopPods`). */
  stop(stopPods?: boolean): Promise<void>;
}

function usage(message: string): BerthError {
  return new BerthError('INVALID_ARGUMENT', message);
}

function intFlag(name: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < min) throw usage(`--${name}: must be an integer >= ${min} (got ${JSON.stringify(value)})`);
  return n;
}

function parseLabels(value: string | undefined): Record<string, string> {
  const labels: Record<string, string> = {};
  if (value === undefined || value === '') return labels;
  for (const part of value.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw usage(`--labels: each label must be key=value (got ${JSON.stringify(part)})`);
    labels[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return labels;
}

/** Parses and validates `berth agent` flags; throws INVALID_ARGUMENT naming the flag. */
export function parseAgentArgs(argv: string[]): AgentConfig {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      server: { type: 'string' },
      name: { type: 'string' },
      data: { type: 'string' },
      labels: { type: 'string' },
      address: { type: 'string' },
      'max-pods': { type: 'string' },
      'reserved-cpu': { type: 'string' },
      'reserved-memory': { type: 'string' },
      'restart-backoff-min-ms': { type: 'string' },
      'restart-backoff-max-ms': { type: 'string' },
      'log-max-bytes': { type: 'string' },
      cgroups: { type: 'string' },
      'log-level': { type: 'string' },
      'stop-pods-on-exit': { type: 'boolean' },
      simulate: { type: 'string' },
      'cluster-id': { type: 'string' },
      dns: { type: 'string' },
      'cluster-domain': { type: 'string' },
      'nodeport-address': { type: 'string' },
      ...NATS_FLAGS,
    },
  });
  if (values.server === undefined || values.server === '') throw usage('--server: required (the control-plane replicas, host:port,...)');
  if (values.name === undefined) throw usage('--name: required (this node\'s name, e.g. --name node-1)');
  if (values.data === undefined || values.data === '') throw usage('--data: required (a directory for this agent)');
  const logLevel = values['log-level'] ?? 'info';
  if (!['trace', 'debug', 'info', 'warn', 'error'].includes(logLevel)) throw usage(`--log-level: must be one of trace, debug, info, warn, error (got ${JSON.stringify(logLevel)})`);
  const cgroups = values.cgroups ?? 'on';
  if (cgroups !== 'on' && cgroups !== 'off') throw usage(`--cgroups: must be on or off (got ${JSON.stringify(cgroups)})`);
  if (values.address !== undefined && !/^[0-9A-Fa-f.:]+$/.test(values.address)) throw usage(`--address: must be an IP address (got ${JSON.stringify(values.address)})`);
  const maxPods = intFlag('max-pods', values['max-pods'], 1);
  const reservedCpuMillicores = intFlag('reserved-cpu', values['reserved-cpu'], 0);
  const reservedMemoryBytes = intFlag('reserved-memory', values['reserved-memory'], 0);
  const agent = compileAgentOptions({
    servers: values.server.split(',').filter((s) => s !== ''),
    name: values.name,
    dataDir: values.data,
    labels: parseLabels(values.labels),
    ...(values.address !== undefined ? { address: values.address } : {}),
    ...(maxPods !== undefined ? { maxPods } : {}),
    ...(reservedCpuMillicores !== undefined ? { reservedCpuMillicores } : {}),
    ...(reservedMemoryBytes !== undefined ? { reservedMemoryBytes } : {}),
  });
  const backoffInitialMs = intFlag('restart-backoff-min-ms', values['restart-backoff-min-ms'], 1);
  const backoffMaxMs = intFlag('restart-backoff-max-ms', values['restart-backoff-max-ms'], 1);
  const pods = compilePodWorkerOptions({
    ...(backoffInitialMs !== undefined ? { backoffInitialMs } : {}),
    ...(backoffMaxMs !== undefined ? { backoffMaxMs } : {}),
  });
  const simulate = intFlag('simulate', values.simulate, 1);
  if (simulate !== undefined && simulate > MAX_SIMULATED_AGENTS) throw usage(`--simulate: must be an integer from 1 to ${MAX_SIMULATED_AGENTS} (got ${simulate})`);
  const clusterId = values['cluster-id'] ?? DEFAULT_CLUSTER_ID;
  const idProblem = clusterIdProblem(clusterId);
  if (idProblem !== undefined) throw usage(`--cluster-id: ${idProblem} (got ${JSON.stringify(clusterId)})`);
  return {
    agent,
    pods,
    logMaxBytes: intFlag('log-max-bytes', values['log-max-bytes'], 1024),
    cgroups: cgroups === 'on',
    logLevel,
    stopPodsOnExit: values['stop-pods-on-exit'] ?? false,
    simulate,
    clusterId,
    nats: natsOptionsFromFlags(values, process.env, `berth-agent-${agent.name}`),
    dns: dnsFlags(values.dns, values['cluster-domain']),
    nodePorts: compileNodePortProxyOptions({ address: nodePortAddress(values['nodeport-address'], agent.address) }),
  };
}

/** The DNS server's options from --dns and --cluster-domain (undefined with --dns off). */
function dnsFlags(dns: string | undefined, domain: string | undefined): CompiledDnsServerOptions | undefined {
  const clusterDomain = (domain ?? DEFAULT_CLUSTER_DOMAIN).toLowerCase().replace(/\.$/, '');
  const domainProblem = clusterDomainProblem(clusterDomain);
  if (domainProblem !== undefined) throw usage(`--cluster-domain: ${domainProblem} (got ${JSON.stringify(domain)})`);
  if (dns === 'off') return undefined;
  const at = parseListenAddress(dns ?? DEFAULT_DNS_ADDRESS);
  if (typeof at === 'string') throw usage(`--dns: ${at}, or off (got ${JSON.stringify(dns)})`);
  return compileDnsServerOptions({ host: at.host, port: at.port, clusterDomain });
}

function nodePortAddress(value: string | undefined, agentAddress: string): string {
  const address = value ?? agentAddress;
  if (isIP(address) === 0) throw usage(`--${value === undefined ? 'address' : 'nodeport-address'}: must be an IP address (got ${JSON.stringify(address)})`);
  return address;
}

/**
 * Service discovery on this node: a DiscoveryCache (the endpoints bucket on NATS, or the control
 * plane's watches without NATS or while it is away) feeding the DNS server and the NodePort
 * proxy. Neither waits for the cache: DNS says SERVFAIL until it is filled, NodePorts open as
 * Services appear in it.
 */
async function startDiscovery(config: AgentConfig, client: Client, logger: Logger): Promise<Omit<RunningAgent, 'agent'>> {
  const log = logger.child({ component: 'discovery', node: config.agent.name });
  const discovery = new DiscoveryCache({
    nats: config.nats,
    cluster: config.clusterId,
    fallback: client,
    onModeChange: (mode, reason) => log.info({ mode, reason }, 'service discovery follows another source'),
  });
  discovery.start();
  const dns = config.dns === undefined ? undefined : new DnsServer(discovery, config.dns, logger, () => discovery.synced);
  await dns?.start();
  const nodePorts = new NodePortProxy(discovery, config.nodePorts, logger);
  nodePorts.start();
  return {
    discovery,
    dns,
    nodePorts,
    stop: async () => {
      nodePorts.stop();
      await dns?.stop();
      await discovery.close();
    },
  };
}

/**
 * Builds and starts the agent of a parsed config (the process runtime, the SDK for ConfigMaps and
 * Secrets) with its service discovery, DNS server and NodePort proxy.
 */
export async function startAgent(config: AgentConfig, logger = pino({ level: config.logLevel })): Promise<RunningAgent> {
  await mkdir(join(config.agent.dataDir, 'pods'), { recursive: true });
  const runtime = createProcessRuntime({
    dataDir: config.agent.dataDir,
    logger,
    ...(config.logMaxBytes !== undefined ? { logMaxBytes: config.logMaxBytes } : {}),
    ...(config.cgroups ? {} : { cgroupRoot: 'off' }),
  });
  const client = connect({ servers: [...config.agent.servers] });
  const agent = new Agent(config.agent, { runtime, sources: new InformerPodSources(client), podOptions: config.pods, logger, hostUsage });
  await agent.start();
  const discovery = await startDiscovery(config, client, logger);
  return {
    agent,
    ...discovery,
    stop: async (stopPods = false) => {
      await discovery.stop();
      await agent.stop(stopPods);
    },
  };
}

export async function agentCommand(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(AGENT_USAGE);
    return 0;
  }
  let config: AgentConfig;
  try {
    config = parseAgentArgs(argv);
  } catch (err) {
    process.stderr.write(`error: ${(err as Error).message}\n\n${AGENT_USAGE}`);
    return 2;
  }
  const logger = pino({ level: config.logLevel, base: { pid: process.pid } });
  const agent = config.simulate !== undefined ? await startSimulatedAgents(config, config.simulate, logger) : await startAgent(config, logger);
  logger.info({ component: 'agent', node: config.agent.name, servers: config.agent.servers, simulated: config.simulate }, 'berth agent started');
  await new Promise<void>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  logger.info({ component: 'agent', stopPods: config.stopPodsOnExit }, config.stopPodsOnExit ? 'stopping with its pods' : 'stopping; pods keep running');
  await agent.stop(config.stopPodsOnExit);
  return 0;
}

/**
 * Node flags an agent process should run with: a 1 MiB young generation. The agent allocates
 * little, and V8's default (16 MiB semi-spaces) costs about 15 MB of resident memory for
 * nothing. `berth up` starts its agents this way (it keeps its own copy: server/ does not import
 * node/), and so should a service unit: `node --max-semi-space-size=1 .../bin.js agent ...`.
 */
export const AGENT_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=1'];

/** The commands of the `berth` executable that live in node/. */
export function agentCommands(): Record<string, CliCommand> {
  return { agent: { summary: 'run the node agent of this host', run: (argv) => agentCommand(argv) } };
}
