// How a Job counts its pods so that the counts survive the pods. Pods are made with the
// batch.kubernetes.io/job-tracking finalizer, as in Kubernetes: a finished pod cannot vanish before
// it was counted. Counting is three steps, each a separate write, so that a leader that crashes
// between any two neither loses nor double-counts a pod:
//   1. the finished pod's uid is recorded in the Job as uncounted (for an Indexed Job a success is
//      recorded as its index in status.completedIndexes, which is a set and so idempotent);
//   2. the pod's finalizer is removed;
//   3. a recorded uid whose pod has no finalizer any more (or is gone) moves into
//      status.succeeded/failed.
// Kubernetes keeps step 1's uids in status.uncountedTerminatedPods; berth's Job status has no such
// field, so they live in the annotation UNCOUNTED_ANNOTATION. A pod being deleted that had not
// succeeded counts as failed (as in Kubernetes), which is why the controller removes the finalizer
// before deleting a pod on purpose (excess, suspended, completed): those are not failures.
import type { KubeObject } from '../../client/index.js';
import { isPodActive, podPhase } from './objects.js';

export const TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';
export const COMPLETION_INDEX_KEY = 'batch.kubernetes.io/job-completion-index';
export const UNCOUNTED_ANNOTATION = 'batch.berth.io/uncounted-terminated-pods';
/** Most finished pods recorded as uncounted at once (Kubernetes: 500); more wait for the next pass. */
export const MAX_UNCOUNTED_PODS = 200;

type Rec = Record<string, unknown>;

export interface Uncounted {
  readonly succeeded: Set<string>;
  readonly failed: Set<string>;
}

export function hasTracking(pod: KubeObject): boolean {
  return (pod.metadata.finalizers ?? []).includes(TRACKING_FINALIZER);
}

export function readUncounted(job: KubeObject): Uncounted {
  const text = job.metadata.annotations?.[UNCOUNTED_ANNOTATION];
  const out: Uncounted = { succeeded: new Set(), failed: new Set() };
  if (text === undefined) return out;
  try {
    const v = JSON.parse(text) as { succeeded?: unknown; failed?: unknown };
    for (const f of ['succeeded', 'failed'] as const) {
      const list = v[f];
      if (Array.isArray(list)) for (const u of list) if (typeof u === 'string') out[f].add(u);
    }
  } catch {
    // A mangled annotation (edited by hand) records nothing; pods keep their finalizers until counted.
  }
  return out;
}

/** `annotations` with the uncounted uids written (or the annotation dropped when there are none). */
export function writeUncounted(annotations: Record<string, string> | undefined, u: Uncounted): Record<string, string> | undefined {
  const out = { ...(annotations ?? {}) };
  if (u.succeeded.size === 0 && u.failed.size === 0) delete out[UNCOUNTED_ANNOTATION];
  else out[UNCOUNTED_ANNOTATION] = JSON.stringify({ succeeded: [...u.succeeded].sort(), failed: [...u.failed].sort() });
  return Object.keys(out).length === 0 ? undefined : out;
}

/** How a pod ended, if it did: a pod being deleted before it succeeded counts as failed. */
export function outcomeOf(pod: KubeObject): 'succeeded' | 'failed' | undefined {
  const phase = podPhase(pod);
  if (phase === 'Succeeded') return 'succeeded';
  if (phase === 'Failed' || pod.metadata.deletionTimestamp !== undefined) return 'failed';
  return undefined;
}

/** A pod's completion index (Indexed Jobs), or undefined when it has none or a bad one. */
export function indexOf(pod: KubeObject): number | undefined {
  const v = pod.metadata.annotations?.[COMPLETION_INDEX_KEY] ?? pod.metadata.labels?.[COMPLETION_INDEX_KEY];
  if (v === undefined || !/^\d{1,9}$/.test(v)) return undefined;
  return Number(v);
}

/** "1,3-5" → {1,3,4,5}; ignores what does not parse. */
export function parseIndexes(text: unknown): Set<number> {
  const out = new Set<number>();
  if (typeof text !== 'string') return out;
  for (const part of text.split(',')) {
    const m = /^(\d{1,9})(?:-(\d{1,9}))?$/.exec(part.trim());
    if (m === null) continue;
    const lo = Number(m[1]);
    const hi = m[2] === undefined ? lo : Number(m[2]);
    for (let i = lo; i <= hi; i++) out.add(i);
  }
  return out;
}

/** {1,3,4,5} → "1,3-5" (Kubernetes' form of completedIndexes). */
export function formatIndexes(set: ReadonlySet<number>): string {
  const sorted = [...set].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(i === j ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

export interface Tally {
  /** status.succeeded/failed after moving what step 3 allows. */
  readonly succeeded: number;
  readonly failed: number;
  readonly uncounted: Uncounted;
  readonly completed: Set<number>;
  /** Successes and failures known, counted or not yet. */
  readonly succeededTotal: number;
  readonly failedTotal: number;
}

/** Steps 1 and 3 over `job`'s status and its pods, as of now. Pure. */
export function tally(job: KubeObject, pods: readonly KubeObject[], indexed: boolean, completions: number | undefined): Tally {
  const status = (job.status ?? {}) as Rec;
  const prev = readUncounted(job);
  const uncounted: Uncounted = { succeeded: new Set(), failed: new Set() };
  let succeeded = Number(status.succeeded ?? 0);
  let failed = Number(status.failed ?? 0);
  const completed = parseIndexes(status.completedIndexes);
  const byUid = new Map(pods.map((p) => [String(p.metadata.uid), p]));
  for (const f of ['succeeded', 'failed'] as const) {
    for (const uid of prev[f]) {
      const p = byUid.get(uid);
      if (p !== undefined && hasTracking(p)) uncounted[f].add(uid);
      else if (f === 'succeeded') succeeded++;
      else failed++;
    }
  }
  let room = MAX_UNCOUNTED_PODS - uncounted.succeeded.size - uncounted.failed.size;
  for (const p of pods) {
    const outcome = hasTracking(p) ? outcomeOf(p) : undefined;
    const uid = String(p.metadata.uid);
    if (outcome === undefined || uncounted.succeeded.has(uid) || uncounted.failed.has(uid)) continue;
    if (outcome === 'succeeded' && indexed) {
      const i = indexOf(p);
      if (i !== undefined && i < (completions ?? 0)) completed.add(i);
      continue;
    }
    if (room <= 0) continue;
    room--;
    uncounted[outcome].add(uid);
  }
  if (indexed) succeeded = completed.size;
  const succeededTotal = indexed ? completed.size : succeeded + uncounted.succeeded.size;
  return { succeeded, failed, uncounted, completed, succeededTotal, failedTotal: failed + uncounted.failed.size };
}

/** Pods whose finalizer may go now that the Job (as written) records them (step 2). */
export function recordedPods(job: KubeObject, pods: readonly KubeObject[], indexed: boolean): KubeObject[] {
  const u = readUncounted(job);
  return pods.filter((p) => {
    if (!hasTracking(p)) return false;
    const uid = String(p.metadata.uid);
    if (u.succeeded.has(uid) || u.failed.has(uid)) return true;
    return indexed && outcomeOf(p) === 'succeeded';
  });
}

/** Pods running for the Job: not finished, not being deleted, and still tracked. */
export function activePods(pods: readonly KubeObject[]): KubeObject[] {
  return pods.filter((p) => isPodActive(p) && hasTracking(p));
}

/**
 * Running pods without the finalizer: the controller removes it just before deleting a pod on
 * purpose, so such a pod is one whose deletion a crash interrupted. It is deleted, not counted.
 */
export function abandonedPods(pods: readonly KubeObject[]): KubeObject[] {
  return pods.filter((p) => isPodActive(p) && !hasTracking(p));
}
