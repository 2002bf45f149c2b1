// Proves the CronJob controller over a real store, and its schedules: `@every 1s` makes one Job per
// second with unique deterministic names; Forbid skips while a Job runs, Replace replaces it;
// finished Jobs beyond the history limits are deleted; a suspended CronJob makes none; with a
// clock the test moves, a run later than startingDeadlineSeconds is skipped, more than 100 missed
// runs start only the latest, and a standard schedule fires in its time zone. Also the `@every`
// syntax and its errors, and the due-time computation with a fake `now`.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../client/index.js';
import { resolveKind } from '../../client/index.js';
import { listObjects } from '../../server/api/index.js';
import { cronProblem, nextAfter, parseCron } from '../../server/api/objects/index.js';
import { cronJobController } from '../../server/controllers/cronjob.js';
import { dueTimes, jobNameFor, lastAtOrBefore, SCHEDULED_TIMESTAMP_ANNOTATION } from '../../server/controllers/cronjob-schedule.js';
import { controllerRef } from '../../server/controllers/index.js';
import type { ControllerHarness } from '../support/controllers.js';
import { controllerHarness } from '../support/controllers.js';
import { levelFixtures } from '../support/level-fixtures.js';
import { waitFor } from '../support/procs.js';

const fx = levelFixtures('berth-cronjob-');
const CRONJOB = resolveKind('CronJob');
const JOB = resolveKind('Job');
const EVENT = resolveKind('Event');

type Rec = Record<string, unknown>;

const jobSpec = { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'x' }] } } };

function cronJob(name: string, schedule: string, spec: Rec = {}): KubeObject {
  return { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name, namespace: 'default' }, spec: { schedule, jobTemplate: { metadata: { labels: { team: 'a' } }, spec: jobSpec }, ...spec } };
}

const list = async (h: ControllerHarness, kind: typeof JOB): Promise<KubeObject[]> =>
  (await listObjects(h.reg, kind, { namespace: 'default', labelSelector: '', fieldSelector: '', limit: 0, continueToken: '', stale: false })).items;
const jobsOf = async (h: ControllerHarness, cj: string): Promise<KubeObject[]> => (await list(h, JOB)).filter((j) => j.metadata.ownerReferences?.[0]?.name === cj);
const events = async (h: ControllerHarness): Promise<KubeObject[]> => list(h, EVENT);
const hasEvent = async (h: ControllerHarness, reason: string): Promise<boolean> => (await events(h)).some((e) => e.reason === reason);
const cjStatus = async (h: ControllerHarness, name: string): Promise<Rec> => ((await h.reg.get(CRONJOB, 'default', name)).status ?? {}) as Rec;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** What the Job controller would write when a Job ends. */
async function finishJob(h: ControllerHarness, name: string, type: 'Complete' | 'Failed', at = new Date()): Promise<void> {
  const t = at.toISOString().slice(0, 19) + 'Z';
  await h.reg.modify(JOB, 'default', name, {}, (cur) => ({
    ...cur,
    status: { startTime: t, ...(type === 'Complete' ? { completionTime: t } : {}), conditions: [{ type, status: 'True', lastTransitionTime: t }] },
  }));
}

describe('@every schedules', () => {
  it('parses seconds, minutes and hours and fires at multiples of the interval', () => {
    expect(parseCron('@every 5s')).toEqual({ ok: true, schedule: { everyMs: 5000 } });
    expect(parseCron('@every 2m')).toEqual({ ok: true, schedule: { everyMs: 120_000 } });
    expect(parseCron(' @every 1h ')).toEqual({ ok: true, schedule: { everyMs: 3_600_000 } });
    expect(nextAfter('@every 5s', new Date('2026-01-01T00:00:07.500Z'))?.toISOString()).toBe('2026-01-01T00:00:10.000Z');
    expect(nextAfter('@every 5s', new Date('2026-01-01T00:00:10.000Z'))?.toISOString()).toBe('2026-01-01T00:00:15.000Z');
    // The zone does not move an interval.
    expect(nextAfter('@every 1h', new Date('2026-01-01T00:30:00Z'), 'Asia/Kolkata')?.toISOString()).toBe('2026-01-01T01:00:00.000Z');
    expect(cronProblem('@every 1s')).toBeUndefined();
  });

  it.each([
    ['@every 0s', '@every: the interval must be at least 1s (got 0s)'],
    ['@every', '@every: "" is not a whole number of seconds (s), minutes (m) or hours (h), such as 30s, 5m or 1h'],
    ['@every 5d', '@every: "5d" is not a whole number of seconds (s), minutes (m) or hours (h), such as 30s, 5m or 1h'],
    ['@every 1.5s', '@every: "1.5s" is not a whole number of seconds (s), minutes (m) or hours (h), such as 30s, 5m or 1h'],
    ['@every 9000h', '@every: the interval must be at most 8784h (got 9000h)'],
    ['@everyday', 'unknown shorthand "@everyday": use one of @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly, or @every <N>s|m|h'],
  ])('refuses %s', (s, problem) => {
    expect(parseCron(s)).toEqual({ ok: false, problem });
    expect(cronProblem(s)).toBe(`must be a valid cron schedule: ${problem}`);
  });
});

describe('due times', () => {
  const sched = (s: string) => {
    const p = parseCron(s);
    if (!p.ok) throw new Error(p.problem);
    return p.schedule;
  };

  it('finds the most recent missed time, in the time zone', () => {
    // 09:00 in Berlin is 08:00 UTC in winter.
    const s = sched('0 9 * * *');
    const due = dueTimes(s, 'Europe/Berlin', new Date('2026-01-10T07:00:00Z'), new Date('2026-01-12T08:30:00Z'));
    expect(due.scheduled?.toISOString()).toBe('2026-01-12T08:00:00.000Z');
    expect(due.missed).toBe(3);
    expect(due.next?.toISOString()).toBe('2026-01-13T08:00:00.000Z');
    expect(dueTimes(s, 'UTC', new Date('2026-01-12T08:30:00Z'), new Date('2026-01-12T08:45:00Z')).scheduled).toBeUndefined();
    expect(dueTimes(s, 'UTC', new Date('2026-01-12T08:30:00Z'), new Date('2026-01-12T08:45:00Z')).next?.toISOString()).toBe('2026-01-12T09:00:00.000Z');
  });

  it('stops counting after 100 missed times and still finds the latest', () => {
    const s = sched('*/5 * * * *');
    const due = dueTimes(s, 'UTC', new Date('2026-01-01T00:00:00Z'), new Date('2026-01-03T10:07:00Z'));
    expect(due.missed).toBe(101);
    expect(due.scheduled?.toISOString()).toBe('2026-01-03T10:05:00.000Z');
    expect(lastAtOrBefore(sched('0 3 1 * *'), new Date('2026-05-20T00:00:00Z'), 'UTC')?.toISOString()).toBe('2026-05-01T03:00:00.000Z');
    expect(lastAtOrBefore(sched('@every 7s'), new Date('2026-01-01T00:00:20Z'), 'UTC')?.getTime()).toBe(Math.floor(Date.parse('2026-01-01T00:00:20Z') / 7000) * 7000);
  });

  it('names Jobs by minute, or by second for @every', () => {
    const cj = cronJob('nightly', '0 0 * * *');
    const t = new Date('2026-01-01T00:00:00Z');
    expect(jobNameFor(cj, sched('0 0 * * *'), t)).toBe(`nightly-${t.getTime() / 60_000}`);
    expect(jobNameFor(cj, sched('@every 1s'), t)).toBe(`nightly-${t.getTime() / 1000}`);
  });
});

describe('cronjob controller', () => {
  it('@every 1s makes a Job each second, uniquely named, listed as active', async () => {
    const h = await controllerHarness(fx, [cronJobController()]);
    try {
      await h.reg.create(cronJob('tick', '@every 1s'));
      await waitFor(async () => (await jobsOf(h, 'tick')).length >= 3, { what: 'three Jobs', timeoutMs: 6000 });
      await h.settled();
      const jobs = await jobsOf(h, 'tick');
      const names = jobs.map((j) => String(j.metadata.name));
      expect(new Set(names).size).toBe(names.length);
      for (const j of jobs) {
        const at = j.metadata.annotations?.[SCHEDULED_TIMESTAMP_ANNOTATION];
        expect(j.metadata.name).toBe(`tick-${Date.parse(String(at)) / 1000}`);
        expect(j.metadata.labels?.team).toBe('a');
      }
      const s = await cjStatus(h, 'tick');
      expect((s.active as Rec[]).length).toBeGreaterThanOrEqual(3);
      expect(s.lastScheduleTime).toBeDefined();
      expect(await hasEvent(h, 'SuccessfulCreate')).toBe(true);
    } finally {
      await h.close();
    }
  });

  it('Forbid skips while a Job runs, and starts again once it finished', async () => {
    const h = await controllerHarness(fx, [cronJobController()]);
    try {
      await h.reg.create(cronJob('one', '@every 1s', { concurrencyPolicy: 'Forbid' }));
      await waitFor(async () => (await jobsOf(h, 'one')).length === 1, { what: 'the first Job', timeoutMs: 4000 });
      await sleep(2200);
      expect(await jobsOf(h, 'one')).toHaveLength(1);
      await waitFor(() => hasEvent(h, 'JobAlreadyActive'), { what: 'JobAlreadyActive', timeoutMs: 3000 });
      const [first] = await jobsOf(h, 'one');
      await finishJob(h, String(first!.metadata.name), 'Complete');
      await waitFor(async () => (await jobsOf(h, 'one')).length === 2, { what: 'the next Job', timeoutMs: 4000 });
      await waitFor(() => hasEvent(h, 'SawCompletedJob'), { what: 'SawCompletedJob', timeoutMs: 3000 });
      expect((await cjStatus(h, 'one')).lastSuccessfulTime).toBeDefined();
    } finally {
      await h.close();
    }
  });

  it('Replace deletes the running Job and starts the new one', async () => {
    const h = await controllerHarness(fx, [cronJobController()]);
    try {
      await h.reg.create(cronJob('swap', '@every 1s', { concurrencyPolicy: 'Replace' }));
      await waitFor(async () => (await jobsOf(h, 'swap')).length === 1, { what: 'the first Job', timeoutMs: 4000 });
      const [first] = await jobsOf(h, 'swap');
      await waitFor(async () => {
        const jobs = await jobsOf(h, 'swap');
        return jobs.length === 1 && jobs[0]!.metadata.name !== first!.metadata.name;
      }, { what: 'the Job replaced', timeoutMs: 4000 });
      await h.settled();
      const s = await cjStatus(h, 'swap');
      expect(s.active as Rec[]).toHaveLength(1);
      expect(await hasEvent(h, 'SuccessfulDelete')).toBe(true);
    } finally {
      await h.close();
    }
  });

  it('keeps only the newest finished Jobs within the history limits, and a suspended CronJob starts none', async () => {
    const h = await controllerHarness(fx, [cronJobController()]);
    try {
      const cj = await h.reg.create(cronJob('hist', '@every 1s', { suspend: true, successfulJobsHistoryLimit: 2, failedJobsHistoryLimit: 1 }));
      const base = Date.now() - 60_000;
      for (let i = 0; i < 5; i++) {
        const name = `hist-old-${i}`;
        await h.reg.create({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name, namespace: 'default', ownerReferences: [controllerRef(cj)] }, spec: jobSpec });
        await finishJob(h, name, i < 3 ? 'Complete' : 'Failed', new Date(base + i * 1000));
      }
      await h.settled();
      await sleep(1500);
      await h.settled();
      const names = (await jobsOf(h, 'hist')).map((j) => j.metadata.name).sort();
      expect(names).toEqual(['hist-old-1', 'hist-old-2', 'hist-old-4']);
      expect((await cjStatus(h, 'hist')).lastScheduleTime).toBeUndefined();
    } finally {
      await h.close();
    }
  });

  it('skips a run later than startingDeadlineSeconds, runs only the latest of many missed, and follows spec.timeZone', async () => {
    const T0 = Date.parse('2026-07-01T12:00:00Z');
    const h = await controllerHarness(fx, [cronJobController()], { realClock: false, startMs: T0, resyncIntervalMs: 20 });
    try {
      await h.reg.create(cronJob('late', '*/5 * * * *', { timeZone: 'UTC', startingDeadlineSeconds: 10 }));
      await h.reg.create(cronJob('behind', '*/5 * * * *', { timeZone: 'UTC' }));
      // 09:00 in New York is 13:00 UTC in July.
      await h.reg.create(cronJob('ny', '0 9 * * *', { timeZone: 'America/New_York' }));
      await h.settled();
      h.clock.now = T0 + 5 * 60_000 + 30_000;
      await waitFor(() => hasEvent(h, 'MissedSchedule'), { what: 'MissedSchedule', timeoutMs: 3000 });
      expect(await jobsOf(h, 'late')).toHaveLength(0);

      h.clock.now = T0 + 10 * 60_000 + 5_000;
      await waitFor(async () => (await jobsOf(h, 'late')).length === 1, { what: 'the run in time', timeoutMs: 3000 });
      expect((await jobsOf(h, 'late'))[0]!.metadata.name).toBe(`late-${(T0 + 10 * 60_000) / 60_000}`);

      // A day later: 288 runs of "behind" were missed; one Job, for the latest.
      h.clock.now = T0 + 86_400_000 + 60_000;
      await waitFor(() => hasEvent(h, 'TooManyMissedTimes'), { what: 'TooManyMissedTimes', timeoutMs: 3000 });
      await h.settled();
      const behind = await jobsOf(h, 'behind');
      const latest = (T0 + 86_400_000) / 60_000;
      expect(behind.map((j) => j.metadata.name)).toContain(`behind-${latest}`);
      expect(behind.length).toBeLessThanOrEqual(3);

      const ny = await jobsOf(h, 'ny');
      // The clock is now 12:01 UTC on July 2nd: the last 09:00 in New York was 13:00 UTC on July 1st.
      expect(ny.map((j) => j.metadata.name)).toEqual([`ny-${Date.parse('2026-07-01T13:00:00Z') / 60_000}`]);
      expect(ny[0]!.metadata.annotations?.[SCHEDULED_TIMESTAMP_ANNOTATION]).toBe('2026-07-01T13:00:00Z');
    } finally {
      await h.close();
    }
  });
});
