// Proves that LevelRaftStorage keeps entries, hard state and snapshot metadata across a close and
// reopen of a real LevelDB directory, replaces conflicting suffixes, compacts, and refuses to
// start — naming the data directory, the key and the problem — when what it reads back is damaged.
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { isBerthError } from '../../client/index.js';
import type { Entry, HardState, SnapshotMeta } from '../../server/raft/core/types.js';
import { LevelRaftStorage, checkDataDir, openDataDb } from '../../server/raft/storage/index.js';
import type { DataDb } from '../../server/raft/storage/index.js';
import { decodeEntry, encodeEntry, encodeHardState } from '../../server/raft/storage/codec.js';
import { HARD_STATE_KEY, entryKey } from '../../server/raft/storage/keys.js';

const logger = pino({ level: 'silent' });
const dirs: string[] = [];
const dbs: DataDb[] = [];

afterEach(async () => {
  for (const db of dbs.splice(0)) if (db.status === 'open') await db.close();
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'berth-raft-storage-'));
  dirs.push(dir);
  return dir;
}

async function openAt(dir: string): Promise<{ db: DataDb; storage: LevelRaftStorage }> {
  const db = await openDataDb(dir);
  dbs.push(db);
  return { db, storage: await LevelRaftStorage.open(db, logger) };
}

async function reopen(db: DataDb): Promise<{ db: DataDb; storage: LevelRaftStorage }> {
  await db.close();
  return openAt(db.location);
}

function entries(from: number, to: number, term: number): Entry[] {
  const out: Entry[] = [];
  for (let index = from; index <= to; index++) {
    out.push({ index, term, type: index % 7 === 0 ? 'conf' : 'normal', data: new Uint8Array([index & 0xff, 0, 255, term]) });
  }
  return out;
}

function meta(index: number, term: number): SnapshotMeta {
  return { index, term, conf: { voters: ['r1', 'r2', 'r3'], learners: ['r4'] } };
}

async function expectCorrupt(promise: Promise<unknown>, ...fragments: string[]): Promise<string> {
  const err: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isBerthError(err, 'DATA_CORRUPT'), `expected DATA_CORRUPT, got ${String(err)}`).toBe(true);
  const message = (err as Error).message;
  for (const fragment of fragments) expect(message).toContain(fragment);
  return message;
}

describe('entry codec', () => {
  it('round-trips index, term, type and binary data, including empty data and large indexes', () => {
    for (const entry of [
      { index: 2 ** 40 + 3, term: 2 ** 33, type: 'conf' as const, data: new Uint8Array([0, 1, 2, 255]) },
      { index: 1, term: 1, type: 'normal' as const, data: new Uint8Array(0) },
    ]) {
      const decoded = decodeEntry(encodeEntry(entry));
      expect(decoded.ok && decoded.value).toEqual(entry);
    }
  });
});

describe('LevelRaftStorage', () => {
  it('round-trips entries, hard state and snapshot metadata across close and reopen', async () => {
    const first = await openAt(await tempDir());
    expect(await first.storage.load()).toEqual({ hardState: undefined, snapshot: undefined, entries: [] });
    const hs: HardState = { term: 3, vote: 'r2', commit: 4 };
    await first.storage.persist([...entries(1, 3, 1), ...entries(4, 6, 3)], hs);
    await first.db.batch(first.storage.compactOps(meta(2, 1)), { sync: true });

    const { storage } = await reopen(first.db);
    const state = await storage.load();
    expect(state.hardState).toEqual(hs);
    expect(state.snapshot).toEqual(meta(2, 1));
    expect(state.entries).toEqual([...entries(3, 3, 1), ...entries(4, 6, 3)]);
    expect([storage.firstIndex(), storage.lastIndex()]).toEqual([3, 6]);
  });

  it('overwrites a conflicting suffix and deletes the stored entries beyond the new last one', async () => {
    const first = await openAt(await tempDir());
    await first.storage.persist(entries(1, 8, 1), { term: 1, vote: 'r1', commit: 2 });
    await first.storage.persist(entries(4, 5, 2), { term: 2, vote: '', commit: 3 });
    expect(first.storage.lastIndex()).toBe(5);

    const { storage } = await reopen(first.db);
    const state = await storage.load();
    expect(state.entries).toEqual([...entries(1, 3, 1), ...entries(4, 5, 2)]);
    expect(state.hardState).toEqual({ term: 2, vote: '', commit: 3 });
    await storage.persist(entries(6, 6, 2));
    expect(storage.lastIndex()).toBe(6);
  });

  it('compacts its own snapshot keeping later entries, and an installed snapshot replaces the whole log', async () => {
    const first = await openAt(await tempDir());
    await first.storage.persist(entries(1, 10, 1), { term: 1, vote: 'r1', commit: 10 });
    await first.db.batch(first.storage.compactOps(meta(6, 1)), { sync: true });
    expect((await first.storage.load()).entries.map((e) => e.index)).toEqual([7, 8, 9, 10]);

    // A snapshot from the leader, beyond the last entry; the Ready's entries follow it.
    const ops = [...first.storage.snapshotOps(meta(20, 2)), ...first.storage.persistOps(entries(21, 22, 2), { term: 2, vote: '', commit: 21 })];
    await first.db.batch(ops, { sync: true });

    const { storage } = await reopen(first.db);
    const state = await storage.load();
    expect(state.snapshot).toEqual(meta(20, 2));
    expect(state.entries).toEqual(entries(21, 22, 2));
    expect([storage.firstIndex(), storage.lastIndex()]).toEqual([21, 22]);
  });

  it('crashes loudly when asked to append with a gap (a bug in its caller, not an operating condition)', async () => {
    const { storage } = await openAt(await tempDir());
    await storage.persist(entries(1, 3, 1));
    expect(() => storage.persistOps(entries(5, 6, 1))).toThrow(/invariant/);
    expect(() => storage.persistOps([], { term: 1, vote: '', commit: 4 })).toThrow(/invariant/);
  });

  it('refuses to start when a byte of an entry flipped, naming the dir, the key and "checksum"', async () => {
    const dir = await tempDir();
    const first = await openAt(dir);
    await first.storage.persist(entries(1, 50, 1), { term: 1, vote: 'r1', commit: 50 });
    const key = entryKey(42);
    expect(key).toBe('r/e/000000000000002a');
    const value = Uint8Array.from((await first.db.get(key)) ?? []);
    value[12] = (value[12] ?? 0) ^ 0x10;
    await first.db.put(key, value);
    await first.db.close();

    const db = await openDataDb(dir);
    dbs.push(db);
    const message = await expectCorrupt(LevelRaftStorage.open(db, logger), `data dir ${dir}`, key, 'checksum');
    expect(message).toContain('refusing to start');
  });

  it('refuses to start when an entry in the middle is missing ("gap")', async () => {
    const dir = await tempDir();
    const first = await openAt(dir);
    await first.storage.persist(entries(1, 5, 1), { term: 1, vote: 'r1', commit: 2 });
    await first.db.del(entryKey(3));
    await first.db.close();
    const db = await openDataDb(dir);
    dbs.push(db);
    await expectCorrupt(LevelRaftStorage.open(db, logger), dir, entryKey(4), 'gap');
  });

  it('refuses to start when an entry holds an index other than its key', async () => {
    const dir = await tempDir();
    const first = await openAt(dir);
    await first.storage.persist(entries(1, 3, 1));
    const [wrong] = entries(9, 9, 1);
    if (wrong === undefined) throw new Error('unreachable');
    await first.db.put(entryKey(2), encodeEntry(wrong));
    await expectCorrupt(first.storage.load(), entryKey(2), 'holds index 9');
  });

  it('refuses to start when the hard state commits beyond the last index or below the snapshot', async () => {
    const dir = await tempDir();
    const first = await openAt(dir);
    await first.storage.persist(entries(1, 5, 1), { term: 1, vote: 'r1', commit: 5 });
    await first.db.put(HARD_STATE_KEY, encodeHardState({ term: 1, vote: 'r1', commit: 9 }));
    await expectCorrupt(first.storage.load(), dir, HARD_STATE_KEY, 'commit 9 beyond the last log index 5');

    await first.db.put(HARD_STATE_KEY, encodeHardState({ term: 1, vote: 'r1', commit: 2 }));
    await first.db.batch(first.storage.compactOps(meta(4, 1)), { sync: true });
    await expectCorrupt(first.storage.load(), HARD_STATE_KEY, 'commit 2 below the snapshot index 4');
  });

  it('refuses to start when terms decrease along the log', async () => {
    const dir = await tempDir();
    const first = await openAt(dir);
    await first.storage.persist(entries(1, 3, 2), { term: 2, vote: 'r1', commit: 1 });
    await first.db.put(entryKey(3), encodeEntry({ index: 3, term: 1, type: 'normal', data: new Uint8Array(0) }));
    await expectCorrupt(first.storage.load(), entryKey(3), 'term 1, lower than the term 2');
  });
});

describe('data directory checks', () => {
  it('accepts a missing or empty directory, and refuses a non-empty one without CURRENT, naming the file', async () => {
    const dir = await tempDir();
    await checkDataDir(join(dir, 'absent'));
    await checkDataDir(dir);
    const { db } = await openAt(dir);
    await db.put('s/x', new Uint8Array([1]));
    await db.close();
    await checkDataDir(dir);

    await writeFile(join(dir, 'CURRENT'), '');
    await expectCorrupt(openDataDb(dir), `data dir ${dir}`, join(dir, 'CURRENT'), 'is empty');
    await rm(join(dir, 'CURRENT'));
    await expectCorrupt(openDataDb(dir), join(dir, 'CURRENT'), 'missing');
  });

  it('turns a LevelDB corruption error on open into DATA_CORRUPT with LevelDB\'s message', async () => {
    const dir = await tempDir();
    const { db } = await openAt(dir);
    await db.put('r/x', new Uint8Array([1]));
    await db.close();
    const manifest = (await readdir(dir)).find((name) => name.startsWith('MANIFEST-'));
    if (manifest === undefined) throw new Error('LevelDB wrote no MANIFEST');
    await writeFile(join(dir, manifest), Buffer.alloc(200, 0x41));
    await expectCorrupt(openDataDb(dir), `data dir ${dir}`, 'Corruption');
  });
});
