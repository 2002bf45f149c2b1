// The StatefulSet controller: pods with a stable name (`<sts>-<ordinal>`), hostname and claim each,
// made and removed in order (statefulset-plan.ts decides what; this file does it), each ordinal's
// pod brought back to the node its node-local claims live on (statefulset-pods.ts), and the
// StatefulSet's status kept. One reconcile acts on one look at the informers; the manager runs the
// next one only once the informers show this one's writes, so an ordinal is never created twice.
//
// berth has no ControllerRevision kind: a revision is a template hash and nothing more, so pods
// are always made from the current template (also one below a rollout's partition that is
// deleted), and `rollout undo` of a StatefulSet is not supported.
import type { KubeObject } from '../../client/index.js';
import { isBerthError, resolveKind } from '../../client/index.js';
import { controllerKeysOf, inParallel, isTerminating, selectorOf, stableJson, throwFirstFailure } from './objects.js';
import { planStatefulSet } from './statefulset-plan.js';
import type { DeleteReason, StatefulSetPlan } from './statefulset-plan.js';
import {
  CLAIM_NODE_PREFIX,
  claimKeysToRelease,
  claimNodes,
  claimNodesToRecord,
  newStatefulSetPod,
  ordinalOf,
  podName,
  revisionOf,
  shapeOf,
} from './statefulset-pods.js';
import type { StatefulSetShape } from './statefulset-pods.js';
import { statefulSetStatus } from './statefulset-status.js';
import type { ControllerContext, ControllerSpec, InformerView, Reconciler, ReconcileResult } from './types.js';
import { keyOf, splitKey } from './types.js';

const STS = resolveKind('StatefulSet');
const POD = resolveKind('Pod');
const NODE = resolveKind('Node');

export function statefulSetController(): ControllerSpec {
  return { name: 'statefulset', kinds: [STS, POD, NODE], create: (ctx) => new StatefulSetReconciler(ctx) };
}

class StatefulSetReconciler implements Reconciler {
  private readonly sets: InformerView;
  private readonly pods: InformerView;
  private readonly nodes: InformerView;

  constructor(private readonly ctx: ControllerContext) {
    this.sets = ctx.informers.of(STS);
    this.pods = ctx.informers.of(POD);
    this.nodes = ctx.informers.of(NODE);
    for (const s of this.sets.list()) ctx.queue.add(keyOf(s));
    this.sets.on((e) => ctx.queue.add(keyOf(e.object)));
    this.pods.on((e) => controllerKeysOf(e, 'StatefulSet').forEach((k) => ctx.queue.add(k)));
    // A node that comes or goes matters to the StatefulSets whose claims live on it.
    this.nodes.on((e) => {
      if (e.type === 'MODIFIED') return;
      const node = String(e.object.metadata.name);
      for (const s of this.sets.list()) {
        const ann = s.metadata.annotations ?? {};
        if (Object.entries(ann).some(([k, v]) => k.startsWith(CLAIM_NODE_PREFIX) && v === node)) ctx.queue.add(keyOf(s));
      }
    });
  }

  async reconcile(key: string): Promise<ReconcileResult> {
    const { namespace, name } = splitKey(key);
    const cached = this.sets.get(namespace, name);
    // Being deleted: its pods go with it (the garbage collector's work), nothing new is made.
    if (cached === undefined || isTerminating(cached)) return undefined;
    const shape = shapeOf(cached);
    const selector = selectorOf(cached);
    const pods = this.pods.byIndex('controller', String(cached.metadata.uid)).filter((p) => selector.matches(p.metadata.labels ?? {}));
    const revision = revisionOf(cached);
    const sts = await this.keepClaimNodes(cached, shape, pods);
    const now = this.ctx.now();
    const plan = planStatefulSet({ shape, pods, updateRevision: revision, now });
    await this.act(sts, shape, plan, revision);
    await this.writeStatus(sts, shape, pods, revision, now);
    this.warnOfGoneNodes(sts, shape);
    return plan.recheckMs === undefined ? undefined : { requeueAfterMs: plan.recheckMs };
  }

  /** Remembers the node of each newly bound claim; forgets released ones. Returns the StatefulSet as written. */
  private async keepClaimNodes(sts: KubeObject, shape: StatefulSetShape, pods: readonly KubeObject[]): Promise<KubeObject> {
    if (shape.claimTemplates.length === 0) return sts;
    const add = claimNodesToRecord(sts, shape, pods);
    const release = claimKeysToRelease(sts, shape, new Set(pods.map((p) => ordinalOf(shape.name, p))));
    if (Object.keys(add).length === 0 && release.length === 0) return sts;
    const res = await this.ctx.reg.modifyFrom(STS, sts, (cur) => {
      const annotations: Record<string, string> = { ...(cur.metadata.annotations ?? {}) };
      // The first binding wins, also against a copy that was stale.
      for (const [k, v] of Object.entries(add)) annotations[k] ??= v;
      for (const k of release) delete annotations[k];
      return { ...cur, metadata: { ...cur.metadata, annotations } };
    });
    for (const [k, node] of Object.entries(add)) this.ctx.logger.info({ statefulset: keyOf(sts), annotation: k, node }, 'claim bound to a node');
    return res.object;
  }

  private async act(sts: KubeObject, shape: StatefulSetShape, plan: StatefulSetPlan, revision: string): Promise<void> {
    const ns = sts.metadata.namespace ?? 'default';
    const creates = plan.create.filter((o) => this.nameFree(sts, ns, podName(shape.name, o)));
    type Job = { create: number } | { del: KubeObject; reason: DeleteReason };
    const jobs: Job[] = [...plan.delete.map((d) => ({ del: d.pod, reason: d.reason })), ...creates.map((o) => ({ create: o }))];
    const results = await inParallel(jobs, this.ctx.options.maxWritesPerReconcile, (j) =>
      'create' in j ? this.createPod(sts, shape, j.create, revision) : this.deletePod(sts, j.del, j.reason),
    );
    throwFirstFailure(results, (err) => isBerthError(err, 'NOT_FOUND'));
  }

  /** Whether an ordinal's name is free of pods that are not this StatefulSet's (which block it). */
  private nameFree(sts: KubeObject, ns: string, name: string): boolean {
    const other = this.pods.get(ns, name);
    if (other === undefined) return true;
    const msg = `create Pod ${name} in StatefulSet ${String(sts.metadata.name)} failed error: a pod named ${name} exists and is not controlled by this StatefulSet`;
    this.ctx.events.record(sts, 'Warning', 'FailedCreate', msg);
    return false;
  }

  private async createPod(sts: KubeObject, shape: StatefulSetShape, ordinal: number, revision: string): Promise<void> {
    const pod = newStatefulSetPod(sts, shape, ordinal, revision);
    const name = String(pod.metadata.name);
    try {
      await this.ctx.reg.create(pod);
    } catch (err) {
      this.ctx.events.record(sts, 'Warning', 'FailedCreate', `create Pod ${name} in StatefulSet ${shape.name} failed error: ${err instanceof Error ? err.message : String(err)}`);
      throw err;
    }
    this.ctx.events.record(sts, 'Normal', 'SuccessfulCreate', `create Pod ${name} in StatefulSet ${shape.name} successful`);
  }

  private async deletePod(sts: KubeObject, pod: KubeObject, reason: DeleteReason): Promise<void> {
    const name = String(pod.metadata.name);
    const setName = String(sts.metadata.name);
    try {
      await this.ctx.reg.delete(POD, pod.metadata.namespace, name, { uid: pod.metadata.uid });
    } catch (err) {
      if (isBerthError(err, 'NOT_FOUND')) return;
      this.ctx.events.record(sts, 'Warning', 'FailedDelete', `delete Pod ${name} in StatefulSet ${setName} failed error: ${err instanceof Error ? err.message : String(err)}`);
      throw err;
    }
    this.ctx.logger.debug({ statefulset: keyOf(sts), pod: name, reason }, 'deleted a pod');
    this.ctx.events.record(sts, 'Normal', 'SuccessfulDelete', `delete Pod ${name} in StatefulSet ${setName} successful`);
  }

  private async writeStatus(sts: KubeObject, shape: StatefulSetShape, pods: readonly KubeObject[], revision: string, now: Date): Promise<void> {
    const status = statefulSetStatus(sts, pods, revision, shape.minReadySeconds, now);
    if (stableJson(status) === stableJson(sts.status ?? {})) return;
    await this.ctx.reg.modifyFrom(STS, sts, (cur) => ({ ...cur, status: { ...(cur.status ?? {}), ...status, observedGeneration: Number(cur.metadata.generation ?? 0) } }));
  }

  /**
   * A wanted ordinal not yet running whose claim lives on a node that is gone: its pod stays
   * Pending, pinned to that node, as a pod of a Kubernetes local volume does. Say so, and how out.
   */
  private warnOfGoneNodes(sts: KubeObject, shape: StatefulSetShape): void {
    if (shape.claimTemplates.length === 0) return;
    const ns = sts.metadata.namespace ?? 'default';
    for (let o = shape.start; o < shape.start + shape.replicas; o++) {
      const pod = this.pods.get(ns, podName(shape.name, o));
      if (pod !== undefined && ((pod.spec as { nodeName?: string } | undefined)?.nodeName ?? '') !== '') continue;
      for (const node of claimNodes(sts, shape, o)) {
        if (this.nodes.get(undefined, node) !== undefined) continue;
        const msg = `the claims of pod ${podName(shape.name, o)} live on node ${node}, which is gone: the pod stays Pending until the node is back (to start it elsewhere without its data, remove the StatefulSet's ${CLAIM_NODE_PREFIX} annotations of the ordinal and delete the pod)`;
        this.ctx.events.record(sts, 'Warning', 'VolumeNodeGone', msg);
      }
    }
  }
}
