// Proves the pod watch cache's routing by spec.nodeName: a sink with a route is offered only the
// changes of pods that were or are on its node (binding, moving away, deletion), in revision
// order, including the buffered ones on subscribe; a sink without a route still sees every
// change; and unsubscribing stops the offers. The replica is faked behind ApiNode.
import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { resolveKind } from '../../client/index.js';
import type { BerthError, KubeObject } from '../../client/index.js';
import type { ApiNode } from '../../server/api/index.js';
import { compileRegistryOptions } from '../../server/api/registry/options.js';
import { ObjectRegistry } from '../../server/api/registry/registry.js';
import { encodeObject } from '../../server/api/registry/stored.js';
import { WatchCache } from '../../server/api/registry/watch-cache.js';
import type { ChangeSink, ObjectChange } from '../../server/api/registry/watch-cache.js';
import type { KeyValue, WatchEvent } from '../../server/store/index.js';

const POD = resolveKind('Pod');

function harness(): { cache: WatchCache; push: (events: WatchEvent[]) => void } {
  let deliver: ((events: WatchEvent[]) => void) | undefined;
  const store = {
    revision: 0,
    compactedRevision: 0,
    watch: (_req: unknown, onEvents: (events: WatchEvent[]) => void) => {
      deliver = onEvents;
      return { cancel: () => undefined };
    },
  };
  const node = { id: 'r1', store, linearizableRead: () => Promise.resolve() } as unknown as ApiNode;
  const reg = new ObjectRegistry(node, compileRegistryOptions({ logger: pino({ level: 'silent' }) }));
  const cache = new WatchCache(reg, POD, () => undefined);
  return { cache, push: (events) => deliver!(events) };
}

function pod(name: string, nodeName?: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { ...(nodeName ? { nodeName } : {}), containers: [] } };
}

function kv(obj: KubeObject, rev: number): KeyValue {
  return { key: `/registry/pods/default/${String(obj.metadata.name)}`, value: encodeObject(obj), createRevision: rev, modRevision: rev, version: 1 };
}

function put(rev: number, obj: KubeObject, prev?: KubeObject): WatchEvent {
  return { type: 'put', kv: kv(obj, rev), ...(prev ? { prevKv: kv(prev, rev - 1) } : {}), revision: rev };
}

function del(rev: number, prev: KubeObject): WatchEvent {
  return { type: 'delete', kv: { key: kv(prev, rev).key, value: new Uint8Array(), createRevision: 0, modRevision: rev, version: 0 }, prevKv: kv(prev, rev - 1), revision: rev };
}

function sink(route?: string): ChangeSink & { got: string[] } {
  const got: string[] = [];
  const describe = (c: ObjectChange): string => `${c.revision}:${String(c.object.metadata.name)}${c.deleted ? ' deleted' : ''}`;
  return { route, got, offer: (changes) => void got.push(...changes.map(describe)), fail: (_e: BerthError) => undefined };
}

describe('the pod watch cache routes by spec.nodeName', () => {
  it('offers a routed sink only its node\'s changes, in order, and an unrouted one all of them', () => {
    const { cache, push } = harness();
    const n1 = sink('n1');
    const n2 = sink('n2');
    const all = sink();
    for (const s of [n1, n2, all]) expect(cache.subscribe(s, 0)).toBe(true);
    push([put(1, pod('a')), put(2, pod('b'))]);
    // Bound: a to n1, b to n2 (one call, two revisions).
    push([put(3, pod('a', 'n1'), pod('a')), put(4, pod('b', 'n2'), pod('b'))]);
    // a moves from n1 to n2 (both hear of it); b is deleted on n2.
    push([put(5, pod('a', 'n2'), pod('a', 'n1')), del(6, pod('b', 'n2'))]);
    expect(n1.got).toEqual(['3:a', '5:a']);
    expect(n2.got).toEqual(['4:b', '5:a', '6:b deleted']);
    expect(all.got).toEqual(['1:a', '2:b', '3:a', '4:b', '5:a', '6:b deleted']);
  });

  it('hands a routed sink only its node\'s buffered changes on subscribe, and stops after unsubscribe', () => {
    const { cache, push } = harness();
    push([put(1, pod('a', 'n1')), put(2, pod('b', 'n2')), put(3, pod('c', 'n1'))]);
    const late = sink('n1');
    expect(cache.subscribe(late, 1)).toBe(true);
    expect(late.got).toEqual(['3:c']);
    cache.unsubscribe(late);
    push([put(4, pod('d', 'n1'))]);
    expect(late.got).toEqual(['3:c']);
  });
});
