// Proves that GrpcTransport, over real gRPC servers on 127.0.0.1, delivers batches of messages
// both ways in order with binary data intact, refuses another cluster's messages, reconnects to a
// peer that was down with backoff while its queue stays within maxQueuedMessagesPerPeer, and
// streams snapshots in CRC-checked chunks, refusing corrupt or oversized ones.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { crc32 } from 'node:zlib';
import { Server, ServerCredentials, credentials, status as grpcStatus } from '@grpc/grpc-js';
import type { ServiceError } from '@grpc/grpc-js';
import { pino } from 'pino';
import type { Logger } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { Entry, Message, MessageType, NodeId } from '../../server/raft/core/types.js';
import { GrpcTransport, grpcServerOptions } from '../../server/raft/transport/index.js';
import type { GrpcTransportOptions, TransportHandler } from '../../server/raft/transport/index.js';
import { encodeMessage } from '../../server/raft/transport/codec.js';
import { raftProto } from '../../server/raft/transport/proto.js';
import type { SnapshotChunk, SnapshotChunk__Output } from '../../proto/gen/berth/v1/SnapshotChunk.js';
import type { RaftEnvelope, RaftEnvelope__Output } from '../../proto/gen/berth/v1/RaftEnvelope.js';
import type { RaftServiceHandlers } from '../../proto/gen/berth/v1/RaftService.js';

// ---- helpers ---------------------------------------------------------------------------------

class Recorder implements TransportHandler {
  readonly messages: Message[] = [];
  readonly unreachable: NodeId[] = [];
  readonly snapshotStatus: Array<{ peer: NodeId; ok: boolean }> = [];

  onMessage(message: Message): void {
    this.messages.push(message);
  }

  onUnreachable(peer: NodeId): void {
    this.unreachable.push(peer);
  }

  onSnapshotStatus(peer: NodeId, ok: boolean): void {
    this.snapshotStatus.push({ peer, ok });
  }
}

interface CapturedLogger {
  readonly logger: Logger;
  readonly lines: string[];
}

function captureLogger(): CapturedLogger {
  const lines: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) });
  return { logger, lines };
}

function message(type: MessageType, from: NodeId, to: NodeId, index: number, extra: Partial<Message> = {}): Message {
  return {
    type,
    from,
    to,
    term: 3,
    logTerm: 2,
    index,
    entries: [] as Entry[],
    commit: index,
    reject: false,
    rejectHint: 0,
    context: new Uint8Array(0),
    ...extra,
  };
}

/** A comparable form of `m`: binary fields as hex strings, so Buffers off the wire compare equal (and fast). */
function comparable(m: Message): object {
  const hex = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
  return {
    ...m,
    entries: m.entries.map((e) => ({ ...e, data: hex(e.data) })),
    context: hex(m.context),
    snapshot: m.snapshot === undefined ? undefined : { meta: m.snapshot.meta, data: hex(m.snapshot.data) },
  };
}

async function waitFor(what: string, predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function sleep(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

/** A loopback port that nothing listens on right now (it was free a moment ago). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

interface Replica {
  readonly id: NodeId;
  readonly transport: GrpcTransport;
  readonly recorder: Recorder;
  readonly logs: string[];
  readonly server: Server;
  readonly address: string;
}

/** A transport registered on its own grpc.Server bound to 127.0.0.1 (port 0 unless given). */
async function startReplica(
  options: Omit<GrpcTransportOptions, 'clusterId'> & { clusterId?: string },
  port = 0,
): Promise<Replica> {
  const recorder = new Recorder();
  const { logger, lines } = captureLogger();
  const transport = new GrpcTransport({ clusterId: 'c1', ...options }, recorder, logger);
  const server = new Server(grpcServerOptions({ maxMessageBytes: options.maxMessageBytes }));
  transport.registerWith(server);
  const bound = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`127.0.0.1:${port}`, ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );
  return { id: options.selfId, transport, recorder, logs: lines, server, address: `127.0.0.1:${bound}` };
}

async function stopReplica(replica: Replica): Promise<void> {
  await replica.transport.close();
  replica.server.forceShutdown();
}

function connect(a: Replica, b: Replica): void {
  a.transport.addPeer(b.id, b.address);
  b.transport.addPeer(a.id, a.address);
}

const running: Replica[] = [];
const servers: Server[] = [];

async function replica(options: Omit<GrpcTransportOptions, 'clusterId'> & { clusterId?: string }, port = 0): Promise<Replica> {
  const r = await startReplica(options, port);
  running.push(r);
  return r;
}

afterEach(async () => {
  for (const r of running.splice(0)) await stopReplica(r);
  for (const s of servers.splice(0)) s.forceShutdown();
});

function rawClient(address: string): InstanceType<ReturnType<typeof raftProto>['RaftService']> {
  const RaftService = raftProto().RaftService;
  return new RaftService(address, credentials.createInsecure());
}

async function rawSnapshot(address: string, chunks: SnapshotChunk[]): Promise<ServiceError | null> {
  const client = rawClient(address);
  try {
    return await new Promise<ServiceError | null>((resolve) => {
      const call = client.InstallSnapshot((err) => resolve(err));
      for (const chunk of chunks) call.write(chunk);
      call.end();
    });
  } finally {
    client.close();
  }
}

interface ChunkRecord {
  header: boolean;
  offset: number;
  bytes: number;
  last: boolean;
  crc: number;
  total: number;
}

/** A bare RaftService server that records the envelopes (as message indexes) and chunks it gets. */
async function recordingServer(opts: { answerSnapshots?: boolean } = {}): Promise<{ address: string; envelopes: number[][]; chunks: ChunkRecord[] }> {
  const envelopes: number[][] = [];
  const chunks: ChunkRecord[] = [];
  const server = new Server(grpcServerOptions());
  servers.push(server);
  const handlers: RaftServiceHandlers = {
    Send: (call, callback) => {
      call.on('data', (e: RaftEnvelope__Output) => envelopes.push(e.messages.map((m) => m.index)));
      call.on('end', () => callback(null, {}));
    },
    InstallSnapshot: (call, callback) => {
      call.on('data', (c: SnapshotChunk__Output) =>
        chunks.push({ header: c.header !== null, offset: c.offset, bytes: c.data.byteLength, last: c.last, crc: c.crc32, total: c.totalBytes }),
      );
      call.on('end', () => {
        if (opts.answerSnapshots !== false) callback(null, {});
      });
    },
  };
  server.addService(raftProto().RaftService.service, handlers);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );
  return { address: `127.0.0.1:${port}`, envelopes, chunks };
}

function snapMessage(from: NodeId, to: NodeId, data: Uint8Array): Message {
  return message('snap', from, to, 0, {
    snapshot: { meta: { index: 120, term: 4, conf: { voters: ['a', 'b', 'c'], learners: ['d'] } }, data },
  });
}

function snapChunks(data: Uint8Array, overrides: Partial<SnapshotChunk> = {}): SnapshotChunk[] {
  const header = encodeMessage(snapMessage('a', 'b', data));
  const half = Math.floor(data.byteLength / 2);
  return [
    { clusterId: 'c1', from: 'a', to: 'b', header, totalBytes: data.byteLength, offset: 0, data: data.subarray(0, half), last: false },
    { clusterId: 'c1', from: 'a', to: 'b', offset: half, data: data.subarray(half), last: true, crc32: crc32(data), ...overrides },
  ];
}

// ---- tests -------------------------------------------------------------------------------------

describe('GrpcTransport', () => {
  it('exchanges batches of messages both ways, in order', async () => {
    const a = await replica({ selfId: 'a', maxBatchMessages: 16 });
    const b = await replica({ selfId: 'b', maxBatchMessages: 16 });
    connect(a, b);
    for (let round = 0; round < 5; round++) {
      a.transport.send(Array.from({ length: 100 }, (_, i) => message('app', 'a', 'b', round * 100 + i + 1)));
      b.transport.send(Array.from({ length: 60 }, (_, i) => message('appResp', 'b', 'a', round * 60 + i + 1)));
      await sleep(round % 2 === 0 ? 0 : 5);
    }
    await waitFor('all messages', () => b.recorder.messages.length === 500 && a.recorder.messages.length === 300);
    expect(b.recorder.messages.map((m) => m.index)).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
    expect(a.recorder.messages.map((m) => m.index)).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    expect(b.recorder.messages.every((m) => m.type === 'app' && m.from === 'a' && m.to === 'b')).toBe(true);
    expect(a.recorder.unreachable).toEqual([]);
  });

  it('delivers entries of binary data intact, including empty data and conf entries', async () => {
    const a = await replica({ selfId: 'a' });
    const b = await replica({ selfId: 'b' });
    connect(a, b);
    const entries: Entry[] = [
      { index: 7, term: 2, type: 'normal', data: Uint8Array.from({ length: 256 }, (_, i) => i) },
      { index: 8, term: 2, type: 'normal', data: new Uint8Array(0) },
      { index: 9, term: 3, type: 'conf', data: new Uint8Array(randomBytes(100_000)) },
      { index: 2 ** 40, term: 2 ** 33, type: 'normal', data: new Uint8Array([0, 0, 0]) },
    ];
    const sent = message('app', 'a', 'b', 6, { entries, reject: true, rejectHint: 5, context: new Uint8Array([9, 0, 9]) });
    const all: MessageType[] = ['prop', 'vote', 'voteResp', 'preVote', 'preVoteResp', 'heartbeat', 'heartbeatResp', 'readIndex', 'readIndexResp', 'timeoutNow', 'transferLeader'];
    a.transport.send([sent, ...all.map((type, i) => message(type, 'a', 'b', i))]);
    await waitFor('the messages', () => b.recorder.messages.length === 1 + all.length);
    expect(comparable(b.recorder.messages[0] as Message)).toEqual(comparable(sent));
    expect(b.recorder.messages.slice(1).map((m) => m.type)).toEqual(all);
  });

  it('refuses an envelope from another cluster with FAILED_PRECONDITION, logs it and delivers nothing', async () => {
    const a = await replica({ selfId: 'a', clusterId: 'blue', reconnectBackoffMinMs: 20, reconnectBackoffMaxMs: 100 });
    const b = await replica({ selfId: 'b', clusterId: 'green' });
    connect(a, b);
    a.transport.send([message('heartbeat', 'a', 'b', 1)]);
    const expected = 'wrong cluster: this replica belongs to cluster green, the message came from cluster blue (from a)';
    await waitFor('the refusal in both logs', () => a.logs.some((l) => l.includes(expected)) && b.logs.some((l) => l.includes(expected)));
    await waitFor('unreachable', () => a.recorder.unreachable.includes('b'));
    expect(b.recorder.messages).toEqual([]);

    const client = rawClient(b.address);
    const err = await new Promise<ServiceError | null>((resolve) => {
      const call = client.Send((e) => resolve(e));
      const envelope: RaftEnvelope = { clusterId: 'red', from: 'r4', messages: [encodeMessage(message('app', 'r4', 'b', 1))] };
      call.write(envelope);
    });
    client.close();
    expect(err?.code).toBe(grpcStatus.FAILED_PRECONDITION);
    expect(err?.details).toBe('wrong cluster: this replica belongs to cluster green, the message came from cluster red (from r4)');
    expect(b.recorder.messages).toEqual([]);
  });

  it('drops messages addressed to another replica, to unknown peers and to a peer with a bad address, reporting the latter unreachable', async () => {
    const a = await replica({ selfId: 'a' });
    const b = await replica({ selfId: 'b' });
    connect(a, b);
    a.transport.addPeer('yy', '');
    a.transport.send([message('app', 'a', 'zz', 1), message('app', 'a', 'b', 2), message('app', 'a', 'yy', 1)]);
    await waitFor('unreachable zz and yy', () => a.recorder.unreachable.includes('zz') && a.recorder.unreachable.includes('yy'));
    expect(a.logs.some((l) => l.includes('cannot connect to peer: bad address'))).toBe(true);
    const client = rawClient(b.address);
    const call = client.Send(() => undefined);
    call.write({ clusterId: 'c1', from: 'a', messages: [encodeMessage(message('app', 'a', 'c', 3)), encodeMessage(message('app', 'a', 'b', 4))] });
    await waitFor('the two messages to b', () => b.recorder.messages.length === 2);
    call.cancel();
    client.close();
    expect(b.recorder.messages.map((m) => m.index)).toEqual([2, 4]);
    expect(b.logs.some((l) => l.includes('message addressed to another replica dropped'))).toBe(true);
  });

  it('retries a peer that is down with backoff, reports it unreachable, and delivers what is sent once it is up', async () => {
    const port = await freePort();
    const a = await replica({ selfId: 'a', peers: { b: `127.0.0.1:${port}` }, reconnectBackoffMinMs: 20, reconnectBackoffMaxMs: 200 });
    let next = 1;
    const tick = (): void => a.transport.send([message('heartbeat', 'a', 'b', next++)]);
    const downSince = Date.now();
    while (Date.now() - downSince < 800) {
      tick();
      await sleep(20);
    }
    // Without backoff the stream would be reopened on every heartbeat (40 times) or in a tight loop.
    const failures = a.recorder.unreachable.length;
    expect(failures).toBeGreaterThanOrEqual(2);
    expect(failures).toBeLessThan(20);
    expect(a.transport.queuedMessages('b')).toBeLessThanOrEqual(a.transport.options.maxQueuedMessagesPerPeer);

    const b = await replica({ selfId: 'b' }, port);
    const firstAfterUp = next;
    await waitFor('a heartbeat sent after b came up', () => {
      tick();
      return b.recorder.messages.some((m) => m.index >= firstAfterUp);
    });
    const indexes = b.recorder.messages.map((m) => m.index);
    expect(indexes).toEqual([...indexes].sort((x, y) => x - y));
  });

  it('never queues more than maxQueuedMessagesPerPeer for a dead peer, dropping and reporting the rest', async () => {
    const port = await freePort();
    const a = await replica({ selfId: 'a', peers: { b: `127.0.0.1:${port}` }, maxQueuedMessagesPerPeer: 32, reconnectBackoffMinMs: 500, reconnectBackoffMaxMs: 1000 });
    let maxSeen = 0;
    for (let round = 0; round < 20; round++) {
      for (let i = 0; i < 100; i++) {
        a.transport.send([message('app', 'a', 'b', round * 100 + i)]);
        maxSeen = Math.max(maxSeen, a.transport.queuedMessages('b'));
      }
      await sleep(5);
    }
    expect(maxSeen).toBe(32);
    await waitFor('unreachable reported', () => a.recorder.unreachable.includes('b'));
    expect(a.logs.some((l) => l.includes('dropping messages to peer') && l.includes('maxQueuedMessagesPerPeer'))).toBe(true);
  });

  it('streams a 5 MiB snapshot in chunks, delivers one intact snap message and reports success', async () => {
    const a = await replica({ selfId: 'a' });
    const b = await replica({ selfId: 'b' });
    connect(a, b);
    const data = new Uint8Array(randomBytes(5 * 1024 * 1024 + 17));
    const sent = snapMessage('a', 'b', data);
    a.transport.send([sent]);
    await waitFor('snapshot status', () => a.recorder.snapshotStatus.length === 1);
    expect(a.recorder.snapshotStatus).toEqual([{ peer: 'b', ok: true }]);
    expect(b.recorder.messages).toHaveLength(1);
    const got = b.recorder.messages[0] as Message;
    expect(got.type).toBe('snap');
    expect(got.snapshot?.meta).toEqual(sent.snapshot?.meta);
    expect(Buffer.compare(Buffer.from(got.snapshot?.data ?? []), Buffer.from(data))).toBe(0);
  });

  it('frames a snapshot as snapshotChunkBytes chunks, the header first and the CRC32 of the whole data last', async () => {
    const fake = await recordingServer();
    const a = await replica({ selfId: 'a', peers: { b: fake.address }, snapshotChunkBytes: 1000 });
    const data = new Uint8Array(randomBytes(2500));
    a.transport.send([snapMessage('a', 'b', data)]);
    await waitFor('snapshot status', () => a.recorder.snapshotStatus.length === 1);
    expect(fake.chunks).toEqual([
      { header: true, offset: 0, bytes: 1000, last: false, crc: 0, total: 2500 },
      { header: false, offset: 1000, bytes: 1000, last: false, crc: 0, total: 0 },
      { header: false, offset: 2000, bytes: 500, last: true, crc: crc32(data), total: 0 },
    ]);
  });

  it('coalesces the messages of one turn into envelopes of at most maxBatchMessages and maxMessageBytes', async () => {
    const fake = await recordingServer();
    const a = await replica({ selfId: 'a', peers: { b: fake.address }, maxBatchMessages: 16, maxMessageBytes: 64 * 1024, snapshotChunkBytes: 1024 });
    a.transport.send(Array.from({ length: 50 }, (_, i) => message('app', 'a', 'b', i + 1)));
    a.transport.send(Array.from({ length: 50 }, (_, i) => message('app', 'a', 'b', i + 51)));
    await waitFor('100 messages', () => fake.envelopes.flat().length === 100);
    expect(fake.envelopes.map((e) => e.length)).toEqual([16, 16, 16, 16, 16, 16, 4]);

    // Three 25 KiB messages fit two to an envelope of 64 KiB; one of 70 KiB never fits and is dropped.
    const big = (index: number, bytes: number): Message =>
      message('app', 'a', 'b', index, { entries: [{ index, term: 1, type: 'normal', data: new Uint8Array(bytes) }] });
    fake.envelopes.length = 0;
    a.transport.send([big(101, 25 * 1024), big(102, 25 * 1024), big(103, 70 * 1024), big(104, 25 * 1024)]);
    await waitFor('the messages that fit', () => fake.envelopes.flat().length === 3);
    expect(fake.envelopes).toEqual([[101, 102], [104]]);
    await waitFor('unreachable after the drop', () => a.recorder.unreachable.includes('b'));
    expect(a.logs.some((l) => l.includes('message larger than maxMessageBytes dropped'))).toBe(true);
  });

  it('cancels a snapshot stream that outlives snapshotTimeoutMs and reports it failed', async () => {
    const fake = await recordingServer({ answerSnapshots: false });
    const a = await replica({ selfId: 'a', peers: { b: fake.address }, snapshotTimeoutMs: 300 });
    a.transport.send([snapMessage('a', 'b', new Uint8Array(10))]);
    await waitFor('snapshot status', () => a.recorder.snapshotStatus.length === 1);
    expect(a.recorder.snapshotStatus).toEqual([{ peer: 'b', ok: false }]);
  });

  it('receives at most maxInboundSnapshots snapshots at once', async () => {
    const b = await replica({ selfId: 'b', maxInboundSnapshots: 1 });
    const client = rawClient(b.address);
    const [first] = snapChunks(new Uint8Array(100));
    const open = client.InstallSnapshot(() => undefined);
    open.write(first as SnapshotChunk);
    await sleep(100);
    const second = await rawSnapshot(b.address, snapChunks(new Uint8Array(100)));
    expect(second?.code).toBe(grpcStatus.RESOURCE_EXHAUSTED);
    expect(second?.details).toContain('maxInboundSnapshots');
    open.cancel();
    client.close();
    await sleep(100);
    expect(await rawSnapshot(b.address, snapChunks(new Uint8Array(100)))).toBeNull();
  });

  it('refuses a snapshot whose CRC32 does not match, and delivers nothing', async () => {
    const b = await replica({ selfId: 'b' });
    const data = new Uint8Array(randomBytes(10_000));
    const err = await rawSnapshot(b.address, snapChunks(data, { crc32: (crc32(data) ^ 1) >>> 0 }));
    expect(err?.code).toBe(grpcStatus.DATA_LOSS);
    expect(err?.details).toContain('CRC32');
    expect(b.recorder.messages).toEqual([]);

    // The same chunks with the right CRC are accepted: the refusal was the checksum's doing.
    expect(await rawSnapshot(b.address, snapChunks(data))).toBeNull();
    expect(b.recorder.messages).toHaveLength(1);
  });

  it('refuses a snapshot over maxSnapshotBytes before reading it, and a snapshot sent to the wrong replica', async () => {
    const b = await replica({ selfId: 'b', maxSnapshotBytes: 4096 });
    const tooBig = await rawSnapshot(b.address, snapChunks(new Uint8Array(4097)));
    expect(tooBig?.code).toBe(grpcStatus.RESOURCE_EXHAUSTED);
    expect(tooBig?.details).toContain('maxSnapshotBytes 4096');
    const [first, second] = snapChunks(new Uint8Array(100));
    const misaddressed = await rawSnapshot(b.address, [{ ...first, to: 'c' }, second as SnapshotChunk]);
    expect(misaddressed?.code).toBe(grpcStatus.INVALID_ARGUMENT);
    expect(b.recorder.messages).toEqual([]);
  });

  it('reports a failed snapshot to a peer that is down', async () => {
    const port = await freePort();
    const a = await replica({ selfId: 'a', peers: { b: `127.0.0.1:${port}` } });
    a.transport.send([snapMessage('a', 'b', new Uint8Array(10))]);
    await waitFor('snapshot status', () => a.recorder.snapshotStatus.length === 1);
    expect(a.recorder.snapshotStatus).toEqual([{ peer: 'b', ok: false }]);
  });
});
