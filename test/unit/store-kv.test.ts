// Proves the store's key-value semantics on a real LevelDB: revisions are entry indexes, ranges
// page and read old revisions, txn compares guard writes, applies are idempotent and durable, and
// bad commands become error results that still advance the applied index.
import { describe, expect, it } from 'vitest';
import { isBerthError } from '../../client/index.js';
import type { ApplyResult, Command, CommandResult, Compare, StoreOptions } from '../../server/store/index.js';
import { compileStoreOptions, encodeCommand, prefixEnd, Store } from '../../server/store/index.js';
import { levelFixtures } from '../support/level-fixtures.js';

const { tempDir, openDb } = levelFixtures('berth-store-');

const b = (s: string): Uint8Array => new TextEncoder().encode(s);
const str = (u: Uint8Array | undefined): string | undefined => (u === undefined ? undefined : new TextDecoder().decode(u));

let seq = 0;
const rid = (): { origin: string; seq: number } => ({ origin: 'test', seq: ++seq });
const put = (key: string, value: string, prevKv?: boolean): Command => ({ type: 'put', requestId: rid(), key, value: b(value), ...(prevKv ? { prevKv } : {}) });
const del = (key: string, rangeEnd?: string, prevKv?: boolean): Command => ({
  type: 'delete',
  requestId: rid(),
  key,
  ...(rangeEnd === undefined ? {} : { rangeEnd }),
  ...(prevKv ? { prevKv } : {}),
});

/** A store on a fresh database and a helper that applies commands as consecutive entries. */
async function harness(options: StoreOptions = {}, dir = tempDir()) {
  const db = await openDb(dir);
  const store = await Store.open(db, options);
  const h = {
    db,
    dir,
    store,
    /** Applies each command (null: a no-op entry) as the next entry, all in one call. */
    apply: (...cmds: (Command | null)[]): Promise<ApplyResult[]> =>
      store.applyEntries(cmds.map((c, i) => ({ index: store.applied + i + 1, data: c === null ? null : encodeCommand(c) }))),
    /** Applies one command and returns its successful result. */
    ok: async (cmd: Command): Promise<CommandResult> => {
      const [r] = await h.apply(cmd);
      if (r === undefined || !r.ok) throw new Error(`expected success, got ${JSON.stringify(r)}`);
      return r.result;
    },
  };
  return h;
}

describe('store: revisions, get and range', () => {
  it('gives each change the index of its entry as revision', async () => {
    const { store, apply, ok } = await harness();
    const results = await apply(null, put('a', '1'), null, put('b', '2'));
    expect(results.map((r) => r.index)).toEqual([2, 4]);
    expect(results.map((r) => r.ok && r.result.revision)).toEqual([2, 4]);
    expect(store.revision).toBe(4);
    expect(store.applied).toBe(4);
    expect((await ok(put('a', '3'))).revision).toBe(5);
    expect(await store.get('a')).toEqual({ key: 'a', value: b('3'), createRevision: 2, modRevision: 5, version: 2 });
    // Deleting nothing changes nothing: the revision stays.
    expect(await ok(del('missing'))).toEqual({ revision: 5, deleted: 0 });
    expect(store.applied).toBe(6);
    await ok(del('a'));
    await ok(put('a', '4'));
    expect(await store.get('a')).toMatchObject({ createRevision: 8, modRevision: 8, version: 1 });
  });

  it('pages a prefix with limit and continueAfter, and counts what remains', async () => {
    const { store, apply } = await harness();
    await apply(...['e', 'a', 'c', 'b', 'd'].map((k) => put(`/p/${k}`, k)), put('/q/x', 'x'), put('/o', 'o'));
    const keys = (r: { kvs: readonly { key: string }[] }): string[] => r.kvs.map((kv) => kv.key);
    const p1 = await store.range({ key: '/p/', prefix: true, limit: 2 });
    expect([keys(p1), p1.more, p1.count, p1.revision]).toEqual([['/p/a', '/p/b'], true, 5, 7]);
    const p2 = await store.range({ key: '/p/', prefix: true, limit: 2, continueAfter: '/p/b' });
    expect([keys(p2), p2.more, p2.count]).toEqual([['/p/c', '/p/d'], true, 3]);
    const p3 = await store.range({ key: '/p/', prefix: true, limit: 2, continueAfter: '/p/d' });
    expect([keys(p3), p3.more, p3.count]).toEqual([['/p/e'], false, 1]);
    expect(keys(await store.range({ key: '/p/b', rangeEnd: '/p/d' }))).toEqual(['/p/b', '/p/c']);
    expect(keys(await store.range({ key: '/p/d', rangeEnd: '\0' }))).toEqual(['/p/d', '/p/e', '/q/x']);
    expect(keys(await store.range({ key: '', prefix: true }))).toHaveLength(7);
    expect(keys(await store.range({ key: '/p/', rangeEnd: prefixEnd('/p/') }))).toHaveLength(5);
    expect(keys(await store.range({ key: '/p/c' }))).toEqual(['/p/c']);
  });

  it('bounds a range: maxRangeLimit when no limit is given, an error above it, maxRangeBytes', async () => {
    const { store, apply } = await harness({ maxRangeLimit: 3, maxRangeBytes: 10 });
    await apply(put('k1', '1234'), put('k2', '1234'), put('k3', '1234'), put('k4', '1234'));
    const all = await store.range({ key: 'k', prefix: true });
    // 4 + 4 bytes is under 10, the third value reaches it: three keys, more to come.
    expect([all.kvs.length, all.more, all.count]).toEqual([3, true, 4]);
    const bytes = await harness({ maxRangeBytes: 8 });
    await bytes.apply(put('k1', '1234'), put('k2', '1234'), put('k3', '1234'));
    expect((await bytes.store.range({ key: 'k', prefix: true })).kvs.length).toBe(2);
    await expect(store.range({ key: 'k', prefix: true, limit: 4 })).rejects.toThrow(/at most 3 \(maxRangeLimit\)/);
    expect(compileStoreOptions({}).maxRangeLimit).toBe(10_000);
  });

  it('reads at old revisions, refuses future ones, and answers COMPACTED below the compacted revision', async () => {
    const { store, apply, ok } = await harness();
    await apply(put('k', 'v1'), put('k', 'v2'), del('k'), put('j', 'j1'));
    expect(str((await store.get('k', { revision: 1 }))?.value)).toBe('v1');
    expect(str((await store.get('k', { revision: 2 }))?.value)).toBe('v2');
    expect(await store.get('k', { revision: 3 })).toBeUndefined();
    expect(await store.get('k')).toBeUndefined();
    expect((await store.range({ key: '', prefix: true, revision: 2 })).kvs.map((kv) => kv.key)).toEqual(['k']);
    await expect(store.get('k', { revision: 5 })).rejects.toThrow(/in the future/);

    expect(await ok({ type: 'compact', requestId: rid(), revision: 3 })).toEqual({ revision: 4 });
    expect(store.compactedRevision).toBe(3);
    const err = await store.get('k', { revision: 2 }).catch((e: unknown) => e);
    expect(isBerthError(err, 'COMPACTED')).toBe(true);
    expect(await store.get('k', { revision: 3 })).toBeUndefined();
    expect(str((await store.get('j', { revision: 4 }))?.value)).toBe('j1');
    const [future] = await apply({ type: 'compact', requestId: rid(), revision: 99 });
    expect(future?.ok === false && future.error.code).toBe('INVALID_ARGUMENT');
    // Compacting at or below the compacted revision again is a no-op, not an error.
    expect(await ok({ type: 'compact', requestId: rid(), revision: 2 })).toEqual({ revision: 4 });
  });
});

describe('store: txn', () => {
  /** k: created at 1, modified at 2, version 2, value "b". */
  async function prepared() {
    const h = await harness();
    await h.apply(put('k', 'a'), put('k', 'b'));
    const check = async (compare: Compare): Promise<boolean> => {
      const r = await h.ok({ type: 'txn', requestId: rid(), compare: [compare], success: [], failure: [] });
      return r.succeeded as boolean;
    };
    return { ...h, check };
  }

  it('compares each target with each op', async () => {
    const { check } = await prepared();
    const cases: [Compare, boolean][] = [
      [{ key: 'k', target: 'value', op: '=', value: b('b') }, true],
      [{ key: 'k', target: 'value', op: '!=', value: b('b') }, false],
      [{ key: 'k', target: 'value', op: '<', value: b('c') }, true],
      [{ key: 'k', target: 'value', op: '>', value: b('a') }, true],
      [{ key: 'k', target: 'value', op: '>', value: b('bb') }, false],
      [{ key: 'k', target: 'modRevision', op: '=', value: 2 }, true],
      [{ key: 'k', target: 'modRevision', op: '<', value: 2 }, false],
      [{ key: 'k', target: 'createRevision', op: '=', value: 1 }, true],
      [{ key: 'k', target: 'createRevision', op: '!=', value: 1 }, false],
      [{ key: 'k', target: 'version', op: '>', value: 1 }, true],
      [{ key: 'k', target: 'version', op: '<', value: 2 }, false],
      [{ key: 'k', target: 'exists', op: '=', value: true }, true],
      [{ key: 'k', target: 'exists', op: '=', value: false }, false],
      [{ key: 'none', target: 'exists', op: '=', value: false }, true],
      [{ key: 'none', target: 'version', op: '=', value: 0 }, true],
      [{ key: 'none', target: 'modRevision', op: '=', value: 0 }, true],
      // A value compare on a missing key is false whatever the op, as in etcd.
      [{ key: 'none', target: 'value', op: '!=', value: b('x') }, false],
    ];
    for (const [compare, expected] of cases) expect([compare, await check(compare)]).toEqual([compare, expected]);
  });

  it('runs the success branch of a CAS that holds and the failure branch of a stale one', async () => {
    const { ok, store } = await prepared();
    const cas = (modRevision: number, value: string): Command => ({
      type: 'txn',
      requestId: rid(),
      compare: [{ key: 'k', target: 'modRevision', op: '=', value: modRevision }],
      success: [{ type: 'put', key: 'k', value: b(value), prevKv: true }],
      failure: [{ type: 'range', key: 'k' }],
    });
    const won = await ok(cas(2, 'c'));
    expect(won.succeeded).toBe(true);
    expect(won.revision).toBe(3);
    expect(won.responses).toEqual([
      { type: 'put', revision: 3, prevKv: { key: 'k', value: b('b'), createRevision: 1, modRevision: 2, version: 2 } },
    ]);
    const lost = await ok(cas(2, 'd'));
    expect(lost.succeeded).toBe(false);
    expect(lost.revision).toBe(3);
    expect(lost.responses).toEqual([
      { type: 'range', kvs: [{ key: 'k', value: b('c'), createRevision: 1, modRevision: 3, version: 3 }], more: false, count: 1 },
    ]);
    expect(str((await store.get('k'))?.value)).toBe('c');
  });

  it("sees its own writes, gives all of them one revision, and refuses ambiguous branches", async () => {
    const { apply, ok } = await prepared();
    const r = await ok({
      type: 'txn',
      requestId: rid(),
      compare: [],
      success: [
        { type: 'put', key: 'x', value: b('1') },
        { type: 'delete', key: 'k' },
        { type: 'range', key: '', rangeEnd: '\0' },
      ],
      failure: [],
    });
    expect(r.revision).toBe(3);
    expect(r.responses?.[2]).toMatchObject({ type: 'range', count: 1, kvs: [{ key: 'x', modRevision: 3 }] });
    const bad = await apply(
      { type: 'txn', requestId: rid(), compare: [], success: [{ type: 'put', key: 'a', value: b('') }, { type: 'put', key: 'a', value: b('') }], failure: [] },
      { type: 'txn', requestId: rid(), compare: [], success: [], failure: [{ type: 'delete', key: 'a', rangeEnd: 'b' }, { type: 'put', key: 'a1', value: b('') }] },
    );
    expect(bad.map((x) => !x.ok && x.error.code)).toEqual(['INVALID_ARGUMENT', 'INVALID_ARGUMENT']);
  });

  it('refuses a txn with more ops than maxTxnOps', async () => {
    const { apply } = await harness({ maxTxnOps: 2 });
    const ops = ['a', 'b', 'c'].map((key) => ({ type: 'put' as const, key, value: b('') }));
    const [r] = await apply({ type: 'txn', requestId: rid(), compare: [], success: ops, failure: [] });
    expect(r?.ok === false && r.error.message).toMatch(/3 ops, over the limit of 2 \(maxTxnOps\)/);
  });
});

describe('store: delete', () => {
  it('deletes a prefix and returns the deleted versions', async () => {
    const { store, apply, ok } = await harness();
    await apply(put('/d/1', 'one'), put('/d/2', 'two'), put('/d/3', 'three'), put('/e', 'e'));
    const r = await ok(del('/d/', prefixEnd('/d/'), true));
    expect(r.revision).toBe(5);
    expect(r.deleted).toBe(3);
    expect(r.prevKvs?.map((kv) => [kv.key, str(kv.value), kv.modRevision])).toEqual([
      ['/d/1', 'one', 1],
      ['/d/2', 'two', 2],
      ['/d/3', 'three', 3],
    ]);
    expect((await store.range({ key: '/d/', prefix: true })).kvs).toEqual([]);
    expect((await store.range({ key: '/d/', prefix: true, revision: 4 })).count).toBe(3);
    expect(str((await store.get('/e'))?.value)).toBe('e');
  });
});

describe('store: applying entries', () => {
  it('skips entries at or below the applied index', async () => {
    const { store } = await harness();
    const entries = [put('a', '1'), put('a', '2'), put('b', '3')].map((c, i) => ({ index: i + 1, data: encodeCommand(c) }));
    expect(await store.applyEntries(entries)).toHaveLength(3);
    expect(await store.applyEntries(entries)).toEqual([]);
    const more = [...entries.slice(1), { index: 4, data: encodeCommand(put('a', '4')) }];
    expect((await store.applyEntries(more)).map((r) => r.index)).toEqual([4]);
    expect(await store.get('a')).toMatchObject({ version: 3, modRevision: 4 });
  });

  it('keeps the applied index and the state across close and reopen', async () => {
    const h = await harness();
    await h.apply(put('a', '1'), null, put('b', '2'), del('a'), { type: 'compact', requestId: rid(), revision: 3 }, null);
    await h.db.close();
    const db = await openDb(h.dir);
    const store = await Store.open(db);
    expect([store.applied, store.revision, store.compactedRevision]).toEqual([6, 4, 3]);
    expect(await store.get('a')).toBeUndefined();
    expect(await store.get('b')).toEqual({ key: 'b', value: b('2'), createRevision: 3, modRevision: 3, version: 1 });
    expect(await store.applyEntries([{ index: 7, data: encodeCommand(put('a', 'again')) }])).toHaveLength(1);
  });

  it('refuses a gap in entry indexes', async () => {
    const { store, apply } = await harness();
    await apply(put('a', '1'));
    await expect(store.applyEntries([{ index: 3, data: encodeCommand(put('a', '2')) }])).rejects.toThrow(/does not follow the applied index 1/);
    expect(store.applied).toBe(1);
  });

  it('leaves the store unchanged when the batch cannot be written', async () => {
    const { store, db, apply } = await harness();
    await apply(put('a', '1'));
    await db.close();
    await expect(apply(put('a', '2'), put('new', 'x'))).rejects.toThrow();
    expect([store.applied, store.revision]).toEqual([1, 1]);
    await db.open();
    expect(await store.get('new')).toBeUndefined();
    expect(await store.get('a')).toMatchObject({ version: 1 });
    await apply(put('a', '2'));
    expect(await store.get('a')).toMatchObject({ version: 2, modRevision: 2 });
  });

  it('turns an oversize put into TOO_LARGE naming the size and the limit, and applies nothing', async () => {
    const { store, apply } = await harness();
    const big = 1_572_864 + 1;
    const [r] = await apply({ type: 'put', requestId: rid(), key: 'big', value: new Uint8Array(big) });
    expect(r?.ok).toBe(false);
    expect(r?.ok === false && r.error.code).toBe('TOO_LARGE');
    expect(r?.ok === false && r.error.message).toMatch(new RegExp(`${big} bytes is over the limit of 1572864 bytes`));
    expect(await store.get('big')).toBeUndefined();
    expect(store.applied).toBe(1);
  });

  it('accepts a command of exactly maxRequestBytes and refuses one byte more', async () => {
    const cmd = put('k', 'x'.repeat(95));
    const size = encodeCommand(cmd).length;
    const atLimit = await harness({ maxRequestBytes: size });
    expect((await atLimit.apply(cmd))[0]?.ok).toBe(true);
    const below = await harness({ maxRequestBytes: size - 1 });
    const [r] = await below.apply(cmd);
    expect(r?.ok === false && r.error.message).toBe(
      `put command of ${size} bytes is over the limit of ${size - 1} bytes (maxRequestBytes)`,
    );
    expect(r?.ok === false && r.error.code).toBe('TOO_LARGE');
  });

  it('refuses empty and oversize keys', async () => {
    const { apply } = await harness({ maxKeyBytes: 8 });
    const results = await apply(put('', 'x'), put('123456789', 'x'), put('12345678', 'x'));
    expect(results.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['INVALID_ARGUMENT', 'TOO_LARGE', 'ok']);
  });

  it('answers malformed command bytes with an error result and still advances the applied index', async () => {
    const { store } = await harness();
    const good = encodeCommand(put('a', '1'));
    const results = await store.applyEntries([
      { index: 1, data: Uint8Array.from([0xff, 0x00, 0x13]) },
      { index: 2, data: good.subarray(0, good.length - 1) },
      { index: 3, data: good },
    ]);
    expect(results.map((r) => r.ok)).toEqual([false, false, true]);
    const [garbage, truncated] = results as [ApplyResult, ApplyResult];
    expect(!garbage.ok && garbage.error.message).toMatch(/malformed command/);
    expect(garbage.requestId).toBeUndefined();
    // The request id comes first, so even a damaged body can be matched to its proposer.
    expect(truncated.requestId).toEqual({ origin: 'test', seq: seq });
    expect([store.applied, store.revision]).toEqual([3, 3]);
  });
});
