// The DaemonSet controller: one pod on every node that should run it (daemonset-nodes.ts), pods
// made, replaced and removed as daemonset-plan.ts decides from one look at nodes and pods, and the
// DaemonSet's status kept. Pods are made with a node affinity naming their node and bound by the
// scheduler (as Kubernetes' are); a node that joins later gets its pod because every Node change
// that could matter queues every DaemonSet. Failed pods are deleted and made again with a per-node
// back-off (daemonset-backoff.ts). berth has no ControllerRevision kind: a revision is a template
// hash only, so `rollout undo` of a DaemonSet is not supported.
import type { KubeObject } from '../../client/index.js';
import { isBerthError, resolveKind } from '../../client/index.js';
import { FailedPodBackoff } from './daemonset-backoff.js';
import { newDaemonPod, withDaemonTolerations } from './daemonset-nodes.js';
import type { DaemonDeleteReason, DaemonPlan, DaemonShape } from './daemonset-plan.js';
import { planDaemonSet } from './daemonset-plan.js';
import { daemonSetStatus } from './daemonset-status.js';
import { controllerKeysOf, inParallel, isTerminating, selectorOf, stableJson as same, templateHash, throwFirstFailure } from './objects.js';
import type { ControllerContext, ControllerSpec, InformerEvent, InformerView, Reconciler, ReconcileResult } from './types.js';
import { keyOf, splitKey } from './types.js';

const DS = resolveKind('DaemonSet');
const POD = resolveKind('Pod');
const NODE = resolveKind('Node');

type Rec = Record<string, unknown>;

export function daemonSetController(): ControllerSpec {
  return { name: 'daemonset', kinds: [DS, POD, NODE], create: (ctx) => new DaemonSetReconciler(ctx) };
}

function shapeOf(ds: KubeObject): DaemonShape {
  const spec = (ds.spec ?? {}) as Rec;
  const strategy = (spec.updateStrategy ?? {}) as Rec;
  const rolling = (strategy.rollingUpdate ?? {}) as Rec;
  const minReady = typeof spec.minReadySeconds === 'number' ? spec.minReadySeconds : 0;
  return { onDelete: strategy.type === 'OnDelete', maxUnavailable: rolling.maxUnavailable ?? 1, maxSurge: rolling.maxSurge ?? 0, minReadySeconds: Math.max(0, minReady) };
}

/** A Node change that can change where daemon pods run: not a status-only one. */
function nodeChangeMatters(e: InformerEvent): boolean {
  if (e.type !== 'MODIFIED' || e.prev === undefined) return true;
  return same(e.object.metadata.labels ?? {}) !== same(e.prev.metadata.labels ?? {}) || same(e.object.spec ?? {}) !== same(e.prev.spec ?? {});
}

class DaemonSetReconciler implements Reconciler {
  private readonly sets: InformerView;
  private readonly pods: InformerView;
  private readonly nodes: InformerView;
  private readonly backoff = new FailedPodBackoff();

  constructor(private readonly ctx: ControllerContext) {
    this.sets = ctx.informers.of(DS);
    this.pods = ctx.informers.of(POD);
    this.nodes = ctx.informers.of(NODE);
    for (const s of this.sets.list()) ctx.queue.add(keyOf(s));
    this.sets.on((e) => ctx.queue.add(keyOf(e.object)));
    this.pods.on((e) => controllerKeysOf(e, 'DaemonSet').forEach((k) => ctx.queue.add(k)));
    this.nodes.on((e) => {
      if (!nodeChangeMatters(e)) return;
      for (const s of this.sets.list()) ctx.queue.add(keyOf(s));
    });
  }

  async reconcile(key: string): Promise<ReconcileResult> {
    const { namespace, name } = splitKey(key);
    const ds = this.sets.get(namespace, name);
    if (ds === undefined) {
      this.backoff.forget(`${key}\u0000`);
      return undefined;
    }
    if (isTerminating(ds)) return undefined;
    const shape = shapeOf(ds);
    const spec = (((ds.spec as Rec | undefined)?.template as Rec | undefined)?.spec ?? {}) as Rec;
    const collisions = Number((ds.status as Rec | undefined)?.collisionCount ?? 0);
    const hash = templateHash((ds.spec as Rec | undefined)?.template ?? {}, collisions);
    const selector = selectorOf(ds);
    const pods = this.pods.byIndex('controller', String(ds.metadata.uid)).filter((p) => selector.matches(p.metadata.labels ?? {}));
    const now = this.ctx.now();
    const backoffKey = (node: string): string => `${key}\u0000${node}`;
    const plan = planDaemonSet({
      shape,
      nodes: this.nodes.list(),
      pods,
      hash,
      now,
      spec,
      tolerations: withDaemonTolerations(spec) as Rec[],
      backoffMs: (node) => this.backoff.remainingMs(backoffKey(node), now.getTime()),
    });
    for (const d of plan.delete) {
      if (d.reason !== 'failed' || d.node === undefined) continue;
      this.backoff.next(backoffKey(d.node), now.getTime());
      this.ctx.events.record(ds, 'Warning', 'FailedDaemonPod', `Found failed daemon pod ${namespace}/${String(d.pod.metadata.name)} on node ${d.node}, will try to kill it`);
    }
    await this.act(ds, plan, hash);
    await this.writeStatus(ds, plan, hash, shape.minReadySeconds, now);
    return plan.recheckMs === undefined ? undefined : { requeueAfterMs: plan.recheckMs };
  }

  private async act(ds: KubeObject, plan: DaemonPlan, hash: string): Promise<void> {
    type Job = { node: string } | { pod: KubeObject; reason: DaemonDeleteReason };
    const jobs: Job[] = [...plan.delete.map((d) => ({ pod: d.pod, reason: d.reason })), ...plan.create.map((node) => ({ node }))];
    const results = await inParallel(jobs, this.ctx.options.maxWritesPerReconcile, (j) => ('node' in j ? this.createPod(ds, j.node, hash) : this.deletePod(ds, j.pod, j.reason)));
    throwFirstFailure(results, (err) => isBerthError(err, 'NOT_FOUND'));
  }

  private async createPod(ds: KubeObject, node: string, hash: string): Promise<void> {
    let created: KubeObject;
    try {
      created = await this.ctx.reg.create(newDaemonPod(ds, node, hash));
    } catch (err) {
      this.ctx.events.record(ds, 'Warning', 'FailedCreate', `Error creating: ${err instanceof Error ? err.message : String(err)}`);
      throw err;
    }
    this.ctx.events.record(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${String(created.metadata.name)}`);
  }

  private async deletePod(ds: KubeObject, pod: KubeObject, reason: DaemonDeleteReason): Promise<void> {
    const name = String(pod.metadata.name);
    try {
      await this.ctx.reg.delete(POD, pod.metadata.namespace, name, { uid: pod.metadata.uid });
    } catch (err) {
      if (isBerthError(err, 'NOT_FOUND')) return;
      this.ctx.events.record(ds, 'Warning', 'FailedDelete', `Error deleting: ${err instanceof Error ? err.message : String(err)}`);
      throw err;
    }
    this.ctx.logger.debug({ daemonset: keyOf(ds), pod: name, reason }, 'deleted a pod');
    this.ctx.events.record(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${name}`);
  }

  private async writeStatus(ds: KubeObject, plan: DaemonPlan, hash: string, minReadySeconds: number, now: Date): Promise<void> {
    const status = daemonSetStatus(ds, plan.eligible, plan.byNode, hash, minReadySeconds, now);
    if (same(status) === same(ds.status ?? {})) return;
    await this.ctx.reg.modifyFrom(DS, ds, (cur) => ({ ...cur, status: { ...(cur.status ?? {}), ...status, observedGeneration: Number(cur.metadata.generation ?? 0) } }));
  }
}
