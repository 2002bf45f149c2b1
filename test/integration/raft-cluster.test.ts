// Proves, with real `berth server` processes and LevelDB directories on 127.0.0.1, that the
// replicated store keeps every acknowledged write through kill -9 of the leader and a restart of
// every replica, that a new replica catches up through a snapshot and is promoted, that a
// replica (the leader) can be removed, and that a damaged data directory is refused.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isBerthError, type Client } from '../../client/index.js';
import { BerthCluster } from '../support/berth-cluster.js';
import { Resources, waitFor } from '../support/procs.js';

const dec = new TextDecoder();
let res: Resources;

beforeEach(() => {
  res = new Resources();
});

afterEach(async () => {
  await res.cleanup();
});

/** Writers that each put their own keys in sequence and record which puts were acknowledged. */
function startWriters(client: Client, writers: number): { stop: () => Promise<Map<string, string>>; errors: () => number } {
  const acked = new Map<string, string>();
  let running = true;
  let errors = 0;
  const loops = Array.from({ length: writers }, async (_, w) => {
    for (let n = 0; running; n++) {
      const key = `/it/w${w}/${n}`;
      try {
        await client.kv.put(key, `v${n}`);
        acked.set(key, `v${n}`);
      } catch (err) {
        // An error is not an acknowledgement: the write may or may not have happened.
        errors++;
        if (!isBerthError(err)) throw err;
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  });
  return {
    stop: async () => {
      running = false;
      await Promise.all(loops);
      return acked;
    },
    errors: () => errors,
  };
}

async function expectAllPresent(client: Client, acked: Map<string, string>): Promise<void> {
  const all = await client.kv.range('/it/', { prefix: true });
  const found = new Map(all.kvs.map((kv) => [kv.key, dec.decode(kv.value)]));
  const missing = [...acked].filter(([k, v]) => found.get(k) !== v);
  expect(missing, `acknowledged writes missing or wrong: ${JSON.stringify(missing.slice(0, 5))}`).toEqual([]);
}

describe('a 3-replica cluster of real processes', () => {
  it('keeps every acknowledged write when the leader is killed with -9 under concurrent writes', async () => {
    const cluster = await BerthCluster.start(res, { replicas: 3 });
    const client = cluster.client();
    try {
      const writers = startWriters(client, 16);
      await new Promise((r) => setTimeout(r, 1_500));
      const leader = await cluster.waitForLeader();
      await cluster.procs.get(leader)!.kill();
      const survivors = cluster.specs.map((s) => s.id).filter((id) => id !== leader);
      const next = await cluster.waitForLeader(survivors);
      expect(next).not.toBe(leader);
      await new Promise((r) => setTimeout(r, 1_500));
      const acked = await writers.stop();
      expect(acked.size).toBeGreaterThan(100);
      await expectAllPresent(client, acked);

      // The killed replica comes back with its data directory and catches up.
      cluster.restart(leader);
      const solo = cluster.client([leader]);
      try {
        await waitFor(
          async () => {
            const r = await solo.kv.range('/it/', { prefix: true, serializable: true });
            return r.kvs.length >= acked.size;
          },
          { what: `${leader} to catch up after restart`, timeoutMs: 20_000, intervalMs: 200 },
        );
      } finally {
        solo.close();
      }
    } catch (err) {
      throw new Error(`${(err as Error).message}\n${cluster.logs()}`, { cause: err });
    } finally {
      client.close();
    }
  });

  it('keeps all data when every replica is killed and restarted', async () => {
    const cluster = await BerthCluster.start(res, { replicas: 3 });
    let client = cluster.client();
    const acked = new Map<string, string>();
    for (let i = 0; i < 200; i++) {
      await client.kv.put(`/it/all/${i}`, `x${i}`);
      acked.set(`/it/all/${i}`, `x${i}`);
    }
    client.close();
    await Promise.all([...cluster.procs.values()].map((p) => p.kill()));
    for (const s of cluster.specs) cluster.restart(s.id);
    await cluster.waitForLeader();
    client = cluster.client();
    try {
      await expectAllPresent(client, acked);
      const put = await client.kv.put('/it/after-restart', 'ok');
      expect(put.revision).toBeGreaterThan(200);
    } finally {
      client.close();
    }
  });

  it('adds a 4th replica that catches up through a snapshot, then removes the leader', async () => {
    const cluster = await BerthCluster.start(res, {
      replicas: 3,
      extraArgs: ['--snapshot-entries', '50', '--snapshot-catchup-entries', '10'],
    });
    const client = cluster.client();
    try {
      const acked = new Map<string, string>();
      for (let i = 0; i < 300; i++) {
        await client.kv.put(`/it/snap/${i}`, `s${i}`);
        acked.set(`/it/snap/${i}`, `s${i}`);
      }
      const r4 = await cluster.addSpec('r4');
      const joiner = cluster.launch(r4, ['--join', '--peers', cluster.peerList(cluster.specs.slice(0, 3))]);
      const progress: string[] = [];
      await client.cluster.addMember('r4', `127.0.0.1:${r4.port}`, (m) => progress.push(m));
      expect(progress.length).toBeGreaterThan(0);
      await joiner.waitForLog(/installed snapshot from leader/, { timeoutMs: 15_000 });
      const members = await client.cluster.members();
      expect(members.find((m) => m.id === 'r4')?.role).toBe('voter');

      const solo = cluster.client(['r4']);
      try {
        await waitFor(
          async () => (await solo.kv.range('/it/snap/', { prefix: true, serializable: true })).kvs.length === 300,
          { what: 'r4 to hold every key', timeoutMs: 15_000 },
        );
      } finally {
        solo.close();
      }

      const leader = await cluster.waitForLeader();
      await client.cluster.removeMember(leader);
      const rest = cluster.specs.map((s) => s.id).filter((id) => id !== leader);
      const next = await cluster.waitForLeader(rest);
      expect(next).not.toBe(leader);
      const restClient = cluster.client(rest);
      try {
        await restClient.kv.put('/it/snap/after-remove', 'ok');
        const after = await restClient.cluster.members();
        expect(after.map((m) => m.id).sort()).toEqual(rest.sort());
        await expectAllPresent(restClient, acked);
      } finally {
        restClient.close();
      }
    } catch (err) {
      throw new Error(`${(err as Error).message}\n${cluster.logs()}`, { cause: err });
    } finally {
      client.close();
    }
  });

  it('answers bad input with a clear error that changes nothing, and reads its writes from any replica', async () => {
    const cluster = await BerthCluster.start(res, { replicas: 3 });
    const client = cluster.client();
    try {
      const first = await client.kv.put('/it/ok', 'v1');
      const attempts: [string, () => Promise<unknown>, RegExp][] = [
        ['reserved key', () => client.kv.put('/_berth/members/x', 'y'), /reserved/],
        ['empty key', () => client.kv.put('', 'y'), /key/],
        ['oversized value', () => client.kv.put('/it/big', new Uint8Array(2_000_000)), /2000000 bytes/],
      ];
      for (const [what, attempt, message] of attempts) {
        const err: unknown = await attempt().then(() => undefined, (e: unknown) => e);
        expect(isBerthError(err), `${what}: ${String(err)}`).toBe(true);
        expect((err as Error).message, what).toMatch(message);
      }
      const after = await client.kv.range('/', { prefix: true });
      expect(after.revision).toBe(first.revision);

      // A write acknowledged through one replica is seen by a linearizable read on every other.
      const w = await client.kv.put('/it/ryw', 'fresh');
      for (const s of cluster.specs) {
        const solo = cluster.client([s.id]);
        try {
          const kv = await solo.kv.get('/it/ryw');
          expect(kv?.modRevision, s.id).toBe(w.revision);
        } finally {
          solo.close();
        }
      }
    } finally {
      client.close();
    }
  });

  it('refuses to start on a damaged data directory, naming the file', async () => {
    const cluster = await BerthCluster.start(res, { replicas: 3 });
    const client = cluster.client();
    await client.kv.put('/it/damaged', 'x');
    client.close();
    const victim = cluster.specs[2]!;
    await cluster.procs.get(victim.id)!.stop();
    await rm(join(victim.dataDir, 'CURRENT'));
    const proc = cluster.restart(victim.id);
    const exit = await proc.exited;
    expect(exit.code).not.toBe(0);
    expect(proc.readLog()).toMatch(/CURRENT/);
    expect(proc.readLog()).toMatch(/refusing to start/);
  });
});
