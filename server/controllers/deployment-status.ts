// A Deployment's status: the counts (from its ReplicaSets' pods), the Available condition, and the
// Progressing condition with Kubernetes' reasons and messages — its lastUpdateTime moves whenever
// the rollout makes progress, and a rollout that made none for progressDeadlineSeconds is marked
// ProgressDeadlineExceeded (with an Event). Also: the paused/resumed conditions, the one write of
// the status (and revision annotation) at the end of a reconcile, and when to look again without
// waiting for a change (a pod's minReadySeconds, the progress deadline).
import { isBerthError } from '../../client/index.js';
import { timestamp } from '../api/index.js';
import { isPodAvailable, isTerminating, stableJson } from './objects.js';
import { availabilityWait, replicasOf } from './replicaset.js';
import type { DeploymentState, Rec } from './deployment-state.js';
import { DEPLOYMENT, REVISION_ANNOTATION } from './deployment-state.js';

export const PROGRESSING = 'Progressing';
export const REASON_NEW_RS_AVAILABLE = 'NewReplicaSetAvailable';
export const REASON_TIMED_OUT = 'ProgressDeadlineExceeded';
export const REASON_PAUSED = 'DeploymentPaused';
export const REASON_RESUMED = 'DeploymentResumed';
export const REASON_RS_UPDATED = 'ReplicaSetUpdated';

/** Added to timed requeues, so that what was waited for has surely happened when looked at. */
const REQUEUE_SLACK_MS = 10;

/** The counts over every ReplicaSet's active pods, with the conditions carried over and Available set. */
function applyCounts(st: DeploymentState): void {
  let replicas = 0;
  let ready = 0;
  let available = 0;
  let desired = 0;
  for (const rs of st.allRSs()) {
    const active = st.activePodsOf(rs);
    replicas += active.length;
    ready += st.readyOf(rs);
    available += active.filter((p) => isPodAvailable(p, st.minReadySeconds, st.now)).length;
    desired += replicasOf(rs);
  }
  const status: Rec = {
    observedGeneration: st.d.metadata.generation ?? 0,
    replicas,
    updatedReplicas: st.newRS === undefined ? 0 : st.activePodsOf(st.newRS).length,
    readyReplicas: ready,
    availableReplicas: available,
    unavailableReplicas: Math.max(0, desired - available),
  };
  if (st.status.conditions !== undefined) status.conditions = st.status.conditions;
  if (st.status.collisionCount !== undefined) status.collisionCount = st.status.collisionCount;
  st.status = status;
  if (available >= st.replicas - st.maxUnavailable) st.setCondition('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.');
  else st.setCondition('Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.');
}

function num(status: Rec, field: string): number {
  const v = status[field];
  return typeof v === 'number' ? v : 0;
}

/** Every replica updated and available, and the latest generation observed (Kubernetes' DeploymentComplete). */
export function isComplete(st: DeploymentState, status: Rec = st.status): boolean {
  return (
    num(status, 'updatedReplicas') === st.replicas &&
    num(status, 'replicas') === st.replicas &&
    num(status, 'availableReplicas') === st.replicas &&
    num(status, 'observedGeneration') >= (st.d.metadata.generation ?? 0)
  );
}

/** More updated, ready or available pods, or fewer old ones, than before (Kubernetes' DeploymentProgressing). */
function madeProgress(before: Rec, after: Rec): boolean {
  const oldBefore = num(before, 'replicas') - num(before, 'updatedReplicas');
  const oldAfter = num(after, 'replicas') - num(after, 'updatedReplicas');
  return (
    num(after, 'updatedReplicas') > num(before, 'updatedReplicas') ||
    oldAfter < oldBefore ||
    num(after, 'readyReplicas') > num(before, 'readyReplicas') ||
    num(after, 'availableReplicas') > num(before, 'availableReplicas')
  );
}

/** When the Progressing condition's deadline passes (ms since the epoch), if it applies. */
function deadlineAt(st: DeploymentState): number | undefined {
  const deadline = st.progressDeadlineSeconds;
  const cond = st.condition(PROGRESSING);
  if (deadline === undefined || cond === undefined) return undefined;
  if (cond.reason === REASON_NEW_RS_AVAILABLE || cond.reason === REASON_TIMED_OUT || cond.reason === REASON_PAUSED) return undefined;
  const at = cond.lastUpdateTime ?? cond.lastTransitionTime ?? '';
  const from = Date.parse(at);
  if (!Number.isFinite(from)) return undefined;
  // Timestamps are written in whole seconds: the progress may have been made up to a second after
  // the one written, and a short deadline must not pass early because of it.
  const rounding = /\.\d+/.test(at) ? 0 : 999;
  return from + rounding + deadline * 1000;
}

/** The status outside a rollout step (scaling, paused, being deleted): counts and Available only. */
export function syncDeploymentStatus(st: DeploymentState): void {
  applyCounts(st);
  copyReplicaFailure(st);
}

/** The status after a rollout step: counts, Available, and Progressing as Kubernetes' syncRolloutStatus. */
export function syncRolloutStatus(st: DeploymentState): void {
  const before = st.status;
  applyCounts(st);
  if (st.progressDeadlineSeconds === undefined) st.removeCondition(PROGRESSING);
  const cur = st.condition(PROGRESSING);
  const settled = num(st.status, 'replicas') === num(st.status, 'updatedReplicas') && cur?.reason === REASON_NEW_RS_AVAILABLE;
  if (st.progressDeadlineSeconds !== undefined && !settled) progressCondition(st, before);
  copyReplicaFailure(st);
}

function progressCondition(st: DeploymentState, before: Rec): void {
  const subject = st.newRS === undefined ? `Deployment "${st.name}"` : `ReplicaSet "${String(st.newRS.metadata.name)}"`;
  const cur = st.condition(PROGRESSING);
  if (isComplete(st)) {
    st.setCondition(PROGRESSING, 'True', REASON_NEW_RS_AVAILABLE, `${subject} has successfully progressed.`);
    return;
  }
  if (madeProgress(before, st.status)) {
    const at = timestamp(st.now);
    const since = cur?.status === 'True' ? (cur.lastTransitionTime ?? at) : at;
    st.putCondition({ type: PROGRESSING, status: 'True', reason: REASON_RS_UPDATED, message: `${subject} is progressing.`, lastUpdateTime: at, lastTransitionTime: since });
    return;
  }
  const due = deadlineAt(st);
  if (due !== undefined && due < st.now.getTime()) {
    const message = `${subject} has timed out progressing.`;
    st.setCondition(PROGRESSING, 'False', REASON_TIMED_OUT, message);
    st.ctx.events.record(st.d, 'Warning', REASON_TIMED_OUT, message);
  }
}

/** A ReplicaSet's ReplicaFailure (the new one's first) shown on the Deployment, or none. */
function copyReplicaFailure(st: DeploymentState): void {
  const sets = st.newRS === undefined ? st.oldRSs : [st.newRS, ...st.oldRSs];
  for (const rs of sets) {
    const conds = ((rs.status as Rec | undefined)?.conditions as { type: string; status: string; reason?: string; message?: string }[] | undefined) ?? [];
    const failure = conds.find((c) => c.type === 'ReplicaFailure' && c.status === 'True');
    if (failure === undefined) continue;
    st.setCondition('ReplicaFailure', 'True', failure.reason ?? 'FailedCreate', failure.message ?? '');
    return;
  }
  st.removeCondition('ReplicaFailure');
}

/** Progressing says paused while paused, and resumed once resumed (Kubernetes' checkPausedConditions). */
export function checkPausedConditions(st: DeploymentState): void {
  if (st.progressDeadlineSeconds === undefined) return;
  const cur = st.condition(PROGRESSING);
  // A reported lack of progress is not overwritten by pausing.
  if (cur?.reason === REASON_TIMED_OUT) return;
  const pausedShown = cur?.reason === REASON_PAUSED;
  if (st.paused && !pausedShown) st.setCondition(PROGRESSING, 'Unknown', REASON_PAUSED, 'Deployment is paused');
  else if (!st.paused && pausedShown) st.setCondition(PROGRESSING, 'Unknown', REASON_RESUMED, 'Deployment is resumed');
}

/** Writes the status and the revision annotation, when either changed. */
export async function writeDeployment(st: DeploymentState): Promise<void> {
  const annotations = st.d.metadata.annotations ?? {};
  const revision = st.revision !== undefined && st.revision !== annotations[REVISION_ANNOTATION] ? st.revision : undefined;
  if (revision === undefined && stableJson(st.status) === stableJson(st.d.status ?? {})) return;
  try {
    await st.ctx.reg.modifyFrom(DEPLOYMENT, st.d, (cur) => ({
      ...cur,
      metadata: revision === undefined ? cur.metadata : { ...cur.metadata, annotations: { ...cur.metadata.annotations, [REVISION_ANNOTATION]: revision } },
      status: st.status,
    }));
  } catch (err) {
    if (!isBerthError(err, 'NOT_FOUND')) throw err;
  }
}

/** When to look again by itself: a pod about to become available, or the progress deadline. */
export function requeueAfterMs(st: DeploymentState): number | undefined {
  const pods = st.allRSs().flatMap((rs) => st.activePodsOf(rs));
  let wait = availabilityWait(pods, st.minReadySeconds, st.now);
  if (wait !== undefined) wait += REQUEUE_SLACK_MS;
  const due = st.paused || isTerminating(st.d) || isComplete(st) ? undefined : deadlineAt(st);
  if (due !== undefined) {
    // The deadline has passed once now > due (strictly), hence the extra millisecond.
    const ms = Math.max(due - st.now.getTime() + 1, 0) + REQUEUE_SLACK_MS;
    wait = Math.min(wait ?? ms, ms);
  }
  return wait;
}
