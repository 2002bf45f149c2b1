// Proves the object API's Kubernetes semantics against a real 3-replica cluster of `berth server`
// processes: CRUD with resourceVersion conflicts, the status subresource and generation, apply,
// label and field selectors, consistent pagination, finalizers, namespace deletion, forwarding
// from followers, validation messages, and a watch that resumes across kill -9 of the leader
// with no missed and no duplicated event. The replicas run without controllers (the API alone,
// as kube-apiserver's own tests run without a controller manager), so that what is stored is
// exactly what the test wrote and revisions can be compared exactly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, InvalidError, NotFoundError, isBerthError } from '../../client/index.js';
import type { Client, KubeObject } from '../../client/index.js';
import { BerthCluster } from '../support/berth-cluster.js';
import { Resources, waitFor } from '../support/procs.js';

let res: Resources;
let cluster: BerthCluster;
/** The object API alone: no scheduler and no controller writes status or creates pods. */
const API_ONLY = { replicas: 3, extraArgs: ['--controllers', 'none'] } as const;
let client: Client;

beforeAll(async () => {
  res = new Resources();
  cluster = await BerthCluster.start(res, API_ONLY);
  client = cluster.client();
  // The leader makes the default namespaces once elected.
  await waitFor(async () => (await client.list('Namespace')).items.some((n) => n.metadata.name === 'default'), { timeoutMs: 15_000, what: 'namespace default' });
}, 60_000);

afterAll(async () => {
  client?.close();
  await res.cleanup();
});

function deployment(name: string, extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: { app: name } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'web', image: 'nginx:1.27', command: ['sleep', '3600'], ports: [{ name: 'http', containerPort: 8080 }] }] },
      },
      ...extra,
    },
  };
}

function configMap(name: string, labels: Record<string, string> = {}, namespace = 'default'): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace, labels }, data: { k: name } };
}

async function expectError<T extends Error>(p: Promise<unknown>, cls: new (...args: never[]) => T): Promise<T> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, 'the call should have failed').toBeInstanceOf(cls);
  return err as T;
}

describe('objects on a 3-replica cluster', () => {
  it('creates, reads, updates with conflicts, and deletes, with defaults and server-owned metadata', async () => {
    const created = await client.create(deployment('crud'));
    expect(created.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.metadata.generation).toBe(1);
    expect(created.metadata.namespace).toBe('default');
    expect(created.spec?.['revisionHistoryLimit']).toBe(10);
    const got = await client.get('deploy', 'crud');
    expect(got.metadata.resourceVersion).toBe(created.metadata.resourceVersion);
    await expectError(client.create(deployment('crud')), Error).then((e) => expect(isBerthError(e, 'ALREADY_EXISTS')).toBe(true));

    const scaled = await client.update({ ...got, spec: { ...got.spec, replicas: 5 } });
    expect(scaled.metadata.generation).toBe(2);
    expect(Number(scaled.metadata.resourceVersion)).toBeGreaterThan(Number(got.metadata.resourceVersion));
    const conflict = await expectError(client.update({ ...got, spec: { ...got.spec, replicas: 7 } }), ConflictError);
    expect(conflict.message).toMatch(/the object has been modified \(resourceVersion \d+ is stale/);

    const st = await client.updateStatus({ ...scaled, status: { replicas: 5, readyReplicas: 3 } });
    expect(st.metadata.generation).toBe(2);
    expect(st.status?.['readyReplicas']).toBe(3);
    // An update of the object leaves the status alone.
    const again = await client.update({ ...st, status: { replicas: 99 } });
    expect(again.status?.['replicas']).toBe(5);

    const del = await client.delete('deployments', 'crud');
    expect(del.pending).toBe(false);
    await expectError(client.get('Deployment', 'crud'), NotFoundError);
  });

  it('applies idempotently, keeps fields the manifest never named, and removes those it dropped', async () => {
    const manifest = deployment('applied');
    manifest.metadata.annotations = { team: 'a', owner: 'x' };
    const first = await client.apply(manifest);
    expect(first.result).toBe('created');
    const second = await client.apply(manifest);
    expect(second.result).toBe('unchanged');
    expect(second.object.metadata.resourceVersion).toBe(first.object.metadata.resourceVersion);
    // Someone else scales it; a manifest without replicas leaves that alone.
    const noReplicas = deployment('applied');
    delete (noReplicas.spec as Record<string, unknown>)['replicas'];
    noReplicas.metadata.annotations = { team: 'a', owner: 'x' };
    await client.apply(noReplicas);
    await client.patch('deploy', 'applied', { spec: { replicas: 4 } });
    noReplicas.metadata.annotations = { team: 'b' };
    const third = await client.apply(noReplicas);
    expect(third.result).toBe('configured');
    expect(third.object.spec?.['replicas']).toBe(4);
    expect(third.object.metadata.annotations?.['team']).toBe('b');
    expect(third.object.metadata.annotations?.['owner']).toBeUndefined();
  });

  it('reports unknown fields as warnings, or errors with strict, and names invalid fields', async () => {
    const manifest = deployment('warned') as KubeObject & { spec: Record<string, unknown> };
    manifest.spec['frobnicate'] = true;
    const res1 = await client.apply(manifest);
    expect(res1.warnings.join('\n')).toMatch(/spec\.frobnicate/);
    await expectError(client.apply(manifest, { strict: true }), InvalidError);
    const bad = deployment('bad');
    ((bad.spec as { template: { spec: { containers: { name: string }[] } } }).template.spec.containers[0]!).name = 'Web_1';
    const err = await expectError(client.create(bad), InvalidError);
    expect(err.message).toContain('spec.template.spec.containers[0].name: must be a DNS-1123 label (got "Web_1")');
    expect(err.causes.map((c) => c.field)).toContain('spec.template.spec.containers[0].name');
    await expectError(client.get('Deployment', 'bad'), NotFoundError);
  });

  it('lists with label and field selectors', async () => {
    await client.create(configMap('sel-a', { app: 'web', tier: 'fe' }));
    await client.create(configMap('sel-b', { app: 'web', tier: 'be', canary: 'true' }));
    await client.create(configMap('sel-c', { app: 'db', tier: 'be' }));
    const names = async (labelSelector: string, fieldSelector = ''): Promise<string[]> =>
      (await client.list('cm', { labelSelector, fieldSelector })).items.map((o) => o.metadata.name ?? '').filter((n) => n.startsWith('sel-')).sort();
    expect(await names('app=web')).toEqual(['sel-a', 'sel-b']);
    expect(await names('app=web,tier in (fe,be),!canary')).toEqual(['sel-a']);
    expect(await names('tier notin (fe),app!=db')).toEqual(['sel-b']);
    expect(await names('', 'metadata.name=sel-c')).toEqual(['sel-c']);
    expect(await names('app=web', 'metadata.name!=sel-a')).toEqual(['sel-b']);
    await expectError(client.list('cm', { labelSelector: 'app in (web' }), InvalidError);
    await expectError(client.list('cm', { fieldSelector: 'spec.color=red' }), InvalidError);
  });

  it('pages with limit and continue, all pages at the first page\'s revision', async () => {
    await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'paging' } });
    for (let i = 0; i < 25; i++) await client.create(configMap(`p-${String(i).padStart(2, '0')}`, {}, 'paging'));
    const first = await client.list('cm', { namespace: 'paging', limit: 10 });
    expect(first.items).toHaveLength(10);
    expect(first.metadata.continue).toBeTruthy();
    await client.create(configMap('p-99', {}, 'paging')); // after the first page: not in this list
    const second = await client.list('cm', { namespace: 'paging', limit: 10, continue: first.metadata.continue! });
    const third = await client.list('cm', { namespace: 'paging', limit: 10, continue: second.metadata.continue! });
    expect(second.metadata.resourceVersion).toBe(first.metadata.resourceVersion);
    expect(third.items.map((o) => o.metadata.name)).toEqual(['p-20', 'p-21', 'p-22', 'p-23', 'p-24']);
    expect(third.metadata.continue ?? '').toBe('');
    await expectError(client.list('cm', { namespace: 'paging', limit: 10, continue: 'garbage' }), InvalidError);
  });

  it('keeps an object with finalizers until they are removed', async () => {
    const cm = configMap('final');
    cm.metadata.finalizers = ['example.com/keep'];
    await client.create(cm);
    const del = await client.delete('cm', 'final');
    expect(del.pending).toBe(true);
    const marked = await client.get('cm', 'final');
    expect(marked.metadata.deletionTimestamp).toBeTruthy();
    const more = { ...marked, metadata: { ...marked.metadata, finalizers: ['example.com/keep', 'example.com/new'] } };
    await expectError(client.update(more), InvalidError);
    await client.update({ ...marked, metadata: { ...marked.metadata, finalizers: [] } });
    await expectError(client.get('cm', 'final'), NotFoundError);
  });

  it('deletes everything in a namespace with it, and refuses new objects while it terminates', async () => {
    await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'doomed' } });
    await client.create(configMap('one', {}, 'doomed'));
    await client.create({ ...deployment('two'), metadata: { name: 'two', namespace: 'doomed' } });
    const del = await client.delete('ns', 'doomed');
    expect(del.pending).toBe(true);
    expect((await client.get('ns', 'doomed')).status?.['phase']).toBe('Terminating');
    const refused = await client.create(configMap('three', {}, 'doomed')).catch((e: unknown) => e);
    expect(isBerthError(refused) && /being terminated|not found/.test(refused.message)).toBe(true);
    await waitFor(async () => (await client.get('ns', 'doomed').catch(() => undefined)) === undefined, { timeoutMs: 15_000, what: 'namespace doomed gone' });
    expect((await client.list('cm', { namespace: 'doomed' })).items).toEqual([]);
    expect(await client.delete('ns', 'default').catch((e: unknown) => (e as Error).message)).toMatch(/may not be deleted/);
  });

  it('serves writes and linearizable reads from a follower', async () => {
    const leader = await cluster.waitForLeader();
    const follower = cluster.specs.find((s) => s.id !== leader)!.id;
    const solo = cluster.client([follower]);
    try {
      const obj = await solo.create(configMap('via-follower'));
      const read = await solo.get('cm', 'via-follower');
      expect(read.metadata.resourceVersion).toBe(obj.metadata.resourceVersion);
      const viaLeader = cluster.client([leader]);
      expect((await viaLeader.get('cm', 'via-follower')).metadata.uid).toBe(obj.metadata.uid);
      viaLeader.close();
    } finally {
      solo.close();
    }
  });
});

describe('a watch across kill -9 of the leader', () => {
  it('delivers every change exactly once, in order', async () => {
    const own = new Resources();
    const c = await BerthCluster.start(own, API_ONLY);
    const leader = await c.waitForLeader();
    // The watch starts on the leader, so that killing it forces a resume elsewhere.
    const order = [leader, ...c.specs.map((s) => s.id).filter((id) => id !== leader)];
    const watchClient = c.client(order);
    const writer = c.client();
    try {
      await waitFor(async () => (await writer.list('ns')).items.length >= 1, { timeoutMs: 15_000, what: 'namespaces' });
      const start = await writer.list('cm');
      const watch = watchClient.watch('cm', { resourceVersion: start.metadata.resourceVersion });
      const seen: { type: string; name: string; rv: number }[] = [];
      const consume = (async () => {
        for await (const e of watch) {
          seen.push({ type: e.type, name: e.object.metadata.name ?? '', rv: Number(e.object.metadata.resourceVersion) });
        }
      })();
      const acked: string[] = [];
      const total = 120;
      for (let i = 0; i < total; i++) {
        if (i === 40) await c.procs.get(leader)!.kill();
        const name = `w-${i}`;
        for (;;) {
          try {
            await writer.apply(configMap(name));
            acked.push(name);
            break;
          } catch (err) {
            if (!isBerthError(err)) throw err;
            await new Promise((r) => setTimeout(r, 100));
          }
        }
      }
      await waitFor(() => acked.every((n) => seen.some((s) => s.name === n)), { timeoutMs: 30_000, what: 'every acknowledged create watched' });
      watch.close();
      await consume;
      const names = seen.map((s) => s.name);
      expect(new Set(names).size, `duplicates in ${JSON.stringify(names)}`).toBe(names.length);
      const revs = seen.map((s) => s.rv);
      expect(revs).toEqual([...revs].sort((a, b) => a - b));
      expect(seen.every((s) => s.type === 'ADDED')).toBe(true);
    } finally {
      watchClient.close();
      writer.close();
      await own.cleanup();
    }
  }, 120_000);
});
