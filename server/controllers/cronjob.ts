// The CronJob controller: makes a Job from spec.jobTemplate at each scheduled time, as Kubernetes'
// does. Each pass looks at the CronJob's Jobs (which run, which finished), trims the finished ones
// beyond the history limits, and, unless suspended, finds the most recent start time missed since
// status.lastScheduleTime (cronjob-schedule.ts): skipped when later than startingDeadlineSeconds
// allows, or (Forbid) while a Job still runs; with Replace the running Jobs are deleted first. The
// Job's name is derived from its scheduled time, so that a run can never be made twice, even by a
// new leader after a crash between making the Job and writing the status. The key comes back at
// the next start time: never a busy loop.
import type { KubeObject } from '../../client/index.js';
import { isBerthError, resolveKind } from '../../client/index.js';
import { cloneJson, parseCron } from '../api/objects/index.js';
import { timestamp } from '../api/index.js';
import { dueTimes, jobNameFor, localTimeZone, MAX_MISSED_SCHEDULES, SCHEDULED_TIMESTAMP_ANNOTATION } from './cronjob-schedule.js';
import { finishedAt, isTrue } from './job-status.js';
import { controllerKeysOf, controllerOf, controllerRef, inParallel, stableJson, throwFirstFailure } from './objects.js';
import type { ControllerContext, ControllerSpec, InformerView, Reconciler, ReconcileResult } from './types.js';
import { keyOf, splitKey } from './types.js';

const CRONJOB = resolveKind('CronJob');
const JOB = resolveKind('Job');

type Rec = Record<string, unknown>;

interface JobRef {
  apiVersion: string;
  kind: string;
  name: string;
  namespace: string;
  uid: string;
}

export function cronJobController(): ControllerSpec {
  return { name: 'cronjob', kinds: [CRONJOB, JOB], create: (ctx) => new CronJobReconciler(ctx) };
}

const notFound = (err: unknown): boolean => isBerthError(err, 'NOT_FOUND');

function refTo(job: KubeObject): JobRef {
  return { apiVersion: job.apiVersion, kind: 'Job', name: String(job.metadata.name), namespace: String(job.metadata.namespace ?? 'default'), uid: String(job.metadata.uid) };
}

function isFinished(job: KubeObject): boolean {
  return isTrue(job, 'Complete') || isTrue(job, 'Failed');
}

const startOf = (j: KubeObject): number => Date.parse(String((j.status as Rec | undefined)?.startTime ?? j.metadata.creationTimestamp ?? '')) || 0;

/** The Job of the run scheduled at `scheduled`. */
function jobFor(cj: KubeObject, name: string, scheduled: Date): KubeObject {
  const tpl = cloneJson((cj.spec as Rec | undefined)?.jobTemplate ?? {}) as Rec;
  const meta = (tpl.metadata ?? {}) as { labels?: Record<string, string>; annotations?: Record<string, string> };
  return {
    apiVersion: JOB.apiVersion,
    kind: 'Job',
    metadata: {
      name,
      namespace: cj.metadata.namespace,
      ...(meta.labels !== undefined ? { labels: meta.labels } : {}),
      annotations: { ...(meta.annotations ?? {}), [SCHEDULED_TIMESTAMP_ANNOTATION]: timestamp(scheduled) },
      ownerReferences: [controllerRef(cj)],
    },
    spec: (tpl.spec ?? {}) as Rec,
  };
}

/** What one pass found and decided, written to status at its end. */
interface Pass {
  active: JobRef[];
  lastScheduleTime: string | undefined;
  lastSuccessfulTime: string | undefined;
}

class CronJobReconciler implements Reconciler {
  private readonly cronJobs: InformerView;
  private readonly jobs: InformerView;

  constructor(private readonly ctx: ControllerContext) {
    this.cronJobs = ctx.informers.of(CRONJOB);
    this.jobs = ctx.informers.of(JOB);
    for (const c of this.cronJobs.list()) ctx.queue.add(keyOf(c));
    this.cronJobs.on((e) => ctx.queue.add(keyOf(e.object)));
    this.jobs.on((e) => controllerKeysOf(e, 'CronJob').forEach((k) => ctx.queue.add(k)));
  }

  async reconcile(key: string): Promise<ReconcileResult> {
    const { namespace, name } = splitKey(key);
    const cj = this.cronJobs.get(namespace, name);
    if (cj === undefined || cj.metadata.deletionTimestamp !== undefined) return undefined;
    const spec = (cj.spec ?? {}) as Rec;
    const status = (cj.status ?? {}) as Rec;
    const children = this.jobs.byIndex('controller', String(cj.metadata.uid)).filter((j) => j.metadata.deletionTimestamp === undefined);
    const pass: Pass = {
      active: children.filter((j) => !isFinished(j)).map(refTo),
      lastScheduleTime: status.lastScheduleTime as string | undefined,
      lastSuccessfulTime: this.lastSuccess(cj, children),
    };
    this.sawCompleted(cj, children);
    await this.trimHistory(cj, children.filter(isFinished));
    const out = spec.suspend === true ? undefined : await this.schedule(cj, pass);
    await this.writeStatus(cj, pass);
    return out;
  }

  /** The latest completion of a successful Job, or the one recorded before. */
  private lastSuccess(cj: KubeObject, children: readonly KubeObject[]): string | undefined {
    let best = (cj.status as Rec | undefined)?.lastSuccessfulTime as string | undefined;
    for (const j of children) {
      if (!isTrue(j, 'Complete')) continue;
      const at = finishedAt(j);
      if (at !== undefined && Number.isFinite(at) && (best === undefined || at > Date.parse(best))) best = timestamp(new Date(at));
    }
    return best;
  }

  /** An Event for each Job the status listed as running that has finished since. */
  private sawCompleted(cj: KubeObject, children: readonly KubeObject[]): void {
    const listed = new Set((((cj.status as Rec | undefined)?.active as JobRef[] | undefined) ?? []).map((r) => r.uid));
    for (const j of children) {
      if (!listed.has(String(j.metadata.uid)) || !isFinished(j)) continue;
      const cond = isTrue(j, 'Complete') ? 'Complete' : 'Failed';
      this.ctx.events.record(cj, 'Normal', 'SawCompletedJob', `Saw completed job: ${String(j.metadata.name)}, condition: ${cond}`);
    }
  }

  /** Deletes the oldest finished Jobs beyond successfulJobsHistoryLimit / failedJobsHistoryLimit. */
  private async trimHistory(cj: KubeObject, finished: readonly KubeObject[]): Promise<void> {
    const spec = (cj.spec ?? {}) as Rec;
    const excess = (jobs: KubeObject[], limit: unknown): KubeObject[] => {
      const keep = typeof limit === 'number' ? limit : Infinity;
      return jobs.length <= keep ? [] : jobs.sort((a, b) => startOf(a) - startOf(b)).slice(0, jobs.length - keep);
    };
    const doomed = [
      ...excess(finished.filter((j) => isTrue(j, 'Complete')), spec.successfulJobsHistoryLimit ?? 3),
      ...excess(finished.filter((j) => isTrue(j, 'Failed')), spec.failedJobsHistoryLimit ?? 1),
    ];
    await this.deleteJobs(cj, doomed);
  }

  /** Background deletion: the Job goes at once and the collector removes its pods. */
  private async deleteJobs(cj: KubeObject, jobs: readonly KubeObject[] | readonly JobRef[]): Promise<void> {
    const results = await inParallel(jobs as readonly (KubeObject | JobRef)[], this.ctx.options.maxWritesPerReconcile, async (j) => {
      const name = 'metadata' in j ? String(j.metadata.name) : j.name;
      const uid = 'metadata' in j ? j.metadata.uid : j.uid;
      await this.ctx.reg.delete(JOB, cj.metadata.namespace, name, { uid }, false, undefined, 'Background');
      this.ctx.events.record(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${name}`);
    });
    throwFirstFailure(results, notFound);
  }

  /** Starts the run that is due, if one is and may start; when to look again. */
  private async schedule(cj: KubeObject, pass: Pass): Promise<ReconcileResult> {
    const spec = (cj.spec ?? {}) as Rec;
    const parsed = parseCron(String(spec.schedule ?? ''));
    if (!parsed.ok) {
      this.ctx.events.record(cj, 'Warning', 'UnparseableSchedule', `unparseable schedule ${JSON.stringify(spec.schedule)}: ${parsed.problem}`);
      return undefined;
    }
    const now = this.ctx.now();
    const tz = typeof spec.timeZone === 'string' ? spec.timeZone : localTimeZone();
    const earliest = new Date(Date.parse(pass.lastScheduleTime ?? cj.metadata.creationTimestamp ?? '') || now.getTime());
    const due = dueTimes(parsed.schedule, tz, earliest, now);
    const again: ReconcileResult = due.next === undefined ? undefined : { requeueAfterMs: Math.max(1, due.next.getTime() - now.getTime()) };
    if (due.scheduled === undefined) return again;
    if (due.missed > MAX_MISSED_SCHEDULES) {
      this.ctx.events.record(cj, 'Warning', 'TooManyMissedTimes', `too many missed start times (more than ${MAX_MISSED_SCHEDULES}): set or decrease .spec.startingDeadlineSeconds or check clock skew`);
    }
    const deadline = typeof spec.startingDeadlineSeconds === 'number' ? spec.startingDeadlineSeconds : undefined;
    if (deadline !== undefined && due.scheduled.getTime() + deadline * 1000 < now.getTime()) {
      this.ctx.events.record(cj, 'Warning', 'MissedSchedule', `Missed scheduled time to start a job: ${timestamp(due.scheduled)}: too late (startingDeadlineSeconds ${deadline})`);
      return again;
    }
    if (spec.concurrencyPolicy === 'Forbid' && pass.active.length > 0) {
      this.ctx.events.record(cj, 'Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid');
      return again;
    }
    if (spec.concurrencyPolicy === 'Replace' && pass.active.length > 0) {
      await this.deleteJobs(cj, pass.active);
      pass.active = [];
    }
    await this.start(cj, parsed.schedule, due.scheduled, pass);
    return again;
  }

  private async start(cj: KubeObject, s: Parameters<typeof jobNameFor>[1], scheduled: Date, pass: Pass): Promise<void> {
    const name = jobNameFor(cj, s, scheduled);
    let job: KubeObject;
    try {
      job = await this.ctx.reg.create(jobFor(cj, name, scheduled));
      this.ctx.events.record(cj, 'Normal', 'SuccessfulCreate', `Created job ${name}`);
    } catch (err) {
      if (!isBerthError(err, 'ALREADY_EXISTS')) {
        this.ctx.events.record(cj, 'Warning', 'FailedCreate', `Error creating job: ${err instanceof Error ? err.message : String(err)}`);
        throw err;
      }
      // Made before (by this controller on an earlier leader): this run is done. A Job of that name
      // that is not ours cannot be replaced; the run is skipped rather than retried for ever.
      job = await this.ctx.reg.get(JOB, cj.metadata.namespace, name);
      if (controllerOf(job)?.uid !== cj.metadata.uid) {
        this.ctx.events.record(cj, 'Warning', 'FailedCreate', `Error creating job: a Job named ${name} exists and is not this CronJob's`);
      }
    }
    if (controllerOf(job)?.uid === cj.metadata.uid && !isFinished(job) && !pass.active.some((r) => r.uid === job.metadata.uid)) pass.active.push(refTo(job));
    pass.lastScheduleTime = timestamp(scheduled);
  }

  private async writeStatus(cj: KubeObject, pass: Pass): Promise<void> {
    const later = (a: unknown, b: string | undefined): string | undefined => (typeof a === 'string' && (b === undefined || Date.parse(a) > Date.parse(b)) ? a : b);
    const byName = (a: JobRef, b: JobRef): number => a.name.localeCompare(b.name);
    await this.ctx.reg.modifyFrom(CRONJOB, cj, (cur) => {
      const prev = (cur.status ?? {}) as Rec;
      const status: Rec = { ...prev, active: [...pass.active].sort(byName) };
      const lastSchedule = later(prev.lastScheduleTime, pass.lastScheduleTime);
      const lastSuccess = later(prev.lastSuccessfulTime, pass.lastSuccessfulTime);
      if (lastSchedule !== undefined) status.lastScheduleTime = lastSchedule;
      if (lastSuccess !== undefined) status.lastSuccessfulTime = lastSuccess;
      if (pass.active.length === 0) delete status.active;
      return stableJson(status) === stableJson(prev) ? cur : { ...cur, status };
    });
  }
}
