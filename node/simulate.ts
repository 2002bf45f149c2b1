// `berth agent --simulate N`, for benchmarks only: N node agents in this one process, each a real
// Agent with its own stream to the leader, its own heartbeat and its own FakeRuntime (which
// "starts" pods at once and runs nothing), so that one machine can show what a thousand nodes
// cost the control plane. The agents share what does not belong to one node: one SDK client and
// one PodSources for ConfigMaps and Secrets, the host facts and a host usage read at most once per
// heartbeat interval. Their first connects are spread over a couple of seconds so that a thousand
// registrations do not arrive at the leader in the same instant.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { connect } from '../client/index.js';
import { Agent } from './agent/agent.js';
import { hostFacts } from './agent/node-info.js';
import type { CompiledAgentOptions } from './agent/options.js';
import { InformerPodSources } from './pods/index.js';
import type { CompiledPodWorkerOptions, PodSources } from './pods/index.js';
import { FakeRuntime, createHostUsageMeter } from './runtime/index.js';
import type { Usage } from './runtime/index.js';

/** Most simulated agents in one process. */
export const MAX_SIMULATED_AGENTS = 5000;
/** The first connects of all agents are spread over this long. */
const STAGGER_MS = 2000;

/** What the simulation needs of a parsed `berth agent` config. */
export interface SimulationConfig {
  /** Name and data dir are the prefix and the parent of each simulated agent's. */
  readonly agent: CompiledAgentOptions;
  readonly pods: CompiledPodWorkerOptions;
}

export interface SimulatedAgents {
  readonly agents: readonly Agent[];
  /** Stops every agent (and with `stopPods` their fake pods), then the shared client. */
  stop(stopPods: boolean): Promise<void>;
}

/** `<name>-<i>` with i zero-padded to the width of `count`. */
export function simulatedName(name: string, i: number, count: number): string {
  return `${name}-${String(i).padStart(String(count).length, '0')}`;
}

/** The host's usage, measured at most once per `maxAgeMs` however many agents ask. */
function sharedHostUsage(maxAgeMs: number): () => Usage | undefined {
  const hostUsage = createHostUsageMeter();
  let at = -Infinity;
  let last: Usage | undefined;
  return () => {
    const now = performance.now();
    if (now - at >= maxAgeMs) {
      at = now;
      last = hostUsage();
    }
    return last;
  };
}

/**
 * One PodSources for every agent: an agent's stop() closes its sources, which must not end the
 * ConfigMaps and Secrets of the others. `release()` closes the real one.
 */
function sharedSources(inner: PodSources): { sources: PodSources; release: () => void } {
  const sources: PodSources = {
    get: (kind, namespace, name) => inner.get(kind, namespace, name),
    onChange: (listener) => inner.onChange(listener),
    close: () => undefined,
  };
  return { sources, release: () => inner.close() };
}

/**
 * Starts `count` simulated agents named `<name>-<i>`, each with the data dir `<data>/<name>-<i>`,
 * and resolves once every one has started (its stream connects on its own, with back-off).
 */
export async function startSimulatedAgents(config: SimulationConfig, count: number, logger: Logger): Promise<SimulatedAgents> {
  if (!Number.isSafeInteger(count) || count < 1 || count > MAX_SIMULATED_AGENTS) {
    throw new RangeError(`simulated agents: must be 1..${MAX_SIMULATED_AGENTS} (got ${count})`);
  }
  const client = connect({ servers: [...config.agent.servers] });
  const shared = sharedSources(new InformerPodSources(client));
  const host = hostFacts();
  const usage = sharedHostUsage(config.agent.heartbeatIntervalMs);
  const agents: Agent[] = [];
  const stop = async (stopPods: boolean): Promise<void> => {
    await Promise.all(agents.map((a) => a.stop(stopPods).catch((err: unknown) => logger.error({ err }, 'stopping a simulated agent failed'))));
    shared.release();
    client.close();
  };
  const t0 = performance.now();
  try {
    for (let i = 1; i <= count; i++) {
      const name = simulatedName(config.agent.name, i, count);
      const opts: CompiledAgentOptions = { ...config.agent, name, dataDir: join(config.agent.dataDir, name) };
      await mkdir(join(opts.dataDir, 'pods'), { recursive: true });
      const agent = new Agent(opts, { runtime: new FakeRuntime(), sources: shared.sources, podOptions: config.pods, logger, hostUsage: usage, host });
      agents.push(agent);
      const wait = t0 + ((i - 1) * STAGGER_MS) / count - performance.now();
      if (wait > 1) await sleep(wait);
      await agent.start();
    }
  } catch (err) {
    await stop(false);
    throw err;
  }
  logger.info({ component: 'simulate', agents: count, startMs: Math.round(performance.now() - t0) }, 'simulated agents started');
  return { agents, stop };
}
