// The encoding of ObjectService.Watch responses, done by hand so that each changed object is
// encoded once however many watches send it: a change fans out to every watcher of its kind,
// and encoding the object per watcher would multiply the server's work by their number. The
// bytes are exactly what the generated serializer makes of WatchObjectsResponse (api.proto):
// repeated ObjectEvent events = 1 { type = 1; object = 2 (ApiObject); resource_version = 3;
// initial_events_end = 4 }, so clients decode them with their ordinary generated code.
import type { ServiceDefinition } from '@grpc/grpc-js';
import { objectToWire } from '../../client/index.js';
import type { KubeObject } from '../../client/index.js';
import { apiProto, loadProto } from '../../proto/load.js';
import type { ProtoGrpcType } from '../../proto/gen/api.js';

/** One event ready to encode; `object` is the ApiObject's encoding. */
export interface EncodedEvent {
  readonly type: string;
  readonly object: Uint8Array | undefined;
  readonly resourceVersion: string;
  readonly initialEventsEnd: boolean;
}

const encodedObjects = new WeakMap<KubeObject, Uint8Array>();

/** The ApiObject encoding of `obj`, made once per decoded object (the watch cache shares them). */
export function encodedObject(obj: KubeObject): Uint8Array {
  let bytes = encodedObjects.get(obj);
  if (bytes === undefined) {
    const apiObject = loadProto<ProtoGrpcType>('berth/v1/api.proto').berth.objects.v1.ApiObject;
    bytes = apiObject.serialize(objectToWire(obj).wire);
    encodedObjects.set(obj, bytes);
  }
  return bytes;
}

function varintLength(n: number): number {
  let len = 1;
  while (n >= 0x80) {
    n = Math.floor(n / 128);
    len++;
  }
  return len;
}

function writeVarint(buf: Buffer, at: number, n: number): number {
  while (n >= 0x80) {
    buf[at++] = (n % 128) | 0x80;
    n = Math.floor(n / 128);
  }
  buf[at++] = n;
  return at;
}

/** Length of a length-delimited field's tag, length and payload (tags here are one byte). */
function fieldLength(payload: number): number {
  return 1 + varintLength(payload) + payload;
}

function eventLength(e: EncodedEvent, typeBytes: number, rvBytes: number): number {
  return (
    fieldLength(typeBytes) + (e.object !== undefined ? fieldLength(e.object.byteLength) : 0) + fieldLength(rvBytes) + (e.initialEventsEnd ? 2 : 0)
  );
}

/** WatchObjectsResponse bytes for `events`. */
export function encodeWatchResponse(events: readonly EncodedEvent[]): Buffer {
  const sizes = events.map((e) => {
    const typeBytes = Buffer.byteLength(e.type);
    const rvBytes = Buffer.byteLength(e.resourceVersion);
    return { typeBytes, rvBytes, body: eventLength(e, typeBytes, rvBytes) };
  });
  const total = sizes.reduce((n, s) => n + fieldLength(s.body), 0);
  const buf = Buffer.allocUnsafe(total);
  let at = 0;
  events.forEach((e, i) => {
    const s = sizes[i]!;
    buf[at++] = 0x0a; // events = 1, length-delimited
    at = writeVarint(buf, at, s.body);
    buf[at++] = 0x0a; // type = 1
    at = writeVarint(buf, at, s.typeBytes);
    at += buf.write(e.type, at);
    if (e.object !== undefined) {
      buf[at++] = 0x12; // object = 2
      at = writeVarint(buf, at, e.object.byteLength);
      buf.set(e.object, at);
      at += e.object.byteLength;
    }
    buf[at++] = 0x1a; // resource_version = 3
    at = writeVarint(buf, at, s.rvBytes);
    at += buf.write(e.resourceVersion, at);
    if (e.initialEventsEnd) {
      buf[at++] = 0x20; // initial_events_end = 4, varint
      buf[at++] = 1;
    }
  });
  return buf;
}

/** ObjectService's definition with Watch responses written as pre-encoded bytes. */
export function objectServiceDefinition(): ServiceDefinition {
  const def = apiProto().ObjectService.service;
  return {
    ...def,
    Watch: { ...def.Watch, responseSerialize: (value: unknown) => (Buffer.isBuffer(value) ? value : def.Watch.responseSerialize(value as never)) },
  };
}
