// What the rollout and scale tests share: a real ObjectService on 127.0.0.1 over a one-replica
// store (test/support/single-replica.ts), real SDK clients of it, and the objects a Deployment
// controller would write — ReplicaSets with revisions, status — written by the test instead,
// since no controller runs here.
import * as grpc from '@grpc/grpc-js';
import { Client } from '../../client/index.js';
import type { KubeObject } from '../../client/index.js';
import { registerObjectService } from '../../server/api/index.js';
import type { LevelFixtures } from '../support/level-fixtures.js';
import { singleReplica } from '../support/single-replica.js';

export interface ObjectServer {
  readonly address: string;
  /** A new client of the server; closed with the server. */
  client(): Client;
  close(): Promise<void>;
}

export async function objectServer(fx: LevelFixtures): Promise<ObjectServer> {
  const replica = await singleReplica(fx);
  const server = new grpc.Server();
  const handle = registerObjectService(server, replica.node, { clusterId: 'test' });
  await handle.registry.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );
  const address = `127.0.0.1:${port}`;
  const clients: Client[] = [];
  return {
    address,
    client() {
      const c = new Client({ servers: [address], connectTimeoutMs: 2000, retry: { initialBackoffMs: 1, maxBackoffMs: 5 } }, { env: {}, homeDir: '/nonexistent' });
      clients.push(c);
      return c;
    },
    async close() {
      for (const c of clients.splice(0)) c.close();
      handle.close();
      server.forceShutdown();
    },
  };
}

type Rec = Record<string, unknown>;

export function template(app: string, image: string, extraLabels: Record<string, string> = {}): Rec {
  return { metadata: { labels: { app, ...extraLabels } }, spec: { containers: [{ name: 'c', image }] } };
}

export function deployment(name: string, image = 'web:v1', replicas = 3, annotations: Record<string, string> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default', ...(Object.keys(annotations).length > 0 ? { annotations } : {}) },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: template(name, image) },
  };
}

/** A ReplicaSet of `owner` holding `image` as revision `revision`, as the Deployment controller makes it. */
export function replicaSet(owner: KubeObject, revision: number, image: string, changeCause?: string): KubeObject {
  const app = owner.metadata.name ?? '';
  const hash = `h${revision}${image.replace(/[^a-z0-9]/g, '')}`;
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${app}-${hash}`,
      namespace: 'default',
      labels: { app, 'pod-template-hash': hash },
      annotations: { 'deployment.kubernetes.io/revision': String(revision), ...(changeCause !== undefined ? { 'kubernetes.io/change-cause': changeCause } : {}) },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: app, uid: owner.metadata.uid ?? '', controller: true, blockOwnerDeletion: true }],
    },
    spec: { replicas: 0, selector: { matchLabels: { app, 'pod-template-hash': hash } }, template: template(app, image, { 'pod-template-hash': hash }) },
  };
}

/** Writes the object's status as its controller would (observedGeneration = its generation unless given). */
export async function writeStatus(client: Client, kind: string, name: string, status: Rec): Promise<KubeObject> {
  const cur = await client.get(kind, name, { namespace: 'default' });
  return client.updateStatus({ ...cur, status: { observedGeneration: cur.metadata.generation, ...status } });
}

/** Changes the object as its controller would (metadata and spec), with a compare-and-swap. */
export async function writeObject(client: Client, kind: string, name: string, change: (cur: KubeObject) => KubeObject): Promise<KubeObject> {
  const cur = await client.get(kind, name, { namespace: 'default' });
  return client.update(change(cur));
}

/**
 * A Deployment "web" at image web:v2 (generation 2, revision 2) with ReplicaSets of revisions 1
 * (web:v1, change cause `changeCause`) and 2 (web:v2), as after one rolling update.
 */
export async function twoRevisions(client: Client, changeCause = 'first'): Promise<KubeObject> {
  const d = await client.create(deployment('web', 'web:v1'));
  await client.create(replicaSet(d, 1, 'web:v1', changeCause));
  await client.create(replicaSet(d, 2, 'web:v2'));
  return writeObject(client, 'Deployment', 'web', (cur) => ({
    ...cur,
    metadata: { ...cur.metadata, annotations: { ...cur.metadata.annotations, 'deployment.kubernetes.io/revision': '2' } },
    spec: { ...cur.spec, template: deployment('web', 'web:v2').spec?.['template'] },
  }));
}

/** What the Deployment controller does to "web" when it rolls `generation` back: the annotations, and template web:v1 again. */
export function rollBack(client: Client, generation: number, reason: string): Promise<KubeObject> {
  return writeObject(client, 'Deployment', 'web', (cur) => ({
    ...cur,
    metadata: { ...cur.metadata, annotations: { ...cur.metadata.annotations, 'berth.io/rolled-back-generation': String(generation), 'berth.io/rollback-reason': reason } },
    spec: { ...cur.spec, template: deployment('web', 'web:v1').spec?.['template'] },
  }));
}

/** Polls `check` every 10 ms until it holds; fails after `timeoutMs`. */
export async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
