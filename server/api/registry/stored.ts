// The stored form of an object: its JSON without resourceVersion, which is the key's mod revision
// and is filled in when the object is read. A value that does not parse (written by something
// other than this registry) is reported as DATA_CORRUPT naming the key, never crashing a reader.
import { BerthError } from '../../../client/index.js';
import type { KubeObject } from '../../../client/index.js';
import type { KeyValue } from '../../store/index.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export function encodeObject(obj: KubeObject): Uint8Array {
  const { resourceVersion: _rv, ...metadata } = obj.metadata;
  void _rv;
  return encoder.encode(JSON.stringify({ ...obj, metadata }));
}

/** The object stored in `kv`, with metadata.resourceVersion = its mod revision. */
export function decodeObject(kv: KeyValue): KubeObject {
  return decodeAt(kv.key, kv.value, kv.modRevision);
}

export function decodeAt(key: string, value: Uint8Array, revision: number): KubeObject {
  let parsed: unknown;
  try {
    parsed = JSON.parse(decoder.decode(value));
  } catch (err) {
    throw new BerthError('DATA_CORRUPT', `stored object ${key} is not valid JSON; delete it with the KV API or restore a backup`, { cause: err });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new BerthError('DATA_CORRUPT', `stored object ${key} is not a JSON object`);
  }
  const obj = parsed as KubeObject;
  const meta = typeof obj.metadata === 'object' && obj.metadata !== null ? obj.metadata : {};
  return { ...obj, metadata: { ...meta, resourceVersion: String(revision) } };
}

/** A deep copy of plain JSON. */
export function cloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
