// Proves the Job controller over a real store, with the test playing the node agent (it writes the
// pods' phases): completions with parallelism, a work queue, Indexed completion; backoffLimit
// (pods failing, container restarts) ending in Failed with the running pods deleted and none made
// after; activeDeadlineSeconds; ttlSecondsAfterFinished deleting the Job and (through the garbage
// collector) its pods; suspend and resume; and counts that survive a new leader taking over at any
// step of the finalizer-based counting, without counting a pod twice.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../client/index.js';
import { isBerthError, resolveKind } from '../../client/index.js';
import { listObjects } from '../../server/api/index.js';
import { garbageCollector } from '../../server/controllers/gc.js';
import { jobController } from '../../server/controllers/job.js';
import { TRACKING_FINALIZER, UNCOUNTED_ANNOTATION } from '../../server/controllers/job-tracking.js';
import type { ControllerHarness } from '../support/controllers.js';
import { controllerHarness } from '../support/controllers.js';
import { levelFixtures } from '../support/level-fixtures.js';
import { waitFor } from '../support/procs.js';

const fx = levelFixtures('berth-job-');
const JOB = resolveKind('Job');
const POD = resolveKind('Pod');
const EVENT = resolveKind('Event');

type Rec = Record<string, unknown>;

function job(name: string, spec: Rec = {}, restartPolicy = 'Never'): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: 'default' },
    spec: { template: { spec: { restartPolicy, containers: [{ name: 'c', image: 'x' }] } }, ...spec },
  };
}

const list = async (h: ControllerHarness, kind: typeof POD, labelSelector = ''): Promise<KubeObject[]> =>
  (await listObjects(h.reg, kind, { namespace: 'default', labelSelector, fieldSelector: '', limit: 0, continueToken: '', stale: false })).items;

const podsOf = (h: ControllerHarness, name: string): Promise<KubeObject[]> => list(h, POD, `batch.kubernetes.io/job-name=${name}`);
const phase = (p: KubeObject): string => String((p.status as Rec | undefined)?.phase ?? 'Pending');
const running = (pods: KubeObject[]): KubeObject[] => pods.filter((p) => !['Succeeded', 'Failed'].includes(phase(p)) && p.metadata.deletionTimestamp === undefined);
const status = async (h: ControllerHarness, name: string): Promise<Rec> => ((await h.reg.get(JOB, 'default', name)).status ?? {}) as Rec;
const condition = (s: Rec, type: string): Rec | undefined => ((s.conditions as Rec[] | undefined) ?? []).find((c) => c.type === type);

/** The agent's report that a pod ended. */
async function finish(h: ControllerHarness, pod: KubeObject, to: 'Succeeded' | 'Failed'): Promise<void> {
  const finishedAt = new Date().toISOString();
  await h.reg.modify(POD, 'default', String(pod.metadata.name), {}, (cur) => ({
    ...cur,
    status: { phase: to, containerStatuses: [{ name: 'c', restartCount: 0, state: { terminated: { exitCode: to === 'Succeeded' ? 0 : 1, finishedAt } } }] },
  }));
}

async function reasons(h: ControllerHarness): Promise<string[]> {
  return (await list(h, EVENT)).map((e) => String(e.reason));
}

describe('job controller', () => {
  it('runs completions 3 with parallelism 2, counts each success once, and completes', async () => {
    const h = await controllerHarness(fx, [jobController()]);
    try {
      await h.reg.create(job('calc', { completions: 3, parallelism: 2 }));
      await h.settled();
      let pods = await podsOf(h, 'calc');
      expect(pods).toHaveLength(2);
      expect(pods.every((p) => p.metadata.finalizers?.includes(TRACKING_FINALIZER) === true && p.metadata.generateName === 'calc-')).toBe(true);
      expect(await status(h, 'calc')).toMatchObject({ active: 2, succeeded: 0, failed: 0 });
      expect((await status(h, 'calc')).startTime).toBeDefined();

      const first = pods[0]!;
      await finish(h, first, 'Succeeded');
      await h.settled();
      pods = await podsOf(h, 'calc');
      expect(pods).toHaveLength(3);
      expect(running(pods)).toHaveLength(2);
      expect(pods.find((p) => p.metadata.uid === first.metadata.uid)?.metadata.finalizers).toBeUndefined();
      expect(await status(h, 'calc')).toMatchObject({ active: 2, succeeded: 1 });

      for (const p of running(pods)) await finish(h, p, 'Succeeded');
      await h.settled();
      const s = await status(h, 'calc');
      expect(s).toMatchObject({ active: 0, succeeded: 3, failed: 0 });
      expect(condition(s, 'Complete')?.status).toBe('True');
      expect(condition(s, 'SuccessCriteriaMet')?.status).toBe('True');
      expect(s.completionTime).toBeDefined();
      pods = await podsOf(h, 'calc');
      // Finished pods stay, without the finalizer; none more was made.
      expect(pods).toHaveLength(3);
      expect(pods.every((p) => phase(p) === 'Succeeded' && p.metadata.finalizers === undefined)).toBe(true);
      expect((await h.reg.get(JOB, 'default', 'calc')).metadata.annotations?.[UNCOUNTED_ANNOTATION]).toBeUndefined();
      await waitFor(async () => (await reasons(h)).includes('Completed'), { what: 'a Completed event', timeoutMs: 3000 });
      expect(await reasons(h)).toContain('SuccessfulCreate');
    } finally {
      await h.close();
    }
  });

  it('a work queue (no completions) completes when one pod succeeded and the rest finished', async () => {
    const h = await controllerHarness(fx, [jobController()]);
    try {
      await h.reg.create(job('queue', { parallelism: 2 }));
      await h.settled();
      const pods = await podsOf(h, 'queue');
      expect(pods).toHaveLength(2);
      await finish(h, pods[0]!, 'Succeeded');
      await h.settled();
      // No new pod after a success; the other one still runs, so the Job is not complete yet.
      expect(await podsOf(h, 'queue')).toHaveLength(2);
      expect(condition(await status(h, 'queue'), 'Complete')).toBeUndefined();
      await finish(h, pods[1]!, 'Succeeded');
      await h.settled();
      expect(condition(await status(h, 'queue'), 'Complete')?.status).toBe('True');
      expect(await status(h, 'queue')).toMatchObject({ succeeded: 2 });
    } finally {
      await h.close();
    }
  });

  it('Indexed: each pod has its index, and completedIndexes fills up', async () => {
    const h = await controllerHarness(fx, [jobController()]);
    try {
      await h.reg.create(job('idx', { completions: 3, parallelism: 2, completionMode: 'Indexed' }));
      await h.settled();
      let pods = await podsOf(h, 'idx');
      const index = (p: KubeObject): string | undefined => p.metadata.annotations?.['batch.kubernetes.io/job-completion-index'];
      expect(pods.map(index).sort()).toEqual(['0', '1']);
      const p0 = pods.find((p) => index(p) === '0')!;
      expect(p0.metadata.labels?.['batch.kubernetes.io/job-completion-index']).toBe('0');
      const env = ((p0.spec as Rec).containers as Rec[])[0]!.env as Rec[];
      expect(env).toContainEqual({ name: 'JOB_COMPLETION_INDEX', value: '0' });
      await finish(h, p0, 'Succeeded');
      await h.settled();
      pods = await podsOf(h, 'idx');
      expect(running(pods).map(index).sort()).toEqual(['1', '2']);
      expect(await status(h, 'idx')).toMatchObject({ completedIndexes: '0', succeeded: 1 });
      for (const p of running(pods)) await finish(h, p, 'Succeeded');
      await h.settled();
      const s = await status(h, 'idx');
      expect(s).toMatchObject({ completedIndexes: '0-2', succeeded: 3 });
      expect(condition(s, 'Complete')?.status).toBe('True');
    } finally {
      await h.close();
    }
  });

  it('fails with BackoffLimitExceeded once failures exceed backoffLimit, deleting running pods and making no more', async () => {
    const h = await controllerHarness(fx, [jobController()]);
    try {
      await h.reg.create(job('flaky', { completions: 2, parallelism: 2, backoffLimit: 1 }));
      await h.settled();
      const first = await podsOf(h, 'flaky');
      expect(first).toHaveLength(2);
      const t0 = Date.now();
      await finish(h, first[0]!, 'Failed');
      await h.settled();
      // The replacement waits for the back-off (1 s after the first failure).
      expect(await podsOf(h, 'flaky')).toHaveLength(2);
      await waitFor(async () => (await podsOf(h, 'flaky')).length === 3, { what: 'a replacement after the back-off', timeoutMs: 5000 });
      expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
      await h.settled();
      await finish(h, first[1]!, 'Failed');
      await h.settled();
      const s = await status(h, 'flaky');
      expect(condition(s, 'Failed')).toMatchObject({ status: 'True', reason: 'BackoffLimitExceeded' });
      expect(condition(s, 'FailureTarget')).toMatchObject({ status: 'True', reason: 'BackoffLimitExceeded' });
      // Failed comes only once the counts are final: the deleted running pod is counted already.
      expect(s).toMatchObject({ active: 0, failed: 3 });
      expect((await h.reg.get(JOB, 'default', 'flaky')).metadata.annotations?.[UNCOUNTED_ANNOTATION]).toBeUndefined();
      await waitFor(async () => running(await podsOf(h, 'flaky')).length === 0 && (await podsOf(h, 'flaky')).length === 2, { what: 'the running pod deleted', timeoutMs: 3000 });
      await h.settled();
      // The deleted running pod counts as failed, as in Kubernetes.
      expect(await status(h, 'flaky')).toMatchObject({ active: 0, failed: 3, succeeded: 0 });
      await new Promise((r) => setTimeout(r, 1500));
      expect(await podsOf(h, 'flaky')).toHaveLength(2);
      await waitFor(async () => (await reasons(h)).includes('BackoffLimitExceeded'), { what: 'the event', timeoutMs: 3000 });
    } finally {
      await h.close();
    }
  });

  it('counts container restarts as failures when pods restart in place (OnFailure)', async () => {
    const h = await controllerHarness(fx, [jobController()]);
    try {
      await h.reg.create(job('restarts', { backoffLimit: 2 }, 'OnFailure'));
      await h.settled();
      const [p] = await podsOf(h, 'restarts');
      await h.reg.modify(POD, 'default', String(p!.metadata.name), {}, (cur) => ({ ...cur, status: { phase: 'Running', containerStatuses: [{ name: 'c', restartCount: 3 }] } }));
      await h.settled();
      expect(condition(await status(h, 'restarts'), 'Failed')).toMatchObject({ status: 'True', reason: 'BackoffLimitExceeded' });
    } finally {
      await h.close();
    }
  });

  it('fails with DeadlineExceeded after activeDeadlineSeconds and deletes the running pods', async () => {
    const h = await controllerHarness(fx, [jobController()]);
    try {
      await h.reg.create(job('slow', { completions: 2, parallelism: 2, activeDeadlineSeconds: 1 }));
      // startTime has whole seconds (as in Kubernetes), so the deadline comes 0-1 s after the start.
      await waitFor(async () => condition(await status(h, 'slow'), 'Failed')?.reason === 'DeadlineExceeded', { what: 'DeadlineExceeded', timeoutMs: 5000 });
      await h.settled();
      expect(await podsOf(h, 'slow')).toHaveLength(0);
      expect(await status(h, 'slow')).toMatchObject({ active: 0, failed: 2 });
    } finally {
      await h.close();
    }
  });

  it('deletes a finished Job ttlSecondsAfterFinished later, and its pods with it', async () => {
    const h = await controllerHarness(fx, [jobController(), garbageCollector()]);
    try {
      await h.reg.create(job('brief', { ttlSecondsAfterFinished: 1 }));
      await h.settled();
      const [p] = await podsOf(h, 'brief');
      await finish(h, p!, 'Succeeded');
      await h.settled();
      expect(condition(await status(h, 'brief'), 'Complete')?.status).toBe('True');
      const gone = async (): Promise<boolean> => h.reg.get(JOB, 'default', 'brief').then(() => false, (err: unknown) => isBerthError(err, 'NOT_FOUND'));
      expect(await gone()).toBe(false);
      await waitFor(gone, { what: 'the Job deleted', timeoutMs: 5000 });
      await waitFor(async () => (await podsOf(h, 'brief')).length === 0, { what: 'its pod deleted', timeoutMs: 5000 });
    } finally {
      await h.close();
    }
  });

  it('suspends (pods deleted, not counted as failed) and resumes (startTime reset)', async () => {
    const h = await controllerHarness(fx, [jobController()]);
    try {
      await h.reg.create(job('later', { completions: 2, parallelism: 2, suspend: true }));
      await h.settled();
      expect(await podsOf(h, 'later')).toHaveLength(0);
      let s = await status(h, 'later');
      expect(condition(s, 'Suspended')?.status).toBe('True');
      expect(s.startTime).toBeUndefined();

      const setSuspend = (v: boolean) => h.reg.modify(JOB, 'default', 'later', {}, (cur) => ({ ...cur, spec: { ...cur.spec, suspend: v } }));
      await setSuspend(false);
      await h.settled();
      expect(running(await podsOf(h, 'later'))).toHaveLength(2);
      s = await status(h, 'later');
      expect(condition(s, 'Suspended')).toMatchObject({ status: 'False', reason: 'JobResumed' });
      const firstStart = String(s.startTime);

      await setSuspend(true);
      await h.settled();
      expect(await podsOf(h, 'later')).toHaveLength(0);
      s = await status(h, 'later');
      expect(s).toMatchObject({ active: 0, failed: 0 });
      expect(condition(s, 'Suspended')?.status).toBe('True');

      await new Promise((r) => setTimeout(r, 1100));
      await setSuspend(false);
      await h.settled();
      expect(running(await podsOf(h, 'later'))).toHaveLength(2);
      expect(Date.parse(String((await status(h, 'later')).startTime))).toBeGreaterThan(Date.parse(firstStart));
      await waitFor(async () => (await reasons(h)).includes('Resumed') && (await reasons(h)).includes('SuccessfulDelete'), { what: 'events', timeoutMs: 3000 });
    } finally {
      await h.close();
    }
  });

  it('a new leader finishes counting from wherever the last one stopped, never counting a pod twice', async () => {
    const h = await controllerHarness(fx, [jobController()]);
    try {
      await h.reg.create(job('steady', { completions: 4, parallelism: 4 }));
      await h.settled();
      const [a, b, c, d] = await podsOf(h, 'steady');
      // The leader goes away; while it is gone the pods end, and the counting is left as a crash
      // at each step would leave it: a recorded but not yet released (step 1 done), b released
      // but not yet counted (step 2 done), c fully counted (step 3 done). d still runs.
      h.replica.leading = false;
      await waitFor(() => !h.manager.running, { what: 'controllers stopped', timeoutMs: 3000 });
      for (const p of [a!, b!, c!]) await finish(h, p, 'Succeeded');
      const release = (p: KubeObject) => h.reg.modify(POD, 'default', String(p.metadata.name), {}, (cur) => ({ ...cur, metadata: { ...cur.metadata, finalizers: undefined } }));
      await release(b!);
      await release(c!);
      await h.reg.modify(JOB, 'default', 'steady', {}, (cur) => ({
        ...cur,
        metadata: { ...cur.metadata, annotations: { [UNCOUNTED_ANNOTATION]: JSON.stringify({ succeeded: [a!.metadata.uid, b!.metadata.uid], failed: [] }) } },
        status: { ...cur.status, succeeded: 1 },
      }));

      h.replica.leading = true;
      await h.settled();
      await h.settled();
      const s = await status(h, 'steady');
      expect(s).toMatchObject({ succeeded: 3, active: 1, failed: 0 });
      expect((await h.reg.get(JOB, 'default', 'steady')).metadata.annotations?.[UNCOUNTED_ANNOTATION]).toBeUndefined();
      expect(await podsOf(h, 'steady')).toHaveLength(4);
      await finish(h, d!, 'Succeeded');
      await h.settled();
      const done = await status(h, 'steady');
      expect(done).toMatchObject({ succeeded: 4, active: 0 });
      expect(condition(done, 'Complete')?.status).toBe('True');
    } finally {
      await h.close();
    }
  });

  it('lets go of the pods of a deleted Job (their finalizer removed)', async () => {
    const h = await controllerHarness(fx, [jobController(), garbageCollector()]);
    try {
      await h.reg.create(job('dropped', { completions: 2, parallelism: 2 }));
      await h.settled();
      expect(await podsOf(h, 'dropped')).toHaveLength(2);
      await h.reg.delete(JOB, 'default', 'dropped', {});
      await waitFor(async () => (await podsOf(h, 'dropped')).length === 0, { what: 'pods gone', timeoutMs: 5000 });
    } finally {
      await h.close();
    }
  });
});
