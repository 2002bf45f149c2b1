// Proves the scheduler and the workload controllers on a real 3-replica cluster with real agents
// running real processes: a rolling update of 6 replicas stays within maxSurge/maxUnavailable at
// every step and `rollout undo` restores the template; a crash-looping rollout is rolled back by
// itself and `apply --wait` fails; kill -9 of the leader in the middle of a rollout and a scale-up
// ends with exactly the desired pods; StatefulSet pods come up in order and keep their name, node
// and data across restarts; a DaemonSet covers a node that joins later; a Job stops at its
// backoffLimit; a CronJob fires on a schedule of seconds; deletes cascade (or orphan); and pods of
// an agent that died for good run again on the other nodes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify as toYaml } from 'yaml';
import type { Client, KubeObject, ObjectWatch } from '../../client/index.js';
import { BerthAgents, FAST_RESTARTS } from '../support/berth-agent.js';
import { runBerth, shownRun } from '../support/berth-cli.js';
import type { CliRun } from '../support/berth-cli.js';
import { BerthCluster } from '../support/berth-cluster.js';
import { Resources, waitFor } from '../support/procs.js';

let res: Resources;
let cluster: BerthCluster;
let agents: BerthAgents;
let client: Client;
let home: string;
const NS = 'default';
const TEST_TIMEOUT_MS = 120_000;

type Rec = Record<string, unknown>;

beforeAll(async () => {
  res = new Resources();
  cluster = await BerthCluster.start(res, { replicas: 3 });
  agents = await BerthAgents.create(res, cluster);
  client = cluster.client();
  home = await res.tempDir('berth-ctl-home-');
  for (const n of ['n1', 'n2', 'n3']) agents.start(n, FAST_RESTARTS);
  await waitFor(async () => (await client.list('Node')).items.filter(nodeReady).length === 3, { what: 'three Ready nodes', timeoutMs: 30_000 });
}, 90_000);

afterAll(async () => {
  client?.close();
  await agents?.cleanup();
  await res?.cleanup();
});

function berth(args: readonly string[], options: { stdin?: string; timeoutMs?: number } = {}): Promise<CliRun> {
  return runBerth(args, { servers: cluster.endpoints().join(','), home, ...options });
}

function conditions(obj: KubeObject): { type: string; status: string; reason?: string }[] {
  return ((obj.status as Rec | undefined)?.conditions as { type: string; status: string; reason?: string }[] | undefined) ?? [];
}

function nodeReady(n: KubeObject): boolean {
  return conditions(n).some((c) => c.type === 'Ready' && c.status === 'True');
}

function podReady(p: KubeObject): boolean {
  return (p.status as Rec | undefined)?.phase === 'Running' && conditions(p).some((c) => c.type === 'Ready' && c.status === 'True');
}

const sh = (script: string): string[] => ['/bin/sh', '-c', script];

function deployment(name: string, replicas: number, version: string, extra: { annotations?: Record<string, string>; command?: string[]; strategy?: Rec } = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: NS, ...(extra.annotations ? { annotations: extra.annotations } : {}) },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      strategy: extra.strategy ?? { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 1 } },
      progressDeadlineSeconds: 30,
      template: {
        metadata: { labels: { app: name } },
        spec: {
          terminationGracePeriodSeconds: 2,
          containers: [{ name: 'app', image: 'busybox', command: extra.command ?? sh('exec sleep 3600'), env: [{ name: 'VERSION', value: version }] }],
        },
      },
    },
  };
}

async function podsOf(app: string): Promise<KubeObject[]> {
  return (await client.list('Pod', { namespace: NS, labelSelector: `app=${app}` })).items;
}

const live = (pods: readonly KubeObject[]): KubeObject[] => pods.filter((p) => p.metadata.deletionTimestamp === undefined);

function versionOf(p: KubeObject): string | undefined {
  const c = ((p.spec as Rec).containers as { env?: { name: string; value: string }[] }[])[0];
  return c?.env?.find((e) => e.name === 'VERSION')?.value;
}

/** Waits until the app has exactly `n` live pods, all Ready and of `version`, and nothing terminating. */
async function waitSettled(app: string, n: number, version: string, timeoutMs = 60_000): Promise<KubeObject[]> {
  let last: KubeObject[] = [];
  await waitFor(
    async () => {
      last = await podsOf(app);
      return last.length === n && last.every((p) => podReady(p) && versionOf(p) === version && p.metadata.deletionTimestamp === undefined);
    },
    {
      what: `${app}: ${n} Ready pods of ${version} (have ${last.length}: ${last.map((p) => `${String(p.metadata.name)}/${versionOf(p)}/${String((p.status as Rec | undefined)?.phase)}${p.metadata.deletionTimestamp ? '/terminating' : ''}`).join(' ')})\n${agents.logs()}`,
      timeoutMs,
      intervalMs: 200,
    },
  );
  return last;
}

async function setVersion(name: string, version: string): Promise<void> {
  await client.patch('Deployment', name, { spec: { template: { spec: { containers: [{ name: 'app', image: 'busybox', command: sh('exec sleep 3600'), env: [{ name: 'VERSION', value: version }] }] } } } }, { namespace: NS });
}

describe('scheduler and workload controllers on real agents', () => {
  it(
    'rolls 6 replicas within maxSurge 1 / maxUnavailable 1 at every step, and rollout undo restores the template',
    async () => {
      await client.create(deployment('rolling', 6, 'v1'));
      await waitSettled('rolling', 6, 'v1');
      // Follow every pod change during the rollout and check the bounds after each.
      const pods = new Map<string, KubeObject>();
      for (const p of await podsOf('rolling')) pods.set(String(p.metadata.uid), p);
      const w: ObjectWatch = client.watch('Pod', { namespace: NS, labelSelector: 'app=rolling' });
      const violations: string[] = [];
      let maxTotal = 0;
      let minReady = Infinity;
      const follow = (async () => {
        for await (const e of w) {
          if (e.object === undefined) continue;
          if (e.type === 'DELETED') pods.delete(String(e.object.metadata.uid));
          else pods.set(String(e.object.metadata.uid), e.object);
          const all = live([...pods.values()]);
          const ready = all.filter(podReady).length;
          maxTotal = Math.max(maxTotal, all.length);
          minReady = Math.min(minReady, ready);
          if (all.length > 7) violations.push(`${all.length} pods`);
          if (ready < 5) violations.push(`${ready} ready`);
        }
      })();
      await setVersion('rolling', 'v2');
      await waitSettled('rolling', 6, 'v2');
      w.close();
      await follow.catch(() => undefined);
      expect(violations, `bounds broken: ${violations.join(', ')}`).toEqual([]);
      expect(maxTotal).toBeGreaterThan(6); // it did surge
      expect(minReady).toBeGreaterThanOrEqual(5);

      const undo = await berth(['rollout', 'undo', 'deployment/rolling']);
      expect(undo.code, shownRun(undo)).toBe(0);
      await waitSettled('rolling', 6, 'v1');
      const status = await berth(['rollout', 'status', 'deployment/rolling', '--timeout', '60s'], { timeoutMs: 70_000 });
      expect(status.code, shownRun(status)).toBe(0);
      expect(status.stdout).toContain('successfully rolled out');
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'rolls a crash-looping rollout back by itself, and apply --wait exits non-zero',
    async () => {
      const auto = { 'berth.io/auto-rollback': 'true' };
      await client.create(deployment('crashy', 3, 'v1', { annotations: auto }));
      await waitSettled('crashy', 3, 'v1');
      const bad = deployment('crashy', 3, 'v2', { annotations: auto, command: sh('echo broken; exit 1') });
      const applied = await berth(['apply', '-f', '-', '--wait', '--timeout', '90s'], { stdin: toYaml(bad), timeoutMs: 100_000 });
      expect(applied.code, shownRun(applied)).not.toBe(0);
      expect(applied.stderr).toMatch(/rolled back/i);
      await waitSettled('crashy', 3, 'v1');
      const d = await client.get('Deployment', 'crashy', { namespace: NS });
      expect(d.metadata.annotations?.['berth.io/rolled-back-generation']).toBeDefined();
      const events = (await client.list('Event', { namespace: NS })).items.filter((e) => e.reason === 'AutoRollback' && (e.involvedObject as Rec).name === 'crashy');
      expect(events.length).toBe(1);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'ends with exactly the desired pods after kill -9 of the leader in the middle of a scale-up and a rollout',
    async () => {
      await client.create(deployment('sturdy', 3, 'v1'));
      await waitSettled('sturdy', 3, 'v1');
      const leader = await cluster.waitForLeader();
      await client.patch('Deployment', 'sturdy', { spec: { replicas: 9 } }, { namespace: NS });
      await setVersion('sturdy', 'v2');
      await new Promise((r) => setTimeout(r, 150));
      await cluster.procs.get(leader)!.kill();
      await cluster.waitForLeader(cluster.specs.map((s) => s.id).filter((id) => id !== leader));
      cluster.restart(leader);
      const pods = await waitSettled('sturdy', 9, 'v2', 90_000);
      // And it stays that way: no late duplicate from the old leader.
      await new Promise((r) => setTimeout(r, 3000));
      expect(live(await podsOf('sturdy')).map((p) => p.metadata.name).sort()).toEqual(pods.map((p) => p.metadata.name).sort());
      const rs = (await client.list('ReplicaSet', { namespace: NS })).items.filter((r) => r.metadata.ownerReferences?.[0]?.name === 'sturdy');
      expect(rs.map((r) => (r.spec as Rec).replicas).sort()).toEqual([0, 9]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'starts StatefulSet pods in order and keeps each one\'s name, node and data across restarts',
    async () => {
      const order: string[] = [];
      const w = client.watch('Pod', { namespace: NS, labelSelector: 'app=db' });
      const readyAt = new Map<string, number>();
      const addedAt = new Map<string, number>();
      const follow = (async () => {
        for await (const e of w) {
          if (e.object === undefined) continue;
          const name = String(e.object.metadata.name);
          if (e.type === 'ADDED' && !addedAt.has(name)) {
            addedAt.set(name, performance.now());
            order.push(name);
          }
          if (podReady(e.object) && !readyAt.has(name)) readyAt.set(name, performance.now());
        }
      })();
      await client.create({
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: { name: 'db', namespace: NS },
        spec: {
          replicas: 3,
          serviceName: 'db',
          selector: { matchLabels: { app: 'db' } },
          template: {
            metadata: { labels: { app: 'db' } },
            spec: {
              terminationGracePeriodSeconds: 2,
              containers: [{ name: 'db', image: 'busybox', command: sh('echo "$HOSTNAME" >> "$BERTH_VOLUME_DATA/boots"; exec sleep 3600'), volumeMounts: [{ name: 'data', mountPath: '/data' }] }],
            },
          },
          volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
        },
      });
      await waitFor(async () => (await podsOf('db')).filter(podReady).length === 3, { what: 'db-0..2 Ready', timeoutMs: 60_000 });
      expect(order.slice(0, 3)).toEqual(['db-0', 'db-1', 'db-2']);
      expect(addedAt.get('db-1')!).toBeGreaterThanOrEqual(readyAt.get('db-0')!);
      expect(addedAt.get('db-2')!).toBeGreaterThanOrEqual(readyAt.get('db-1')!);

      const before = await client.get('Pod', 'db-1', { namespace: NS });
      await client.delete('Pod', 'db-1', { namespace: NS });
      await waitFor(
        async () => {
          const p = await client.get('Pod', 'db-1', { namespace: NS }).catch(() => undefined);
          return p !== undefined && p.metadata.uid !== before.metadata.uid && podReady(p);
        },
        { what: 'a new db-1 Ready', timeoutMs: 60_000 },
      );
      w.close();
      await follow.catch(() => undefined);
      const after = await client.get('Pod', 'db-1', { namespace: NS });
      expect((after.spec as Rec).nodeName).toBe((before.spec as Rec).nodeName);
      expect((after.spec as Rec).hostname).toBe('db-1');
      // The same claim directory: the second start appended to the first start's file.
      const out = await client.nodes.execCollect('db-1', ['/bin/sh', '-c', 'cat "$BERTH_VOLUME_DATA/boots"'], { namespace: NS });
      expect(out.stdout.toString().trim().split('\n')).toEqual(['db-1', 'db-1']);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'runs a DaemonSet pod on every node, including one that joins later',
    async () => {
      await client.create({
        apiVersion: 'apps/v1',
        kind: 'DaemonSet',
        metadata: { name: 'logger', namespace: NS },
        spec: {
          selector: { matchLabels: { app: 'logger' } },
          template: { metadata: { labels: { app: 'logger' } }, spec: { terminationGracePeriodSeconds: 2, containers: [{ name: 'l', image: 'busybox', command: sh('exec sleep 3600') }] } },
        },
      });
      const nodesOf = async (): Promise<string[]> => (await podsOf('logger')).filter(podReady).map((p) => String((p.spec as Rec).nodeName)).sort();
      await waitFor(async () => (await nodesOf()).join() === 'n1,n2,n3', { what: 'logger on n1..n3', timeoutMs: 30_000 });
      agents.start('n4', FAST_RESTARTS);
      await waitFor(async () => (await nodesOf()).join() === 'n1,n2,n3,n4', { what: 'logger on n4 too', timeoutMs: 30_000 });
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'stops a failing Job at its backoffLimit',
    async () => {
      await client.create({
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: { name: 'failing', namespace: NS },
        spec: { backoffLimit: 2, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'j', image: 'busybox', command: sh('exit 3') }] } } },
      });
      let job: KubeObject | undefined;
      await waitFor(
        async () => {
          job = await client.get('Job', 'failing', { namespace: NS });
          return conditions(job).some((c) => c.type === 'Failed' && c.status === 'True');
        },
        { what: 'the Job to fail', timeoutMs: 60_000 },
      );
      expect(conditions(job!).find((c) => c.type === 'Failed')?.reason).toBe('BackoffLimitExceeded');
      expect((job!.status as Rec).failed).toBe(3);
      await new Promise((r) => setTimeout(r, 2000));
      const pods = (await client.list('Pod', { namespace: NS, labelSelector: 'batch.kubernetes.io/job-name=failing' })).items;
      expect(pods.length).toBe(3);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'fires a CronJob on a schedule of seconds',
    async () => {
      await client.create({
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata: { name: 'tick', namespace: NS },
        spec: {
          schedule: '@every 2s',
          successfulJobsHistoryLimit: 10,
          jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 't', image: 'busybox', command: sh('echo tick') }] } } } },
        },
      });
      const done = async (): Promise<KubeObject[]> =>
        (await client.list('Job', { namespace: NS })).items.filter((j) => j.metadata.ownerReferences?.[0]?.name === 'tick' && conditions(j).some((c) => c.type === 'Complete' && c.status === 'True'));
      await waitFor(async () => (await done()).length >= 2, { what: 'two completed Jobs of tick', timeoutMs: 30_000 });
      const names = (await done()).map((j) => String(j.metadata.name));
      expect(new Set(names).size).toBe(names.length);
      await client.patch('CronJob', 'tick', { spec: { suspend: true } }, { namespace: NS });
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'cascades deletes to ReplicaSets and pods, and orphans them on request',
    async () => {
      const run = await berth(['delete', 'deployment/rolling']);
      expect(run.code, shownRun(run)).toBe(0);
      await waitFor(async () => (await podsOf('rolling')).length === 0, { what: 'rolling\'s pods gone', timeoutMs: 30_000 });
      const rsLeft = (await client.list('ReplicaSet', { namespace: NS })).items.filter((r) => r.metadata.name?.startsWith('rolling-'));
      expect(rsLeft).toEqual([]);

      const orphan = await berth(['delete', 'deployment/crashy', '--cascade=orphan']);
      expect(orphan.code, shownRun(orphan)).toBe(0);
      await waitFor(async () => (await client.list('ReplicaSet', { namespace: NS })).items.filter((r) => r.metadata.name?.startsWith('crashy-') && (r.metadata.ownerReferences ?? []).length === 0).length >= 1, {
        what: 'crashy\'s ReplicaSets orphaned',
        timeoutMs: 20_000,
      });
      expect(live(await podsOf('crashy')).length).toBe(3);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'runs the pods of an agent that died for good on the other nodes',
    async () => {
      await client.create(deployment('mover', 4, 'v1'));
      const pods = await waitSettled('mover', 4, 'v1');
      const victim = String((pods[0]!.spec as Rec).nodeName);
      const t0 = performance.now();
      await agents.procs.get(victim)!.kill();
      await waitFor(
        async () => {
          const now = live(await podsOf('mover')).filter((p) => podReady(p) && (p.spec as Rec).nodeName !== victim);
          return now.length === 4;
        },
        { what: `mover's pods Running off ${victim}`, timeoutMs: 40_000 },
      );
      const seconds = (performance.now() - t0) / 1000;
      expect(seconds).toBeLessThan(40);
    },
    TEST_TIMEOUT_MS,
  );
});
