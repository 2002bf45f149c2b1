// Proves the SDK's rollout and scale calls (client.rollouts, client.scale) against a real
// ObjectService over a one-replica store, with the test writing what a Deployment controller would
// (status, ReplicaSets with revisions, rollback annotations): status follows a rollout through
// kubectl's progress lines to done, and fails with a typed error on a progress deadline, an
// automatic rollback and a timeout; the per-kind judges of StatefulSets, DaemonSets and Jobs;
// history and undo by revision; pause, resume and restart; scale with its preconditions; and a
// write that meets another is done again from a fresh read.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BerthError, ConflictError, InvalidError, NotFoundError, RolloutFailedError, rolloutState, scaleWorkload } from '../../client/index.js';
import type { Client, KubeObject, RolloutProgress } from '../../client/index.js';
import { levelFixtures } from '../support/level-fixtures.js';
import type { ObjectServer } from './rollout-fixtures.js';
import { deployment, objectServer, replicaSet, rollBack, twoRevisions, until, writeStatus } from './rollout-fixtures.js';

const fx = levelFixtures('berth-sdk-rollout-');
let server: ObjectServer;
let client: Client;

beforeEach(async () => {
  server = await objectServer(fx);
  client = server.client();
});

afterEach(async () => {
  await server.close();
});

type Rec = Record<string, unknown>;

async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (err: unknown) => err,
  );
}

/** Starts rollouts.status and waits until it has read the object (its first progress); resolves to how it failed. */
async function following(name: string, signal?: AbortSignal): Promise<{ failure: Promise<unknown> }> {
  let started = false;
  const done = rejection(client.rollouts.status('Deployment', name, { onProgress: () => (started = true), ...(signal !== undefined ? { signal } : {}) }));
  await until(() => started, 'the first progress');
  // Wrapped: an async function returning a promise would wait for it.
  return { failure: done };
}

function imageOf(d: KubeObject): string {
  const t = d.spec?.['template'] as { spec: { containers: { image: string }[] } };
  return t.spec.containers[0]?.image ?? '';
}

describe('rollouts.status', () => {
  it("follows a Deployment through kubectl's progress lines until it is rolled out", async () => {
    await client.create(deployment('web', 'web:v1', 3));
    const seen: RolloutProgress[] = [];
    const done = client.rollouts.status('deploy', 'web', { onProgress: (p) => seen.push(p) });
    await until(() => seen.length === 1, 'the first progress');
    await writeStatus(client, 'Deployment', 'web', { replicas: 4, updatedReplicas: 1, availableReplicas: 0 });
    await writeStatus(client, 'Deployment', 'web', { replicas: 4, updatedReplicas: 3, availableReplicas: 2 });
    await writeStatus(client, 'Deployment', 'web', { replicas: 3, updatedReplicas: 3, availableReplicas: 2 });
    await writeStatus(client, 'Deployment', 'web', { replicas: 3, updatedReplicas: 3, availableReplicas: 3 });
    const res = await done;
    expect(seen.map((p) => p.message)).toEqual([
      'Waiting for deployment spec update to be observed...',
      'Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...',
      'Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...',
      'Waiting for deployment "web" rollout to finish: 2 of 3 updated replicas are available...',
    ]);
    expect(seen[0]).toMatchObject({ kind: 'Deployment', name: 'web', namespace: 'default', done: false });
    expect(res).toMatchObject({ done: true, message: 'deployment "web" successfully rolled out' });
    expect(res.object.status?.['availableReplicas']).toBe(3);
  });

  it('fails with reason ProgressDeadlineExceeded when the controller says so', async () => {
    await client.create(deployment('web'));
    const { failure: done } = await following('web');
    await writeStatus(client, 'Deployment', 'web', {
      replicas: 3,
      updatedReplicas: 1,
      conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: 'ReplicaSet "web-x" has timed out progressing.' }],
    });
    const err = await done;
    expect(err).toBeInstanceOf(RolloutFailedError);
    expect(err).toMatchObject({ reason: 'ProgressDeadlineExceeded', code: 'FAILED_PRECONDITION', message: 'deployment "web" exceeded its progress deadline' });
  });

  it('fails with reason RolledBack when the controller rolls the awaited generation back', async () => {
    const d = await twoRevisions(client);
    expect(d.metadata.generation).toBe(2);
    const { failure: done } = await following('web');
    await rollBack(client, 2, 'pods of revision 2 crash-loop');
    const err = await done;
    expect(err).toMatchObject({ reason: 'RolledBack', message: 'deployment "web" rollout failed and was rolled back automatically: pods of revision 2 crash-loop' });
    expect((err as RolloutFailedError).target).toEqual({ kind: 'Deployment', name: 'web', namespace: 'default' });
  });

  it('counts a rollback that came before the first read when told the generation awaited, and ignores older ones', async () => {
    await twoRevisions(client);
    const rolledBack = await rollBack(client, 2, 'crash');
    expect(rolledBack.metadata.generation).toBe(3);
    expect(await rejection(client.rollouts.status('Deployment', 'web', { generation: 2 }))).toMatchObject({ reason: 'RolledBack' });
    // Followed from generation 3 (the rollback's own rollout), the old annotation is history.
    await writeStatus(client, 'Deployment', 'web', { replicas: 3, updatedReplicas: 3, availableReplicas: 3 });
    expect(await client.rollouts.status('Deployment', 'web')).toMatchObject({ done: true });
  });

  it('fails with reason Timeout (code TIMEOUT) when not done in time, and only looks once with watch: false', async () => {
    await client.create(deployment('web'));
    const started = Date.now();
    const err = await rejection(client.rollouts.status('Deployment', 'web', { timeoutMs: 200 }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(err).toMatchObject({ reason: 'Timeout', code: 'TIMEOUT' });
    expect((err as Error).message).toBe('timed out after 200ms waiting for the rollout of deployment "web" (Waiting for deployment spec update to be observed...)');
    expect(await client.rollouts.status('Deployment', 'web', { watch: false })).toMatchObject({ done: false, message: 'Waiting for deployment spec update to be observed...' });
  });

  it('fails with NOT_FOUND when the object goes away, and CANCELLED when aborted', async () => {
    await client.create(deployment('web'));
    const { failure: done } = await following('web');
    await client.delete('Deployment', 'web');
    expect(await done).toBeInstanceOf(NotFoundError);
    await client.create(deployment('api'));
    const abort = new AbortController();
    const { failure: waiting } = await following('api', abort.signal);
    abort.abort();
    expect(await waiting).toMatchObject({ code: 'CANCELLED' });
  });

  it('checks --revision against the running revision, and refuses kinds without rollouts', async () => {
    await twoRevisions(client);
    await writeStatus(client, 'Deployment', 'web', { replicas: 3, updatedReplicas: 3, availableReplicas: 3 });
    expect(await client.rollouts.status('Deployment', 'web', { revision: 2 })).toMatchObject({ done: true });
    expect(await rejection(client.rollouts.status('Deployment', 'web', { revision: 1 }))).toMatchObject({
      code: 'FAILED_PRECONDITION',
      message: 'desired revision (1) is different from the running revision (2)',
    });
    expect(await rejection(client.rollouts.status('Pod', 'x'))).toBeInstanceOf(InvalidError);
  });
});

describe('rolloutState of the other kinds', () => {
  const meta = (generation: number): KubeObject['metadata'] => ({ name: 'x', namespace: 'default', generation });

  it('StatefulSet: observed, ready, then the partitioned roll out', () => {
    const sts = (status: Rec, partition = 0): KubeObject => ({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: meta(2),
      spec: { replicas: 3, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition } } },
      status: { observedGeneration: 2, ...status },
    });
    expect(rolloutState(sts({ observedGeneration: 1 })).message).toBe('Waiting for statefulset spec update to be observed...');
    expect(rolloutState(sts({ readyReplicas: 1 })).message).toBe('Waiting for 2 pods to be ready...');
    expect(rolloutState(sts({ readyReplicas: 3, updatedReplicas: 1 })).message).toBe('Waiting for partitioned roll out to finish: 1 out of 3 new pods have been updated...');
    expect(rolloutState(sts({ readyReplicas: 3, updatedReplicas: 1 }, 2))).toEqual({ done: true, message: 'partitioned roll out complete: 1 new pods have been updated...' });
    const plain: KubeObject = { ...sts({ readyReplicas: 3, updatedReplicas: 3, currentReplicas: 3, currentRevision: 'x-1', updateRevision: 'x-2' }), spec: { replicas: 3 } };
    expect(rolloutState(plain).message).toBe('waiting for statefulset rolling update to complete 3 pods at revision x-2...');
    expect(rolloutState({ ...plain, status: { ...plain.status, currentRevision: 'x-2' } })).toEqual({ done: true, message: 'statefulset rolling update complete 3 pods at revision x-2...' });
    expect(() => rolloutState({ ...plain, spec: { updateStrategy: { type: 'OnDelete' } } })).toThrow('rollout status is only available for RollingUpdate strategy type');
  });

  it('DaemonSet: updated, then available', () => {
    const ds = (status: Rec): KubeObject => ({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: meta(1), spec: {}, status: { observedGeneration: 1, desiredNumberScheduled: 3, ...status } });
    expect(rolloutState(ds({ updatedNumberScheduled: 1 })).message).toBe('Waiting for daemon set "x" rollout to finish: 1 out of 3 new pods have been updated...');
    expect(rolloutState(ds({ updatedNumberScheduled: 3, numberAvailable: 2 })).message).toBe('Waiting for daemon set "x" rollout to finish: 2 of 3 updated pods are available...');
    expect(rolloutState(ds({ updatedNumberScheduled: 3, numberAvailable: 3 }))).toEqual({ done: true, message: 'daemon set "x" successfully rolled out' });
  });

  it('Job: complete, or failed with reason JobFailed', () => {
    const job = (status: Rec): KubeObject => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: meta(1), spec: { completions: 2 }, status });
    expect(rolloutState(job({ active: 1, succeeded: 1 })).message).toBe('Waiting for job "x" to complete: 1 of 2 completions succeeded, 1 active...');
    expect(rolloutState(job({ conditions: [{ type: 'Complete', status: 'True' }] }))).toEqual({ done: true, message: 'job "x" completed' });
    const failed = (): unknown => rolloutState(job({ conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' }] }));
    expect(failed).toThrow(RolloutFailedError);
    expect(failed).toThrow('job "x" failed: BackoffLimitExceeded: Job has reached the specified backoff limit');
  });
});

describe('rollouts.history and undo', () => {
  it("lists the revisions of the Deployment's own ReplicaSets, oldest first, without the hash label", async () => {
    await twoRevisions(client);
    const other = await client.create(deployment('api'));
    await client.create(replicaSet(other, 7, 'api:v1'));
    const h = await client.rollouts.history('deployment', 'web');
    expect(h.kind).toBe('Deployment');
    expect(h.revisions.map((r) => [r.revision, r.changeCause, r.replicaSet])).toEqual([
      [1, 'first', 'web-h1webv1'],
      [2, null, 'web-h2webv2'],
    ]);
    expect(h.revisions[0]?.template).toEqual({ metadata: { labels: { app: 'web' } }, spec: expect.objectContaining({ containers: [expect.objectContaining({ image: 'web:v1' })] }) });
    await expect(client.rollouts.history('StatefulSet', 'web')).rejects.toThrow(InvalidError);
  });

  it('undoes to the revision before the current one, then skips when already there, and finds --to-revision', async () => {
    await twoRevisions(client);
    const undone = await client.rollouts.undo('Deployment', 'web');
    expect(undone).toMatchObject({ revision: 1, skipped: false });
    expect(imageOf(undone.object)).toBe('web:v1');
    expect((undone.object.spec?.['template'] as { metadata: Rec }).metadata).toEqual({ labels: { app: 'web' } });
    expect(undone.object.metadata.annotations?.['kubernetes.io/change-cause']).toBe('first');
    expect(undone.object.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    expect(undone.object.metadata.generation).toBe(3);
    expect(await client.rollouts.undo('Deployment', 'web', { toRevision: 1 })).toMatchObject({ revision: 1, skipped: true });
    expect(imageOf((await client.rollouts.undo('Deployment', 'web', { toRevision: 2 })).object)).toBe('web:v2');
    const missing = await rejection(client.rollouts.undo('Deployment', 'web', { toRevision: 5 }));
    expect(missing).toBeInstanceOf(NotFoundError);
    expect((missing as Error).message).toBe('unable to find specified revision 5 in history');
  });

  it('refuses to undo a paused Deployment or one with no earlier revision', async () => {
    const d = await client.create(deployment('web'));
    await client.create(replicaSet(d, 1, 'web:v1'));
    await expect(client.rollouts.undo('Deployment', 'web')).rejects.toThrow('no rollout history found for deployment "web"');
    await client.rollouts.pause('Deployment', 'web');
    await expect(client.rollouts.undo('Deployment', 'web', { toRevision: 1 })).rejects.toThrow('you cannot roll back a paused deployment');
  });
});

describe('rollouts.pause, resume and restart', () => {
  it('pauses and resumes, refusing to do either twice', async () => {
    await client.create(deployment('web'));
    expect((await client.rollouts.pause('Deployment', 'web')).spec?.['paused']).toBe(true);
    expect(await rejection(client.rollouts.pause('Deployment', 'web'))).toMatchObject({ code: 'FAILED_PRECONDITION', message: 'deployment "web" is already paused' });
    expect((await client.rollouts.resume('deploy', 'web')).spec?.['paused']).toBe(false);
    expect(await rejection(client.rollouts.resume('Deployment', 'web'))).toMatchObject({ message: 'deployment "web" is not paused' });
    await expect(client.rollouts.pause('StatefulSet', 'web')).rejects.toThrow(InvalidError);
  });

  it('restarts by stamping the template, which bumps the generation; not a paused Deployment', async () => {
    await client.create(deployment('web'));
    const at = new Date('2024-05-01T12:00:00.123Z');
    const d = await client.rollouts.restart('Deployment', 'web', { now: at });
    expect((d.spec?.['template'] as { metadata: { annotations: Rec } }).metadata.annotations).toEqual({ 'kubectl.kubernetes.io/restartedAt': '2024-05-01T12:00:00Z' });
    expect(d.metadata.generation).toBe(2);
    await client.rollouts.pause('Deployment', 'web');
    await expect(client.rollouts.restart('Deployment', 'web')).rejects.toThrow("can't restart paused deployment");
  });
});

describe('scale', () => {
  it('sets spec.replicas, checking the preconditions it is given', async () => {
    const d = await client.create(deployment('web', 'web:v1', 3));
    expect((await client.scale('deploy', 'web', 5)).spec?.['replicas']).toBe(5);
    const wrong = await rejection(client.scale('Deployment', 'web', 1, { currentReplicas: 3 }));
    expect(wrong).toBeInstanceOf(ConflictError);
    expect((wrong as Error).message).toBe('precondition failed for deployment "web": expected replicas to be 3, was 5');
    const stale = await rejection(client.scale('Deployment', 'web', 1, { resourceVersion: d.metadata.resourceVersion }));
    expect(stale).toBeInstanceOf(ConflictError);
    expect((stale as Error).message).toMatch(/^precondition failed for deployment "web": expected resource version to be \d+, was \d+$/);
    const cur = await client.get('Deployment', 'web');
    expect((await client.scale('Deployment', 'web', 0, { currentReplicas: 5, resourceVersion: cur.metadata.resourceVersion })).spec?.['replicas']).toBe(0);
    expect((await client.scale('Deployment', 'web', 2, { dryRun: true })).spec?.['replicas']).toBe(2);
    expect((await client.get('Deployment', 'web')).spec?.['replicas']).toBe(0);
  });

  it('refuses bad replicas and kinds that do not scale', async () => {
    await expect(client.scale('Deployment', 'web', -1)).rejects.toThrow('replicas: must be an integer >= 0 (got -1)');
    await expect(client.scale('Deployment', 'web', 1.5)).rejects.toThrow(InvalidError);
    await expect(client.scale('DaemonSet', 'web', 1)).rejects.toThrow('kind: scale supports deployments, replicasets, statefulsets (got daemonsets)');
  });

  it('reads afresh and writes again when another write came in between', async () => {
    await client.create(deployment('web', 'web:v1', 3));
    let raced = false;
    let races = 0;
    const racing = {
      get: client.get.bind(client),
      update: async <T extends KubeObject>(obj: T): Promise<T> => {
        if (!raced) {
          raced = true;
          await client.patch('Deployment', 'web', { metadata: { labels: { touched: String(++races) } } });
        }
        return client.update(obj);
      },
    };
    const d = await scaleWorkload(racing, 'Deployment', 'web', 4);
    expect(raced).toBe(true);
    expect(d.spec?.['replicas']).toBe(4);
    expect(d.metadata.labels).toEqual({ touched: '1' });
    // With the version pinned by the caller, the race is the caller's to resolve.
    raced = false;
    const pinned = await client.get('Deployment', 'web');
    const err = await rejection(scaleWorkload(racing, 'Deployment', 'web', 6, { resourceVersion: pinned.metadata.resourceVersion }));
    expect(err).toBeInstanceOf(BerthError);
    expect(err).toMatchObject({ code: 'CONFLICT' });
  });
});
