// Proves that the hand-made encoding of Watch responses (each object encoded once, shared by all
// watchers) decodes, with the generated code clients use, to exactly the events that were sent.
import { describe, expect, it } from 'vitest';
import { objectFromWire } from '../../client/objects/codec.js';
import type { KubeObject } from '../../client/index.js';
import { loadProto } from '../../proto/load.js';
import type { ProtoGrpcType } from '../../proto/gen/api.js';
import { encodeWatchResponse, encodedObject } from '../../server/api/watch-encoding.js';

const cm = (name: string, value: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'default', uid: 'u-1', resourceVersion: '42', labels: { app: 'x' } },
  data: { k: value },
});

describe('watch response encoding', () => {
  it('decodes with the generated deserializer to the events sent', () => {
    const T = loadProto<ProtoGrpcType>('berth/v1/api.proto').berth.v1.WatchObjectsResponse;
    const big = 'v'.repeat(70_000); // lengths that need multi-byte varints
    const events = [
      { type: 'ADDED', object: encodedObject(cm('a', 'small')), resourceVersion: '7', initialEventsEnd: false },
      { type: 'MODIFIED', object: encodedObject(cm('b', big)), resourceVersion: '1234567', initialEventsEnd: false },
      { type: 'BOOKMARK', object: undefined, resourceVersion: '1234568', initialEventsEnd: true },
    ];
    const decoded = T.deserialize(encodeWatchResponse(events));
    expect(decoded.events.map((e) => [e.type, e.resourceVersion, e.initialEventsEnd])).toEqual([
      ['ADDED', '7', false],
      ['MODIFIED', '1234567', false],
      ['BOOKMARK', '1234568', true],
    ]);
    expect(objectFromWire(decoded.events[0]!.object).data).toEqual({ k: 'small' });
    expect(objectFromWire(decoded.events[1]!.object).data).toEqual({ k: big });
    expect(decoded.events[2]!.object).toBeNull();
  });

  it('encodes an object once however often it is sent', () => {
    const obj = cm('c', 'x');
    expect(encodedObject(obj)).toBe(encodedObject(obj));
  });
});
