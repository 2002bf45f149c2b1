// `berth agent`: one node agent. This entrypoint is the only place in node/ that reads flags and
// the environment; everything below it takes compiled options.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { BerthError, connect } from '../client/index.js';
import type { CliCommand } from '../client/cli/command.js';
import { Agent } from './agent/agent.js';
import { compileAgentOptions } from './agent/options.js';
import type { CompiledAgentOptions } from './agent/options.js';
import { InformerPodSources, compilePodWorkerOptions } from './pods/index.js';
import type { CompiledPodWorkerOptions } from './pods/index.js';
import { createProcessRuntime, hostUsage } from './runtime/index.js';
import { MAX_SIMULATED_AGENTS, startSimulatedAgents } from './simulate.js';

export const AGENT_USAGE = `Usage: berth agent --server ADDRS --name NAME --data DIR [flags]

Runs the node agent of this host: registers the node with the control plane, runs the pods
bound to it (each container a process group; see node/README.md) and reports their status.

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
  --log-level LEVEL       trace|debug|info|warn|error                                (default info)
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
  return {
    agent,
    pods,
    logMaxBytes: intFlag('log-max-bytes', values['log-max-bytes'], 1024),
    cgroups: cgroups === 'on',
    logLevel,
    stopPodsOnExit: values['stop-pods-on-exit'] ?? false,
    simulate,
  };
}

/** Builds the agent of a parsed config (the process runtime, the SDK for ConfigMaps and Secrets). */
export async function startAgent(config: AgentConfig, logger = pino({ level: config.logLevel })): Promise<Agent> {
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
  return agent;
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
