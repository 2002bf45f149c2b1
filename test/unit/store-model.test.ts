// Proves, against a plain in-memory model and with a seeded random workload big enough to split
// and empty the index's key chunks, that the store's reads at every retained revision, its watch
// stream, its reopened state and its restored snapshot all agree with the model.
import { describe, expect, it, vi } from 'vitest';
import { isBerthError } from '../../client/index.js';
import type { Command, KeyValue, WatchEvent } from '../../server/store/index.js';
import { encodeCommand, prefixEnd, Store } from '../../server/store/index.js';
import { levelFixtures } from '../support/level-fixtures.js';

const { tempDir, openDb } = levelFixtures('berth-store-model-');

/** mulberry32: a seeded generator, so that a failure replays. */
function rng(seed: number): (n: number) => number {
  let a = seed;
  return (n) => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

interface Ver {
  readonly rev: number;
  readonly value: string | null;
  readonly createRev: number;
  readonly version: number;
}

/** The store as the simplest thing that could work: every version of every key, forever. */
class Model {
  readonly history = new Map<string, Ver[]>();
  readonly events: string[] = [];
  revision = 0;
  compacted = 0;

  latest(key: string): Ver | undefined {
    const v = this.history.get(key)?.at(-1);
    return v?.value === null ? undefined : v;
  }

  at(key: string, rev: number): Ver | undefined {
    const v = this.history.get(key)?.filter((x) => x.rev <= rev).at(-1);
    return v?.value === null ? undefined : v;
  }

  put(key: string, value: string, rev: number): void {
    const cur = this.latest(key);
    const v = { rev, value, createRev: cur?.createRev ?? rev, version: (cur?.version ?? 0) + 1 };
    this.history.set(key, [...(this.history.get(key) ?? []), v]);
    this.events.push(`${rev}:put:${key}=${value}<${cur?.value ?? ''}`);
    this.revision = rev;
  }

  del(keys: string[], rev: number): void {
    for (const key of keys.filter((k) => this.latest(k) !== undefined).sort()) {
      this.events.push(`${rev}:delete:${key}<${this.latest(key)?.value ?? ''}`);
      this.history.get(key)?.push({ rev, value: null, createRev: 0, version: 0 });
      this.revision = rev;
    }
  }

  range(rev: number): KeyValue[] {
    const out: KeyValue[] = [];
    for (const key of [...this.history.keys()].sort()) {
      const v = this.at(key, rev);
      if (v !== undefined) {
        out.push({ key, value: new TextEncoder().encode(v.value ?? ''), createRevision: v.createRev, modRevision: v.rev, version: v.version });
      }
    }
    return out;
  }
}

const KEYS = 1500;
const key = (n: number): string => `/k/${String(n).padStart(4, '0')}`;

function step(model: Model, rand: (n: number) => number, rev: number, seq: number): Command {
  const requestId = { origin: 'model', seq };
  const k = key(rand(KEYS));
  const roll = rand(100);
  if (roll < 60) {
    model.put(k, `v${rev}`, rev);
    return { type: 'put', requestId, key: k, value: new TextEncoder().encode(`v${rev}`) };
  }
  if (roll < 75) {
    model.del([k], rev);
    return { type: 'delete', requestId, key: k };
  }
  if (roll < 78) {
    const prefix = k.slice(0, 6); // ten keys' worth
    model.del([...model.history.keys()].filter((x) => x.startsWith(prefix)), rev);
    return { type: 'delete', requestId, key: prefix, rangeEnd: prefixEnd(prefix) };
  }
  if (roll < 97) {
    const expect = rand(2) === 0 ? (model.latest(k)?.rev ?? 0) : rev;
    if ((model.latest(k)?.rev ?? 0) === expect) model.put(k, `t${rev}`, rev);
    else model.del([k], rev);
    return {
      type: 'txn',
      requestId,
      compare: [{ key: k, target: 'modRevision', op: '=', value: expect }],
      success: [{ type: 'put', key: k, value: new TextEncoder().encode(`t${rev}`) }],
      failure: [{ type: 'delete', key: k }],
    };
  }
  const target = model.compacted + rand(Math.max(1, model.revision - model.compacted));
  if (target > model.compacted && target <= model.revision) model.compacted = target;
  return { type: 'compact', requestId, revision: Math.max(1, Math.min(target, model.revision)) };
}

async function agree(store: Store, model: Model, rand: (n: number) => number, samples: number): Promise<void> {
  expect([store.revision, store.compactedRevision]).toEqual([model.revision, model.compacted]);
  const current = await store.range({ key: '', rangeEnd: '\0' });
  expect(current.kvs).toEqual(model.range(model.revision));
  for (let i = 0; i < samples && model.revision > 0; i++) {
    const rev = 1 + rand(model.revision);
    const read = store.range({ key: '', rangeEnd: '\0', revision: rev });
    if (rev < model.compacted) {
      const err = await read.catch((e: unknown) => e);
      expect(isBerthError(err, 'COMPACTED')).toBe(true);
    } else {
      expect((await read).kvs).toEqual(model.range(rev));
    }
  }
}

describe('store against a model', () => {
  it('agrees on reads at every revision, the watch stream, reopen and snapshot restore', async () => {
    const rand = rng(20_240_611);
    const dir = tempDir();
    const db = await openDb(dir);
    const store = await Store.open(db, { compactionDeletesPerBatch: 50 });
    const model = new Model();
    const seen: string[] = [];
    const text = (u: Uint8Array | undefined): string => (u === undefined ? '' : new TextDecoder().decode(u));
    const summary = (e: WatchEvent): string =>
      `${e.revision}:${e.type}:${e.kv.key}${e.type === 'put' ? `=${text(e.kv.value)}` : ''}<${text(e.prevKv?.value)}`;
    store.watch({ key: '/k/', prefix: true, fromRevision: 1, prevKv: true }, (evs) => void seen.push(...evs.map(summary)), (err) => {
      throw err;
    });
    const late: string[] = [];
    let lateFrom = 0;
    let index = 0;
    for (let batch = 0; batch < 60; batch++) {
      const entries = [];
      for (let i = 0, n = 1 + rand(120); i < n; i++) {
        index++;
        entries.push({ index, data: rand(20) === 0 ? null : encodeCommand(step(model, rand, index, index)) });
      }
      // A second watcher joins late, from the oldest revision it may: it replays, then goes live.
      if (batch === 30) {
        lateFrom = Math.max(1, model.compacted);
        store.watch({ key: '/k/', prefix: true, fromRevision: lateFrom, prevKv: true }, (evs) => void late.push(...evs.map(summary)), (err) => {
          throw err;
        });
      }
      await store.applyEntries(entries);
      if (batch % 10 === 9) await agree(store, model, rand, 5);
    }
    await agree(store, model, rand, 20);
    expect(seen).toEqual(model.events);
    const lateExpected = model.events.filter((e) => parseInt(e, 10) >= lateFrom);
    expect(lateFrom).toBeGreaterThan(1);
    await vi.waitFor(() => expect(late).toHaveLength(lateExpected.length));
    expect(late).toEqual(lateExpected);

    const data = await store.snapshot();
    const restored = await Store.open(await openDb(tempDir()));
    await restored.restore(data);
    await agree(restored, model, rand, 20);

    await db.close();
    const reopened = await Store.open(await openDb(dir));
    await agree(reopened, model, rand, 20);
  });
});
