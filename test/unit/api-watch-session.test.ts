// Proves how one object watch turns shared changes into its own events: selector transitions
// become ADDED/DELETED, changes at or before its start are skipped, a client that stops reading
// is cut off with RESOURCE_EXHAUSTED once its queue passes the bound (instead of growing), and a
// resume from before the compacted revision gets COMPACTED. The replica is faked behind ApiNode.
import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { resolveKind } from '../../client/index.js';
import type { KubeObject , BerthError} from '../../client/index.js';
import type { ApiNode } from '../../server/api/index.js';
import { compileRegistryOptions } from '../../server/api/registry/options.js';
import { ObjectRegistry } from '../../server/api/registry/registry.js';
import type { ChangeSink, ObjectChange, WatchCache } from '../../server/api/registry/watch-cache.js';
import { WatchSession } from '../../server/api/registry/watch-session.js';
import type { EventOutlet, OutgoingEvent } from '../../server/api/registry/watch-session.js';

const CM = resolveKind('ConfigMap');

function fakeNode(revision: number, compacted: number): ApiNode {
  const store = {
    revision,
    compactedRevision: compacted,
    range: () => Promise.resolve({ kvs: [], more: false, revision, count: 0 }),
    watch: () => ({ cancel: () => undefined }),
  };
  return { id: 'r1', store, linearizableRead: () => Promise.resolve() } as unknown as ApiNode;
}

function fakeCache(): WatchCache & { subs: Set<ChangeSink> } {
  const sinks = new Set<ChangeSink>();
  return {
    subs: sinks,
    progress: 10,
    subscribe: (s: ChangeSink, from: number) => (from >= 5 ? (sinks.add(s), true) : false),
    unsubscribe: (s: ChangeSink) => void sinks.delete(s),
  } as unknown as WatchCache & { subs: Set<ChangeSink> };
}

function cm(name: string, labels: Record<string, string>, rv: number): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default', labels, resourceVersion: String(rv) } };
}

function change(rev: number, obj: KubeObject, prev?: KubeObject, deleted = false): ObjectChange {
  return { revision: rev, key: `/registry/configmaps/default/${obj.metadata.name}`, object: obj, prev, deleted };
}

function outlet(accept: boolean): EventOutlet & { sent: OutgoingEvent[]; failed: BerthError[] } {
  const sent: OutgoingEvent[] = [];
  const failed: BerthError[] = [];
  return { sent, failed, write: (events) => (sent.push(...events), accept), onDrain: () => undefined, fail: (e) => void failed.push(e) };
}

function session(fromRevision: number, out: EventOutlet, cache = fakeCache(), maxQueued = 5, compacted = 0, allowBookmarks = false) {
  const reg = new ObjectRegistry(fakeNode(20, compacted), compileRegistryOptions({ logger: pino({ level: 'silent' }), maxWatcherQueuedEvents: maxQueued }));
  const matches = (o: KubeObject): boolean => o.metadata.labels?.['app'] === 'web';
  const s = new WatchSession(reg, cache, { kind: CM, namespace: 'default', matches, fromRevision, sendInitialEvents: false, allowBookmarks }, out, () => undefined);
  return { s, cache };
}

describe('an object watch session', () => {
  it('reports objects entering and leaving its selector as ADDED and DELETED, and skips what it has seen', async () => {
    const out = outlet(true);
    const { s, cache } = session(10, out);
    await s.start();
    const sink = [...cache.subs][0]!;
    const web = cm('a', { app: 'web' }, 11);
    const db = cm('a', { app: 'db' }, 12);
    sink.offer([change(9, cm('old', { app: 'web' }, 9)), change(11, web), change(12, db, web), change(13, cm('a', { app: 'web' }, 13), db), change(14, cm('a', { app: 'web' }, 14), cm('a', { app: 'web' }, 13), true)]);
    expect(out.sent.map((e) => [e.type, e.revision])).toEqual([
      ['ADDED', 11],
      ['DELETED', 12],
      ['ADDED', 13],
      ['DELETED', 14],
    ]);
    s.close();
  });

  it('cuts off a watcher whose client stopped reading once its queue passes the bound', async () => {
    const out = outlet(false); // the stream's buffer is full from the first write on
    const { s, cache } = session(10, out, fakeCache(), 5);
    await s.start();
    const sink = [...cache.subs][0]!;
    for (let rev = 11; rev <= 17; rev++) sink.offer([change(rev, cm(`c${rev}`, { app: 'web' }, rev))]);
    expect(out.failed).toHaveLength(1);
    expect(out.failed[0]!.code).toBe('RESOURCE_EXHAUSTED');
    expect(out.failed[0]!.message).toMatch(/fell more than 5 events behind/);
    expect(cache.subs.size).toBe(0);
  });

  it('tells a watch "from now" which revision that was, before any change', async () => {
    const out = outlet(true);
    const { s } = session(0, out, fakeCache(), 5, 0, true);
    await s.start();
    expect(out.sent).toEqual([{ type: 'BOOKMARK', revision: 20 }]);
    s.close();
  });

  it('refuses a resume from before the compacted revision with COMPACTED', async () => {
    const out = outlet(true);
    const { s } = session(2, out, fakeCache(), 5, 4);
    await s.start();
    expect(out.failed.map((e) => e.code)).toEqual(['COMPACTED']);
  });
});
