// Proves that MemoryTransport behaves like the gRPC one where a driver can tell: messages arrive
// later, in order, as copies that share nothing with the sender's; partitions, unknown peers and
// full links drop messages and report the peer unreachable; snapshots report their status.
import { describe, expect, it } from 'vitest';
import type { Message, NodeId } from '../../server/raft/core/types.js';
import { MemoryNetwork } from '../../server/raft/transport/index.js';
import type { TransportHandler } from '../../server/raft/transport/index.js';

class Recorder implements TransportHandler {
  readonly messages: Message[] = [];
  readonly unreachable: NodeId[] = [];
  readonly snapshotStatus: Array<{ peer: NodeId; ok: boolean }> = [];
  onMessage(m: Message): void {
    this.messages.push(m);
  }
  onUnreachable(peer: NodeId): void {
    this.unreachable.push(peer);
  }
  onSnapshotStatus(peer: NodeId, ok: boolean): void {
    this.snapshotStatus.push({ peer, ok });
  }
}

function msg(from: NodeId, to: NodeId, index: number, extra: Partial<Message> = {}): Message {
  return {
    type: 'app',
    from,
    to,
    term: 1,
    logTerm: 1,
    index,
    entries: [{ index: index + 1, term: 1, type: 'normal', data: new Uint8Array([1, 2, 3]) }],
    commit: 0,
    reject: false,
    rejectHint: 0,
    context: new Uint8Array([7]),
    ...extra,
  };
}

async function settle(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setImmediate(resolve));
}

function pair(options: { maxInFlightPerLink?: number } = {}) {
  const network = new MemoryNetwork(options);
  const ra = new Recorder();
  const rb = new Recorder();
  const a = network.attach('a', ra, ['b']);
  const b = network.attach('b', rb, ['a']);
  return { network, a, b, ra, rb };
}

describe('MemoryTransport', () => {
  it('delivers later, in order, copies that share no arrays or bytes with what was sent', async () => {
    const { a, rb } = pair();
    const sent = [msg('a', 'b', 1), msg('a', 'b', 2)];
    a.send(sent);
    expect(rb.messages).toEqual([]);
    await settle();
    expect(rb.messages.map((m) => m.index)).toEqual([1, 2]);
    const [first] = sent;
    const [got] = rb.messages;
    if (first === undefined || got === undefined) throw new Error('missing');
    expect(got).toEqual(first);
    expect(got.entries).not.toBe(first.entries);
    (first.entries[0]?.data as Uint8Array)[0] = 99;
    (first.context as Uint8Array)[0] = 99;
    expect(got.entries[0]?.data[0]).toBe(1);
    expect(got.context[0]).toBe(7);
  });

  it('drops across a partition and to unknown peers, reporting them unreachable, until heal() and addPeer()', async () => {
    const { network, a, b, ra, rb } = pair();
    network.partition('a', 'b');
    a.send([msg('a', 'b', 1), msg('a', 'c', 2)]);
    b.send([msg('b', 'a', 3)]);
    await settle();
    expect(rb.messages).toEqual([]);
    expect(ra.messages).toEqual([]);
    expect(ra.unreachable).toEqual(['b', 'c']);
    expect(rb.unreachable).toEqual(['a']);

    network.heal();
    const rc = new Recorder();
    network.attach('c', rc);
    a.addPeer('c', 'ignored');
    a.send([msg('a', 'b', 4), msg('a', 'c', 5)]);
    await settle();
    expect(rb.messages.map((m) => m.index)).toEqual([4]);
    expect(rc.messages.map((m) => m.index)).toEqual([5]);

    a.removePeer('c');
    a.send([msg('a', 'c', 6)]);
    await settle();
    expect(rc.messages.map((m) => m.index)).toEqual([5]);
  });

  it('holds at most maxInFlightPerLink messages on a link and reports the rest unreachable', async () => {
    const { a, ra, rb } = pair({ maxInFlightPerLink: 3 });
    a.send([1, 2, 3, 4, 5].map((i) => msg('a', 'b', i)));
    await settle();
    expect(rb.messages.map((m) => m.index)).toEqual([1, 2, 3]);
    expect(ra.unreachable).toEqual(['b', 'b']);
  });

  it('reports the status of a snapshot: delivered, or lost to a partition', async () => {
    const { network, a, ra, rb } = pair();
    const snapshot = { meta: { index: 5, term: 1, conf: { voters: ['a', 'b'], learners: [] } }, data: new Uint8Array([1, 2]) };
    a.send([msg('a', 'b', 0, { type: 'snap', entries: [], snapshot })]);
    await settle();
    expect(rb.messages[0]?.snapshot).toEqual(snapshot);
    expect(ra.snapshotStatus).toEqual([{ peer: 'b', ok: true }]);

    network.partition('a', 'b');
    a.send([msg('a', 'b', 0, { type: 'snap', entries: [], snapshot })]);
    await settle();
    expect(ra.snapshotStatus).toEqual([{ peer: 'b', ok: true }, { peer: 'b', ok: false }]);
  });

  it('delivers nothing to or from a closed transport', async () => {
    const { a, b, rb } = pair();
    await b.close();
    a.send([msg('a', 'b', 1)]);
    b.send([msg('b', 'a', 2)]);
    await settle();
    expect(rb.messages).toEqual([]);
  });
});
