// Proves the Deployment controller (with the ReplicaSet controller) over a real store: a new
// Deployment gets a ReplicaSet named by its template hash, with revision 1, and its pods; a
// rolling update of 6 replicas with maxSurge 1 / maxUnavailable 1 never has more than 7 pods nor
// fewer than 5 available at any store revision; Recreate makes no new pod while an old one exists;
// a paused Deployment takes no rollout step but still scales; replicas changed mid-rollout are
// spread over the ReplicaSets in proportion; old ReplicaSets beyond revisionHistoryLimit are
// deleted; and an undo to an old template reuses its ReplicaSet under a new revision. The test
// plays the scheduler and the agents (controllers-deployment-fixtures.ts).
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../client/index.js';
import { POD_TEMPLATE_HASH_LABEL } from '../../server/controllers/index.js';
import {
  changeDeployment,
  condition,
  deployment,
  eventLines,
  getDeployment,
  imageOf,
  isActive,
  isReady,
  list,
  POD,
  revisionOf,
  RS,
  rolledOut,
  specReplicas,
  startAgent,
  statusOf,
  template,
  trackPods,
  until,
  withDeployments,
} from './controllers-deployment-fixtures.js';
import type { Rec } from './controllers-deployment-fixtures.js';
import { levelFixtures } from '../support/level-fixtures.js';

const fx = levelFixtures('berth-deploy-');

const byImage = async (h: Parameters<Parameters<typeof withDeployments>[1]>[0]): Promise<Map<string, KubeObject>> =>
  new Map((await list(h, RS)).map((rs) => [imageOf(rs), rs]));

describe('Deployment controller', () => {
  it('makes a ReplicaSet named by the template hash, revision 1, and its pods', async () => {
    await withDeployments(fx, async (h) => {
      await h.reg.create(deployment({ replicas: 3 }, 'web', { 'kubernetes.io/change-cause': 'first' }));
      await h.settled();
      const sets = await list(h, RS);
      expect(sets).toHaveLength(1);
      const rs = sets[0]!;
      const hash = rs.metadata.labels?.[POD_TEMPLATE_HASH_LABEL];
      expect(hash).toMatch(/^[a-z0-9]{10}$/);
      expect(rs.metadata.name).toBe(`web-${hash!}`);
      expect(rs.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Deployment', name: 'web', controller: true });
      expect((rs.spec as Rec).selector).toEqual({ matchLabels: { app: 'web', [POD_TEMPLATE_HASH_LABEL]: hash } });
      expect((((rs.spec as Rec).template as Rec).metadata as Rec).labels).toEqual({ app: 'web', [POD_TEMPLATE_HASH_LABEL]: hash });
      expect(rs.metadata.annotations).toMatchObject({
        'deployment.kubernetes.io/revision': '1',
        'deployment.kubernetes.io/desired-replicas': '3',
        'deployment.kubernetes.io/max-replicas': '4',
        'kubernetes.io/change-cause': 'first',
      });
      expect(specReplicas(rs)).toBe(3);
      const pods = await list(h, POD);
      expect(pods).toHaveLength(3);
      expect(pods.every((p) => p.metadata.labels?.[POD_TEMPLATE_HASH_LABEL] === hash)).toBe(true);
      const d = await getDeployment(h);
      expect(revisionOf(d)).toBe('1');
      expect(statusOf(d)).toMatchObject({ observedGeneration: 1, replicas: 3, updatedReplicas: 3, availableReplicas: 0, unavailableReplicas: 3 });
      expect(condition(d, 'Available')).toMatchObject({ status: 'False', reason: 'MinimumReplicasUnavailable' });
      expect(condition(d, 'Progressing')).toMatchObject({ status: 'True', reason: 'ReplicaSetUpdated', message: `ReplicaSet "${String(rs.metadata.name)}" is progressing.` });
      expect(await eventLines(h)).toContain(`ScalingReplicaSet: Scaled up replica set ${String(rs.metadata.name)} to 3`);

      const agent = startAgent(h);
      await until(() => rolledOut(h), 'rolled out');
      await agent.stop();
      const done = await getDeployment(h);
      expect(condition(done, 'Available')).toMatchObject({ status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' });
      expect(condition(done, 'Progressing')).toMatchObject({ status: 'True', message: `ReplicaSet "${String(rs.metadata.name)}" has successfully progressed.` });
    });
  });

  it('rolls 6 replicas with maxSurge 1 / maxUnavailable 1: never over 7 pods nor under 5 available', async () => {
    await withDeployments(fx, async (h) => {
      await h.reg.create(deployment({ replicas: 6, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 1 } } }));
      const agent = startAgent(h);
      await until(() => rolledOut(h), 'first rollout');
      let maxPods = 0;
      let minAvailable = Infinity;
      const tracker = await trackPods(h, (pods) => {
        const active = [...pods.values()].filter(isActive);
        const available = active.filter(isReady).length;
        maxPods = Math.max(maxPods, active.length);
        minAvailable = Math.min(minAvailable, available);
        expect(active.length).toBeLessThanOrEqual(7);
        expect(available).toBeGreaterThanOrEqual(5);
      });
      await changeDeployment(h, (spec) => ({ ...spec, template: template('web:v2') }));
      await until(() => rolledOut(h), 'second rollout');
      await until(async () => (await list(h, POD)).every((p) => imageOf(p) === 'web:v2'), 'old pods gone');
      const states = tracker.stop();
      await agent.stop();
      expect(tracker.errors).toEqual([]);
      expect(states).toBeGreaterThan(12);
      expect(maxPods).toBe(7);
      expect(minAvailable).toBe(5);
      const sets = await byImage(h);
      expect(specReplicas(sets.get('web:v1')!)).toBe(0);
      expect(specReplicas(sets.get('web:v2')!)).toBe(6);
      expect(revisionOf(sets.get('web:v2')!)).toBe('2');
      expect(revisionOf(await getDeployment(h))).toBe('2');
      const lines = await eventLines(h);
      expect(lines.some((l) => /^ScalingReplicaSet: Scaled down replica set web-\w+ to 5 from 6$/.test(l))).toBe(true);
      expect(lines.some((l) => /^ScalingReplicaSet: Scaled up replica set web-\w+ to 2 from 1$/.test(l))).toBe(true);
    });
  });

  it('Recreate: scales the old pods away and makes the new ones only once none is left', async () => {
    await withDeployments(fx, async (h) => {
      await h.reg.create(deployment({ replicas: 3, strategy: { type: 'Recreate' } }));
      let agent = startAgent(h);
      await until(() => rolledOut(h), 'first rollout');
      await agent.stop();
      const tracker = await trackPods(h, (pods) => {
        const images = new Set([...pods.values()].map(imageOf));
        // Old pods, even Terminating ones, never share a moment with new ones.
        expect(images.has('web:v1') && images.has('web:v2')).toBe(false);
      });
      await changeDeployment(h, (spec) => ({ ...spec, template: template('web:v2') }));
      await h.settled();
      // Bound pods were deleted gracefully: Terminating, and holding the new ReplicaSet back.
      const pods = await list(h, POD);
      expect(pods).toHaveLength(3);
      expect(pods.every((p) => p.metadata.deletionTimestamp !== undefined)).toBe(true);
      expect((await list(h, RS)).map(imageOf)).toEqual(['web:v1']);
      agent = startAgent(h);
      await until(() => rolledOut(h), 'second rollout');
      await agent.stop();
      expect(tracker.stop()).toBeGreaterThan(3);
      expect(tracker.errors).toEqual([]);
      expect((await list(h, POD)).map(imageOf)).toEqual(['web:v2', 'web:v2', 'web:v2']);
    });
  });

  it('paused: no rollout step, Progressing says so, scaling still happens; resumed: the rollout goes on', async () => {
    await withDeployments(fx, async (h) => {
      await h.reg.create(deployment({ replicas: 2 }));
      const agent = startAgent(h);
      await until(() => rolledOut(h), 'first rollout');
      await changeDeployment(h, (spec) => ({ ...spec, paused: true, template: template('web:v2') }));
      await h.settled();
      expect((await list(h, RS)).map(imageOf)).toEqual(['web:v1']);
      const d = await getDeployment(h);
      expect(condition(d, 'Progressing')).toMatchObject({ status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused' });
      expect(statusOf(d).observedGeneration).toBe(d.metadata.generation);
      await changeDeployment(h, (spec) => ({ ...spec, replicas: 4 }));
      await until(async () => (await list(h, POD)).filter(isActive).length === 4, 'scaled while paused');
      expect((await list(h, RS)).map(imageOf)).toEqual(['web:v1']);

      await changeDeployment(h, (spec) => ({ ...spec, paused: false }));
      await until(() => rolledOut(h), 'rollout after resume');
      await agent.stop();
      const sets = await byImage(h);
      expect(specReplicas(sets.get('web:v2')!)).toBe(4);
      expect(specReplicas(sets.get('web:v1')!)).toBe(0);
    });
  });

  it('spreads replicas added mid-rollout over the ReplicaSets in proportion', async () => {
    await withDeployments(fx, async (h) => {
      await h.reg.create(deployment({ replicas: 6, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 1 } } }));
      const agent = startAgent(h);
      await until(() => rolledOut(h), 'first rollout');
      await agent.stop();
      // The new pods never become ready: the rollout stops at old 5 + new 2 (6 + 1 surge).
      await changeDeployment(h, (spec) => ({ ...spec, template: template('web:v2') }));
      await h.settled();
      let sets = await byImage(h);
      expect([specReplicas(sets.get('web:v1')!), specReplicas(sets.get('web:v2')!)]).toEqual([5, 2]);
      await changeDeployment(h, (spec) => ({ ...spec, replicas: 12 }));
      await h.settled();
      sets = await byImage(h);
      const old = specReplicas(sets.get('web:v1')!);
      const cur = specReplicas(sets.get('web:v2')!);
      expect(old + cur).toBe(13);
      // 13 pods over 7: old 5 * 13/7 = 9, new 2 * 13/7 = 4.
      expect(old).toBe(9);
      expect(cur).toBe(4);
      for (const rs of sets.values()) expect(rs.metadata.annotations?.['deployment.kubernetes.io/desired-replicas']).toBe('12');
    });
  });

  it('keeps revisionHistoryLimit old ReplicaSets, the newest ones', async () => {
    await withDeployments(fx, async (h) => {
      await h.reg.create(deployment({ replicas: 1, revisionHistoryLimit: 2 }));
      const agent = startAgent(h);
      await until(() => rolledOut(h), 'rollout 1');
      for (const v of [2, 3, 4, 5]) {
        await changeDeployment(h, (spec) => ({ ...spec, template: template(`web:v${v}`) }));
        await until(() => rolledOut(h), `rollout ${v}`);
      }
      await until(async () => (await list(h, RS)).length === 3, 'history trimmed');
      await agent.stop();
      const sets = await list(h, RS);
      expect(sets.map(imageOf).sort()).toEqual(['web:v3', 'web:v4', 'web:v5']);
      expect(sets.map((rs) => revisionOf(rs)).sort()).toEqual(['3', '4', '5']);
    });
  });

  it('undo to an old template reuses its ReplicaSet under a new revision', async () => {
    await withDeployments(fx, async (h) => {
      await h.reg.create(deployment({ replicas: 2 }));
      const agent = startAgent(h);
      await until(() => rolledOut(h), 'rollout 1');
      await changeDeployment(h, (spec) => ({ ...spec, template: template('web:v2') }));
      await until(() => rolledOut(h), 'rollout 2');
      const v1 = (await byImage(h)).get('web:v1')!;
      // What `rollout undo` writes: the old ReplicaSet's template without its hash label.
      const t = structuredClone((v1.spec as Rec).template as Rec);
      delete ((t.metadata as Rec).labels as Rec)[POD_TEMPLATE_HASH_LABEL];
      await changeDeployment(h, (spec) => ({ ...spec, template: t }));
      await until(() => rolledOut(h), 'rollout 3');
      await agent.stop();
      const sets = await list(h, RS);
      expect(sets).toHaveLength(2);
      const again = sets.find((rs) => imageOf(rs) === 'web:v1')!;
      expect(again.metadata.uid).toBe(v1.metadata.uid);
      expect(specReplicas(again)).toBe(2);
      expect(again.metadata.annotations).toMatchObject({ 'deployment.kubernetes.io/revision': '3', 'deployment.kubernetes.io/revision-history': '1' });
      expect(revisionOf(await getDeployment(h))).toBe('3');
    });
  });

  it('adopts an orphan ReplicaSet that matches, and releases one that stops matching', async () => {
    await withDeployments(fx, async (h) => {
      await h.reg.create(deployment({ replicas: 1 }));
      await h.settled();
      const [rs] = await list(h, RS);
      // Orphaned (as `delete --cascade=orphan` leaves it), then adopted again.
      await h.reg.modify(RS, 'default', String(rs!.metadata.name), {}, (cur) => ({ ...cur, metadata: { ...cur.metadata, ownerReferences: undefined } }));
      await h.settled();
      const back = (await list(h, RS))[0]!;
      expect(back.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Deployment', name: 'web', controller: true });
      expect(await list(h, RS)).toHaveLength(1);
      // Relabelled out of the selector: released, and a new one made.
      await h.reg.modify(RS, 'default', String(rs!.metadata.name), {}, (cur) => ({ ...cur, metadata: { ...cur.metadata, labels: { app: 'other' } } }));
      await h.settled();
      const released = await h.reg.get(RS, 'default', String(rs!.metadata.name));
      expect(released.metadata.ownerReferences).toBeUndefined();
      // Its name is the template's hash, now taken by another's ReplicaSet: collisionCount goes up.
      const owned = (await list(h, RS)).filter((x) => x.metadata.ownerReferences?.[0]?.name === 'web');
      expect(owned).toHaveLength(1);
      expect(owned[0]!.metadata.name).not.toBe(rs!.metadata.name);
      expect(statusOf(await getDeployment(h)).collisionCount).toBe(1);
    });
  });
});
