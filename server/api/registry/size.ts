// The bound on one stored object: a Raft entry carries it whole, so it is kept well under the
// store's request limit (objects are small; large data belongs elsewhere).
import { BerthError } from '../../../client/index.js';
import type { KindInfo, KubeObject } from '../../../client/index.js';

export function checkSize(kind: KindInfo, obj: KubeObject, value: Uint8Array, maxObjectBytes: number): void {
  if (value.byteLength <= maxObjectBytes) return;
  throw new BerthError(
    'TOO_LARGE',
    `${kind.kind} ${JSON.stringify(obj.metadata.name ?? '')} is ${value.byteLength} bytes as stored; the limit is ${maxObjectBytes} (maxObjectBytes)`,
    { details: { size: value.byteLength, limit: maxObjectBytes } },
  );
}
