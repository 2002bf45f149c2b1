// A Job's next status from its pods and the clock: the counts (job-tracking.ts), startTime, and the
// conditions that finish it — Failed when failures exceed backoffLimit or activeDeadlineSeconds
// ran out, Complete (with SuccessCriteriaMet) when enough pods succeeded — or suspend it. Pure: the
// controller applies it inside a compare-and-swap, so it is recomputed on a fresh copy whenever the
// Job changed meanwhile.
import type { KubeObject } from '../../client/index.js';
import { isPodReady } from './objects.js';
import type { Tally } from './job-tracking.js';
import { activePods, formatIndexes, tally, writeUncounted } from './job-tracking.js';

type Rec = Record<string, unknown>;

export interface JobCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastProbeTime?: string;
  lastTransitionTime?: string;
}

export interface JobShape {
  readonly completions: number | undefined;
  readonly parallelism: number;
  readonly backoffLimit: number;
  readonly indexed: boolean;
  readonly suspend: boolean;
  readonly onFailure: boolean;
  readonly activeDeadlineSeconds: number | undefined;
  readonly ttlSecondsAfterFinished: number | undefined;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

export function shapeOf(job: KubeObject): JobShape {
  const spec = (job.spec ?? {}) as Rec;
  const podSpec = (((spec.template ?? {}) as Rec).spec ?? {}) as Rec;
  return {
    completions: num(spec.completions),
    parallelism: num(spec.parallelism) ?? 1,
    backoffLimit: num(spec.backoffLimit) ?? 6,
    indexed: spec.completionMode === 'Indexed',
    suspend: spec.suspend === true,
    onFailure: podSpec.restartPolicy === 'OnFailure',
    activeDeadlineSeconds: num(spec.activeDeadlineSeconds),
    ttlSecondsAfterFinished: num(spec.ttlSecondsAfterFinished),
  };
}

export function jobCondition(job: KubeObject, type: string): JobCondition | undefined {
  const conds = ((job.status ?? {}) as Rec).conditions as JobCondition[] | undefined;
  return conds?.find((c) => c.type === type);
}

export function isTrue(job: KubeObject, type: string): boolean {
  return jobCondition(job, type)?.status === 'True';
}

/** Complete or Failed: nothing more runs. */
export function finishedAt(job: KubeObject): number | undefined {
  for (const type of ['Complete', 'Failed']) {
    const c = jobCondition(job, type);
    if (c?.status === 'True') return Date.parse(String(((job.status ?? {}) as Rec).completionTime ?? c.lastTransitionTime ?? ''));
  }
  return undefined;
}

function setCondition(list: JobCondition[], next: JobCondition, at: string): JobCondition[] {
  const i = list.findIndex((c) => c.type === next.type);
  const cur = i < 0 ? undefined : list[i]!;
  if (cur !== undefined && cur.status === next.status && cur.reason === next.reason) return list;
  const merged = { ...next, lastProbeTime: at, lastTransitionTime: cur?.status === next.status ? (cur.lastTransitionTime ?? at) : at };
  return i < 0 ? [...list, merged] : list.map((c, j) => (j === i ? merged : c));
}

/** Container restarts of the running pods: failures for a Job whose pods restart in place. */
export function restartsOf(pods: readonly KubeObject[]): number {
  let n = 0;
  for (const p of pods) {
    const st = (p.status ?? {}) as Rec;
    for (const f of ['containerStatuses', 'initContainerStatuses']) {
      for (const cs of (st[f] as Rec[] | undefined) ?? []) n += num(cs.restartCount) ?? 0;
    }
  }
  return n;
}

/** Why the Job fails now, if it does. */
function failure(shape: JobShape, t: Tally, active: readonly KubeObject[], startMs: number, nowMs: number): JobCondition | undefined {
  const failures = t.failedTotal + (shape.onFailure ? restartsOf(active) : 0);
  if (failures > shape.backoffLimit) return { type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' };
  if (shape.activeDeadlineSeconds !== undefined && nowMs >= startMs + shape.activeDeadlineSeconds * 1000) {
    return { type: 'Failed', status: 'True', reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' };
  }
  return undefined;
}

/** Whether enough pods succeeded (for a work queue, completions unset: one did and none runs). */
export function isComplete(shape: JobShape, t: Tally, activeCount: number): boolean {
  if (shape.completions === undefined) return t.succeededTotal > 0 && activeCount === 0;
  return t.succeededTotal >= shape.completions;
}

export interface NextJob {
  readonly job: KubeObject;
  readonly tally: Tally;
  readonly active: readonly KubeObject[];
}

/** The Job with its status (and uncounted annotation) brought up to date. */
export function nextJob(cur: KubeObject, pods: readonly KubeObject[], now: Date, at: string): NextJob {
  const shape = shapeOf(cur);
  const t = tally(cur, pods, shape.indexed, shape.completions);
  const active = activePods(pods);
  const prev = (cur.status ?? {}) as Rec;
  const status: Rec = { ...prev };
  let conds = [...((prev.conditions as JobCondition[] | undefined) ?? [])];
  const finished = isTrue(cur, 'Complete') || isTrue(cur, 'Failed');
  if (!finished && cur.metadata.deletionTimestamp === undefined) {
    if (shape.suspend && !isTrue(cur, 'FailureTarget') && !isTrue(cur, 'SuccessCriteriaMet')) {
      conds = setCondition(conds, { type: 'Suspended', status: 'True', reason: 'JobSuspended', message: 'Job suspended' }, at);
    } else {
      if (isTrue(cur, 'Suspended')) {
        conds = setCondition(conds, { type: 'Suspended', status: 'False', reason: 'JobResumed', message: 'Job resumed' }, at);
        // A resumed Job's activeDeadlineSeconds counts from the resumption, as in Kubernetes.
        status.startTime = at;
      }
      if (status.startTime === undefined) status.startTime = at;
      const startMs = Date.parse(String(status.startTime));
      // As in Kubernetes, the verdict comes first (FailureTarget, SuccessCriteriaMet); the Job is
      // finished (Failed, Complete) only once no pod runs and every finished pod is counted, so a
      // finished Job's counts are final.
      const settled = active.length === 0 && t.uncounted.succeeded.size === 0 && t.uncounted.failed.size === 0;
      const target = isTrue(cur, 'FailureTarget') ? jobCondition(cur, 'FailureTarget') : failure(shape, t, active, Number.isFinite(startMs) ? startMs : now.getTime(), now.getTime());
      if (target !== undefined) {
        conds = setCondition(conds, { ...target, type: 'FailureTarget' }, at);
        if (settled) conds = setCondition(conds, { ...target, type: 'Failed' }, at);
      } else if (isTrue(cur, 'SuccessCriteriaMet') || isComplete(shape, t, active.length)) {
        conds = setCondition(conds, { type: 'SuccessCriteriaMet', status: 'True', reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' }, at);
        if (settled) {
          conds = setCondition(conds, { type: 'Complete', status: 'True', reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' }, at);
          status.completionTime = at;
        }
      }
    }
  }
  if (conds.length > 0) status.conditions = conds;
  status.active = active.length;
  status.ready = active.filter(isPodReady).length;
  status.succeeded = t.succeeded;
  status.failed = t.failed;
  if (shape.indexed) status.completedIndexes = formatIndexes(t.completed);
  const annotations = writeUncounted(cur.metadata.annotations, t.uncounted);
  const metadata = { ...cur.metadata, annotations };
  if (annotations === undefined) delete metadata.annotations;
  return { job: { ...cur, metadata, status }, tally: t, active };
}
