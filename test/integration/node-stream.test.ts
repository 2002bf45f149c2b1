// Proves NodeService's contract on a real 3-replica cluster, with the test itself speaking the
// agent's side of the stream: followers send agents to the leader; registration makes a Ready
// Node; the pods bound to the node arrive as a full set and then as changes; status reports
// become pod status; a steady heartbeat writes nothing to the store; a silent node becomes
// NotReady and its pods are evicted; a pod deleted gracefully stays until its agent says it has
// stopped; and logs are relayed from the agent to a client.
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BERTH_CODE_METADATA, BERTH_DETAILS_METADATA, objectFromWire, objectToWire } from '../../client/index.js';
import type { Client, KubeObject } from '../../client/index.js';
import type { AgentMessage } from '../../proto/gen/berth/v1/AgentMessage.js';
import type { ServerMessage__Output } from '../../proto/gen/berth/v1/ServerMessage.js';
import type { NodeServiceClient } from '../../proto/gen/berth/v1/NodeService.js';
import type { ApiObject } from '../../proto/gen/berth/objects/v1/ApiObject.js';
import { nodeProto } from '../../proto/load.js';
import { BerthCluster } from '../support/berth-cluster.js';
import { Resources, waitFor } from '../support/procs.js';

let res: Resources;
let cluster: BerthCluster;
let client: Client;
const grpcClients: NodeServiceClient[] = [];

beforeAll(async () => {
  res = new Resources();
  cluster = await BerthCluster.start(res, { replicas: 3 });
  client = cluster.client();
}, 60_000);

afterAll(async () => {
  for (const c of grpcClients) c.close();
  client?.close();
  await res.cleanup();
});

function nodeClient(address: string): NodeServiceClient {
  const c = new (nodeProto().NodeService)(address, grpc.credentials.createInsecure());
  grpcClients.push(c);
  return c;
}

async function leaderAddress(): Promise<string> {
  const leader = await cluster.waitForLeader();
  return cluster.endpoints([leader])[0]!;
}

/** The agent's side of one Connect stream, scripted by the test. */
class ScriptedAgent {
  readonly received: ServerMessage__Output[] = [];
  error: grpc.ServiceError | undefined;
  readonly stream: grpc.ClientDuplexStream<AgentMessage, ServerMessage__Output>;

  constructor(address: string, readonly name: string) {
    this.stream = nodeClient(address).Connect();
    this.stream.on('data', (m: ServerMessage__Output) => this.received.push(m));
    this.stream.on('error', (e: grpc.ServiceError) => (this.error = e));
  }

  register(): void {
    const node: KubeObject = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: this.name, labels: { zone: 'z1' } },
      status: { capacity: { cpu: '2', memory: '2097152Ki', pods: '110' }, allocatable: { cpu: '2', memory: '2097152Ki', pods: '110' }, addresses: [{ type: 'InternalIP', address: '127.0.0.1' }] },
    };
    this.stream.write({ register: { node: objectToWire(node).wire as ApiObject, bootId: 'b1', heartbeatIntervalMs: 1000 } });
  }

  heartbeat(): void {
    this.stream.write({ heartbeat: { seq: 1, node: { cpuMillicores: 100, memoryBytes: 1 << 20 }, pods: [] } });
  }

  podNames(): string[] {
    const names: string[] = [];
    for (const m of this.received) {
      if (m.msg === 'podSet') for (const p of m.podSet!.pods) names.push(String(objectFromWire(p).metadata.name));
      if (m.msg === 'podChange' && m.podChange!.type === 'ADDED') names.push(String(objectFromWire(m.podChange!.pod).metadata.name));
    }
    return names;
  }

  close(): void {
    this.stream.cancel();
  }
}

function pod(name: string, node: string, extra: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { nodeName: node, containers: [{ name: 'c', image: 'x', command: ['sleep', '9'] }], ...extra } };
}

function readyOf(node: KubeObject): string | undefined {
  return ((node.status as { conditions?: { type: string; status: string }[] }).conditions ?? []).find((c) => c.type === 'Ready')?.status;
}

describe('NodeService', () => {
  it('sends an agent on a follower to the leader', async () => {
    const leader = await cluster.waitForLeader();
    const follower = cluster.specs.find((s) => s.id !== leader)!;
    const agent = new ScriptedAgent(`127.0.0.1:${follower.port}`, 'n-follower');
    agent.register();
    await waitFor(() => agent.error !== undefined, { what: 'NOT_LEADER', timeoutMs: 5000 });
    expect(agent.error!.metadata.get(BERTH_CODE_METADATA)[0]).toBe('NOT_LEADER');
    const details = JSON.parse(String(agent.error!.metadata.get(BERTH_DETAILS_METADATA)[0])) as { leaderAddress: string };
    expect(details.leaderAddress).toBe(cluster.endpoints([leader])[0]);
  });

  it('registers a Ready node, sends its pods, writes their status, and costs no write while heartbeats are steady', async () => {
    await client.create(pod('before', 'n1'));
    const agent = new ScriptedAgent(await leaderAddress(), 'n1');
    agent.register();
    await waitFor(() => agent.received.some((m) => m.msg === 'podSet' && m.podSet!.last), { what: 'the pod set', timeoutMs: 10_000 });
    expect(agent.received[0]!.msg).toBe('registered');
    expect(agent.podNames()).toEqual(['before']);
    const node = await client.get('Node', 'n1');
    expect(readyOf(node)).toBe('True');
    expect(node.metadata.labels).toMatchObject({ zone: 'z1' });

    await client.create(pod('after', 'n1'));
    await client.create(pod('elsewhere', 'n2'));
    await waitFor(() => agent.podNames().includes('after'), { what: 'the new pod', timeoutMs: 10_000 });
    expect(agent.podNames()).not.toContain('elsewhere');

    const before = await client.get('Pod', 'before', { namespace: 'default' });
    const report: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'before', namespace: 'default', uid: before.metadata.uid! }, status: { phase: 'Running', podIP: '127.0.0.1' } };
    agent.stream.write({ podStatus: { pod: objectToWire(report).wire as ApiObject } });
    await waitFor(async () => ((await client.get('Pod', 'before', { namespace: 'default' })).status as { phase?: string }).phase === 'Running', { what: 'pod status written', timeoutMs: 10_000 });

    // A node may not write the status of a pod bound elsewhere.
    const other = await client.get('Pod', 'elsewhere', { namespace: 'default' });
    agent.stream.write({ podStatus: { pod: objectToWire({ ...report, metadata: { name: 'elsewhere', namespace: 'default', uid: other.metadata.uid! } }).wire as ApiObject } });

    // Steady heartbeats: the store revision does not move.
    agent.heartbeat();
    await new Promise((r) => setTimeout(r, 500));
    const revision = async (): Promise<string> => String((await client.list('Namespace')).metadata.resourceVersion);
    const rev0 = await revision();
    for (let i = 0; i < 5; i++) {
      agent.heartbeat();
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(await revision()).toBe(rev0);
    expect(((await client.get('Pod', 'elsewhere', { namespace: 'default' })).status as { phase?: string } | undefined)?.phase).not.toBe('Running');

    const usage = await client.nodes.usage();
    expect(usage.nodes.find((n) => n.name === 'n1')?.usage.cpuMillicores).toBe(100);
    agent.close();
  }, 60_000);

  it('keeps a gracefully deleted pod until its agent reports it stopped', async () => {
    const agent = new ScriptedAgent(await leaderAddress(), 'n3');
    agent.register();
    await client.create(pod('graceful', 'n3', { terminationGracePeriodSeconds: 7 }));
    await waitFor(() => agent.podNames().includes('graceful'), { what: 'the pod', timeoutMs: 10_000 });
    const res = await client.delete('Pod', 'graceful', { namespace: 'default' });
    expect(res.pending).toBe(true);
    const marked = await client.get('Pod', 'graceful', { namespace: 'default' });
    expect(marked.metadata.deletionTimestamp).toBeDefined();
    expect(marked.metadata.deletionGracePeriodSeconds).toBe(7);
    await waitFor(() => agent.received.some((m) => m.msg === 'podChange' && objectFromWire(m.podChange!.pod).metadata.deletionTimestamp !== undefined), { what: 'the deletion', timeoutMs: 10_000 });
    agent.stream.write({ podTerminated: { namespace: 'default', name: 'graceful', uid: marked.metadata.uid! } });
    await waitFor(async () => (await client.get('Pod', 'graceful', { namespace: 'default' }).catch(() => undefined)) === undefined, { what: 'the pod removed', timeoutMs: 10_000 });
    agent.close();
  }, 60_000);

  it('relays logs from the agent of the pod', async () => {
    const agent = new ScriptedAgent(await leaderAddress(), 'n4');
    agent.register();
    await client.create(pod('talker', 'n4'));
    await waitFor(() => agent.podNames().includes('talker'), { what: 'the pod', timeoutMs: 10_000 });
    agent.stream.on('data', (m: ServerMessage__Output) => {
      if (m.msg !== 'logs') return;
      agent.stream.write({ streamData: { requestId: m.logs!.requestId, stdout: Buffer.from(`hello from ${m.logs!.request!.container}\n`) } });
      agent.stream.write({ streamData: { requestId: m.logs!.requestId, end: true } });
    });
    const chunks: Buffer[] = [];
    for await (const c of client.nodes.logs('talker', { namespace: 'default' })) chunks.push(c);
    expect(Buffer.concat(chunks).toString()).toBe('hello from c\n');
    await expect(async () => {
      for await (const _ of client.nodes.logs('talker', { namespace: 'default', container: 'nope' })) void _;
    }).rejects.toThrow('container nope is not valid for pod talker');
    agent.close();
  }, 60_000);

  it('marks a silent node NotReady, then evicts its pods unless they tolerate it', async () => {
    const agent = new ScriptedAgent(await leaderAddress(), 'n5');
    agent.register();
    await client.create(pod('evictee', 'n5'));
    await client.create(pod('stayer', 'n5', { tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' }] }));
    await waitFor(async () => readyOf(await client.get('Node', 'n5')) === 'True', { what: 'n5 Ready', timeoutMs: 10_000 });
    const t0 = Date.now();
    agent.close();
    await waitFor(async () => readyOf(await client.get('Node', 'n5')) === 'Unknown', { what: 'n5 NotReady', timeoutMs: 15_000, intervalMs: 100 });
    const notReadyMs = Date.now() - t0;
    // The stream closed and stayed closed: NotReady after disconnectedNotReadyAfterMs (2 s), not before.
    expect(notReadyMs).toBeGreaterThanOrEqual(1_800);
    await waitFor(async () => (await client.get('Pod', 'evictee', { namespace: 'default' })).metadata.deletionTimestamp !== undefined, { what: 'evictee marked', timeoutMs: 15_000, intervalMs: 100 });
    expect(Date.now() - t0).toBeLessThan(12_000);
    const stayer = await client.get('Pod', 'stayer', { namespace: 'default' });
    expect(stayer.metadata.deletionTimestamp).toBeUndefined();
    expect(((stayer.status as { conditions?: { type: string; status: string }[] }).conditions ?? []).find((c) => c.type === 'Ready')?.status).toBe('False');
    const events = await client.list('Event', { namespace: 'default' });
    expect(events.items.map((e) => (e as { reason?: string }).reason)).toEqual(expect.arrayContaining(['NodeNotReady', 'TaintManagerEviction']));

    // The agent comes back: the node is Ready again and the evicted pod arrives marked for deletion.
    const back = new ScriptedAgent(await leaderAddress(), 'n5');
    back.register();
    await waitFor(async () => readyOf(await client.get('Node', 'n5')) === 'True', { what: 'n5 Ready again', timeoutMs: 10_000 });
    const node = await client.get('Node', 'n5');
    expect(((node.spec as { taints?: unknown[] } | undefined)?.taints ?? []).length).toBe(0);
    back.close();

    // Deleting the Node removes the pods bound to it (nobody is left to stop them).
    await waitFor(async () => readyOf(await client.get('Node', 'n5')) === 'Unknown', { what: 'n5 NotReady again', timeoutMs: 15_000 });
    await client.delete('Node', 'n5');
    await waitFor(async () => (await client.get('Pod', 'stayer', { namespace: 'default' }).catch(() => undefined)) === undefined, { what: 'stayer removed', timeoutMs: 20_000, intervalMs: 200 });
  }, 90_000);
});
