// Proves the pure Raft core's basic contracts on a tiny in-test network: election, replication
// with batching, commit rules, read index, proposal forwarding, leadership transfer, membership
// change (including removing the leader), snapshots to a lagging replica, and PreVote/CheckQuorum.
import { describe, expect, it } from 'vitest';
import {
  RawNode,
  decodeConfChange,
  type Entry,
  type HardState,
  type Message,
  type NodeId,
  type RaftOptions,
  type Snapshot,
} from '../../server/raft/core/index.js';

const enc = new TextEncoder();
const dec = new TextDecoder();

interface Disk {
  hardState?: HardState;
  entries: Entry[];
  snapshot?: Snapshot;
}

/** A minimal synchronous driver: persist, send, apply, advance — the Ready contract. */
class Cluster {
  nodes = new Map<NodeId, RawNode>();
  disks = new Map<NodeId, Disk>();
  applied = new Map<NodeId, string[]>();
  queue: Message[] = [];
  cut = new Set<string>();
  readStates = new Map<NodeId, number[]>();
  snapshotsMade = 0;

  constructor(ids: NodeId[], private readonly opts: Partial<RaftOptions> = {}) {
    for (const id of ids) this.start(id, { bootstrapVoters: ids });
  }

  start(id: NodeId, initial: ConstructorParameters<typeof RawNode>[1]): void {
    const seed = [...id].reduce((n, c) => n * 31 + c.charCodeAt(0), 7);
    this.nodes.set(id, new RawNode({ id, randomSeed: seed, ...this.opts }, initial));
    if (!this.disks.has(id)) this.disks.set(id, { entries: [] });
    if (!this.applied.has(id)) this.applied.set(id, []);
  }

  node(id: NodeId): RawNode {
    return this.nodes.get(id)!;
  }

  handle(id: NodeId): void {
    const n = this.node(id);
    while (n.hasReady()) {
      const rd = n.ready();
      const disk = this.disks.get(id)!;
      if (rd.snapshot) {
        disk.snapshot = rd.snapshot;
        disk.entries = [];
        this.applied.set(id, JSON.parse(dec.decode(rd.snapshot.data)) as string[]);
      }
      if (rd.entries.length > 0) {
        const first = rd.entries[0]!.index;
        disk.entries = disk.entries.filter((e) => e.index < first).concat(rd.entries);
      }
      if (rd.hardState) disk.hardState = rd.hardState;
      this.queue.push(...rd.messages);
      for (const e of rd.committedEntries) {
        if (e.type === 'conf') n.applyConfChange(decodeConfChange(e.data));
        else if (e.data.length > 0) this.applied.get(id)!.push(dec.decode(e.data));
      }
      for (const rs of rd.readStates) {
        const list = this.readStates.get(id) ?? [];
        list.push(rs.index);
        this.readStates.set(id, list);
      }
      n.advance();
      if (rd.snapshotRequested === true) {
        const st = n.status();
        const data = enc.encode(JSON.stringify(this.applied.get(id)));
        n.compact(n.createSnapshot(st.applied, data), st.firstIndex - 1);
        this.snapshotsMade++;
      }
    }
  }

  deliverAll(maxRounds = 1000): void {
    for (let round = 0; round < maxRounds; round++) {
      for (const id of this.nodes.keys()) this.handle(id);
      if (this.queue.length === 0) return;
      const batch = this.queue;
      this.queue = [];
      for (const m of batch) {
        if (this.cut.has(`${m.from}>${m.to}`) || this.cut.has(`${m.to}<`) || this.cut.has(`${m.from}<`)) continue;
        this.nodes.get(m.to)?.step(m);
      }
    }
  }

  tick(n: number): void {
    for (let i = 0; i < n; i++) {
      for (const node of this.nodes.values()) node.tick();
      this.deliverAll();
    }
  }

  isolate(id: NodeId): void {
    this.cut.add(`${id}<`);
  }

  heal(): void {
    this.cut.clear();
  }

  leader(): NodeId | undefined {
    const leaders = [...this.nodes].filter(([, n]) => n.status().role === 'leader');
    return leaders.length === 0 ? undefined : leaders.sort((a, b) => b[1].status().term - a[1].status().term)[0]![0];
  }

  elect(): NodeId {
    for (let i = 0; i < 100; i++) {
      this.tick(1);
      const l = this.leader();
      if (l !== undefined) return l;
    }
    throw new Error('no leader elected');
  }
}

describe('raft core', () => {
  it('elects exactly one leader and replicates proposals to all', () => {
    const c = new Cluster(['a', 'b', 'c']);
    const leader = c.elect();
    const terms = [...c.nodes.values()].map((n) => n.status().term);
    expect(new Set(terms).size).toBe(1);
    expect(c.node(leader).propose(enc.encode('x1'))).toBe(true);
    c.deliverAll();
    c.tick(2);
    for (const id of ['a', 'b', 'c']) expect(c.applied.get(id)).toEqual(['x1']);
  });

  it('batches many proposals into one append and one Ready', () => {
    const c = new Cluster(['a', 'b', 'c']);
    const leader = c.elect();
    c.tick(2);
    for (let i = 0; i < 100; i++) c.node(leader).propose(enc.encode(`p${i}`));
    const rd = c.node(leader).ready();
    expect(rd.entries.length).toBe(100);
    const apps = rd.messages.filter((m) => m.type === 'app');
    expect(apps.length).toBe(2);
    expect(apps[0]!.entries.length).toBe(100);
    c.node(leader).advance();
    c.queue.push(...rd.messages);
    c.deliverAll();
    c.tick(2);
    expect(c.applied.get('b')!.length).toBe(100);
  });

  it('forwards proposals from a follower to the leader', () => {
    const c = new Cluster(['a', 'b', 'c']);
    const leader = c.elect();
    const follower = ['a', 'b', 'c'].find((id) => id !== leader)!;
    expect(c.node(follower).propose(enc.encode('fwd'))).toBe(true);
    c.deliverAll();
    c.tick(2);
    expect(c.applied.get(leader)).toEqual(['fwd']);
  });

  it('serves read index on leader and follower after a quorum confirms', () => {
    const c = new Cluster(['a', 'b', 'c']);
    const leader = c.elect();
    c.tick(2);
    c.node(leader).propose(enc.encode('w'));
    c.deliverAll();
    const follower = ['a', 'b', 'c'].find((id) => id !== leader)!;
    expect(c.node(leader).readIndex(enc.encode('r1'))).toBe(true);
    expect(c.node(follower).readIndex(enc.encode('r2'))).toBe(true);
    c.deliverAll();
    expect(c.readStates.get(leader)).toEqual([c.node(leader).status().commit]);
    expect(c.readStates.get(follower)!.length).toBe(1);
  });

  it('an isolated leader cannot serve reads and steps down (CheckQuorum)', () => {
    const c = new Cluster(['a', 'b', 'c']);
    const leader = c.elect();
    c.tick(2);
    c.isolate(leader);
    c.node(leader).readIndex(enc.encode('stale?'));
    c.tick(25);
    expect(c.readStates.get(leader)).toBeUndefined();
    expect(c.node(leader).status().role).not.toBe('leader');
    const others = ['a', 'b', 'c'].filter((id) => id !== leader);
    expect(others.some((id) => c.node(id).status().role === 'leader')).toBe(true);
  });

  it('PreVote: a partitioned follower does not raise its term and disrupt on return', () => {
    const c = new Cluster(['a', 'b', 'c']);
    const leader = c.elect();
    c.tick(2);
    const follower = ['a', 'b', 'c'].find((id) => id !== leader)!;
    const term = c.node(leader).status().term;
    c.isolate(follower);
    c.tick(60);
    expect(c.node(follower).status().term).toBe(term);
    c.heal();
    c.tick(5);
    expect(c.node(leader).status().role).toBe('leader');
    expect(c.node(leader).status().term).toBe(term);
  });

  it('commits an entry of an earlier term only together with one of the current term', () => {
    const c = new Cluster(['a', 'b', 'c']);
    const leader = c.elect();
    c.tick(2);
    const [f1, f2] = ['a', 'b', 'c'].filter((id) => id !== leader) as [NodeId, NodeId];
    c.isolate(f1);
    c.isolate(f2);
    c.node(leader).propose(enc.encode('lonely'));
    c.deliverAll();
    expect(c.node(leader).status().commit).toBeLessThan(c.node(leader).status().lastIndex);
    c.heal();
    c.tick(30);
    const l2 = c.leader()!;
    c.tick(3);
    const st = c.node(l2).status();
    expect(st.commit).toBe(st.lastIndex);
  });

  it('transfers leadership on request', () => {
    const c = new Cluster(['a', 'b', 'c']);
    const leader = c.elect();
    c.tick(2);
    const target = ['a', 'b', 'c'].find((id) => id !== leader)!;
    c.node(leader).transferLeadership(target);
    c.deliverAll();
    c.tick(1);
    expect(c.leader()).toBe(target);
  });

  it('adds a learner, promotes it, and removes the old leader', () => {
    const c = new Cluster(['a', 'b', 'c']);
    const leader = c.elect();
    c.tick(2);
    c.node(leader).propose(enc.encode('before'));
    c.deliverAll();
    c.start('d', {});
    expect(c.node(leader).proposeConfChange({ type: 'addLearner', node: 'd', context: '' })).toBe(true);
    c.tick(3);
    expect(c.applied.get('d')).toEqual(['before']);
    expect(c.node(leader).proposeConfChange({ type: 'addVoter', node: 'd', context: '' })).toBe(true);
    c.tick(3);
    expect(c.node('d').status().conf.voters).toEqual(['a', 'b', 'c', 'd']);
    expect(c.node(leader).proposeConfChange({ type: 'remove', node: leader, context: '' })).toBe(true);
    c.tick(3);
    expect(c.node(leader).status().role).toBe('follower');
    c.nodes.delete(leader);
    const l2 = c.elect();
    expect(l2).not.toBe(leader);
    c.node(l2).propose(enc.encode('after'));
    c.tick(3);
    expect(c.applied.get('d')).toEqual(['before', 'after']);
  });

  it('sends a snapshot to a replica whose entries were compacted away', () => {
    const c = new Cluster(['a', 'b', 'c']);
    const leader = c.elect();
    c.tick(2);
    const lagger = ['a', 'b', 'c'].find((id) => id !== leader)!;
    c.isolate(lagger);
    for (let i = 0; i < 20; i++) c.node(leader).propose(enc.encode(`v${i}`));
    c.tick(2);
    const n = c.node(leader);
    const st = n.status();
    n.compact(n.createSnapshot(st.applied, enc.encode(JSON.stringify(c.applied.get(leader)))));
    expect(n.status().firstIndex).toBe(st.applied + 1);
    c.heal();
    c.tick(15);
    expect(c.applied.get(lagger)).toEqual(c.applied.get(leader));
    n.propose(enc.encode('later'));
    c.tick(2);
    expect(c.applied.get(lagger)!.at(-1)).toBe('later');
  });

  it('compacts its log without a snapshot and asks the driver for one only when a follower needs it', () => {
    const c = new Cluster(['a', 'b', 'c']);
    const leader = c.elect();
    c.tick(2);
    const lagger = ['a', 'b', 'c'].find((id) => id !== leader)!;
    c.isolate(lagger);
    for (let i = 0; i < 20; i++) c.node(leader).propose(enc.encode(`w${i}`));
    c.tick(2);
    const n = c.node(leader);
    const boundary = n.compactLog(n.status().applied - 2);
    expect(boundary.index).toBe(n.status().applied - 2);
    expect(c.snapshotsMade).toBe(0);
    c.heal();
    c.tick(15);
    expect(c.snapshotsMade).toBe(1);
    expect(c.applied.get(lagger)).toEqual(c.applied.get(leader));
  });

  it('restarts from its disk and keeps its log, term and configuration', () => {
    const c = new Cluster(['a', 'b', 'c']);
    const leader = c.elect();
    c.tick(2);
    c.node(leader).propose(enc.encode('durable'));
    c.tick(3);
    const id = ['a', 'b', 'c'].find((x) => x !== leader)!;
    const disk = c.disks.get(id)!;
    const before = c.node(id).status();
    c.start(id, { hardState: disk.hardState!, entries: disk.entries, applied: 0 });
    c.applied.set(id, []);
    const after = c.node(id).status();
    expect(after.term).toBe(before.term);
    expect(after.lastIndex).toBe(before.lastIndex);
    // The configuration comes back as the committed conf entries are applied again.
    c.handle(id);
    expect(c.node(id).status().conf.voters).toEqual(['a', 'b', 'c']);
    c.tick(3);
    expect(c.applied.get(id)).toEqual(['durable']);
  });

  it('keeps at most maxInflightMsgs appends in flight to a follower until it acknowledges', () => {
    const c = new Cluster(['a', 'b', 'c'], { maxInflightMsgs: 2, maxSizePerMsgBytes: 1 });
    const leader = c.elect();
    c.tick(2);
    const n = c.node(leader);
    for (let i = 0; i < 10; i++) n.propose(enc.encode(`p${i}`));
    const rd = n.ready();
    const follower = ['a', 'b', 'c'].find((id) => id !== leader)!;
    // One entry per message (maxSizePerMsgBytes: 1), and the window holds two.
    const apps = rd.messages.filter((m) => m.type === 'app' && m.to === follower);
    expect(apps.length).toBe(2);
    expect(n.status().progress.get(follower)!.inflight).toBe(2);
    n.advance();
    c.queue.push(...rd.messages);
    c.tick(5);
    expect(c.applied.get(follower)!.length).toBe(10);
  });

  it('serves lease reads without a quorum round trip only when asked to', () => {
    const safe = new Cluster(['a', 'b', 'c']);
    const l1 = safe.elect();
    safe.tick(2);
    safe.node(l1).readIndex(enc.encode('r'));
    expect(safe.node(l1).ready().readStates.length).toBe(0);

    const lease = new Cluster(['a', 'b', 'c'], { readOnly: 'lease' });
    const l2 = lease.elect();
    lease.tick(2);
    lease.node(l2).readIndex(enc.encode('r'));
    expect(lease.node(l2).ready().readStates.length).toBe(1);
  });

  it('persists a new cluster\'s bootstrap hard state in its first Ready, with the configuration entries', () => {
    const n = new RawNode({ id: 'a' }, { bootstrapVoters: ['a', 'b', 'c'] });
    const rd = n.ready();
    expect(rd.entries.map((e) => e.type)).toEqual(['conf', 'conf', 'conf']);
    expect(rd.hardState).toEqual({ term: 1, vote: '', commit: 3 });
    expect(rd.mustSync).toBe(true);
  });

  it('validates options with a message naming the option', () => {
    expect(() => new RawNode({ id: 'a', electionTicks: 0 }, {})).toThrow(/raft.electionTicks: must be an integer >= 1/);
    expect(() => new RawNode({ id: 'a', heartbeatTicks: 10, electionTicks: 5 }, {})).toThrow(/heartbeatTicks/);
    expect(() => new RawNode({ id: 'a', readOnly: 'lease', checkQuorum: false }, {})).toThrow(/needs checkQuorum/);
  });
});
