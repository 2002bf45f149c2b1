// Cordon and drain: object calls (merge patches of Node spec.unschedulable, pod listing and
// deletion), made through any ObjectApi, as kubectl makes them: pods that would be lost for good
// (no controller, emptyDir data) or that would come right back (DaemonSet) stop the drain unless
// the caller says otherwise; the others are deleted gracefully and waited for until gone.
import { aborted, cancelled, checkInt, pause } from './call-options.js';
import { BerthError, isBerthError } from './errors.js';
import type { KubeObject, ObjectApi } from './objects/types.js';

/** How long drain() waits for the pods it deleted to be gone. */
export const DEFAULT_DRAIN_TIMEOUT_MS = 5 * 60_000;
/** How often drain() looks whether the pods it deleted are gone. */
export const DRAIN_POLL_INTERVAL_MS = 500;

export interface DrainProgress {
  pod: string;
  namespace: string;
  /**
   * evicting: about to be deleted (reason: a warning, e.g. "deleting Pods that declare no
   * controller"); waiting: already terminating, only waited for; gone: deleted and gone;
   * skipped: left alone (reason says why).
   */
  phase: 'evicting' | 'waiting' | 'gone' | 'skipped';
  reason?: string;
}

export interface DrainOptions {
  /** Seconds each pod gets to stop. @default each pod's terminationGracePeriodSeconds */
  gracePeriodSeconds?: number;
  /** Leave DaemonSet-managed pods alone instead of refusing to drain. @default false */
  ignoreDaemonSets?: boolean;
  /** Delete pods with emptyDir volumes (their data is lost) instead of refusing. @default false */
  deleteEmptyDirData?: boolean;
  /** Delete pods no controller manages (they are not recreated) instead of refusing. @default false */
  force?: boolean;
  /** How long to wait for the pods to be gone. @default DEFAULT_DRAIN_TIMEOUT_MS (5 minutes) */
  timeoutMs?: number;
  /** How often to look whether they are. @default DRAIN_POLL_INTERVAL_MS (500) */
  pollIntervalMs?: number;
  /** Only the pods with these labels. @default every pod on the node */
  podSelector?: string;
  onProgress?: (p: DrainProgress) => void;
  /** Aborting stops waiting; drain() fails with CANCELLED. */
  signal?: AbortSignal;
}

export interface DrainResult {
  node: string;
  /** namespace/name of each pod deleted (or waited for) and gone. */
  evicted: string[];
  /** namespace/name of each pod left alone. */
  skipped: string[];
}

/** The object calls drain needs: the SDK's Client, or anything else that makes them. */
export type DrainApi = Pick<ObjectApi, 'get' | 'list' | 'patch' | 'delete'>;

export function cordonNode(api: DrainApi, name: string, unschedulable: boolean): Promise<KubeObject> {
  return api.patch('Node', name, { spec: { unschedulable } });
}

function refOf(pod: KubeObject): string {
  return `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`;
}

/** The pod's controller: its ownerReference marked controller, else its first. */
function ownerOf(pod: KubeObject): { kind: string } | undefined {
  const refs = pod.metadata.ownerReferences ?? [];
  return refs.find((r) => r.controller === true) ?? refs[0];
}

function finished(pod: KubeObject): boolean {
  const phase = (pod.status ?? {})['phase'];
  return phase === 'Succeeded' || phase === 'Failed';
}

function hasEmptyDir(pod: KubeObject): boolean {
  const volumes = (pod.spec ?? {})['volumes'];
  return Array.isArray(volumes) && volumes.some((v) => v !== null && typeof v === 'object' && 'emptyDir' in v);
}

/** What drain does with the pods of a node, decided before it deletes any (kubectl's filters). */
export interface DrainPlan {
  /** To delete; `warning` when a flag overrode a refusal. */
  readonly evict: { pod: KubeObject; warning?: string }[];
  /** Already terminating: only waited for. */
  readonly wait: KubeObject[];
  readonly skip: { pod: KubeObject; reason: string }[];
  /** Why it refuses: one sentence per kind of problem, listing the pods. */
  readonly refusals: string[];
}

const DAEMONSET_FATAL = 'cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore)';
const DAEMONSET_WARNING = 'ignoring DaemonSet-managed Pods';
const LOCAL_STORAGE_FATAL = 'cannot delete Pods with local storage (use --delete-emptydir-data to override)';
const LOCAL_STORAGE_WARNING = 'deleting Pods with local storage';
const UNMANAGED_FATAL = 'cannot delete Pods that declare no controller (use --force to override)';
const UNMANAGED_WARNING = 'deleting Pods that declare no controller';

type Verdict = { delete: true; warning?: string } | { delete: false; skip: string } | { delete: false; fatal: string };

/** kubectl drain's filters, in its order; the first that does not let the pod go decides. */
function verdict(pod: KubeObject, o: DrainOptions): Verdict {
  const done = finished(pod);
  if (ownerOf(pod)?.kind === 'DaemonSet' && !done) return o.ignoreDaemonSets === true ? { delete: false, skip: DAEMONSET_WARNING } : { delete: false, fatal: DAEMONSET_FATAL };
  let warning: string | undefined;
  if (hasEmptyDir(pod) && !done) {
    if (o.deleteEmptyDirData !== true) return { delete: false, fatal: LOCAL_STORAGE_FATAL };
    warning = LOCAL_STORAGE_WARNING;
  }
  if (ownerOf(pod) === undefined && !done) {
    if (o.force !== true) return { delete: false, fatal: UNMANAGED_FATAL };
    warning = UNMANAGED_WARNING;
  }
  return warning !== undefined ? { delete: true, warning } : { delete: true };
}

/** Sorts the pods of a node into what drain deletes, waits for, skips, and refuses. */
export function planDrain(pods: readonly KubeObject[], o: DrainOptions): DrainPlan {
  const plan: DrainPlan = { evict: [], wait: [], skip: [], refusals: [] };
  const fatal = new Map<string, string[]>();
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp !== undefined) {
      plan.wait.push(pod);
      continue;
    }
    const v = verdict(pod, o);
    if (v.delete) plan.evict.push({ pod, ...(v.warning !== undefined ? { warning: v.warning } : {}) });
    else if ('skip' in v) plan.skip.push({ pod, reason: v.skip });
    else fatal.set(v.fatal, [...(fatal.get(v.fatal) ?? []), refOf(pod)]);
  }
  for (const [why, refs] of fatal) plan.refusals.push(`${why}: ${refs.join(', ')}`);
  return plan;
}

interface CompiledDrain {
  readonly gracePeriodSeconds: number | undefined;
  readonly timeoutMs: number;
  readonly pollIntervalMs: number;
}

function compileDrainOptions(o: DrainOptions): CompiledDrain {
  return {
    gracePeriodSeconds: checkInt('gracePeriodSeconds', o.gracePeriodSeconds, 0),
    timeoutMs: checkInt('timeoutMs', o.timeoutMs, 1) ?? DEFAULT_DRAIN_TIMEOUT_MS,
    pollIntervalMs: checkInt('pollIntervalMs', o.pollIntervalMs, 1) ?? DRAIN_POLL_INTERVAL_MS,
  };
}

/** A pod waited for: gone once it is not found, or a new pod of its name (another uid) took its place. */
interface Pending {
  readonly pod: KubeObject;
}

function transient(err: unknown): boolean {
  return isBerthError(err) && (err.code === 'UNAVAILABLE' || err.code === 'TIMEOUT' || err.code === 'NOT_LEADER');
}

async function isGone(api: DrainApi, pod: KubeObject): Promise<boolean> {
  try {
    const now = await api.get('Pod', pod.metadata.name ?? '', { namespace: pod.metadata.namespace ?? 'default' });
    return pod.metadata.uid !== undefined && now.metadata.uid !== undefined && now.metadata.uid !== pod.metadata.uid;
  } catch (err) {
    if (isBerthError(err, 'NOT_FOUND')) return true;
    if (transient(err)) return false;
    throw err;
  }
}

/** Deletes a pod; true when it is gone already (removed at once, or not there). */
async function evict(api: DrainApi, pod: KubeObject, c: CompiledDrain): Promise<boolean> {
  try {
    const res = await api.delete('Pod', pod.metadata.name ?? '', {
      namespace: pod.metadata.namespace ?? 'default',
      ...(c.gracePeriodSeconds !== undefined ? { gracePeriodSeconds: c.gracePeriodSeconds } : {}),
      ...(pod.metadata.uid !== undefined ? { preconditions: { uid: pod.metadata.uid } } : {}),
    });
    return !res.pending;
  } catch (err) {
    if (isBerthError(err, 'NOT_FOUND')) return true;
    throw err;
  }
}

/** Polls until every pending pod is gone; TIMEOUT naming those left when the time is up. */
async function waitAllGone(api: DrainApi, node: string, pending: Pending[], c: CompiledDrain, o: DrainOptions): Promise<void> {
  const deadline = Date.now() + c.timeoutMs;
  const what = `drain of node ${node}`;
  for (;;) {
    for (const p of [...pending]) {
      if (!(await isGone(api, p.pod))) continue;
      pending.splice(pending.indexOf(p), 1);
      o.onProgress?.({ pod: p.pod.metadata.name ?? '', namespace: p.pod.metadata.namespace ?? '', phase: 'gone' });
    }
    if (pending.length === 0) return;
    if (Date.now() >= deadline) {
      const left = pending.map((p) => refOf(p.pod));
      throw new BerthError('TIMEOUT', `drain node ${node}: timed out after ${c.timeoutMs} ms waiting for ${left.length} pod(s) to be gone: ${left.join(', ')}`, {
        details: { node, pods: left.join(',') },
      });
    }
    await pause(Math.min(c.pollIntervalMs, Math.max(1, deadline - Date.now())), o.signal, what);
  }
}

/**
 * kubectl drain: cordons the node, then lists its pods (every namespace, those of podSelector)
 * and refuses with FAILED_PRECONDITION, deleting nothing, when some are DaemonSet-managed (unless
 * ignoreDaemonSets, which skips them), have emptyDir volumes (unless deleteEmptyDirData) or no
 * controller (unless force); finished pods are always deleted. Then deletes each pod gracefully
 * and waits until all are gone (pods already terminating are only waited for), polling every
 * pollIntervalMs: TIMEOUT after timeoutMs names the pods left.
 */
export async function drainNode(api: DrainApi, name: string, options: DrainOptions = {}): Promise<DrainResult> {
  const c = compileDrainOptions(options);
  const what = `drain of node ${name}`;
  const report = (pod: KubeObject, phase: DrainProgress['phase'], reason?: string): void =>
    options.onProgress?.({ pod: pod.metadata.name ?? '', namespace: pod.metadata.namespace ?? '', phase, ...(reason !== undefined ? { reason } : {}) });
  const node = await api.get('Node', name);
  if ((node.spec ?? {})['unschedulable'] !== true) await cordonNode(api, name, true);
  const listed = await api.list('Pod', { fieldSelector: `spec.nodeName=${name}`, ...(options.podSelector !== undefined ? { labelSelector: options.podSelector } : {}) });
  const plan = planDrain(listed.items, options);
  if (plan.refusals.length > 0) {
    throw new BerthError('FAILED_PRECONDITION', `cannot drain node ${name}: ${plan.refusals.join('; ')}`, { details: { node: name } });
  }
  for (const s of plan.skip) report(s.pod, 'skipped', s.reason);
  const pending: Pending[] = [];
  for (const { pod, warning } of plan.evict) {
    if (aborted(options.signal)) throw cancelled(what);
    report(pod, 'evicting', warning);
    if (await evict(api, pod, c)) report(pod, 'gone');
    else pending.push({ pod });
  }
  for (const pod of plan.wait) {
    report(pod, 'waiting');
    pending.push({ pod });
  }
  await waitAllGone(api, name, pending, c, options);
  return { node: name, evicted: [...plan.evict.map((e) => refOf(e.pod)), ...plan.wait.map(refOf)], skipped: plan.skip.map((s) => refOf(s.pod)) };
}
