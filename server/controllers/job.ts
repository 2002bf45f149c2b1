// The Job controller: runs a Job's pods to completion. Each pass (1) brings the Job's status up to
// date in one compare-and-swap (counts, startTime, and the conditions that finish or suspend it:
// job-status.ts), then (2) removes the tracking finalizer of the pods that write recorded
// (job-tracking.ts), then (3) acts: deletes the running pods of a finished or suspended Job, makes
// or removes pods as the plan says (job-pods.ts), waits out the back-off after failures and the
// active deadline, and deletes a finished Job once ttlSecondsAfterFinished has passed. Finished
// pods stay, as in Kubernetes, until the Job is deleted.
//
// Keys are a Job's "ns/name", or "pod:ns/name" for a pod that still carries the tracking
// finalizer but whose Job is gone: its finalizer is removed so that it can go.
import type { KubeObject, ObjectMeta } from '../../client/index.js';
import { isBerthError, resolveKind } from '../../client/index.js';
import { timestamp } from '../api/index.js';
import { backoffRemainingMs, newJobPod, planPods } from './job-pods.js';
import { finishedAt, isTrue, jobCondition, nextJob, shapeOf } from './job-status.js';
import { abandonedPods, hasTracking, recordedPods, TRACKING_FINALIZER } from './job-tracking.js';
import { controllerKeysOf, controllerOf, inParallel, throwFirstFailure } from './objects.js';
import type { ControllerContext, ControllerSpec, InformerView, Reconciler, ReconcileResult } from './types.js';
import { keyOf, splitKey } from './types.js';

const JOB = resolveKind('Job');
const POD = resolveKind('Pod');
const POD_KEY = 'pod:';

export function jobController(): ControllerSpec {
  return { name: 'job', kinds: [JOB, POD], create: (ctx) => new JobReconciler(ctx) };
}

const notFound = (err: unknown): boolean => isBerthError(err, 'NOT_FOUND');

function withoutTracking(pod: KubeObject): KubeObject {
  const finalizers = (pod.metadata.finalizers ?? []).filter((f) => f !== TRACKING_FINALIZER);
  const metadata: ObjectMeta = { ...pod.metadata, finalizers };
  if (finalizers.length === 0) delete metadata.finalizers;
  return { ...pod, metadata };
}

class JobReconciler implements Reconciler {
  private readonly jobs: InformerView;
  private readonly pods: InformerView;

  constructor(private readonly ctx: ControllerContext) {
    this.jobs = ctx.informers.of(JOB);
    this.pods = ctx.informers.of(POD);
    for (const j of this.jobs.list()) ctx.queue.add(keyOf(j));
    for (const p of this.pods.list()) if (this.lostItsJob(p)) ctx.queue.add(POD_KEY + keyOf(p));
    this.jobs.on((e) => {
      ctx.queue.add(keyOf(e.object));
      if (e.type !== 'DELETED') return;
      for (const p of this.pods.byIndex('controller', String(e.object.metadata.uid))) if (hasTracking(p)) ctx.queue.add(POD_KEY + keyOf(p));
    });
    this.pods.on((e) => {
      for (const k of controllerKeysOf(e, 'Job')) ctx.queue.add(k);
      if (e.type !== 'DELETED' && this.lostItsJob(e.object)) ctx.queue.add(POD_KEY + keyOf(e.object));
    });
  }

  /** A tracked pod whose Job the informer does not show (to be confirmed before acting). */
  private lostItsJob(pod: KubeObject): boolean {
    if (!hasTracking(pod)) return false;
    const ref = controllerOf(pod);
    return ref?.kind !== 'Job' || this.jobs.get(pod.metadata.namespace, ref.name)?.metadata.uid !== ref.uid;
  }

  async reconcile(key: string): Promise<ReconcileResult> {
    if (key.startsWith(POD_KEY)) return this.releaseOrphan(key.slice(POD_KEY.length));
    const { namespace, name } = splitKey(key);
    const job = this.jobs.get(namespace, name);
    if (job === undefined) return undefined;
    const pods = this.pods.byIndex('controller', String(job.metadata.uid));
    // A Job being deleted counts nothing more: its pods are let go, and the collector removes them.
    if (job.metadata.deletionTimestamp !== undefined) return this.strip(pods.filter(hasTracking));
    const now = this.ctx.now();
    const at = timestamp(now);
    const written = (await this.ctx.reg.modifyFrom(JOB, job, (cur) => nextJob(cur, pods, now, at).job)).object;
    this.announce(job, written);
    const shape = shapeOf(written);
    const { tally, active } = nextJob(written, pods, now, at);
    await this.strip(recordedPods(written, pods, shape.indexed));
    await this.deletePods(written, abandonedPods(pods), false);
    // A failing Job's running pods are deleted with their finalizer: they count as failed. Once
    // they are counted, the next pass turns FailureTarget into Failed (SuccessCriteriaMet into
    // Complete for a Job that succeeded, whose leftover pods are let go first).
    if (isTrue(written, 'FailureTarget') || isTrue(written, 'Failed')) return this.afterFinish(written, active, false, now);
    if (isTrue(written, 'SuccessCriteriaMet') || isTrue(written, 'Complete')) return this.afterFinish(written, active, true, now);
    if (shape.suspend) return this.deletePods(written, active, true);
    const plan = planPods(shape, tally, active);
    await this.deletePods(written, plan.remove, true);
    let after = Infinity;
    if (plan.create.length > 0) {
      const wait = backoffRemainingMs(pods, now.getTime());
      if (wait > 0) after = wait;
      else await this.createPods(written, plan.create.slice(0, this.ctx.options.maxWritesPerReconcile));
    }
    const start = Date.parse(String((written.status as Record<string, unknown> | undefined)?.startTime ?? ''));
    if (shape.activeDeadlineSeconds !== undefined && Number.isFinite(start)) after = Math.min(after, start + shape.activeDeadlineSeconds * 1000 - now.getTime());
    return after === Infinity ? undefined : { requeueAfterMs: Math.max(1, after) };
  }

  /** Events for the conditions this pass turned on. */
  private announce(before: KubeObject, after: KubeObject): void {
    const turned = (type: string, status = 'True'): boolean => jobCondition(after, type)?.status === status && jobCondition(before, type)?.status !== status;
    if (turned('Complete')) this.ctx.events.record(after, 'Normal', 'Completed', 'Job completed');
    if (turned('Failed')) {
      const c = jobCondition(after, 'Failed');
      this.ctx.events.record(after, 'Warning', c?.reason ?? 'Failed', c?.message ?? 'Job failed');
    }
    if (turned('Suspended')) this.ctx.events.record(after, 'Normal', 'Suspended', 'Job suspended');
    if (turned('Suspended', 'False')) this.ctx.events.record(after, 'Normal', 'Resumed', 'Job resumed');
  }

  /** A finished Job: no pod runs any more; the Job itself goes ttlSecondsAfterFinished later. */
  private async afterFinish(job: KubeObject, active: readonly KubeObject[], release: boolean, now: Date): Promise<ReconcileResult> {
    await this.deletePods(job, active, release);
    const ttl = shapeOf(job).ttlSecondsAfterFinished;
    const done = finishedAt(job);
    if (ttl === undefined || done === undefined || !Number.isFinite(done)) return undefined;
    const wait = done + ttl * 1000 - now.getTime();
    if (wait > 0) return { requeueAfterMs: wait };
    try {
      // Background: the Job goes at once and the collector deletes its pods after it.
      await this.ctx.reg.delete(JOB, job.metadata.namespace, String(job.metadata.name), { uid: job.metadata.uid }, false, undefined, 'Background');
      this.ctx.logger.info({ job: keyOf(job), ttlSecondsAfterFinished: ttl }, 'deleted a finished Job whose time to live ran out');
    } catch (err) {
      if (!notFound(err)) throw err;
    }
    return undefined;
  }

  private async createPods(job: KubeObject, indexes: readonly (number | undefined)[]): Promise<void> {
    const results = await inParallel(indexes, this.ctx.options.maxWritesPerReconcile, async (index) => {
      try {
        const pod = await this.ctx.reg.create(newJobPod(job, index));
        this.ctx.events.record(job, 'Normal', 'SuccessfulCreate', `Created pod: ${String(pod.metadata.name)}`);
      } catch (err) {
        this.ctx.events.record(job, 'Warning', 'FailedCreate', `Error creating: ${err instanceof Error ? err.message : String(err)}`);
        throw err;
      }
    });
    throwFirstFailure(results);
  }

  /**
   * Deletes running pods; with `release`, their finalizer goes first, so that they do not count as
   * failed (a crash in between leaves a running pod without it: abandonedPods() finds it).
   */
  private async deletePods(job: KubeObject, pods: readonly KubeObject[], release: boolean): Promise<void> {
    const results = await inParallel(pods, this.ctx.options.maxWritesPerReconcile, async (pod) => {
      const name = String(pod.metadata.name);
      if (release && hasTracking(pod)) await this.ctx.reg.modifyFrom(POD, pod, withoutTracking);
      await this.ctx.reg.delete(POD, pod.metadata.namespace, name, { uid: pod.metadata.uid });
      this.ctx.events.record(job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${name}`);
    });
    throwFirstFailure(results, notFound);
  }

  /** Removes the tracking finalizer from `pods`. */
  private async strip(pods: readonly KubeObject[]): Promise<void> {
    const results = await inParallel(pods, this.ctx.options.maxWritesPerReconcile, (p) => this.ctx.reg.modifyFrom(POD, p, withoutTracking));
    throwFirstFailure(results, notFound);
  }

  /** A tracked pod whose Job is gone (confirmed by a read, not just the informer): lets it go. */
  private async releaseOrphan(podKey: string): Promise<ReconcileResult> {
    const { namespace, name } = splitKey(podKey);
    const pod = this.pods.get(namespace, name);
    if (pod === undefined || !this.lostItsJob(pod)) return undefined;
    const ref = controllerOf(pod);
    if (ref?.kind === 'Job') {
      try {
        if ((await this.ctx.reg.get(JOB, namespace, ref.name)).metadata.uid === ref.uid) return undefined;
      } catch (err) {
        if (!notFound(err)) throw err;
      }
    }
    await this.strip([pod]);
    return undefined;
  }
}
