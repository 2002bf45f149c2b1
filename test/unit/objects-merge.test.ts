// Proves that mergePatch follows RFC 7386 (its appendix examples) without mutating or sharing its
// inputs, that applyPatch sets what a manifest has and removes what the last applied manifest had
// and this one dropped, while leaving fields others set alone, and that deepEqual is JSON equality.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyPatch, deepEqual, mergePatch } from '../../server/api/objects/index.js';

describe('mergePatch', () => {
  // RFC 7386, Appendix A.
  it.each([
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [['a', 'b'], ['c', 'd'], ['c', 'd']],
    [{ a: 'b' }, ['c'], ['c']],
    [{ a: 'foo' }, null, null],
    [{ a: 'foo' }, 'bar', 'bar'],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: 'b', c: null }, { a: 'b' }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ])('%j + %j = %j', (target, patch, result) => {
    expect(mergePatch(target, patch)).toEqual(result);
  });

  it('neither mutates nor shares its inputs', () => {
    const target = { spec: { replicas: 1, template: { labels: { app: 'web' } } }, keep: { x: [1] } };
    const patch = { spec: { replicas: 3, extra: { y: 1 } } };
    const before = structuredClone({ target, patch });
    const result = mergePatch(target, patch) as typeof target & { spec: { extra: { y: number } } };
    expect({ target, patch }).toEqual(before);
    result.spec.template.labels.app = 'changed';
    result.keep.x.push(2);
    result.spec.extra.y = 2;
    expect({ target, patch }).toEqual(before);
  });

  it('keeps a "__proto__" key as data', () => {
    const patch = JSON.parse('{"__proto__": {"polluted": true}}') as unknown;
    const result = mergePatch({}, patch) as Record<string, unknown>;
    expect(Object.hasOwn(result, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('applyPatch', () => {
  it('sets every field of a first manifest', () => {
    const manifest = { spec: { replicas: 2, ports: [{ port: 80 }] } };
    expect(applyPatch(undefined, manifest)).toEqual(manifest);
  });

  it('removes what the last manifest had and this one dropped, keeping fields set by others', () => {
    const last = { metadata: { labels: { app: 'web', tier: 'fe' } }, spec: { replicas: 2, paused: true, ports: [{ port: 80 }, { port: 81 }] } };
    const manifest = { metadata: { labels: { app: 'web' } }, spec: { replicas: 3, ports: [{ port: 80 }] } };
    const patch = applyPatch(last, manifest);
    expect(patch).toEqual({ metadata: { labels: { app: 'web', tier: null } }, spec: { replicas: 3, ports: [{ port: 80 }], paused: null } });
    const live = { metadata: { labels: { app: 'web', tier: 'fe', owner: 'ops' } }, spec: { replicas: 2, paused: true, ports: [], clusterIP: '10.0.0.1' } };
    expect(mergePatch(live, patch)).toEqual({
      metadata: { labels: { app: 'web', owner: 'ops' } },
      spec: { replicas: 3, ports: [{ port: 80 }], clusterIP: '10.0.0.1' },
    });
  });

  it('replaces a field whose type changed', () => {
    expect(applyPatch({ a: 'x' }, { a: { b: 1 } })).toEqual({ a: { b: 1 } });
    expect(applyPatch({ a: { b: 1 } }, { a: 'x' })).toEqual({ a: 'x' });
  });

  /** Whether `result` holds every field of `m` (null in `m` meaning absent). */
  function contains(result: unknown, m: unknown): boolean {
    if (typeof m !== 'object' || m === null || Array.isArray(m)) return deepEqual(result, m);
    if (typeof result !== 'object' || result === null || Array.isArray(result)) return false;
    const r = result as Record<string, unknown>;
    return Object.entries(m).every(([k, v]) => (v === null ? !Object.hasOwn(r, k) : Object.hasOwn(r, k) && contains(r[k], v)));
  }

  it('gives a patch that makes any object contain the manifest', () => {
    const manifest = fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 }));
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), fc.option(manifest), manifest, (x, last, m) => {
        expect(contains(mergePatch(x, applyPatch(undefined, m)), m)).toBe(true);
        expect(contains(mergePatch(x, applyPatch(last, m)), m)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('deepEqual', () => {
  it.each([
    [{ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }, true],
    [{ a: 1, b: undefined }, { a: 1 }, true],
    [[1, 2], [2, 1], false],
    [{ a: 1 }, { a: 1, b: 2 }, false],
    [{ a: null }, {}, false],
    [Number.NaN, Number.NaN, true],
    [0, -0, true],
    ['1', 1, false],
    [[], {}, false],
  ])('%j vs %j: %s', (a, b, equal) => {
    expect(deepEqual(a, b)).toBe(equal);
    expect(deepEqual(b, a)).toBe(equal);
  });

  it('agrees with JSON round trips', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(deepEqual(v, JSON.parse(JSON.stringify(v)))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
