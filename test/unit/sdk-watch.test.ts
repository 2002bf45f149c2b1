// Proves the SDK's object watch and informer through their WatchSource seam, without a server: a
// watch resumes after a broken or silent stream from the last revision it received, on the next
// replica, with no event missed or delivered twice; it gives up only after watchMaxReconnects
// fruitless reconnects; on COMPACTED it re-lists and reports ADDED/MODIFIED/DELETED against what it
// had seen; sendInitialEvents lists then watches in one stream; its buffer is bounded (the stream
// is paused, not the buffer grown); and an informer's cache and handlers follow all of that.
import { describe, expect, it } from 'vitest';
import { BerthError } from '../../client/index.js';
import type { KubeObject, ObjectWatchEvent } from '../../client/index.js';
import { CachingInformer } from '../../client/objects/informer.js';
import { ResumingWatch, isNewerRevision } from '../../client/objects/watch-resume.js';
import type { RawWatchEvent, ResumingWatchOptions, WatchSink, WatchSource, WatchStreamHandle } from '../../client/objects/watch-resume.js';

// ---- A hand-driven WatchSource -------------------------------------------------------------

class FakeStream implements WatchStreamHandle {
  paused = false;
  cancelled = false;
  /** Events sent while paused, delivered on resume(). */
  readonly held: RawWatchEvent[] = [];

  constructor(
    readonly from: string,
    readonly sendInitial: boolean,
    private readonly sink: WatchSink,
  ) {}

  send(...events: RawWatchEvent[]): void {
    for (const e of events) {
      if (this.cancelled) return;
      if (this.paused) this.held.push(e);
      else this.sink.event(e);
    }
  }

  fail(err: unknown): void {
    if (!this.cancelled) this.sink.error(err);
  }

  end(): void {
    if (!this.cancelled) this.sink.end();
  }

  cancel(): void {
    this.cancelled = true;
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    while (!this.paused && !this.cancelled && this.held.length > 0) this.sink.event(this.held.shift() as RawWatchEvent);
  }
}

class FakeSource implements WatchSource {
  readonly streams: FakeStream[] = [];
  failovers = 0;
  lists = 0;
  listResult: { items: KubeObject[]; resourceVersion: string } = { items: [], resourceVersion: '1' };
  listError: unknown;
  private waiters: Array<() => void> = [];

  open(from: string, sendInitial: boolean, sink: WatchSink): WatchStreamHandle {
    const s = new FakeStream(from, sendInitial, sink);
    this.streams.push(s);
    this.waiters.splice(0).forEach((w) => w());
    return s;
  }

  list(): Promise<{ items: KubeObject[]; resourceVersion: string }> {
    this.lists++;
    if (this.listError !== undefined) return Promise.reject(this.listError);
    return Promise.resolve({ items: [...this.listResult.items], resourceVersion: this.listResult.resourceVersion });
  }

  failover(): void {
    this.failovers++;
  }

  /** Stream number `n` (0 for the first), once opened. */
  async stream(n: number): Promise<FakeStream> {
    while (this.streams.length <= n) await new Promise<void>((resolve) => this.waiters.push(resolve));
    return this.streams[n] as FakeStream;
  }
}

function cm(name: string, rv: string, namespace = 'default', data: Record<string, string> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace, resourceVersion: rv }, data };
}

function ev(type: RawWatchEvent['type'], obj: KubeObject): RawWatchEvent {
  return { type, object: obj, resourceVersion: obj.metadata.resourceVersion ?? '' };
}

function bookmark(rv: string, initialEventsEnd = false): RawWatchEvent {
  return { type: 'BOOKMARK', resourceVersion: rv, initialEventsEnd };
}

/** Polls `check` until it holds (or fails the test after `timeoutMs`). */
async function until(check: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

// ---- The watch -------------------------------------------------------------------------------

function watchOptions(extra: Partial<ResumingWatchOptions> = {}): ResumingWatchOptions {
  return { idleTimeoutMs: 60_000, maxReconnects: 5, bufferEvents: 100, backoffMs: () => 0, ...extra };
}

/** Takes `n` events from an iterator. */
async function take(it: AsyncIterator<ObjectWatchEvent>, n: number): Promise<Array<[string, string, string]>> {
  const out: Array<[string, string, string]> = [];
  for (let i = 0; i < n; i++) {
    const r = await it.next();
    if (r.done === true) throw new Error(`the watch ended after ${i} events`);
    out.push([r.value.type, r.value.object.metadata.name ?? '', r.value.object.metadata.resourceVersion ?? '']);
  }
  return out;
}

const unavailable = (): BerthError => new BerthError('UNAVAILABLE', 'replica went away');

describe('ResumingWatch', () => {
  it('reconnects after a stream error on the next replica, from the last revision, with no duplicate or missed event', async () => {
    const src = new FakeSource();
    const w = new ResumingWatch(src, watchOptions({ resourceVersion: '10' }));
    const it = w[Symbol.asyncIterator]();
    const s0 = await src.stream(0);
    expect([s0.from, s0.sendInitial]).toEqual(['10', false]);
    s0.send(ev('MODIFIED', cm('a', '11')), ev('ADDED', cm('b', '12')));
    s0.fail(unavailable());
    const s1 = await src.stream(1);
    expect(s1.from).toBe('12');
    expect(src.failovers).toBe(1);
    // The new stream repeats what the old one had sent (a replica behind, or an overlap).
    s1.send(ev('MODIFIED', cm('a', '11')), ev('ADDED', cm('b', '12')), ev('ADDED', cm('c', '13')), ev('DELETED', cm('a', '14')));
    expect(await take(it, 4)).toEqual([
      ['MODIFIED', 'a', '11'],
      ['ADDED', 'b', '12'],
      ['ADDED', 'c', '13'],
      ['DELETED', 'a', '14'],
    ]);
    expect(w.resourceVersion).toBe('14');
    w.close();
    expect(s1.cancelled).toBe(true);
    expect((await it.next()).done).toBe(true);
  });

  it('resumes from a bookmark, which it does not deliver, and also after the server ends the stream cleanly', async () => {
    const src = new FakeSource();
    const w = new ResumingWatch(src, watchOptions());
    const it = w[Symbol.asyncIterator]();
    const s0 = await src.stream(0);
    expect(s0.from).toBe('');
    s0.send(bookmark('20'));
    expect(w.resourceVersion).toBe('20');
    s0.end();
    const s1 = await src.stream(1);
    expect(s1.from).toBe('20');
    s1.send(ev('ADDED', cm('x', '21')));
    expect(await take(it, 1)).toEqual([['ADDED', 'x', '21']]);
    w.close();
  });

  it('reopens a stream that stays silent longer than the idle timeout', async () => {
    const src = new FakeSource();
    const w = new ResumingWatch(src, watchOptions({ resourceVersion: '5', idleTimeoutMs: 20 }));
    const s0 = await src.stream(0);
    const s1 = await src.stream(1);
    expect(s0.cancelled).toBe(true);
    expect(s1.from).toBe('5');
    w.close();
  });

  it('gives up after maxReconnects reconnects in a row that received nothing', async () => {
    const src = new FakeSource();
    const w = new ResumingWatch(src, watchOptions({ resourceVersion: '5', maxReconnects: 2 }));
    const it = w[Symbol.asyncIterator]();
    (await src.stream(0)).fail(unavailable());
    (await src.stream(1)).fail(unavailable());
    (await src.stream(2)).fail(unavailable());
    await expect(it.next()).rejects.toThrow(/gave up after 2 reconnects/);
    expect(src.streams).toHaveLength(3);
  });

  it('counts only fruitless reconnects: receiving anything starts the count again', async () => {
    const src = new FakeSource();
    const w = new ResumingWatch(src, watchOptions({ resourceVersion: '5', maxReconnects: 1 }));
    for (let i = 0; i < 4; i++) {
      const s = await src.stream(i);
      s.send(bookmark(String(6 + i)));
      s.fail(unavailable());
    }
    expect((await src.stream(4)).from).toBe('9');
    w.close();
  });

  it('ends with the error, after the events before it, when the failure is the caller\'s', async () => {
    const src = new FakeSource();
    const w = new ResumingWatch(src, watchOptions({ resourceVersion: '5' }));
    const it = w[Symbol.asyncIterator]();
    const s0 = await src.stream(0);
    s0.send(ev('ADDED', cm('a', '6')));
    s0.fail(new BerthError('PERMISSION_DENIED', 'no'));
    expect(await take(it, 1)).toEqual([['ADDED', 'a', '6']]);
    await expect(it.next()).rejects.toMatchObject({ code: 'PERMISSION_DENIED' });
    expect(src.streams).toHaveLength(1);
  });

  it('re-lists on COMPACTED and reports the difference from what it had seen, then watches from the list', async () => {
    const src = new FakeSource();
    const w = new ResumingWatch(src, watchOptions({ resourceVersion: '10' }));
    const it = w[Symbol.asyncIterator]();
    const s0 = await src.stream(0);
    s0.send(ev('ADDED', cm('a', '11')), ev('ADDED', cm('b', '12')), ev('ADDED', cm('c', '13')));
    expect(await take(it, 3)).toHaveLength(3);
    src.listResult = { items: [cm('a', '11'), cm('b', '15', 'default', { v: '2' }), cm('d', '14')], resourceVersion: '16' };
    s0.fail(new BerthError('COMPACTED', 'revision 13 is compacted'));
    const events = await take(it, 3);
    expect(events).toEqual([
      ['MODIFIED', 'b', '15'],
      ['ADDED', 'd', '14'],
      ['DELETED', 'c', '13'],
    ]);
    const s1 = await src.stream(1);
    expect([s1.from, s1.sendInitial]).toEqual(['16', false]);
    expect(src.failovers).toBe(0);
    expect(w.resourceVersion).toBe('16');
    // Events the re-list already covered are not repeated.
    s1.send(ev('MODIFIED', cm('b', '15')), ev('MODIFIED', cm('d', '17')));
    expect(await take(it, 1)).toEqual([['MODIFIED', 'd', '17']]);
    w.close();
  });

  it('compares a re-list with the objects it was seeded with (an informer\'s list)', async () => {
    const src = new FakeSource();
    const w = new ResumingWatch(src, watchOptions({ resourceVersion: '3', seed: [cm('a', '2'), cm('b', '3')] }));
    const it = w[Symbol.asyncIterator]();
    src.listResult = { items: [cm('a', '2')], resourceVersion: '9' };
    (await src.stream(0)).fail(new BerthError('COMPACTED', 'gone'));
    expect(await take(it, 1)).toEqual([['DELETED', 'b', '3']]);
    w.close();
  });

  it('lists then watches with sendInitialEvents, and a reconnect during the list reports only differences', async () => {
    const src = new FakeSource();
    const w = new ResumingWatch(src, watchOptions({ sendInitialEvents: true }));
    const it = w[Symbol.asyncIterator]();
    const s0 = await src.stream(0);
    expect([s0.from, s0.sendInitial]).toEqual(['', true]);
    s0.send(ev('ADDED', cm('a', '5')), ev('ADDED', cm('b', '7')));
    s0.fail(unavailable());
    const s1 = await src.stream(1);
    expect([s1.from, s1.sendInitial]).toEqual(['', true]);
    s1.send(ev('ADDED', cm('a', '5')), ev('ADDED', cm('c', '8')), bookmark('10', true));
    expect(await take(it, 4)).toEqual([
      ['ADDED', 'a', '5'],
      ['ADDED', 'b', '7'],
      ['ADDED', 'c', '8'],
      ['DELETED', 'b', '7'],
    ]);
    expect(w.resourceVersion).toBe('10');
    s1.send(ev('MODIFIED', cm('a', '11')));
    expect(await take(it, 1)).toEqual([['MODIFIED', 'a', '11']]);
    s1.fail(unavailable());
    expect([(await src.stream(2)).from, (await src.stream(2)).sendInitial]).toEqual(['11', false]);
    w.close();
  });

  it('holds at most bufferEvents events: it pauses the stream instead, and resumes once the consumer drains half', async () => {
    const src = new FakeSource();
    const bound = 4;
    const w = new ResumingWatch(src, watchOptions({ resourceVersion: '100', bufferEvents: bound }));
    const it = w[Symbol.asyncIterator]();
    const s0 = await src.stream(0);
    let most = 0;
    for (let i = 1; i <= 10; i++) {
      s0.send(ev('ADDED', cm(`o${i}`, String(100 + i))));
      most = Math.max(most, w.buffered);
    }
    expect(most).toBe(bound);
    expect(s0.paused).toBe(true);
    expect(s0.held).toHaveLength(10 - bound);
    expect(w.resourceVersion).toBe('100');
    const events = await take(it, 10);
    expect(events.map((e) => e[1])).toEqual(Array.from({ length: 10 }, (_, i) => `o${i + 1}`));
    expect(s0.paused).toBe(false);
    expect(w.resourceVersion).toBe('110');
    w.close();
  });

  it('keeps a re-list within the buffer bound too', async () => {
    const src = new FakeSource();
    const w = new ResumingWatch(src, watchOptions({ resourceVersion: '1', bufferEvents: 2 }));
    const it = w[Symbol.asyncIterator]();
    src.listResult = { items: Array.from({ length: 7 }, (_, i) => cm(`n${i}`, String(2 + i))), resourceVersion: '20' };
    (await src.stream(0)).fail(new BerthError('COMPACTED', 'gone'));
    await until(() => w.buffered === 2);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(w.buffered).toBe(2);
    expect(await take(it, 7)).toHaveLength(7);
    expect((await src.stream(1)).from).toBe('20');
    w.close();
  });

  it('compares revisions as numbers', () => {
    expect(isNewerRevision('10', '9')).toBe(true);
    expect(isNewerRevision('9', '10')).toBe(false);
    expect(isNewerRevision('10', '10')).toBe(false);
    expect(isNewerRevision('007', '7')).toBe(false);
  });
});

// ---- The informer ----------------------------------------------------------------------------

function informer(src: FakeSource): CachingInformer {
  return new CachingInformer(src, { namespaced: true, watch: watchOptions(), backoffMs: () => 0 });
}

interface Heard {
  log: string[];
}

function listen(inf: CachingInformer): Heard {
  const heard: Heard = { log: [] };
  inf.on({
    add: (o) => heard.log.push(`add ${o.metadata.name}@${o.metadata.resourceVersion}`),
    update: (a, b) => heard.log.push(`update ${a.metadata.name}@${a.metadata.resourceVersion}->${b.metadata.resourceVersion}`),
    delete: (o) => heard.log.push(`delete ${o.metadata.name}@${o.metadata.resourceVersion}`),
  });
  return heard;
}

describe('CachingInformer', () => {
  it('lists, is synced, then follows the watch from the list\'s revision into its cache and handlers', async () => {
    const src = new FakeSource();
    src.listResult = { items: [cm('a', '3'), cm('b', '4', 'kube-system')], resourceVersion: '5' };
    const inf = informer(src);
    expect(inf.synced).toBe(false);
    await inf.start();
    expect(inf.synced).toBe(true);
    expect(inf.list().map((o) => o.metadata.name).sort()).toEqual(['a', 'b']);
    expect(inf.list('kube-system').map((o) => o.metadata.name)).toEqual(['b']);
    expect(inf.get('a')?.metadata.resourceVersion).toBe('3');
    expect(inf.get('b')).toBeUndefined();
    expect(inf.get('b', 'kube-system')?.metadata.resourceVersion).toBe('4');
    // Handlers added after the sync hear the cached objects first.
    const heard = listen(inf);
    expect(heard.log.sort()).toEqual(['add a@3', 'add b@4']);
    heard.log.length = 0;
    const s0 = await src.stream(0);
    expect([s0.from, s0.sendInitial]).toEqual(['5', false]);
    s0.send(ev('ADDED', cm('c', '6')), ev('MODIFIED', cm('a', '7')), ev('DELETED', cm('b', '8', 'kube-system')));
    await until(() => heard.log.length === 3);
    expect(heard.log).toEqual(['add c@6', 'update a@3->7', 'delete b@8']);
    expect(inf.list().map((o) => `${o.metadata.name}@${o.metadata.resourceVersion}`).sort()).toEqual(['a@7', 'c@6']);
    inf.stop();
    expect(s0.cancelled).toBe(true);
  });

  it('survives reconnects and compaction: handlers hear each change once', async () => {
    const src = new FakeSource();
    src.listResult = { items: [cm('a', '3')], resourceVersion: '3' };
    const inf = informer(src);
    const heard = listen(inf);
    await inf.start();
    const s0 = await src.stream(0);
    s0.send(ev('MODIFIED', cm('a', '4')));
    s0.fail(unavailable());
    const s1 = await src.stream(1);
    expect(s1.from).toBe('4');
    s1.send(ev('MODIFIED', cm('a', '4')), ev('ADDED', cm('b', '5')));
    await until(() => heard.log.length === 3);
    src.listResult = { items: [cm('b', '9')], resourceVersion: '10' };
    s1.fail(new BerthError('COMPACTED', 'gone'));
    await until(() => heard.log.length === 5);
    expect(heard.log).toEqual(['add a@3', 'update a@3->4', 'add b@5', 'update b@5->9', 'delete a@4']);
    expect((await src.stream(2)).from).toBe('10');
    expect(inf.list().map((o) => o.metadata.name)).toEqual(['b']);
    inf.stop();
  });

  it('lists again after its watch fails for good, and reports what changed meanwhile', async () => {
    const src = new FakeSource();
    src.listResult = { items: [cm('a', '3'), cm('b', '3')], resourceVersion: '3' };
    const inf = new CachingInformer(src, { namespaced: true, watch: watchOptions({ maxReconnects: 0 }), backoffMs: () => 0 });
    const heard = listen(inf);
    await inf.start();
    src.listResult = { items: [cm('a', '6')], resourceVersion: '7' };
    (await src.stream(0)).fail(unavailable());
    await until(() => heard.log.length === 4);
    expect(heard.log.slice(2)).toEqual(['update a@3->6', 'delete b@3']);
    expect(inf.lastError?.code).toBe('UNAVAILABLE');
    expect((await src.stream(1)).from).toBe('7');
    inf.stop();
  });

  it('rejects start() when the first list fails', async () => {
    const src = new FakeSource();
    src.listError = new BerthError('INVALID_ARGUMENT', 'labelSelector: bad');
    await expect(informer(src).start()).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});
