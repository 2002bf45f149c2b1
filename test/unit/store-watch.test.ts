// Proves that store watches replay history from a revision and then deliver live changes in
// revision order without gaps or duplicates, that they fail with COMPACTED below the compacted
// revision or after a restore, and that a slow watcher is cut off at its queue bound.
import { describe, expect, it, vi } from 'vitest';
import type { BerthError } from '../../client/index.js';
import type { ApplyResult, Command, StoreOptions, WatchEvent, WatchRequest } from '../../server/store/index.js';
import { compileStoreOptions, encodeCommand, Store } from '../../server/store/index.js';
import { levelFixtures } from '../support/level-fixtures.js';

const { tempDir, openDb } = levelFixtures('berth-store-watch-');

const b = (s: string): Uint8Array => new TextEncoder().encode(s);
const str = (u: Uint8Array): string => new TextDecoder().decode(u);

async function harness(options: StoreOptions = {}) {
  const db = await openDb(tempDir());
  const store = await Store.open(db, options);
  let next = 1;
  const apply = (...cmds: Command[]): Promise<ApplyResult[]> =>
    store.applyEntries(cmds.map((c) => ({ index: next++, data: encodeCommand(c) })));
  return { store, apply, db };
}

let seq = 0;
const put = (key: string, value: string): Command => ({ type: 'put', requestId: { origin: 't', seq: ++seq }, key, value: b(value) });
const del = (key: string): Command => ({ type: 'delete', requestId: { origin: 't', seq: ++seq }, key });

/** Collects a watch's events and its error; `until` waits for a number of events. */
function collect(store: Store, req: WatchRequest, slow?: () => Promise<void>) {
  const events: WatchEvent[] = [];
  const errors: BerthError[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  const check = (): void => {
    for (const w of waiters.splice(0)) (events.length >= w.n ? w.resolve : () => waiters.push(w))();
  };
  const handle = store.watch(
    req,
    (evs) => {
      events.push(...evs);
      check();
      return slow?.();
    },
    (err) => errors.push(err),
  );
  const until = (n: number): Promise<void> =>
    new Promise((resolve, reject) => {
      waiters.push({ n, resolve });
      check();
      setTimeout(() => reject(new Error(`only ${events.length} of ${n} events arrived`)), 5000).unref();
    });
  return { events, errors, handle, until };
}

const summary = (e: WatchEvent): string => `${e.revision}:${e.type}:${e.kv.key}${e.type === 'put' ? `=${str(e.kv.value)}` : ''}`;

describe('store watch', () => {
  it('replays from an old revision, then goes live, in order and without duplicates', async () => {
    const { store, apply } = await harness();
    await apply(put('/w/a', '1'), put('/x', 'out'), put('/w/b', '2'), del('/w/a'));
    await apply({
      type: 'txn',
      requestId: { origin: 't', seq: ++seq },
      compare: [],
      success: [
        { type: 'put', key: '/w/z', value: b('5') },
        { type: 'put', key: '/w/c', value: b('5') },
      ],
      failure: [],
    });
    const w = collect(store, { key: '/w/', prefix: true, fromRevision: 2 });
    // Applied while the replay is still reading: it must come after the replayed events, once.
    const live = apply(put('/w/a', '6'));
    await live;
    await apply(put('/x', 'out'), put('/w/b', '8'));
    await w.until(6);
    expect(w.events.map(summary)).toEqual([
      '3:put:/w/b=2',
      '4:delete:/w/a',
      '5:put:/w/c=5',
      '5:put:/w/z=5',
      '6:put:/w/a=6',
      '8:put:/w/b=8',
    ]);
    expect(w.events[1]?.kv).toEqual({ key: '/w/a', value: new Uint8Array(0), createRevision: 0, modRevision: 4, version: 0 });
    expect(w.errors).toEqual([]);
  });

  it('starts a watch created during an apply once that apply is written, with what it asked for', async () => {
    const { store, apply, db } = await harness();
    await apply(put('k', '1'));
    // Create the watch at the moment the batch is being written (a hook on this test's db).
    let w: ReturnType<typeof collect> | undefined;
    const write = db.batch.bind(db) as (...args: unknown[]) => Promise<void>;
    (db as unknown as { batch: (...args: unknown[]) => Promise<void> }).batch = (...args) => {
      w ??= collect(store, { key: 'k', fromRevision: 1, prevKv: true });
      return write(...args);
    };
    await apply(put('k', '2'), put('k', '3'));
    await apply(put('k', '4'));
    if (w === undefined) throw new Error('the hook did not run');
    await w.until(4);
    // The batch's events were made before the watch existed, so they carried no previous values:
    // the watch must have waited and replayed them instead.
    expect(w.events.map((e) => `${summary(e)}<${e.prevKv === undefined ? '' : str(e.prevKv.value)}`)).toEqual([
      '1:put:k=1<',
      '2:put:k=2<1',
      '3:put:k=3<2',
      '4:put:k=4<3',
    ]);
  });

  it('attaches previous versions when asked, in replay and live', async () => {
    const { store, apply } = await harness();
    await apply(put('k', 'a'), put('k', 'b'));
    const w = collect(store, { key: 'k', fromRevision: 1, prevKv: true });
    await w.until(2);
    await apply(del('k'), put('k', 'c'));
    await w.until(4);
    expect(w.events.map((e) => [summary(e), e.prevKv === undefined ? null : str(e.prevKv.value)])).toEqual([
      ['1:put:k=a', null],
      ['2:put:k=b', 'a'],
      ['3:delete:k', 'b'],
      ['4:put:k=c', null],
    ]);
    const plain = collect(store, { key: 'k' });
    await apply(put('k', 'd'));
    await plain.until(1);
    expect(plain.events[0]?.prevKv).toBeUndefined();
  });

  it('fails a watch from below the compacted revision with COMPACTED, asynchronously', async () => {
    const { store, apply } = await harness();
    await apply(put('k', '1'), put('k', '2'), put('k', '3'), { type: 'compact', requestId: { origin: 't', seq: ++seq }, revision: 3 });
    const w = collect(store, { key: 'k', fromRevision: 2 });
    expect(w.errors).toEqual([]);
    await new Promise((r) => setImmediate(r));
    expect(w.errors.map((e) => e.code)).toEqual(['COMPACTED']);
    expect(w.errors[0]?.message).toMatch(/list again/);
    const ok = collect(store, { key: 'k', fromRevision: 3 });
    await ok.until(1);
    expect(ok.events.map(summary)).toEqual(['3:put:k=3']);
  });

  it('waits for future revisions and stops after cancel', async () => {
    const { store, apply } = await harness();
    const w = collect(store, { key: 'k', fromRevision: 3 });
    await apply(put('k', '1'), put('k', '2'), put('k', '3'));
    await w.until(1);
    expect(w.events.map(summary)).toEqual(['3:put:k=3']);
    w.handle.cancel();
    await apply(put('k', '4'));
    expect(w.events).toHaveLength(1);
    expect(w.errors).toEqual([]);
  });

  it('cuts off a watcher whose consumer falls more than maxQueuedEvents behind', async () => {
    const { store, apply } = await harness();
    let release: () => void = () => undefined;
    const stuck = (): Promise<void> => new Promise((r) => (release = r));
    const w = collect(store, { key: 'k', maxQueuedEvents: 3 }, stuck);
    await apply(put('k', '1')); // delivered; the consumer is now busy
    await apply(put('k', '2'), put('k', '3'), put('k', '4')); // queued: exactly at the bound
    expect(w.errors).toEqual([]);
    await apply(put('k', '5'));
    expect(w.errors.map((e) => e.code)).toEqual(['RESOURCE_EXHAUSTED']);
    expect(w.errors[0]?.message).toMatch(/more than 3 events behind.*watch again from revision 2/);
    expect(w.errors[0]?.details).toMatchObject({ resumeRevision: 2, limit: 3 });
    release();
    await apply(put('k', '6'));
    expect(w.events.map(summary)).toEqual(['1:put:k=1']);
    expect(compileStoreOptions({}).maxWatchQueuedEvents).toBe(10_000);
  });

  it('cuts off a watcher that falls behind while it replays', async () => {
    const { store, apply } = await harness({ readBatchSize: 1 });
    await apply(put('k', '1'), put('k', '2'));
    const w = collect(store, { key: 'k', fromRevision: 1, maxQueuedEvents: 1 }, () => new Promise<void>(() => undefined));
    await w.until(1);
    await apply(put('k', '3'), put('k', '4'));
    expect(w.errors.map((e) => e.code)).toEqual(['RESOURCE_EXHAUSTED']);
    expect(w.errors[0]?.details).toMatchObject({ resumeRevision: 2 });
  });

  it('hands the consumer whole revisions only, also when a replay reads in small chunks', async () => {
    const { store, apply } = await harness({ readBatchSize: 2 });
    const ops = ['a', 'b', 'c'].map((key) => ({ type: 'put' as const, key: `/r/${key}`, value: b(key) }));
    await apply(put('/r/x', '0'), { type: 'txn', requestId: { origin: 't', seq: ++seq }, compare: [], success: ops, failure: [] }, put('/r/y', '1'));
    const calls: string[][] = [];
    store.watch({ key: '/r/', prefix: true, fromRevision: 1 }, (evs) => void calls.push(evs.map(summary)), () => undefined);
    await vi.waitFor(() => expect(calls.flat()).toHaveLength(5));
    // Two records per read, but revision 2 has three events: the first call stops before it, and
    // the second holds all of it.
    expect(calls).toEqual([['1:put:/r/x=0'], ['2:put:/r/a=a', '2:put:/r/b=b', '2:put:/r/c=c'], ['3:put:/r/y=1']]);
  });

  it('refuses more than maxWatchers watches', async () => {
    const { store } = await harness({ maxWatchers: 2 });
    collect(store, { key: 'a' });
    const second = collect(store, { key: 'b' });
    expect(() => collect(store, { key: 'c' })).toThrow(/too many watchers \(limit 2/);
    second.handle.cancel();
    expect(() => collect(store, { key: 'c' })).not.toThrow();
  });
});
