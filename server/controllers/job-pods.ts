// Which pods a running Job makes and removes, and when: the plan from the counts (work-queue,
// fixed-completions and Indexed Jobs, as Kubernetes' manageJob), the pod made from the template
// (with the tracking finalizer and, for an Indexed Job, its completion index), and the back-off
// after failures. Pure.
import type { KubeObject } from '../../client/index.js';
import { isPodReady, podFromTemplate } from './objects.js';
import type { JobShape } from './job-status.js';
import type { Tally } from './job-tracking.js';
import { COMPLETION_INDEX_KEY, indexOf, outcomeOf, TRACKING_FINALIZER } from './job-tracking.js';

/**
 * First delay before a pod is made again after a failure; doubles with each failure since the last
 * success. Kubernetes waits 10 s; berth aims to be faster.
 */
export const JOB_BACKOFF_BASE_MS = 1000;
/** Longest such delay (Kubernetes: 6 min). */
export const JOB_BACKOFF_MAX_MS = 60_000;

type Rec = Record<string, unknown>;

export interface PodPlan {
  /** Pods to make: for an Indexed Job, the index of each; otherwise undefined entries. */
  readonly create: readonly (number | undefined)[];
  /** Running pods to remove (excess, duplicate or out-of-range indexes). */
  readonly remove: readonly KubeObject[];
}

const created = (p: KubeObject): number => Date.parse(p.metadata.creationTimestamp ?? '') || 0;

/** Which of `pods` to remove first: not ready before ready, newest before oldest. */
function removalOrder(pods: readonly KubeObject[]): KubeObject[] {
  return [...pods].sort((a, b) => Number(isPodReady(a)) - Number(isPodReady(b)) || created(b) - created(a));
}

export function planPods(shape: JobShape, t: Tally, active: readonly KubeObject[]): PodPlan {
  return shape.indexed ? planIndexed(shape, t, active) : planNonIndexed(shape, t, active);
}

function planNonIndexed(shape: JobShape, t: Tally, active: readonly KubeObject[]): PodPlan {
  let want: number;
  // Without completions a Job is a work queue: once one pod succeeded, no more are started and
  // those running finish on their own.
  if (shape.completions === undefined) want = t.succeededTotal > 0 ? Math.min(active.length, shape.parallelism) : shape.parallelism;
  else want = Math.max(0, Math.min(shape.parallelism, shape.completions - t.succeededTotal));
  if (active.length > want) return { create: [], remove: removalOrder(active).slice(0, active.length - want) };
  return { create: new Array<undefined>(want - active.length).fill(undefined), remove: [] };
}

function planIndexed(shape: JobShape, t: Tally, active: readonly KubeObject[]): PodPlan {
  const completions = shape.completions ?? 0;
  const remove: KubeObject[] = [];
  const running = new Set<number>();
  // Oldest first, so that of two pods with one index the older one stays.
  for (const p of [...active].sort((a, b) => created(a) - created(b))) {
    const i = indexOf(p);
    if (i === undefined || i >= completions || t.completed.has(i) || running.has(i)) remove.push(p);
    else running.add(i);
  }
  const kept = active.filter((p) => !remove.includes(p));
  if (kept.length > shape.parallelism) remove.push(...removalOrder(kept).slice(0, kept.length - shape.parallelism));
  const room = Math.max(0, shape.parallelism - kept.length);
  const create: number[] = [];
  for (let i = 0; i < completions && create.length < room; i++) if (!t.completed.has(i) && !running.has(i)) create.push(i);
  return { create, remove };
}

/** When a pod finished: its containers' last finishedAt, else its latest condition change, else its creation. */
function finishedMs(pod: KubeObject): number {
  const st = (pod.status ?? {}) as Rec;
  let best = 0;
  for (const cs of (st.containerStatuses as Rec[] | undefined) ?? []) {
    const t = Date.parse(String((((cs.state ?? {}) as Rec).terminated as Rec | undefined)?.finishedAt ?? ''));
    if (Number.isFinite(t)) best = Math.max(best, t);
  }
  if (best > 0) return best;
  for (const c of (st.conditions as Rec[] | undefined) ?? []) {
    const t = Date.parse(String(c.lastTransitionTime ?? ''));
    if (Number.isFinite(t)) best = Math.max(best, t);
  }
  if (best > 0) return best;
  return Date.parse(pod.metadata.deletionTimestamp ?? '') || created(pod);
}

/**
 * How long to wait before making pods again: JOB_BACKOFF_BASE_MS doubled for each failure after the
 * last success among the pods still there, from the last failure, capped at JOB_BACKOFF_MAX_MS.
 */
export function backoffRemainingMs(pods: readonly KubeObject[], nowMs: number): number {
  let lastSuccess = 0;
  for (const p of pods) if (outcomeOf(p) === 'succeeded') lastSuccess = Math.max(lastSuccess, finishedMs(p));
  let failures = 0;
  let lastFailure = 0;
  for (const p of pods) {
    if (outcomeOf(p) !== 'failed') continue;
    const t = finishedMs(p);
    if (t < lastSuccess) continue;
    failures++;
    lastFailure = Math.max(lastFailure, t);
  }
  if (failures === 0) return 0;
  const delay = Math.min(JOB_BACKOFF_MAX_MS, JOB_BACKOFF_BASE_MS * 2 ** Math.min(failures - 1, 30));
  return Math.max(0, lastFailure + delay - nowMs);
}

/** The pod a Job makes (for an Indexed Job, the pod of `index`). */
export function newJobPod(job: KubeObject, index: number | undefined): KubeObject {
  const name = String(job.metadata.name);
  const extra: Record<string, string> = index === undefined ? {} : { [COMPLETION_INDEX_KEY]: String(index) };
  const pod = podFromTemplate(job, undefined, {
    generateName: index === undefined ? `${name}-` : `${name}-${index}-`,
    labels: extra,
    annotations: extra,
    spec: (spec) => {
      if (index === undefined) return;
      // Kubernetes gives an Indexed Job's pod a stable hostname and its index in the environment.
      if (spec.hostname === undefined) spec.hostname = `${name}-${index}`.slice(0, 63).replace(/-+$/, '');
      for (const f of ['containers', 'initContainers']) {
        for (const c of (spec[f] as Rec[] | undefined) ?? []) {
          const env = ((c.env as Rec[] | undefined) ?? []).filter((e) => e.name !== 'JOB_COMPLETION_INDEX');
          c.env = [...env, { name: 'JOB_COMPLETION_INDEX', value: String(index) }];
        }
      }
    },
  });
  pod.metadata.finalizers = [...new Set([...(pod.metadata.finalizers ?? []), TRACKING_FINALIZER])];
  return pod;
}
