// Automatic rollback, beyond Kubernetes: a Deployment annotated `berth.io/auto-rollback: "true"`
// whose rollout fails — Progressing=False ProgressDeadlineExceeded, or pods of the new ReplicaSet
// crash-looping (a container waiting in CrashLoopBackOff, restarted 3 times or more after
// terminating, or the pod Failed) — gets the template of its previous revision back (the old
// ReplicaSet with the highest revision), in one write with the annotations
// berth.io/rolled-back-generation (the generation that failed) and berth.io/rollback-reason, which
// `rollout status` and `apply --wait` read to fail at once. The rollback is itself a new generation
// (the template changed), which the usual rollout then carries out, reusing the old ReplicaSet.
//
// It never loops: only once per failed generation, never for the rollout the rollback started
// (the generation right after the one rolled back), and never without an older revision.
import type { KubeObject } from '../../client/index.js';
import { isBerthError } from '../../client/index.js';
import { timestamp } from '../api/index.js';
import { podPhase } from './objects.js';
import type { DeploymentCondition, DeploymentState, Rec } from './deployment-state.js';
import { DEPLOYMENT, revisionOf } from './deployment-state.js';
import { ROLLBACK_REASON_ANNOTATION, ROLLED_BACK_GENERATION_ANNOTATION, syncRevision, templateOf, withoutHash } from './deployment-history.js';
import { PROGRESSING, REASON_NEW_RS_AVAILABLE, REASON_TIMED_OUT } from './deployment-status.js';

export const AUTO_ROLLBACK_ANNOTATION = 'berth.io/auto-rollback';
/** A container restarted this often after terminating counts as crash-looping. */
export const CRASH_RESTARTS = 3;
export const REASON_AUTO_ROLLED_BACK = 'AutoRolledBack';

interface ContainerStatus {
  name?: string;
  restartCount?: number;
  state?: { waiting?: { reason?: string } };
  lastState?: { terminated?: unknown };
}

/** Why `pod` counts as crash-looping ("container app CrashLoopBackOff"), if it does. */
export function crashLoopOf(pod: KubeObject): string | undefined {
  if (podPhase(pod) === 'Failed') return 'pod Failed';
  const status = (pod.status ?? {}) as Rec;
  const all = [...((status.initContainerStatuses as ContainerStatus[] | undefined) ?? []), ...((status.containerStatuses as ContainerStatus[] | undefined) ?? [])];
  for (const c of all) {
    const name = c.name ?? '?';
    if (c.state?.waiting?.reason === 'CrashLoopBackOff') return `container ${name} CrashLoopBackOff`;
    if (c.lastState?.terminated !== undefined && (c.restartCount ?? 0) >= CRASH_RESTARTS) return `container ${name} restarted ${c.restartCount ?? 0} times`;
  }
  return undefined;
}

/** Why the current rollout failed, if it did. */
function failureOf(st: DeploymentState, newRS: KubeObject): string | undefined {
  const rsName = String(newRS.metadata.name);
  const progressing = st.condition(PROGRESSING);
  if (progressing?.status === 'False' && progressing.reason === REASON_TIMED_OUT) {
    return `rollout of ${rsName} exceeded its progress deadline (${st.progressDeadlineSeconds ?? 0}s)`;
  }
  for (const pod of st.podsOf(newRS)) {
    const why = crashLoopOf(pod);
    if (why !== undefined) return `pods of ${rsName} crash-looping (${String(pod.metadata.name)}: ${why})`;
  }
  return undefined;
}

/** Whether the Deployment may be rolled back now (the annotation, and not already for this rollout). */
function eligible(st: DeploymentState, newRS: KubeObject): boolean {
  const annotations = st.d.metadata.annotations ?? {};
  if (annotations[AUTO_ROLLBACK_ANNOTATION] !== 'true' || st.paused || st.d.metadata.deletionTimestamp !== undefined) return false;
  const generation = st.d.metadata.generation ?? 0;
  const done = Number.parseInt(annotations[ROLLED_BACK_GENERATION_ANNOTATION] ?? '', 10);
  // The failed generation was rolled back already, and the next one is that rollback's own rollout.
  if (Number.isSafeInteger(done) && generation <= done + 1) return false;
  const progressing = st.condition(PROGRESSING);
  const completeMessage = `ReplicaSet "${String(newRS.metadata.name)}" has successfully progressed.`;
  return !(progressing?.reason === REASON_NEW_RS_AVAILABLE && progressing.message === completeMessage);
}

/** Rolls the failed rollout back; true when it did (the reconcile then stops: the Deployment changed). */
export async function autoRollback(st: DeploymentState): Promise<boolean> {
  await syncRevision(st, false);
  const newRS = st.newRS;
  if (newRS === undefined || !eligible(st, newRS)) return false;
  const target = [...st.oldRSs].sort((a, b) => revisionOf(b) - revisionOf(a))[0];
  if (target === undefined) return false;
  const why = failureOf(st, newRS);
  if (why === undefined) return false;
  const generation = st.d.metadata.generation ?? 0;
  const message = `Rolled back from revision ${revisionOf(newRS)} to revision ${revisionOf(target)}: ${why}`;
  const at = timestamp(st.now);
  const cond: DeploymentCondition = { type: PROGRESSING, status: 'True', reason: REASON_AUTO_ROLLED_BACK, message, lastUpdateTime: at, lastTransitionTime: at };
  try {
    const out = await st.ctx.reg.modifyFrom(DEPLOYMENT, st.d, (cur) => {
      // Changed meanwhile (a new apply): that generation is not the one judged here.
      if ((cur.metadata.generation ?? 0) !== generation) return cur;
      const conditions = (((cur.status as Rec | undefined)?.conditions as DeploymentCondition[] | undefined) ?? []).filter((c) => c.type !== PROGRESSING);
      return {
        ...cur,
        metadata: { ...cur.metadata, annotations: { ...cur.metadata.annotations, [ROLLED_BACK_GENERATION_ANNOTATION]: String(generation), [ROLLBACK_REASON_ANNOTATION]: why } },
        spec: { ...cur.spec, template: withoutHash(templateOf(target)) },
        status: { ...cur.status, conditions: [...conditions, cond] },
      };
    });
    // Unchanged: the Deployment moved on to another generation meanwhile; its event brings it back.
    if (!out.changed) return true;
  } catch (err) {
    if (isBerthError(err, 'NOT_FOUND')) return true;
    throw err;
  }
  st.ctx.events.record(st.d, 'Warning', 'AutoRollback', message);
  st.ctx.logger.warn({ deployment: st.name, generation, from: newRS.metadata.name, to: target.metadata.name, why }, 'rolled a failed rollout back');
  return true;
}
