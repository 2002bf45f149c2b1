// Proves how watch events are packed into responses: whole revisions together up to the byte
// bound, a revision too big for one response split into fragments (all but the last marked),
// and an event bigger than the bound still sent, alone.
import { describe, expect, it } from 'vitest';
import { eventBytes, packEvents } from '../../server/api/watch-pack.js';
import type { WatchEvent } from '../../server/store/index.js';

function ev(revision: number, key: string, valueBytes: number): WatchEvent {
  return {
    type: 'put',
    revision,
    kv: { key, value: new Uint8Array(valueBytes), createRevision: revision, modRevision: revision, version: 1 },
  };
}

const shape = (packed: ReturnType<typeof packEvents>): string[] =>
  packed.map((p) => `${p.events.map((e) => `${e.revision}${e.kv.key}`).join(',')}${p.fragment ? '+' : ''}`);

describe('packEvents', () => {
  it('puts small revisions in one response', () => {
    expect(shape(packEvents([ev(1, 'a', 1), ev(2, 'b', 1), ev(2, 'c', 1)], 1000))).toEqual(['1a,2b,2c']);
  });

  it('starts a new response rather than split a revision that fits alone', () => {
    const size = eventBytes(ev(1, 'a', 100));
    const events = [ev(1, 'a', 100), ev(2, 'b', 100), ev(2, 'c', 100), ev(3, 'd', 100)];
    expect(shape(packEvents(events, size * 2))).toEqual(['1a', '2b,2c', '3d']);
  });

  it('splits a revision bigger than the bound into fragments, the last unmarked', () => {
    const size = eventBytes(ev(5, 'a', 100));
    const events = [ev(4, 'z', 100), ev(5, 'a', 100), ev(5, 'b', 100), ev(5, 'c', 100), ev(6, 'd', 100)];
    expect(shape(packEvents(events, size * 2))).toEqual(['4z', '5a,5b+', '5c,6d']);
  });

  it('sends an event bigger than the bound alone', () => {
    expect(shape(packEvents([ev(1, 'a', 10), ev(2, 'b', 5000), ev(3, 'c', 10)], 1000))).toEqual(['1a', '2b', '3c']);
  });

  it('returns nothing for no events', () => {
    expect(packEvents([], 1000)).toEqual([]);
  });
});
