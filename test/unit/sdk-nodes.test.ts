// Proves the SDK's node calls (client.nodes) against real gRPC servers on 127.0.0.1 that
// implement NodeService with canned replies, as a leader and a follower would: logs stream bytes
// and are retried only before their first chunk; a NOT_LEADER is followed to the address it
// names, whether or not it is one of the client's servers; exec is sent again only when it never
// reached a leader; execCollect is bounded; usage is mapped to camelCase numbers; and drain's plan
// follows kubectl's filters.
import { Metadata, Server, ServerCredentials, status } from '@grpc/grpc-js';
import type { ServerWritableStream, sendUnaryData, ServerUnaryCall } from '@grpc/grpc-js';
import { afterEach, describe, expect, it } from 'vitest';
import { BerthError, Client, InvalidError, MAX_EXEC_COLLECT_BYTES, UnavailableError } from '../../client/index.js';
import type { KubeObject } from '../../client/index.js';
import { mayResend } from '../../client/nodes.js';
import { planDrain } from '../../client/drain.js';
import type { ExecRequest__Output } from '../../proto/gen/berth/v1/ExecRequest.js';
import type { ExecResponse } from '../../proto/gen/berth/v1/ExecResponse.js';
import type { LogsRequest__Output } from '../../proto/gen/berth/v1/LogsRequest.js';
import type { LogsResponse } from '../../proto/gen/berth/v1/LogsResponse.js';
import type { NodeServiceHandlers } from '../../proto/gen/berth/v1/NodeService.js';
import type { UsageRequest__Output } from '../../proto/gen/berth/v1/UsageRequest.js';
import type { UsageResponse } from '../../proto/gen/berth/v1/UsageResponse.js';
import { nodeProto } from '../../proto/load.js';

type LogsCall = ServerWritableStream<LogsRequest__Output, LogsResponse>;
type ExecCall = ServerWritableStream<ExecRequest__Output, ExecResponse>;

/** A failure as berth's server edge sends it: the gRPC status, berth-code and berth-details. */
function berthStatus(code: string, grpcCode: status, message: string, details: Record<string, unknown> = {}): { code: status; details: string; metadata: Metadata } {
  const metadata = new Metadata();
  metadata.set('berth-code', code);
  metadata.set('berth-details', JSON.stringify(details));
  return { code: grpcCode, details: message, metadata };
}

interface Replica {
  readonly address: string;
  readonly calls: string[];
  stop(): Promise<void>;
}

const started: Replica[] = [];
const clients: Client[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  for (const r of started.splice(0)) await r.stop();
});

async function replica(handlers: Partial<NodeServiceHandlers>): Promise<Replica> {
  const server = new Server();
  const calls: string[] = [];
  const unimplemented = (name: string) => (call: { emit?: unknown }, cb?: sendUnaryData<unknown>) => {
    calls.push(name);
    const err = { code: status.UNIMPLEMENTED, details: `${name} not in this test` };
    if (cb !== undefined) cb(err);
    else (call as unknown as LogsCall).emit('error', err);
  };
  const wrap = <F extends (...a: never[]) => void>(name: string, f: F | undefined): F =>
    ((...args: never[]) => {
      if (f === undefined) return (unimplemented(name) as unknown as (...a: never[]) => void)(...args);
      calls.push(name);
      return f(...args);
    }) as unknown as F;
  server.addService(nodeProto().NodeService.service, {
    Connect: wrap('Connect', handlers.Connect),
    Logs: wrap('Logs', handlers.Logs),
    Exec: wrap('Exec', handlers.Exec),
    Usage: wrap('Usage', handlers.Usage),
  } as NodeServiceHandlers);
  const port = await new Promise<number>((resolve, reject) => server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))));
  const r: Replica = {
    address: `127.0.0.1:${port}`,
    calls,
    stop: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())).then(() => server.forceShutdown()),
  };
  started.push(r);
  return r;
}

/** A follower: NOT_LEADER naming `leader` for every call, as server/nodes does. */
function follower(leader: string | undefined): Promise<Replica> {
  const refuse = berthStatus('NOT_LEADER', status.FAILED_PRECONDITION, 'node streams, logs and exec are served by the leader (r1)', {
    leader: 'r1',
    proposed: false,
    ...(leader !== undefined ? { leaderAddress: leader } : {}),
  });
  return replica({
    Logs: (call: LogsCall) => call.emit('error', refuse),
    Exec: (call: ExecCall) => call.emit('error', refuse),
    Usage: (_call: ServerUnaryCall<UsageRequest__Output, UsageResponse>, cb: sendUnaryData<UsageResponse>) => cb(refuse),
  });
}

/** A port nothing listens on. */
async function closedAddress(): Promise<string> {
  const r = await replica({});
  await r.stop();
  started.splice(started.indexOf(r), 1);
  return r.address;
}

function client(servers: string[]): Client {
  const c = new Client({ servers, connectTimeoutMs: 2000, retry: { initialBackoffMs: 1, maxBackoffMs: 5 } }, { env: {}, homeDir: '/nonexistent' });
  clients.push(c);
  return c;
}

async function collect(it: AsyncIterable<Buffer>): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of it) parts.push(chunk);
  return Buffer.concat(parts).toString();
}

describe('logs', () => {
  it('streams the bytes, from the leader a follower names, when the leader is not one of the servers', async () => {
    const seen: LogsRequest__Output[] = [];
    const leader = await replica({
      Logs: (call: LogsCall) => {
        seen.push(call.request);
        call.write({ data: Buffer.from('line 1\n') });
        call.write({ data: Buffer.from([0xff, 0x00, 0x0a]) });
        call.end();
      },
    });
    const f = await follower(leader.address);
    const c = client([f.address]);
    const parts: Buffer[] = [];
    for await (const chunk of c.nodes.logs('web-1', { namespace: 'prod', container: 'app', tailLines: 10, limitBytes: 100, previous: true })) parts.push(chunk);
    expect(Buffer.concat(parts)).toEqual(Buffer.concat([Buffer.from('line 1\n'), Buffer.from([0xff, 0x00, 0x0a])]));
    expect(f.calls).toEqual(['Logs']);
    expect(leader.calls).toEqual(['Logs']);
    expect(seen[0]).toMatchObject({ namespace: 'prod', pod: 'web-1', container: 'app', follow: false, previous: true, tailLines: 10, limitBytes: 100 });
  });

  it('follows NOT_LEADER to the named leader among its own servers', async () => {
    const leader = await replica({ Logs: (call: LogsCall) => (call.write({ data: Buffer.from('hi') }), call.end()) });
    const f = await follower(leader.address);
    const c = client([f.address, leader.address]);
    expect(await collect(c.nodes.logs('web'))).toBe('hi');
    // The client stays with the leader afterwards.
    expect(await collect(c.nodes.logs('web'))).toBe('hi');
    expect(f.calls).toEqual(['Logs']);
    expect(leader.calls).toEqual(['Logs', 'Logs']);
  });

  it('is retried before its first chunk, and not after', async () => {
    let n = 0;
    const leader = await replica({
      Logs: (call: LogsCall) => {
        if (n++ === 0) {
          call.emit('error', berthStatus('UNAVAILABLE', status.UNAVAILABLE, 'no leader yet', { proposed: false }));
          return;
        }
        call.write({ data: Buffer.from('first') });
        call.emit('error', berthStatus('UNAVAILABLE', status.UNAVAILABLE, 'node n1 of pod web is not connected'));
      },
    });
    const c = client([leader.address]);
    const parts: string[] = [];
    const err = await (async () => {
      for await (const chunk of c.nodes.logs('web')) parts.push(chunk.toString());
    })().catch((e: unknown) => e);
    expect(parts).toEqual(['first']);
    expect(err).toBeInstanceOf(UnavailableError);
    expect((err as BerthError).message).toBe('node n1 of pod web is not connected');
    expect(leader.calls).toEqual(['Logs', 'Logs']);
  });

  it("passes the server's answer on as the matching BerthError, without retrying it", async () => {
    const msg = 'a container name must be specified for pod web, choose one of: [a b]';
    const leader = await replica({ Logs: (call: LogsCall) => call.emit('error', berthStatus('INVALID_ARGUMENT', status.INVALID_ARGUMENT, msg)) });
    const c = client([leader.address]);
    const err = await collect(c.nodes.logs('web')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidError);
    expect((err as Error).message).toBe(msg);
    expect(leader.calls).toEqual(['Logs']);
  });

  it('with follow, ends quietly when the signal aborts, and cancels the call', async () => {
    let cancelled = false;
    const leader = await replica({
      Logs: (call: LogsCall) => {
        call.on('cancelled', () => (cancelled = true));
        call.write({ data: Buffer.from('a') });
      },
    });
    const c = client([leader.address]);
    const abort = new AbortController();
    const parts: string[] = [];
    for await (const chunk of c.nodes.logs('web', { follow: true, signal: abort.signal })) {
      parts.push(chunk.toString());
      abort.abort();
    }
    expect(parts).toEqual(['a']);
    for (let i = 0; i < 200 && !cancelled; i++) await new Promise((r) => setTimeout(r, 5));
    expect(cancelled).toBe(true);
  });

  it('refuses bad options before any call, naming the option', () => {
    const c = client(['127.0.0.1:1']);
    expect(() => c.nodes.logs('web', { tailLines: -1 })).toThrow('tailLines: must be an integer >= 0 (got -1)');
    expect(() => c.nodes.logs('web', { limitBytes: 0 })).toThrow('limitBytes: must be an integer >= 1 (got 0)');
    expect(() => c.nodes.logs('')).toThrow(InvalidError);
    expect(() => c.nodes.exec('web', [])).toThrow('command: must be a non-empty list of strings (got [])');
  });
});

describe('exec', () => {
  it('follows NOT_LEADER, streams output and ends with the exit code', async () => {
    const seen: ExecRequest__Output[] = [];
    const leader = await replica({
      Exec: (call: ExecCall) => {
        seen.push(call.request);
        call.write({ stdout: Buffer.from('out') });
        call.write({ stderr: Buffer.from('err') });
        call.write({ exitCode: 3 });
        call.end();
      },
    });
    const f = await follower(leader.address);
    const c = client([f.address]);
    const pieces = [];
    for await (const p of c.nodes.exec('web', ['sh', '-c', 'x'], { container: 'app', stdin: Buffer.from('in'), timeoutSeconds: 9 })) pieces.push(p);
    expect(pieces).toEqual([{ stdout: Buffer.from('out') }, { stderr: Buffer.from('err') }, { exitCode: 3 }]);
    expect(seen[0]).toMatchObject({ namespace: 'default', pod: 'web', container: 'app', command: ['sh', '-c', 'x'], stdin: Buffer.from('in'), timeoutSeconds: 9 });
    expect(f.calls).toEqual(['Exec']);
    expect(await c.nodes.execCollect('web', ['true'])).toEqual({ stdout: Buffer.from('out'), stderr: Buffer.from('err'), exitCode: 3 });
  });

  it('is never sent again once a leader had it, even when the call then fails', async () => {
    const leader = await replica({ Exec: (call: ExecCall) => call.emit('error', { code: status.UNAVAILABLE, details: 'Connection dropped' }) });
    const other = await replica({ Exec: (call: ExecCall) => (call.write({ exitCode: 0 }), call.end()) });
    const c = client([leader.address, other.address]);
    const err = await c.nodes.execCollect('web', ['rm', '-rf', '/tmp/x']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnavailableError);
    expect(leader.calls).toEqual(['Exec']);
    expect(other.calls).toEqual([]);
  });

  it('is sent to the next server when the first cannot be reached', async () => {
    const leader = await replica({ Exec: (call: ExecCall) => (call.write({ stdout: Buffer.from('ok'), exitCode: 0 }), call.end()) });
    const c = client([await closedAddress(), leader.address]);
    expect(await c.nodes.execCollect('web', ['true'])).toEqual({ stdout: Buffer.from('ok'), stderr: Buffer.alloc(0), exitCode: 0 });
    expect(leader.calls).toEqual(['Exec']);
  });

  it('execCollect gathers at most maxOutputBytes (16 MiB by default), then fails with TOO_LARGE', async () => {
    expect(MAX_EXEC_COLLECT_BYTES).toBe(16 * 1024 * 1024);
    const leader = await replica({
      Exec: (call: ExecCall) => {
        call.write({ stdout: Buffer.alloc(6, 'a') });
        call.write({ stderr: Buffer.alloc(4, 'b'), exitCode: 0 });
        call.end();
      },
    });
    const c = client([leader.address]);
    expect((await c.nodes.execCollect('web', ['x'], { maxOutputBytes: 10 })).exitCode).toBe(0);
    const err = await c.nodes.execCollect('web', ['x'], { maxOutputBytes: 9 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'TOO_LARGE' });
    expect((err as Error).message).toContain('over 9 bytes');
  });

  it('fails with CANCELLED when its signal aborts', async () => {
    const leader = await replica({ Exec: (call: ExecCall) => call.write({ stdout: Buffer.from('working') }) });
    const c = client([leader.address]);
    const abort = new AbortController();
    const err = await (async () => {
      for await (const _ of c.nodes.exec('web', ['sleep', '100'], { signal: abort.signal })) abort.abort();
    })().catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'CANCELLED' });
  });

  it('retry rule: only NOT_LEADER and connection failures', () => {
    const e = (code: BerthError['code'], details: Record<string, string | number | boolean> = {}): BerthError => new BerthError(code, 'x', { details });
    expect(mayResend('exec', e('NOT_LEADER', { proposed: false }))).toBe(true);
    expect(mayResend('exec', e('UNAVAILABLE', { connected: false }))).toBe(true);
    expect(mayResend('exec', e('UNAVAILABLE', { proposed: false }))).toBe(false);
    expect(mayResend('exec', e('TIMEOUT'))).toBe(false);
    expect(mayResend('read', e('TIMEOUT'))).toBe(true);
  });
});

describe('usage', () => {
  it('maps the reply to camelCase numbers, from the leader', async () => {
    let asked = '';
    const leader = await replica({
      Usage: (call: ServerUnaryCall<UsageRequest__Output, UsageResponse>, cb: sendUnaryData<UsageResponse>) => {
        asked = call.request.namespace;
        cb(null, {
          nodes: [{ name: 'n1', usage: { cpuMillicores: 250, memoryBytes: 1 << 30 }, lastHeartbeatTime: '2024-05-01T12:00:00Z' }],
          pods: [{ namespace: 'prod', name: 'web', uid: 'u1', node: 'n1', usage: { cpuMillicores: 5, memoryBytes: 1024 }, containers: [{ name: 'app', usage: { cpuMillicores: 5, memoryBytes: 1024 } }] }],
        });
      },
    });
    const f = await follower(leader.address);
    const c = client([f.address, leader.address]);
    expect(await c.nodes.usage({ namespace: 'prod' })).toEqual({
      nodes: [{ name: 'n1', usage: { cpuMillicores: 250, memoryBytes: 1 << 30 }, lastHeartbeatTime: '2024-05-01T12:00:00Z' }],
      pods: [{ namespace: 'prod', name: 'web', uid: 'u1', node: 'n1', usage: { cpuMillicores: 5, memoryBytes: 1024 }, containers: [{ name: 'app', usage: { cpuMillicores: 5, memoryBytes: 1024 } }] }],
    });
    expect(asked).toBe('prod');
  });

  it('gives up after retry.maxAttempts when no leader is known', async () => {
    const f = await follower(undefined);
    const c = client([f.address]);
    const err = await c.nodes.usage().catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'NOT_LEADER' });
    expect(f.calls.length).toBe(5);
  });
});

function pod(name: string, extra: { owner?: string; emptyDir?: boolean; phase?: string; deleting?: boolean } = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      ...(extra.owner !== undefined ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: extra.owner, name: 'x', uid: 'o', controller: true }] } : {}),
      ...(extra.deleting === true ? { deletionTimestamp: '2024-05-01T12:00:00Z' } : {}),
    },
    spec: { nodeName: 'n1', containers: [{ name: 'c', image: 'c' }], ...(extra.emptyDir === true ? { volumes: [{ name: 'v', emptyDir: {} }] } : {}) },
    status: { phase: extra.phase ?? 'Running' },
  };
}

describe('planDrain', () => {
  const pods = [
    pod('web', { owner: 'ReplicaSet' }),
    pod('ds', { owner: 'DaemonSet' }),
    pod('naked'),
    pod('cache', { owner: 'ReplicaSet', emptyDir: true }),
    pod('done', { phase: 'Succeeded' }),
    pod('old', { owner: 'ReplicaSet', deleting: true }),
  ];

  it('refuses DaemonSet-managed, emptyDir and unmanaged pods with kubectl\'s reasons', () => {
    const plan = planDrain(pods, {});
    expect(plan.refusals).toEqual([
      'cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): default/ds',
      'cannot delete Pods that declare no controller (use --force to override): default/naked',
      'cannot delete Pods with local storage (use --delete-emptydir-data to override): default/cache',
    ]);
  });

  it('with the flags, skips DaemonSet pods and deletes the others with a warning; finished pods always go', () => {
    const plan = planDrain(pods, { ignoreDaemonSets: true, force: true, deleteEmptyDirData: true });
    expect(plan.refusals).toEqual([]);
    expect(plan.skip.map((s) => [s.pod.metadata.name, s.reason])).toEqual([['ds', 'ignoring DaemonSet-managed Pods']]);
    expect(plan.evict.map((e) => [e.pod.metadata.name, e.warning])).toEqual([
      ['web', undefined],
      ['naked', 'deleting Pods that declare no controller'],
      ['cache', 'deleting Pods with local storage'],
      ['done', undefined],
    ]);
    expect(plan.wait.map((p) => p.metadata.name)).toEqual(['old']);
  });
});
