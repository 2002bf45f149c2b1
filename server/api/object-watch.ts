// ObjectService.Watch: parses the request, then runs a WatchSession whose events are written to
// the gRPC stream (with gRPC's own backpressure: a full buffer pauses the session's queue).
import type { ServerWritableStream } from '@grpc/grpc-js';
import type { Logger } from 'pino';
import { BerthError, InvalidError, resolveKind } from '../../client/index.js';
import type { WatchObjectsRequest__Output } from '../../proto/gen/berth/v1/WatchObjectsRequest.js';
import type { WatchObjectsResponse } from '../../proto/gen/berth/v1/WatchObjectsResponse.js';
import { compileSelectors, matcherOf } from './registry/list.js';
import type { ObjectRegistry } from './registry/registry.js';
import type { WatchCaches } from './registry/watch-cache.js';
import { WatchSession } from './registry/watch-session.js';
import type { EventOutlet, OutgoingEvent } from './registry/watch-session.js';
import { failStream } from './respond.js';
import { encodeWatchResponse, encodedObject } from './watch-encoding.js';

type Call = ServerWritableStream<WatchObjectsRequest__Output, WatchObjectsResponse>;

function parseRevision(text: string): number {
  if (text === '' || text === '0') return 0;
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n)) {
    const message = `must be a resourceVersion from this cluster, a decimal revision (got ${JSON.stringify(text)})`;
    throw new InvalidError(`resource_version: ${message}`, { causes: [{ field: 'resource_version', message }] });
  }
  return n;
}

function outlet(call: Call, log: Logger): EventOutlet {
  return {
    write: (events: readonly OutgoingEvent[]) =>
      // Bytes, which objectServiceDefinition's serializer passes through (see watch-encoding.ts).
      call.write(
        encodeWatchResponse(
          events.map((e) => ({
            type: e.type,
            object: e.object === undefined ? undefined : encodedObject(e.object),
            resourceVersion: String(e.revision),
            initialEventsEnd: e.initialEventsEnd === true,
          })),
        ) as unknown as WatchObjectsResponse,
      ),
    onDrain: (fn) => call.once('drain', fn),
    fail: (err: BerthError) => failStream(call, err, log, 'ObjectService/Watch'),
  };
}

export function startObjectWatch(call: Call, reg: ObjectRegistry, caches: WatchCaches, sessions: Set<WatchSession>, log: Logger): void {
  let session: WatchSession | undefined;
  try {
    const req = call.request;
    const kind = resolveKind(req.kind, 'kind');
    const namespace = kind.namespaced ? req.namespace : '';
    const matches = matcherOf(compileSelectors(kind, req.labelSelector, req.fieldSelector));
    const params = {
      kind,
      namespace,
      matches,
      fromRevision: parseRevision(req.resourceVersion),
      sendInitialEvents: req.sendInitialEvents,
      allowBookmarks: req.allowBookmarks,
    };
    session = new WatchSession(reg, caches.of(kind), params, outlet(call, log), (s) => sessions.delete(s));
    sessions.add(session);
  } catch (err) {
    failStream(call, err, log, 'ObjectService/Watch');
    return;
  }
  const s = session;
  call.on('cancelled', () => s.close());
  call.on('close', () => s.close());
  s.start().catch((err: unknown) => s.fail(err instanceof BerthError ? err : new BerthError('INTERNAL', `watch failed: ${String(err)}`, { cause: err })));
}
