// Proves that quantities parse to base units as Kubernetes reads them (binary and decimal suffixes,
// exponents, signs, exact decimal scaling) and that malformed ones are refused, and that the name
// checks (DNS-1123 labels and subdomains, qualified names, label values, IANA service names,
// ConfigMap keys) draw their lines where Kubernetes does, at the length bounds too.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isConfigKey,
  isDns1123Label,
  isDns1123Subdomain,
  isIanaSvcName,
  isLabelValue,
  isQualifiedName,
  parseQuantity,
} from '../../server/api/objects/index.js';

describe('parseQuantity', () => {
  it.each([
    ['500m', 0.5],
    ['100m', 0.1],
    ['1', 1],
    ['1.5', 1.5],
    ['.5', 0.5],
    ['2.', 2],
    ['256Mi', 268435456],
    ['1Ki', 1024],
    ['1.5Gi', 1610612736],
    ['2Ti', 2 * 2 ** 40],
    ['1Ei', 2 ** 60],
    ['1k', 1000],
    ['1M', 1e6],
    ['3G', 3e9],
    ['1T', 1e12],
    ['1P', 1e15],
    ['1E', 1e18],
    ['5n', 5e-9],
    ['5u', 5e-6],
    ['1e3', 1000],
    ['1E3', 1000],
    ['12e-1', 1.2],
    ['+1', 1],
    ['-1', -1],
    ['-500m', -0.5],
    ['0', 0],
  ])('%s is %d', (text, value) => {
    expect(parseQuantity(text)).toBe(value);
  });

  it.each(['', ' 1', '1 ', '1m1', 'm', '1Mb', '1mi', '1e', 'e3', '1.2.3', '--1', '1KiB', '0x10', 'Infinity', '1e999', '1'.repeat(65)])(
    'refuses %j',
    (text) => {
      expect(parseQuantity(text)).toBeUndefined();
    },
  );

  it('reads plain decimals as JavaScript does', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 0, max: 999 }), (whole, frac) => {
        const text = `${whole}.${String(frac).padStart(3, '0')}`;
        expect(parseQuantity(text)).toBe(Number(text));
      }),
      { numRuns: 300 },
    );
  });

  it('never throws', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const q = parseQuantity(s);
        expect(q === undefined || Number.isFinite(q)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('names', () => {
  it('DNS-1123 labels', () => {
    for (const ok of ['a', 'web-1', '0abc', 'a'.repeat(63)]) expect(isDns1123Label(ok)).toBe(true);
    for (const bad of ['', 'Web', 'web_1', '-web', 'web-', 'a.b', 'a'.repeat(64)]) expect(isDns1123Label(bad)).toBe(false);
  });

  it('DNS-1123 subdomains', () => {
    const long = Array.from({ length: 4 }, () => 'a'.repeat(63)).join('.');
    for (const ok of ['a', 'web.example.com', 'a-1.b-2', long.slice(0, 253)]) expect(isDns1123Subdomain(ok)).toBe(true);
    for (const bad of ['', 'a..b', '.a', 'a.', 'A.b', `${long.slice(0, 253)}a`]) expect(isDns1123Subdomain(bad)).toBe(false);
  });

  it('qualified names', () => {
    for (const ok of ['app', 'App_1', 'a.b-c', 'example.com/app', 'k8s.io/Name', 'a'.repeat(63)]) expect(isQualifiedName(ok)).toBe(true);
    for (const bad of ['', '/app', 'a/b/c', 'Example.com/app', 'example.com/', '-app', 'app-', 'a b', 'a'.repeat(64)]) {
      expect(isQualifiedName(bad)).toBe(false);
    }
  });

  it('label values', () => {
    for (const ok of ['', 'web', 'v1.2_3', 'A'.repeat(63)]) expect(isLabelValue(ok)).toBe(true);
    for (const bad of ['-web', 'web.', 'a b', 'a/b', 'A'.repeat(64)]) expect(isLabelValue(bad)).toBe(false);
  });

  it('IANA service names', () => {
    for (const ok of ['http', 'h2c', 'web-metrics', 'a'.repeat(15)]) expect(isIanaSvcName(ok)).toBe(true);
    for (const bad of ['', '8080', 'HTTP', '-http', 'http-', 'http--alt', 'a'.repeat(16), 'h_t']) expect(isIanaSvcName(bad)).toBe(false);
  });

  it('ConfigMap keys', () => {
    for (const ok of ['app.conf', '.env', 'A_b-1', 'k'.repeat(253)]) expect(isConfigKey(ok)).toBe(true);
    for (const bad of ['', '.', '..', 'a/b', 'a b', 'k'.repeat(254)]) expect(isConfigKey(bad)).toBe(false);
  });
});
