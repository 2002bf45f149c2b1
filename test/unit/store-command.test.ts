// Proves that the store's command codec round-trips every kind of command, rejects damaged bytes
// with INVALID_ARGUMENT instead of crashing, and that key order and prefixEnd follow UTF-8 byte order.
import { describe, expect, it } from 'vitest';
import { isBerthError } from '../../client/index.js';
import type { Command } from '../../server/store/index.js';
import { compareKeys, decodeCommand, encodeCommand, prefixEnd } from '../../server/store/index.js';

const b = (s: string): Uint8Array => new TextEncoder().encode(s);
const requestId = { origin: 'r1', seq: 42 };

const samples: Command[] = [
  { type: 'put', requestId, key: '/registry/pods/default/web-1', value: b('{"a":1}') },
  { type: 'put', requestId: { origin: '', seq: 0 }, key: 'ключ/😀', value: new Uint8Array(0), prevKv: true },
  { type: 'put', requestId: { origin: 'r2', seq: Number.MAX_SAFE_INTEGER }, key: 'k', value: new Uint8Array(300).fill(7) },
  { type: 'delete', requestId, key: '/a' },
  { type: 'delete', requestId, key: '/a/', rangeEnd: '/a0', prevKv: true },
  { type: 'delete', requestId, key: '', rangeEnd: '\0' },
  { type: 'compact', requestId, revision: 2 ** 40 + 3 },
  {
    type: 'txn',
    requestId,
    compare: [
      { key: 'a', target: 'value', op: '=', value: b('x') },
      { key: 'a', target: 'modRevision', op: '<', value: 300 },
      { key: 'b', target: 'createRevision', op: '>', value: 0 },
      { key: 'c', target: 'version', op: '!=', value: 1 },
      { key: 'd', target: 'exists', op: '=', value: false },
      { key: 'e', target: 'exists', op: '=', value: true },
    ],
    success: [
      { type: 'put', key: 'a', value: b('y'), prevKv: true },
      { type: 'delete', key: 'p/', rangeEnd: 'p0' },
      { type: 'range', key: 'q', rangeEnd: 'r', limit: 10 },
      { type: 'range', key: 'z' },
    ],
    failure: [],
  },
];

describe('store command codec', () => {
  it('round-trips every kind of command', () => {
    for (const cmd of samples) expect(decodeCommand(encodeCommand(cmd))).toEqual(cmd);
  });

  it('starts with a format byte and stays compact for a 256-byte put', () => {
    const data = encodeCommand({ type: 'put', requestId, key: '/registry/pods/default/web-1', value: new Uint8Array(256) });
    expect(data[0]).toBe(1);
    expect(data.length).toBeLessThan(256 + 40);
  });

  it('rejects every truncation and trailing garbage with INVALID_ARGUMENT', () => {
    for (const cmd of samples) {
      const data = encodeCommand(cmd);
      for (let n = 0; n < data.length; n++) {
        expect(() => decodeCommand(data.subarray(0, n))).toThrow(/malformed command/);
      }
      const longer = new Uint8Array(data.length + 1);
      longer.set(data);
      expect(() => decodeCommand(longer)).toThrow(/bytes after the command/);
    }
  });

  it('rejects an unknown format, an unknown kind and invalid UTF-8', () => {
    const data = encodeCommand(samples[0] as Command);
    const badFormat = Uint8Array.from(data);
    badFormat[0] = 9;
    const badKind = Uint8Array.from(data);
    badKind[1] = 99;
    const badUtf8 = Uint8Array.from(data);
    badUtf8[3] = 0xff; // the first byte of the origin string
    for (const bad of [badFormat, badKind, badUtf8]) {
      let caught: unknown;
      try {
        decodeCommand(bad);
      } catch (err) {
        caught = err;
      }
      expect(isBerthError(caught, 'INVALID_ARGUMENT')).toBe(true);
    }
  });

  it('refuses to encode a key that UTF-8 cannot carry, or a bad sequence number', () => {
    expect(() => encodeCommand({ type: 'put', requestId, key: 'a\uD800', value: b('') })).toThrow(/lone surrogate/);
    expect(() => encodeCommand({ type: 'compact', requestId: { origin: 'x', seq: -1 }, revision: 1 })).toThrow(/seq/);
  });
});

describe('key order and prefixEnd', () => {
  it('orders keys as their UTF-8 bytes, not as UTF-16 code units', () => {
    const keys = ['\uFFFD', '😀', 'a', 'ab', '\u00e9', ''];
    const sorted = [...keys].sort(compareKeys);
    const byBytes = [...keys].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
    expect(sorted).toEqual(byBytes);
  });

  it('gives the first key after every key with the prefix', () => {
    expect(prefixEnd('/registry/pods/')).toBe('/registry/pods0');
    expect(prefixEnd('a\u{10FFFF}')).toBe('b');
    expect(prefixEnd('\uD7FF')).toBe('\uE000');
    expect(prefixEnd('')).toBe('\0');
    expect(prefixEnd('\u{10FFFF}')).toBe('\0');
    for (const p of ['/a', 'é', '😀x']) {
      expect(compareKeys(`${p}\u{10FFFF}\u{10FFFF}`, prefixEnd(p))).toBeLessThan(0);
      expect(compareKeys(p, prefixEnd(p))).toBeLessThan(0);
    }
  });
});
