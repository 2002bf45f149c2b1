// Proves the node agent with the process runtime on a real 3-replica cluster and real agents:
// pods run and their logs and exec work; a crashing container restarts with growing back-off; a
// failing liveness probe restarts it; readiness gates Ready; a memory hog is OOMKilled (where
// cgroups exist); deletion sends SIGTERM first; ConfigMap and Secret values arrive as env and
// files (and files follow updates); kill -9 of an agent and a restart leaves each pod running
// exactly once; and an agent gone for good makes its node NotReady and its pods evicted.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, KubeObject } from '../../client/index.js';
import { BerthAgents, FAST_RESTARTS } from '../support/berth-agent.js';
import { BerthCluster } from '../support/berth-cluster.js';
import { Resources, waitFor } from '../support/procs.js';

let res: Resources;
let cluster: BerthCluster;
let agents: BerthAgents;
let client: Client;
let shared: string;
const NS = 'default';

beforeAll(async () => {
  res = new Resources();
  cluster = await BerthCluster.start(res, { replicas: 3 });
  agents = await BerthAgents.create(res, cluster);
  client = cluster.client();
  shared = await res.tempDir('berth-agent-files-');
  agents.start('a1', FAST_RESTARTS);
  agents.start('a2', FAST_RESTARTS);
  await waitFor(async () => (await client.list('Node')).items.filter((n) => ready(n)).length === 2, { what: 'two Ready nodes', timeoutMs: 30_000 });
}, 90_000);

afterAll(async () => {
  client?.close();
  await agents?.cleanup();
  await res.cleanup();
});

function ready(obj: KubeObject): boolean {
  return ((obj.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

interface ContainerStatus {
  name: string;
  restartCount: number;
  ready: boolean;
  state: { running?: unknown; waiting?: { reason: string }; terminated?: { exitCode: number; reason: string } };
  lastState?: { terminated?: { exitCode: number; reason: string } };
  allocatedPorts?: { name: string; containerPort: number }[];
}

function statusOf(pod: KubeObject): { phase?: string; containerStatuses?: ContainerStatus[] } {
  return (pod.status ?? {}) as { phase?: string; containerStatuses?: ContainerStatus[] };
}

function sh(script: string): string[] {
  return ['/bin/sh', '-c', script];
}

function pod(name: string, node: string, containers: Record<string, unknown>[], extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: NS },
    spec: { nodeName: node, terminationGracePeriodSeconds: 5, containers: containers.map((c) => ({ image: 'busybox', ...c })), ...extra },
  };
}

async function getPod(name: string): Promise<KubeObject> {
  return client.get('Pod', name, { namespace: NS });
}

async function waitPod(name: string, what: string, check: (p: KubeObject) => boolean, timeoutMs = 20_000): Promise<KubeObject> {
  let last: KubeObject | undefined;
  await waitFor(
    async () => {
      last = await getPod(name).catch(() => undefined);
      return last !== undefined && check(last);
    },
    { what: `${name}: ${what} (last status ${JSON.stringify(last?.status)})\n${agents.logs()}`, timeoutMs, intervalMs: 150 },
  );
  return last!;
}

async function logsOf(name: string, options: { container?: string; previous?: boolean } = {}): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of client.nodes.logs(name, { namespace: NS, ...options })) chunks.push(c);
  return Buffer.concat(chunks).toString();
}

async function logsOfTail(name: string, tailLines: number): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of client.nodes.logs(name, { namespace: NS, tailLines })) chunks.push(c);
  return Buffer.concat(chunks).toString();
}

async function deleteAndWait(name: string): Promise<void> {
  await client.delete('Pod', name, { namespace: NS }).catch(() => undefined);
  await waitFor(async () => (await getPod(name).catch(() => undefined)) === undefined, { what: `${name} gone`, timeoutMs: 20_000 });
}

describe('berth agent with the process runtime', () => {
  it('runs a pod, reports it Running and Ready, serves its logs and exec, and gives a named port a free port', async () => {
    await client.create(
      pod('hello', 'a1', [{ name: 'main', command: sh('echo "hello from $BERTH_POD_NAME on port $PORT"; exec sleep 3600'), ports: [{ name: 'http', containerPort: 0 }] }]),
    );
    const p = await waitPod('hello', 'Running and Ready', (x) => statusOf(x).phase === 'Running' && ready(x));
    const cs = statusOf(p).containerStatuses![0]!;
    const port = cs.allocatedPorts?.find((x) => x.name === 'http')?.containerPort ?? 0;
    expect(port).toBeGreaterThan(0);
    await waitFor(async () => (await logsOf('hello')).includes(`hello from hello on port ${port}`), { what: 'the log line', timeoutMs: 10_000 });
    const out = await client.nodes.execCollect('hello', ['/bin/sh', '-c', 'echo "$BERTH_PORT_HTTP"; exit 7'], { namespace: NS });
    expect(out.stdout.toString().trim()).toBe(String(port));
    expect(out.exitCode).toBe(7);
    expect((p.status as { podIP?: string }).podIP).toBe('127.0.0.1');
    await deleteAndWait('hello');
  }, 60_000);

  it('follows a log as it grows, and tails the last lines', async () => {
    await client.create(pod('ticker', 'a2', [{ name: 'c', command: sh('i=0; while true; do i=$((i+1)); echo "tick $i"; sleep 0.1; done') }]));
    await waitPod('ticker', 'Running', (x) => statusOf(x).phase === 'Running');
    const ac = new AbortController();
    let text = '';
    for await (const c of client.nodes.logs('ticker', { namespace: NS, follow: true, signal: ac.signal })) {
      text += c.toString();
      if (/tick 15\n/.test(text)) ac.abort();
    }
    expect(text).toMatch(/^tick 1\ntick 2\n(.|\n)*tick 15\n/);
    const tail = await logsOfTail('ticker', 2);
    expect(tail.trim().split('\n')).toHaveLength(2);
    expect(tail).toMatch(/^tick \d+\ntick \d+\n$/);
    await deleteAndWait('ticker');
  }, 60_000);

  it('reports a container without a command, without crashing anything', async () => {
    await client.create(pod('nocmd', 'a2', [{ name: 'web', image: 'nginx' }]));
    const p = await waitPod('nocmd', 'waiting with a reason', (x) => statusOf(x).containerStatuses?.[0]?.state.waiting !== undefined);
    expect(statusOf(p).containerStatuses![0]!.state.waiting!.reason).toBe('CreateContainerError');
    expect(statusOf(p).phase).toBe('Pending');
    await deleteAndWait('nocmd');
  }, 60_000);

  it('restarts a crashing container with back-off, counting restarts, and keeps the previous log', async () => {
    await client.create(pod('crasher', 'a1', [{ name: 'c', command: sh('echo "run $(date +%s%N)"; exit 3') }]));
    const p = await waitPod('crasher', 'restarted at least 3 times', (x) => (statusOf(x).containerStatuses?.[0]?.restartCount ?? 0) >= 3, 30_000);
    const cs = statusOf(p).containerStatuses![0]!;
    expect(cs.lastState?.terminated?.exitCode).toBe(3);
    await waitPod('crasher', 'CrashLoopBackOff', (x) => statusOf(x).containerStatuses?.[0]?.state.waiting?.reason === 'CrashLoopBackOff', 30_000);
    expect(await logsOf('crasher', { previous: true })).toMatch(/^run \d+/);
    await deleteAndWait('crasher');
  }, 90_000);

  it('restarts a container whose liveness probe fails, and gates Ready on readiness', async () => {
    const flag = join(shared, 'ready-flag');
    await client.create(
      pod('probed', 'a2', [
        {
          name: 'c',
          command: sh('exec sleep 3600'),
          livenessProbe: { exec: { command: ['/bin/sh', '-c', 'exit 1'] }, initialDelaySeconds: 1, periodSeconds: 1, failureThreshold: 2 },
        },
        {
          name: 'r',
          command: sh('exec sleep 3600'),
          readinessProbe: { exec: { command: ['/bin/sh', '-c', `test -f ${flag}`] }, periodSeconds: 1 },
        },
      ]),
    );
    await waitPod('probed', 'liveness restarts', (x) => (statusOf(x).containerStatuses?.find((c) => c.name === 'c')?.restartCount ?? 0) >= 1, 30_000);
    let p = await getPod('probed');
    expect(ready(p)).toBe(false);
    expect(statusOf(p).containerStatuses?.find((c) => c.name === 'r')?.ready).toBe(false);
    writeFileSync(flag, 'ok');
    p = await waitPod('probed', 'container r ready', (x) => statusOf(x).containerStatuses?.find((c) => c.name === 'r')?.ready === true);
    expect(statusOf(p).containerStatuses?.find((c) => c.name === 'r')?.restartCount).toBe(0);
    await deleteAndWait('probed');
  }, 90_000);

  it('sends SIGTERM first when a pod is deleted, and removes it once it stopped', async () => {
    const file = join(shared, 'term');
    await client.create(pod('graceful', 'a1', [{ name: 'c', command: sh(`trap 'echo got TERM > ${file}; exit 0' TERM; while true; do sleep 0.1; done`) }], { terminationGracePeriodSeconds: 20 }));
    await waitPod('graceful', 'Running', (x) => statusOf(x).phase === 'Running');
    const t0 = Date.now();
    await deleteAndWait('graceful');
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(readFileSync(file, 'utf8').trim()).toBe('got TERM');
  }, 60_000);

  it('gives env and files from ConfigMaps and Secrets, and rewrites files when they change', async () => {
    await client.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app-config', namespace: NS }, data: { GREETING: 'hi there', 'app.conf': 'level=1' } });
    await client.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'app-secret', namespace: NS }, stringData: { password: 's3cret' } });
    await client.create(
      pod(
        'configured',
        'a2',
        [
          {
            name: 'c',
            command: sh('echo "greeting=$GREETING pw=$PASSWORD"; echo "file=$(cat $BERTH_VOLUME_CONF/app.conf) secret=$(cat $BERTH_VOLUME_CREDS/password)"; exec sleep 3600'),
            env: [
              { name: 'GREETING', valueFrom: { configMapKeyRef: { name: 'app-config', key: 'GREETING' } } },
              { name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'app-secret', key: 'password' } } },
            ],
            volumeMounts: [
              { name: 'conf', mountPath: '/etc/app' },
              { name: 'creds', mountPath: '/etc/creds' },
            ],
          },
        ],
        { volumes: [{ name: 'conf', configMap: { name: 'app-config' } }, { name: 'creds', secret: { secretName: 'app-secret' } }] },
      ),
    );
    await waitPod('configured', 'Running', (x) => statusOf(x).phase === 'Running');
    await waitFor(async () => (await logsOf('configured')).includes('file=level=1 secret=s3cret'), { what: 'the files', timeoutMs: 10_000 });
    expect(await logsOf('configured')).toContain('greeting=hi there pw=s3cret');
    await client.patch('ConfigMap', 'app-config', { data: { 'app.conf': 'level=2' } }, { namespace: NS });
    await waitFor(
      async () => (await client.nodes.execCollect('configured', ['/bin/sh', '-c', 'cat $BERTH_VOLUME_CONF/app.conf'], { namespace: NS })).stdout.toString() === 'level=2',
      { what: 'the file rewritten', timeoutMs: 20_000, intervalMs: 300 },
    );
    await deleteAndWait('configured');
  }, 60_000);

  it('OOM-kills a container over its memory limit where cgroups exist', async (ctx) => {
    const cgroups = existsSync('/sys/fs/cgroup/memory/memory.limit_in_bytes') || (existsSync('/sys/fs/cgroup/cgroup.controllers') && readFileSync('/sys/fs/cgroup/cgroup.controllers', 'utf8').includes('memory'));
    if (!cgroups) {
      ctx.skip(); // no memory cgroup on this host: limits cannot be enforced, so there is nothing to test
      return;
    }
    const hog = `const a=[];for(;;){const b=Buffer.alloc(8<<20);b.fill(1);a.push(b);}`;
    await client.create(pod('hog', 'a1', [{ name: 'c', command: [process.execPath, '-e', hog], resources: { limits: { memory: '48Mi' } } }], { restartPolicy: 'Never' }));
    const p = await waitPod('hog', 'terminated', (x) => statusOf(x).containerStatuses?.[0]?.state.terminated !== undefined, 30_000);
    expect(statusOf(p).containerStatuses![0]!.state.terminated).toMatchObject({ reason: 'OOMKilled', exitCode: 137 });
    expect(statusOf(p).phase).toBe('Failed');
    await deleteAndWait('hog');
  }, 60_000);

  it('keeps each pod running exactly once across kill -9 and restart of its agent', async () => {
    const names = ['once-1', 'once-2', 'once-3'];
    for (const name of names) {
      await client.create(
        pod(name, 'a2', [{ name: 'c', // $$$$: Kubernetes reduces $$ to $ in commands, so the shell sees $$ (its pid).
          command: sh(`echo $$$$ >> ${join(shared, name)}.pids; exec sleep 3600`) }], {
          volumes: [{ name: 'scratch', emptyDir: {} }],
        }),
      );
    }
    for (const name of names) await waitPod(name, 'Running', (x) => statusOf(x).phase === 'Running');
    // Each pod's command appends its pid once per start: one line means it started once.
    const pids = (n: string): string[] => readFileSync(join(shared, `${n}.pids`), 'utf8').trim().split('\n');
    for (const n of names) expect(pids(n), `${n} started more than once`).toHaveLength(1);
    const before = names.map((n) => pids(n)[0]!);
    await agents.procs.get('a2')!.kill();
    // Meanwhile one pod is deleted for good: the restarted agent must stop it.
    await client.delete('Pod', 'once-3', { namespace: NS, gracePeriodSeconds: 0 });
    agents.start('a2', FAST_RESTARTS);
    await waitFor(async () => ready(await client.get('Node', 'a2')), { what: 'a2 Ready again', timeoutMs: 20_000 });
    await new Promise((r) => setTimeout(r, 3_000));
    for (const [i, name] of names.slice(0, 2).entries()) {
      const p = await getPod(name);
      expect(statusOf(p).phase).toBe('Running');
      expect(statusOf(p).containerStatuses![0]!.restartCount).toBe(0);
      expect(pids(name)).toEqual([before[i]]);
      expect(() => process.kill(Number(before[i]), 0)).not.toThrow();
    }
    await waitFor(
      () => {
        try {
          process.kill(Number(before[2]), 0);
          return false;
        } catch {
          return true;
        }
      },
      { what: 'the deleted pod stopped by the restarted agent', timeoutMs: 10_000 },
    );
    for (const name of names.slice(0, 2)) await deleteAndWait(name);
  }, 90_000);

  it('drains a node: its pods are stopped gracefully and gone, and no pod is lost or doubled by it', async () => {
    await client.create(pod('drainee', 'a1', [{ name: 'c', command: sh('exec sleep 3600') }]));
    await waitPod('drainee', 'Running', (x) => statusOf(x).phase === 'Running');
    const progress: string[] = [];
    await client.nodes.drain('a1', { force: true, timeoutMs: 30_000, onProgress: (p) => progress.push(`${p.phase} ${p.pod}`) });
    expect(progress).toContain('gone drainee');
    expect(await getPod('drainee').catch(() => undefined)).toBeUndefined();
    expect(((await client.get('Node', 'a1')).spec as { unschedulable?: boolean }).unschedulable).toBe(true);
    await client.nodes.uncordon('a1');
  }, 60_000);

  it('keeps pods running once across kill -9 of the leader, and starts pods bound after it', async () => {
    await client.create(pod('survivor', 'a1', [{ name: 'c', command: sh(`echo $$$$ >> ${join(shared, 'survivor')}.pids; exec sleep 3600`) }]));
    await waitPod('survivor', 'Running', (x) => statusOf(x).phase === 'Running');
    const leader = await cluster.waitForLeader();
    await cluster.procs.get(leader)!.kill();
    // A write sent while no leader is known may time out with an unknown outcome; wait for one.
    await cluster.waitForLeader(cluster.specs.map((x) => x.id).filter((id) => id !== leader));
    await client.create(pod('newcomer', 'a1', [{ name: 'c', command: sh('exec sleep 3600') }]));
    await waitPod('newcomer', 'Running on the new leader', (x) => statusOf(x).phase === 'Running', 30_000);
    const survivor = await getPod('survivor');
    expect(statusOf(survivor).containerStatuses![0]!.restartCount).toBe(0);
    expect(readFileSync(join(shared, 'survivor.pids'), 'utf8').trim().split('\n')).toHaveLength(1);
    // The new leader gave the node a fresh grace period: it never went NotReady.
    const events = await client.list('Event', { namespace: NS });
    expect(events.items.filter((e) => (e as { reason?: string; involvedObject?: { name?: string } }).reason === 'NodeNotReady' && (e as { involvedObject?: { name?: string } }).involvedObject?.name === 'a1')).toHaveLength(0);
    cluster.restart(leader);
    await deleteAndWait('survivor');
    await deleteAndWait('newcomer');
  }, 90_000);

  it('makes the node of an agent gone for good NotReady and evicts its pods', async () => {
    agents.start('a3', FAST_RESTARTS);
    await waitFor(async () => ready(await client.get('Node', 'a3').catch(() => ({ metadata: {} }) as KubeObject)), { what: 'a3 Ready', timeoutMs: 20_000 });
    await client.create(pod('doomed', 'a3', [{ name: 'c', command: sh('exec sleep 3600') }]));
    await waitPod('doomed', 'Running', (x) => statusOf(x).phase === 'Running');
    const t0 = Date.now();
    await agents.procs.get('a3')!.kill();
    await waitFor(async () => !ready(await client.get('Node', 'a3')), { what: 'a3 NotReady', timeoutMs: 15_000, intervalMs: 100 });
    const notReady = Date.now() - t0;
    await waitPod('doomed', 'marked for deletion', (x) => x.metadata.deletionTimestamp !== undefined, 15_000);
    const evicted = Date.now() - t0;
    expect(notReady).toBeLessThan(7_000);
    expect(evicted).toBeLessThan(13_000);
    await client.delete('Pod', 'doomed', { namespace: NS, gracePeriodSeconds: 0 });
  }, 60_000);
});
