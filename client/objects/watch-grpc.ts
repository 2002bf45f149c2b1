// The real WatchSource of an object watch: ObjectService.Watch on the client's current replica,
// messages decoded with the object codec, and back-pressure by pausing the gRPC stream (which
// stops reading from the connection once grpc-js's own small buffer is full).
import type { ClientReadableStream } from '@grpc/grpc-js';
import type { ObjectEvent__Output } from '../../proto/gen/berth/v1/ObjectEvent.js';
import type { WatchObjectsResponse__Output } from '../../proto/gen/berth/v1/WatchObjectsResponse.js';
import type { Endpoint, EndpointPool } from '../endpoints.js';
import { BerthError } from '../errors.js';
import { fromGrpcError } from '../grpc-errors.js';
import { objectFromWire } from './codec.js';
import type { KubeObject } from './types.js';
import type { RawWatchEvent, RawWatchEventType, WatchSink, WatchSource, WatchStreamHandle } from './watch-resume.js';

/** What a watch covers; the same selection is listed when the watch has to re-list. */
export interface WatchTarget {
  readonly kind: string;
  /** "" for every namespace (and for cluster-scoped kinds). */
  readonly namespace: string;
  readonly labelSelector: string;
  readonly fieldSelector: string;
}

const TYPES: ReadonlySet<string> = new Set<RawWatchEventType>(['ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK']);

/** A stream message as the watch logic takes it. Throws INTERNAL for a message it cannot read. */
export function rawWatchEvent(res: ObjectEvent__Output): RawWatchEvent {
  if (!TYPES.has(res.type)) throw new BerthError('INTERNAL', `the server sent a watch event of unknown type ${JSON.stringify(res.type)}`);
  let object: KubeObject | undefined;
  try {
    object = res.object === null ? undefined : objectFromWire(res.object);
  } catch (e) {
    throw new BerthError('INTERNAL', `the server sent a watch event the SDK cannot read: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  return { type: res.type as RawWatchEventType, object, resourceVersion: res.resourceVersion, initialEventsEnd: res.initialEventsEnd };
}

export class GrpcWatchSource implements WatchSource {
  constructor(
    private readonly pool: EndpointPool,
    private readonly target: WatchTarget,
    private readonly lister: () => Promise<{ items: KubeObject[]; resourceVersion: string }>,
  ) {}

  open(fromResourceVersion: string, sendInitialEvents: boolean, sink: WatchSink): WatchStreamHandle {
    const index = this.pool.currentIndex();
    const address = this.pool.addresses[index] ?? '';
    let call: ClientReadableStream<WatchObjectsResponse__Output> | undefined;
    let done = false;
    let paused = false;
    const fail = (e: unknown): void => {
      if (done) return;
      done = true;
      call?.cancel();
      sink.error(fromGrpcError(e, address));
    };
    const start = (ep: Endpoint): void => {
      if (done) return;
      const request = { ...this.target, resourceVersion: fromResourceVersion, sendInitialEvents, allowBookmarks: true };
      const c = ep.objects.Watch(request);
      call = c;
      c.on('data', (res: WatchObjectsResponse__Output) => {
        for (const e of res.events) {
          if (done) return;
          let event: RawWatchEvent;
          try {
            event = rawWatchEvent(e);
          } catch (err) {
            return fail(err);
          }
          sink.event(event);
        }
      });
      c.on('error', fail);
      c.on('end', () => {
        if (done) return;
        done = true;
        sink.end();
      });
      if (paused) c.pause();
    };
    let ready: Promise<Endpoint>;
    try {
      ready = this.pool.ready(index);
    } catch (e) {
      ready = Promise.reject(e);
    }
    void ready.then(start).catch(fail);
    return {
      cancel: () => {
        done = true;
        call?.cancel();
      },
      pause: () => {
        paused = true;
        call?.pause();
      },
      resume: () => {
        paused = false;
        call?.resume();
      },
    };
  }

  list(): Promise<{ items: KubeObject[]; resourceVersion: string }> {
    return this.lister();
  }

  failover(): void {
    this.pool.advance();
  }
}
