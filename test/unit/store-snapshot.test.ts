// Proves that a store snapshot restored into a fresh database gives the same state, revisions and
// history, that damaged snapshots and damaged database records are refused with DATA_CORRUPT
// naming where, and that compacted history leaves the disk in bounded batches across restarts.
import { describe, expect, it } from 'vitest';
import { isBerthError } from '../../client/index.js';
import type { Command, StoreDb, StoreOptions } from '../../server/store/index.js';
import { encodeCommand, Store } from '../../server/store/index.js';
import { levelFixtures } from '../support/level-fixtures.js';

const { tempDir, openDb } = levelFixtures('berth-store-snap-');

const b = (s: string): Uint8Array => new TextEncoder().encode(s);

let seq = 0;
const rid = (): { origin: string; seq: number } => ({ origin: 't', seq: ++seq });
const put = (key: string, value: string): Command => ({ type: 'put', requestId: rid(), key, value: b(value) });
const del = (key: string): Command => ({ type: 'delete', requestId: rid(), key });
const compact = (revision: number): Command => ({ type: 'compact', requestId: rid(), revision });

async function harness(options: StoreOptions = {}, dir = tempDir()) {
  const db = await openDb(dir);
  const store = await Store.open(db, options);
  const apply = (...cmds: (Command | null)[]) =>
    store.applyEntries(cmds.map((c, i) => ({ index: store.applied + i + 1, data: c === null ? null : encodeCommand(c) })));
  return { db, dir, store, apply };
}

/** Everything a client can observe of a store: meta, current keys, and every readable revision. */
async function observe(store: Store) {
  const history = [];
  for (let rev = Math.max(store.compactedRevision, 1); rev <= store.revision; rev++) {
    history.push(await store.range({ key: '', rangeEnd: '\0', revision: rev }));
  }
  return { applied: store.applied, revision: store.revision, compacted: store.compactedRevision, history };
}

function flipBit(data: Uint8Array, at: number): Uint8Array {
  const copy = Uint8Array.from(data);
  copy[at] = (copy[at] as number) ^ 0x20;
  return copy;
}

async function keysOnDisk(db: StoreDb, prefix: string): Promise<string[]> {
  return db.keys({ gte: prefix, lt: `${prefix}\uffff` }).all();
}

describe('store snapshots', () => {
  it('restores into a fresh database with identical state, revisions and history', async () => {
    const src = await harness();
    await src.apply(put('/a', '1'), put('/b', '2'), put('/a', '3'), del('/b'), put('/c', 'ünï'), null, compact(3), put('/a', '4'), null);
    const data = await src.store.snapshot();
    const dst = await harness();
    await dst.apply(put('/old', 'gone'), put('/a', 'other'));
    await dst.store.restore(data);
    expect(await observe(dst.store)).toEqual(await observe(src.store));
    expect([dst.store.applied, dst.store.revision, dst.store.compactedRevision]).toEqual([9, 8, 3]);
    expect(await dst.store.get('/old')).toBeUndefined();
    // Both continue identically from the snapshot's index.
    const next = [{ index: 10, data: encodeCommand({ ...put('/a', '5'), requestId: { origin: 'x', seq: 1 } }) }];
    expect(await dst.store.applyEntries(next)).toEqual(await src.store.applyEntries(next));
    // And what was written is what a restart reads back.
    await dst.db.close();
    const db = await openDb(dst.dir);
    expect(await observe(await Store.open(db))).toEqual(await observe(src.store));
    expect(await keysOnDisk(db, 's/k//old/')).toEqual([]);
  });

  it('hands out the restore batch without writing it, and ends every watch with COMPACTED', async () => {
    const src = await harness();
    await src.apply(put('k', 'new'));
    const data = await src.store.snapshot();
    const dst = await harness();
    await dst.apply(put('j', 'old'), put('j', 'older'));
    const errors: string[] = [];
    dst.store.watch({ key: 'j' }, () => undefined, (err) => errors.push(err.code));
    const plan = dst.store.restoreOps(data);
    expect(plan.ops.every((op) => op.key.startsWith('s/'))).toBe(true);
    expect(await dst.db.get('s/k/j/0000000000000001')).toBeDefined();
    expect(dst.store.applied).toBe(2);
    await dst.db.batch([...plan.ops, { type: 'put', key: 'r/meta', value: b('raft') }]);
    plan.commit();
    expect(errors).toEqual(['COMPACTED']);
    expect([dst.store.applied, (await dst.store.get('k'))?.modRevision, await dst.store.get('j')]).toEqual([1, 1, undefined]);
    expect(await keysOnDisk(dst.db, 's/k/j/')).toEqual([]);
    expect(await dst.db.get('r/meta')).toBeDefined();
  });

  it('rejects a damaged, truncated or foreign snapshot with DATA_CORRUPT', async () => {
    const src = await harness();
    await src.apply(put('k', 'value'), put('l', 'value'));
    const data = await src.store.snapshot();
    const flipped = flipBit(data, Math.floor(data.length / 2));
    const foreign = flipBit(data, 0);
    for (const bad of [flipped, data.subarray(0, data.length - 3), foreign, new Uint8Array(0)]) {
      let caught: unknown;
      try {
        src.store.restoreOps(bad);
      } catch (err) {
        caught = err;
      }
      expect(isBerthError(caught, 'DATA_CORRUPT')).toBe(true);
    }
    expect(() => src.store.restoreOps(flipped)).toThrow(/snapshot rejected: checksum mismatch/);
    expect((await src.store.get('k'))?.version).toBe(1);
  });
});

describe('store open checks', () => {
  it('refuses a corrupted value record, naming the data directory and the key', async () => {
    const h = await harness();
    await h.apply(put('/registry/pods/default/web-1', 'spec'), put('other', 'x'));
    const dbKey = 's/k//registry/pods/default/web-1/0000000000000001';
    // Byte 3 is the first byte of the value (after format, createRevision and version).
    await h.db.put(dbKey, flipBit((await h.db.get(dbKey)) as Uint8Array, 3));
    const err = await Store.open(h.db).catch((e: unknown) => e);
    expect(isBerthError(err, 'DATA_CORRUPT')).toBe(true);
    expect((err as Error).message).toContain(h.dir);
    expect((err as Error).message).toContain(dbKey);
    expect((err as Error).message).toMatch(/checksum mismatch/);
  });

  it('refuses missing meta, an unknown store key and a history that does not add up', async () => {
    const cases: [string, (db: StoreDb) => Promise<void>, RegExp][] = [
      ['missing meta', (db) => db.del('s/m/applied'), /s\/m\/applied: missing/],
      ['unknown key', (db) => db.put('s/x', b('?')), /s\/x: not a key of this store layout/],
      ['record above the revision', async (db) => db.put('s/k/a/0000000000000009', await recordFromElsewhere(9)), /newer than the store's revision/],
    ];
    for (const [, damage, message] of cases) {
      const h = await harness();
      await h.apply(put('a', '1'), put('a', '2'), put('b', '3'));
      await damage(h.db);
      await expect(Store.open(h.db)).rejects.toThrow(message);
    }
    // Keys outside s/ belong to the Raft log and are not the store's business.
    const h = await harness();
    await h.db.put('r/entry/1', b('raft'));
    expect((await Store.open(h.db)).applied).toBe(0);
  });
});

/** A valid record of key `a` made at revision `rev` by another store: copied over, it is well formed. */
async function recordFromElsewhere(rev: number): Promise<Uint8Array> {
  const db = await openDb(tempDir());
  const other = await Store.open(db);
  const entries = Array.from({ length: rev }, (_, i) => ({ index: i + 1, data: i + 1 === rev ? encodeCommand(put('a', '2')) : null }));
  await other.applyEntries(entries);
  return (await db.get(`s/k/a/${rev.toString(16).padStart(16, '0')}`)) as Uint8Array;
}

describe('store compaction on disk', () => {
  it('deletes compacted history in batches of compactionDeletesPerBatch, also after a restart', async () => {
    const h = await harness({ compactionDeletesPerBatch: 2 });
    await h.apply(...Array.from({ length: 7 }, (_, i) => put('k', String(i))), put('j', 'x'), del('j'), put('m', 'y'));
    expect(await keysOnDisk(h.db, 's/k/')).toHaveLength(10);
    await h.apply(compact(10));
    // Compaction is immediate for readers; the 6 old versions of k and both of j (a deleted key)
    // leave the disk 2 per batch.
    expect((await h.store.get('k', { revision: 10 }))?.version).toBe(7);
    await expect(h.store.get('k', { revision: 9 })).rejects.toThrow(/compacted/);
    await h.apply(null);
    expect(await keysOnDisk(h.db, 's/k/')).toHaveLength(8);
    await h.db.close();
    const again = await harness({ compactionDeletesPerBatch: 2 }, h.dir);
    expect(await keysOnDisk(again.db, 's/k/')).toHaveLength(8);
    for (let i = 0; i < 3; i++) await again.apply(null);
    expect(await keysOnDisk(again.db, 's/k/')).toEqual(['s/k/k/0000000000000007', 's/k/m/000000000000000a']);
    expect((await again.store.get('k'))?.version).toBe(7);
    expect(again.store.compactedRevision).toBe(10);
  });
});
