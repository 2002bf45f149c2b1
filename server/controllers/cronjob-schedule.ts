// When a CronJob's Jobs are due, from its schedule, its time zone and its last scheduled time, and
// what a scheduled run's Job is called. Pure (the clock is an argument), so that the next-time
// computation can be tested with any `now`.
import type { KubeObject } from '../../client/index.js';
import type { CronParse } from '../api/objects/index.js';
import { CRON_SEARCH_YEARS, nextAfter } from '../api/objects/index.js';

type Schedule = Extract<CronParse, { ok: true }>['schedule'];

/** More missed start times than this are not walked one by one (Kubernetes' limit too). */
export const MAX_MISSED_SCHEDULES = 100;
export const SCHEDULED_TIMESTAMP_ANNOTATION = 'batch.kubernetes.io/cronjob-scheduled-timestamp';

const MINUTE_MS = 60_000;
const SEARCH_LIMIT_MS = (CRON_SEARCH_YEARS + 1) * 366 * 86_400_000;

export function isInterval(s: Schedule): s is Extract<Schedule, { everyMs: number }> {
  return 'everyMs' in s;
}

/** The zone of a CronJob without spec.timeZone: this process's, as Kubernetes uses its controller's. */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** The latest time at or before `now` at which the schedule fires (within CRON_SEARCH_YEARS). */
export function lastAtOrBefore(s: Schedule, now: Date, timeZone: string): Date | undefined {
  const nowMs = now.getTime();
  if (isInterval(s)) return new Date(Math.floor(nowMs / s.everyMs) * s.everyMs);
  // Widen a window back from now until it holds a firing, then walk to the last one in it: the
  // window doubles, so its older half holds every firing there is to walk.
  for (let w = MINUTE_MS; w <= SEARCH_LIMIT_MS; w *= 2) {
    let t = nextAfter(s, new Date(nowMs - w), timeZone);
    if (t === undefined) return undefined;
    if (t.getTime() > nowMs) continue;
    for (;;) {
      const n = nextAfter(s, t, timeZone);
      if (n === undefined || n.getTime() > nowMs) return t;
      t = n;
    }
  }
  return undefined;
}

export interface Due {
  /** The most recent start time after `earliest` and at or before now: the one to run. */
  readonly scheduled: Date | undefined;
  /** How many start times were missed since `earliest` (counted up to MAX_MISSED_SCHEDULES + 1). */
  readonly missed: number;
  /** The first start time after now. */
  readonly next: Date | undefined;
}

/** The start times of a schedule between `earliest` (exclusive) and `now` (inclusive). */
export function dueTimes(s: Schedule, timeZone: string, earliest: Date, now: Date): Due {
  let missed = 0;
  let scheduled: Date | undefined;
  for (let t = nextAfter(s, earliest, timeZone); t !== undefined && t.getTime() <= now.getTime(); t = nextAfter(s, t, timeZone)) {
    missed++;
    scheduled = t;
    if (missed > MAX_MISSED_SCHEDULES) {
      scheduled = lastAtOrBefore(s, now, timeZone) ?? t;
      break;
    }
  }
  return { scheduled, missed, next: nextAfter(s, now, timeZone) };
}

/**
 * The name of the Job of the run scheduled at `t`: `<cronjob>-<minutes since the epoch>` as in
 * Kubernetes, or seconds for an `@every` schedule, whose runs can be seconds apart. Deterministic,
 * so that a new leader re-creating a run finds it already exists instead of running it twice.
 */
export function jobNameFor(cronJob: KubeObject, s: Schedule, t: Date): string {
  const n = isInterval(s) ? Math.floor(t.getTime() / 1000) : Math.floor(t.getTime() / MINUTE_MS);
  return `${String(cronJob.metadata.name)}-${n}`;
}
