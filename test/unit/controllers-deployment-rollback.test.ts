// Proves how the Deployment controller handles a rollout that fails: with no progress for
// progressDeadlineSeconds the Progressing condition turns False ProgressDeadlineExceeded (with an
// Event) without any further change to look at; and with berth.io/auto-rollback "true", a
// rollout whose pods crash-loop (or that exceeds its deadline) is rolled back to the previous
// revision — the old template, the rolled-back-generation and rollback-reason annotations, an
// AutoRollback Event, Progressing reason AutoRolledBack — exactly once, reusing the old
// ReplicaSet; a first rollout, with nothing older, is never rolled back.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../client/index.js';
import {
  changeDeployment,
  condition,
  crashingPod,
  deployment,
  DEPLOY,
  eventLines,
  events,
  getDeployment,
  imageOf,
  list,
  readyPod,
  revisionOf,
  RS,
  rolledOut,
  specReplicas,
  startAgent,
  template,
  until,
  withDeployments,
} from './controllers-deployment-fixtures.js';
import { levelFixtures } from '../support/level-fixtures.js';

const fx = levelFixtures('berth-deploy-rb-');

const AUTO = { 'berth.io/auto-rollback': 'true' };

/** Pods of web:v2 crash-loop; the others come up. */
const v2Crashes = (p: KubeObject): KubeObject => (imageOf(p) === 'web:v2' ? crashingPod(p) : readyPod(p));

describe('Deployment rollout failures', () => {
  it('marks a rollout without progress for progressDeadlineSeconds ProgressDeadlineExceeded, by itself', async () => {
    await withDeployments(fx, async (h) => {
      // No agent: the pods never become ready.
      await h.reg.create(deployment({ replicas: 2, progressDeadlineSeconds: 1 }));
      await h.settled();
      const rs = (await list(h, RS))[0]!;
      expect(condition(await getDeployment(h), 'Progressing')).toMatchObject({ status: 'True' });
      await until(async () => condition(await getDeployment(h), 'Progressing')?.reason === 'ProgressDeadlineExceeded', 'deadline exceeded', 5000);
      const d = await getDeployment(h);
      expect(condition(d, 'Progressing')).toMatchObject({ status: 'False', message: `ReplicaSet "${String(rs.metadata.name)}" has timed out progressing.` });
      await until(async () => (await eventLines(h)).includes(`ProgressDeadlineExceeded: ReplicaSet "${String(rs.metadata.name)}" has timed out progressing.`), 'event');
      // Progress again (the pods come up): the rollout completes.
      const agent = startAgent(h);
      await until(() => rolledOut(h), 'rolled out after all');
      await agent.stop();
    });
  });

  it('rolls crash-looping pods back to the previous revision, once', async () => {
    await withDeployments(fx, async (h) => {
      await h.reg.create(deployment({ replicas: 2 }, 'web', AUTO));
      const agent = startAgent(h, v2Crashes);
      await until(() => rolledOut(h), 'first rollout');
      const v1 = (await list(h, RS))[0]!;
      // Every Progressing reason the Deployment goes through from here.
      const reasons: string[] = [];
      const sink = {
        offer(changes: readonly { object: KubeObject }[]) {
          for (const c of changes) {
            const r = condition(c.object, 'Progressing')?.reason;
            if (typeof r === 'string' && reasons.at(-1) !== r) reasons.push(r);
          }
        },
        fail() {},
      };
      h.caches.of(DEPLOY).subscribe(sink, h.replica.store.revision);
      const failed = await changeDeployment(h, (spec) => ({ ...spec, template: template('web:v2') }));
      expect(failed.metadata.generation).toBe(2);

      await until(async () => (await getDeployment(h)).metadata.annotations?.['berth.io/rolled-back-generation'] === '2', 'rolled back');
      const d = await getDeployment(h);
      expect(imageOf(d)).toBe('web:v1');
      expect(d.metadata.generation).toBe(3);
      const reason = d.metadata.annotations?.['berth.io/rollback-reason'] ?? '';
      expect(reason).toMatch(/^pods of web-\w+ crash-looping \(web-\w+-\w+: container app CrashLoopBackOff\)$/);
      await until(() => rolledOut(h), 'rolled back out');
      h.caches.of(DEPLOY).unsubscribe(sink);
      expect(reasons).toContain('AutoRolledBack');

      const rollbacks = (await events(h)).filter((e) => e.reason === 'AutoRollback');
      expect(rollbacks).toHaveLength(1);
      expect(rollbacks[0]!.type).toBe('Warning');
      expect(rollbacks[0]!.count).toBe(1);
      expect(rollbacks[0]!.message).toBe(`Rolled back from revision 2 to revision 1: ${reason}`);

      // The old ReplicaSet runs again, under revision 3; the failed one is scaled to 0.
      const sets = await list(h, RS);
      const again = sets.find((rs) => imageOf(rs) === 'web:v1')!;
      expect(again.metadata.uid).toBe(v1.metadata.uid);
      expect(revisionOf(again)).toBe('3');
      expect(specReplicas(sets.find((rs) => imageOf(rs) === 'web:v2')!)).toBe(0);
      // And it stays that way.
      await new Promise((r) => setTimeout(r, 300));
      await h.settled();
      await agent.stop();
      expect((await getDeployment(h)).metadata.generation).toBe(3);
      expect((await events(h)).filter((e) => e.reason === 'AutoRollback')).toHaveLength(1);
    });
  });

  it('rolls a rollout back when it exceeds its progress deadline', async () => {
    await withDeployments(fx, async (h) => {
      await h.reg.create(deployment({ replicas: 1, progressDeadlineSeconds: 1 }, 'web', AUTO));
      // v2 pods are left Pending (never scheduled): no crash, just no progress.
      const agent = startAgent(h, (p) => (imageOf(p) === 'web:v2' ? undefined : readyPod(p)));
      await until(() => rolledOut(h), 'first rollout');
      await changeDeployment(h, (spec) => ({ ...spec, template: template('web:v2') }));
      await until(async () => (await getDeployment(h)).metadata.annotations?.['berth.io/rolled-back-generation'] === '2', 'rolled back', 6000);
      const d = await getDeployment(h);
      expect(imageOf(d)).toBe('web:v1');
      expect(d.metadata.annotations?.['berth.io/rollback-reason']).toMatch(/^rollout of web-\w+ exceeded its progress deadline \(1s\)$/);
      await until(() => rolledOut(h), 'rolled back out');
      await agent.stop();
    });
  });

  it('never rolls back a first rollout (nothing older) nor without the annotation', async () => {
    await withDeployments(fx, async (h) => {
      await h.reg.create(deployment({ replicas: 1, template: template('web:v2') }, 'web', AUTO));
      await h.reg.create(deployment({ replicas: 1, template: template('web:v1', 'api') }, 'api'));
      const agent = startAgent(h, v2Crashes);
      await until(() => rolledOut(h, 'api'), 'api rolled out');
      await changeDeployment(h, (spec) => ({ ...spec, template: template('web:v2', 'api') }), 'api');
      await until(async () => (await list(h, RS)).filter((rs) => rs.metadata.name?.startsWith('api-')).length === 2, 'api rollout started');
      await new Promise((r) => setTimeout(r, 200));
      await h.settled();
      await agent.stop();
      for (const name of ['web', 'api']) {
        const d = await getDeployment(h, name);
        expect(imageOf(d)).toBe('web:v2');
        expect(d.metadata.annotations?.['berth.io/rolled-back-generation']).toBeUndefined();
      }
      expect((await events(h)).filter((e) => e.reason === 'AutoRollback')).toHaveLength(0);
    });
  });
});
