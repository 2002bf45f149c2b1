// The Deployment controller: a Deployment runs its pod template through ReplicaSets, one per
// template (`<name>-<pod-template-hash>`), and rolls from the old ones to the new one by its
// strategy — RollingUpdate within maxSurge and maxUnavailable, or Recreate — keeping a history of
// old ReplicaSets (revisions) to roll back to. Kubernetes' syncDeployment, one step per reconcile:
//
//   claim ReplicaSets (adopt orphans that match, release those that no longer do)
//   being deleted → status only; paused → scale and status only (no rollout step)
//   auto-rollback of a failed rollout (deployment-rollback.ts), when asked for
//   replicas changed → scale proportionally (deployment-scale.ts)
//   otherwise one step of the strategy (deployment-rolling.ts), then the status
//
// `rollout undo/restart/pause/resume` are the CLI's writes to spec.template / spec.paused; an
// undo's template is found again among the old ReplicaSets by its hash and gets a new revision.
import { claimDependents, indexOrphans, matcherOf } from './replicaset.js';
import { controllerOf, isTerminating } from './objects.js';
import { DeploymentState, DEPLOYMENT, isRecreate, POD, REPLICA_SET } from './deployment-state.js';
import { syncRevision } from './deployment-history.js';
import { autoRollback } from './deployment-rollback.js';
import { isScalingEvent, syncScaleOnly } from './deployment-scale.js';
import { rolloutRecreate, rolloutRolling } from './deployment-rolling.js';
import { checkPausedConditions, requeueAfterMs, syncDeploymentStatus, writeDeployment } from './deployment-status.js';
import type { ControllerContext, ControllerSpec, InformerEvent, InformerView, Reconciler, ReconcileResult } from './types.js';
import { keyOf, splitKey } from './types.js';

export function deploymentController(): ControllerSpec {
  return { name: 'deployment', kinds: [DEPLOYMENT, REPLICA_SET, POD], create: (ctx) => new DeploymentReconciler(ctx) };
}

interface Ref {
  readonly kind: string;
  readonly name: string;
  readonly uid: string;
}

class DeploymentReconciler implements Reconciler {
  private readonly deployments: InformerView;
  private readonly sets: InformerView;
  private readonly pods: InformerView;
  private readonly unsubscribe: (() => void)[] = [];

  constructor(private readonly ctx: ControllerContext) {
    this.deployments = ctx.informers.of(DEPLOYMENT);
    this.sets = ctx.informers.of(REPLICA_SET);
    this.pods = ctx.informers.of(POD);
    indexOrphans(this.sets);
    for (const d of this.deployments.list()) ctx.queue.add(keyOf(d));
    this.unsubscribe.push(this.deployments.on((e) => ctx.queue.add(keyOf(e.object))));
    this.unsubscribe.push(this.sets.on((e) => this.replicaSetChanged(e)));
    this.unsubscribe.push(this.pods.on((e) => this.podChanged(e)));
  }

  close(): void {
    for (const u of this.unsubscribe.splice(0)) u();
  }

  /** A ReplicaSet event goes to its controlling Deployment (old and new); an orphan's to every match. */
  private replicaSetChanged(e: InformerEvent): void {
    const rs = e.object;
    const ns = rs.metadata.namespace ?? '';
    const ref = controllerOf(rs);
    const prevRef = e.prev === undefined ? undefined : controllerOf(e.prev);
    if (prevRef !== undefined && prevRef.uid !== ref?.uid) this.queueDeployment(ns, prevRef);
    if (ref !== undefined) return this.queueDeployment(ns, ref);
    if (e.type === 'DELETED') return;
    const labels = rs.metadata.labels ?? {};
    const prevLabels = e.prev?.metadata.labels;
    for (const d of this.deployments.list(ns)) {
      const m = matcherOf(d);
      if (m.matches(labels) || (prevLabels !== undefined && m.matches(prevLabels))) this.ctx.queue.add(keyOf(d));
    }
  }

  /**
   * Pods matter to the Deployment of their ReplicaSet: its counts, availability and crash loops
   * are read from them, and Recreate waits for the old ones to be gone.
   */
  private podChanged(e: InformerEvent): void {
    const ns = e.object.metadata.namespace ?? '';
    const refs = [controllerOf(e.object), e.prev === undefined ? undefined : controllerOf(e.prev)];
    for (const [i, ref] of refs.entries()) {
      if (ref?.kind !== 'ReplicaSet' || (i === 1 && ref.uid === refs[0]?.uid)) continue;
      const rs = this.sets.get(ns, ref.name);
      const owner = rs?.metadata.uid === ref.uid ? controllerOf(rs) : undefined;
      if (owner !== undefined) this.queueDeployment(ns, owner);
    }
  }

  private queueDeployment(ns: string, ref: Ref): void {
    if (ref.kind !== 'Deployment') return;
    const d = this.deployments.get(ns, ref.name);
    if (d?.metadata.uid === ref.uid) this.ctx.queue.add(keyOf(d));
  }

  async reconcile(key: string): Promise<ReconcileResult> {
    const { namespace, name } = splitKey(key);
    const d = this.deployments.get(namespace, name);
    if (d === undefined) return undefined;
    const owned = await claimDependents({ ctx: this.ctx, owner: d, kind: REPLICA_SET, view: this.sets });
    const st = new DeploymentState(this.ctx, d, owned, this.pods);
    if (await this.sync(st)) return undefined;
    await writeDeployment(st);
    const after = requeueAfterMs(st);
    return after === undefined ? undefined : { requeueAfterMs: after };
  }

  /** One step; true when the Deployment itself was rewritten (a rollback) and nothing else is to be done. */
  private async sync(st: DeploymentState): Promise<boolean> {
    if (isTerminating(st.d)) {
      await syncRevision(st, false);
      syncDeploymentStatus(st);
      return false;
    }
    checkPausedConditions(st);
    if (st.paused) {
      await syncScaleOnly(st);
      return false;
    }
    if (await autoRollback(st)) return true;
    if (isScalingEvent(st)) await syncScaleOnly(st);
    else if (isRecreate(st.d)) await rolloutRecreate(st);
    else await rolloutRolling(st);
    return false;
  }
}
