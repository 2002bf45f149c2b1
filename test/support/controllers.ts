// Controllers on a one-replica store, for unit tests of what runs on the leader: a real Store on a
// temporary LevelDB (test/support/single-replica.ts), the real registry and watch caches, and the
// controller manager running the specs a test names. A test writes through `reg` as a user would
// and waits with `settled()` for the controllers to have done everything there is to do.
import { pino } from 'pino';
import type { KubeObject } from '../../client/index.js';
import { resolveKind } from '../../client/index.js';
import { ObjectRegistry, WatchCaches } from '../../server/api/index.js';
import { compileRegistryOptions } from '../../server/api/registry/options.js';
import type { ControllerManager, ControllerOptions, ControllerSpec, PodSignals, ScalingSink } from '../../server/controllers/index.js';
import { startControllers } from '../../server/controllers/index.js';
import type { LevelFixtures } from './level-fixtures.js';
import type { SingleReplica } from './single-replica.js';
import { singleReplica } from './single-replica.js';

export interface ControllerHarness {
  readonly replica: SingleReplica;
  readonly reg: ObjectRegistry;
  readonly caches: WatchCaches;
  readonly manager: ControllerManager;
  /** The clock the registry and controllers read: `clock.now` ms, moved by the test. */
  readonly clock: { now: number };
  /** Resolves when the controllers are running and have nothing left to do right now. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

export async function controllerHarness(
  fx: LevelFixtures,
  specs: readonly ControllerSpec[],
  opts: ControllerOptions & {
    startMs?: number;
    /** false: the registry reads `clock.now` */ realClock?: boolean;
    /** The autoscaler's seams: pods' usage and metrics, and where decisions go. */
    signals?: PodSignals;
    scaling?: ScalingSink;
  } = {},
): Promise<ControllerHarness> {
  const replica = await singleReplica(fx);
  const clock = { now: opts.startMs ?? Date.now() };
  const logger = pino({ level: process.env.BERTH_TEST_LOG ?? 'silent' });
  const now = opts.realClock === false ? () => new Date(clock.now) : () => new Date();
  const reg = new ObjectRegistry(replica.node, compileRegistryOptions({ logger, now }));
  await reg.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  const caches = new WatchCaches(reg);
  const { startMs: _s, realClock: _r, signals, scaling, ...copts } = opts;
  const manager = startControllers({ reg, caches, ...(signals !== undefined ? { signals } : {}), ...(scaling !== undefined ? { scaling } : {}) }, specs, { logger, retryMaxMs: 1000, ...copts });
  const settled = async (): Promise<void> => {
    const deadline = Date.now() + 10_000;
    while (!manager.running) {
      if (Date.now() > deadline) throw new Error('controllers did not start');
      await new Promise((r) => setTimeout(r, 5));
    }
    await manager.idle();
  };
  return {
    replica,
    reg,
    caches,
    manager,
    clock,
    settled,
    async close() {
      await manager.close();
      caches.close();
    },
  };
}

/** A Ready node with the given allocatable cpu/memory/pods, as an agent would register it. */
export function readyNode(name: string, allocatable: Record<string, string> = { cpu: '4', memory: '8Gi', pods: '110' }, labels: Record<string, string> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...labels } },
    spec: {},
    status: {
      capacity: allocatable,
      allocatable,
      conditions: [{ type: 'Ready', status: 'True', reason: 'AgentReady', lastTransitionTime: new Date().toISOString().slice(0, 19) + 'Z' }],
      addresses: [{ type: 'InternalIP', address: '127.0.0.1' }],
    },
  };
}

/** Creates a Node and writes its status (create drops status, as in Kubernetes). */
export async function addNode(reg: ObjectRegistry, node: KubeObject): Promise<KubeObject> {
  await reg.create(node);
  return (await reg.modify(resolveKind('Node'), undefined, String(node.metadata.name), {}, (cur) => ({ ...cur, status: node.status }))).object;
}
