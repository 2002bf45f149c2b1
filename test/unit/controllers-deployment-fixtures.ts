// What the Deployment controller tests share: the Deployment and ReplicaSet controllers over a real
// one-replica store, Deployments to create, reads of what the controllers made, a small agent loop
// (the test plays the scheduler and the node agents: it binds new pods and reports them Running
// and Ready, or crash-looping, and removes Terminating pods), and a tracker that sees the pods at
// every store revision, so that a test can assert an invariant of each state a rollout goes
// through, not only of the states a poll happens to catch.
import type { KubeObject } from '../../client/index.js';
import { resolveKind } from '../../client/index.js';
import type { ChangeSink, ObjectChange } from '../../server/api/registry/watch-cache.js';
import { listObjects } from '../../server/api/index.js';
import { deploymentController } from '../../server/controllers/deployment.js';
import { replicaSetController } from '../../server/controllers/replicaset.js';
import type { ControllerHarness } from '../support/controllers.js';
import { addNode, controllerHarness, readyNode } from '../support/controllers.js';
import type { LevelFixtures } from '../support/level-fixtures.js';

export const POD = resolveKind('Pod');
export const RS = resolveKind('ReplicaSet');
export const DEPLOY = resolveKind('Deployment');
export const EVENT = resolveKind('Event');

export type Rec = Record<string, unknown>;

export function template(image: string, name = 'web'): Rec {
  return { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image }] } };
}

export function deployment(spec: Rec = {}, name = 'web', annotations?: Record<string, string>): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default', ...(annotations !== undefined ? { annotations } : {}) },
    spec: { replicas: 3, selector: { matchLabels: { app: name } }, template: template('web:v1', name), ...spec },
  };
}

export async function list(h: ControllerHarness, kind: typeof POD): Promise<KubeObject[]> {
  const page = await listObjects(h.reg, kind, { namespace: 'default', labelSelector: '', fieldSelector: '', limit: 0, continueToken: '', stale: false });
  return page.items;
}

export const imageOf = (o: KubeObject): string => {
  const t = ((o.spec as Rec).template ?? { spec: o.spec }) as Rec;
  return String((((t.spec as Rec).containers as Rec[])[0] as Rec).image);
};

export const specReplicas = (o: KubeObject): number => Number((o.spec as Rec).replicas);
export const statusOf = (o: KubeObject): Rec => (o.status ?? {}) as Rec;
export const revisionOf = (o: KubeObject): string | undefined => o.metadata.annotations?.['deployment.kubernetes.io/revision'];
export const isActive = (p: KubeObject): boolean => p.metadata.deletionTimestamp === undefined && !['Failed', 'Succeeded'].includes(String(statusOf(p).phase ?? 'Pending'));
export const isReady = (p: KubeObject): boolean =>
  statusOf(p).phase === 'Running' && ((statusOf(p).conditions as Rec[] | undefined) ?? []).some((c) => c.type === 'Ready' && c.status === 'True');

export async function getDeployment(h: ControllerHarness, name = 'web'): Promise<KubeObject> {
  return h.reg.get(DEPLOY, 'default', name);
}

export function condition(d: KubeObject, type: string): Rec | undefined {
  return ((statusOf(d).conditions as Rec[] | undefined) ?? []).find((c) => c.type === type);
}

export async function events(h: ControllerHarness): Promise<KubeObject[]> {
  return list(h, EVENT);
}

export async function eventLines(h: ControllerHarness): Promise<string[]> {
  return (await events(h)).map((e) => `${String(e.reason)}: ${String(e.message)}`);
}

export async function changeDeployment(h: ControllerHarness, change: (spec: Rec) => Rec, name = 'web'): Promise<KubeObject> {
  return (await h.reg.modify(DEPLOY, 'default', name, {}, (cur) => ({ ...cur, spec: change({ ...(cur.spec as Rec) }) }))).object;
}

export async function withDeployments(fx: LevelFixtures, fn: (h: ControllerHarness) => Promise<void>): Promise<void> {
  const h = await controllerHarness(fx, [deploymentController(), replicaSetController()]);
  try {
    await addNode(h.reg, readyNode('n1'));
    await fn(h);
  } finally {
    await h.close();
  }
}

const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 19) + 'Z';

/** What a scheduler and agent would make of a pod: bound, Running and Ready. */
export function readyPod(cur: KubeObject): KubeObject {
  const at = iso(Date.now() - 1000);
  return {
    ...cur,
    spec: { ...cur.spec, nodeName: 'n1' },
    status: {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: at }],
      containerStatuses: [{ name: 'app', ready: true, restartCount: 0, state: { running: { startedAt: at } } }],
    },
  };
}

/** A pod whose container keeps crashing: Running, not Ready, waiting in CrashLoopBackOff. */
export function crashingPod(cur: KubeObject): KubeObject {
  const at = iso(Date.now());
  return {
    ...cur,
    spec: { ...cur.spec, nodeName: 'n1' },
    status: {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: 'False', lastTransitionTime: at }],
      containerStatuses: [
        { name: 'app', ready: false, restartCount: 4, state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 40s' } }, lastState: { terminated: { exitCode: 1 } } },
      ],
    },
  };
}

export interface Agent {
  stop(): Promise<void>;
}

/**
 * Plays scheduler and agents until stopped: each new pod gets `treat(pod)` (ready by default;
 * undefined leaves it alone), and each Terminating pod is removed, as an agent does once the
 * containers stopped.
 */
export function startAgent(h: ControllerHarness, treat: (pod: KubeObject) => KubeObject | undefined = readyPod, intervalMs = 3): Agent {
  let stopped = false;
  const seen = new Set<string>();
  const loop = (async () => {
    while (!stopped) {
      for (const p of await list(h, POD)) {
        const name = String(p.metadata.name);
        if (p.metadata.deletionTimestamp !== undefined) {
          await h.reg.delete(POD, 'default', name, {}, false, 0).catch(() => undefined);
          continue;
        }
        if (seen.has(String(p.metadata.uid))) continue;
        seen.add(String(p.metadata.uid));
        const next = treat(p);
        if (next !== undefined) await h.reg.modify(POD, 'default', name, {}, (cur) => treat(cur) ?? cur).catch(() => undefined);
      }
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
    },
  };
}

/**
 * Follows the pods from the store's watch and calls `check` with all of them after every revision
 * that changed one; resolves `stop()` with the number of states checked.
 */
export async function trackPods(h: ControllerHarness, check: (pods: ReadonlyMap<string, KubeObject>, revision: number) => void): Promise<{ stop(): number; errors: unknown[] }> {
  const page = await listObjects(h.reg, POD, { namespace: 'default', labelSelector: '', fieldSelector: '', limit: 0, continueToken: '', stale: false });
  const pods = new Map(page.items.map((p) => [String(p.metadata.name), p]));
  let states = 0;
  const errors: unknown[] = [];
  const apply = (c: ObjectChange): void => {
    if (c.deleted) pods.delete(String(c.object.metadata.name));
    else pods.set(String(c.object.metadata.name), c.object);
  };
  const sink: ChangeSink = {
    offer(changes) {
      for (let i = 0; i < changes.length; i++) {
        apply(changes[i]!);
        const rev = changes[i]!.revision;
        if (changes[i + 1]?.revision === rev) continue;
        states++;
        try {
          check(pods, rev);
        } catch (err) {
          errors.push(err);
        }
      }
    },
    fail(err) {
      errors.push(err);
    },
  };
  const cache = h.caches.of(POD);
  if (!cache.subscribe(sink, page.revision)) throw new Error('pod watch cache cannot start at the list revision');
  return {
    stop() {
      cache.unsubscribe(sink);
      return states;
    },
    errors,
  };
}

/** Polls `what` until it holds; fails after `timeoutMs`. */
export async function until(check: () => Promise<boolean>, what: string, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The rollout is complete: every replica updated and available, the latest generation observed. */
export async function rolledOut(h: ControllerHarness, name = 'web'): Promise<boolean> {
  const d = await getDeployment(h, name);
  const s = statusOf(d);
  const want = specReplicas(d);
  return (
    s.observedGeneration === d.metadata.generation &&
    s.updatedReplicas === want &&
    s.availableReplicas === want &&
    s.replicas === want &&
    condition(d, 'Progressing')?.reason === 'NewReplicaSetAvailable'
  );
}
