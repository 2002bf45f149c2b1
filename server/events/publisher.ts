// The leader's NATS publisher, run by the controller manager like a controller: it exists only
// while this replica leads, reads Services, Endpoints and Events from the shared informers, and
// never writes to the store. A Service's key is reconciled whenever the Service or its Endpoints
// change; reconcile computes the Service's EndpointSet (a tombstone once it is gone) and hands it
// to the outbox, which sends it to the Service's subject and the endpoints bucket. Events go to
// their involved object's subject as they are added or updated, best effort.
//
// Which revision a set carries: the larger of the Service and Endpoints informers' revisions (and
// of the last change they reported) when it is computed. Each batch of store changes is handed to
// every informer before reconcile looks, so the set is exactly the Service's set at that revision:
// at least the revisions of the two objects, and at least that of a change that left neither
// object newer (the Endpoints deleted, the Service deleted). A new leader's first sets therefore
// outrank anything the previous leader published, even a deletion it never got to send; and any
// later change, being a later revision, outranks them in turn. Sets whose content did not change
// (a periodic resync) are not sent again.
import { createHash } from 'node:crypto';
import type { EndpointSet, KubeObject, ObjectEventMessage } from '../../client/index.js';
import { deletedEndpointSet, endpointSetOf, endpointsKey, resolveKind, subjects } from '../../client/index.js';
import type { ControllerContext, ControllerSpec, InformerView, Reconciler } from '../controllers/index.js';
import { keyOf, splitKey } from '../controllers/index.js';
import type { EndpointSetSource, Outbox } from './outbox.js';

/** The publisher's name in `berth server --controllers`. */
export const NATS_PUBLISHER = 'nats-publisher';

const SERVICE = resolveKind('Service');
const ENDPOINTS = resolveKind('Endpoints');
const EVENT = resolveKind('Event');

type Rec = Record<string, unknown>;

const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);

/** A set's content without its revision: equal content hashes equal (sets are sorted). */
function fingerprint(set: EndpointSet): string {
  return createHash('sha256')
    .update(JSON.stringify({ ...set, revision: 0 }))
    .digest('base64');
}

/** An Event object as the events subject carries it. */
export function eventMessage(ev: KubeObject): ObjectEventMessage {
  const e = ev as KubeObject & Rec;
  const involved = (typeof e.involvedObject === 'object' && e.involvedObject !== null ? e.involvedObject : {}) as Rec;
  const count = Number(e.count ?? 1);
  return {
    revision: Number(ev.metadata.resourceVersion ?? 0),
    namespace: str(involved.namespace),
    kind: str(involved.kind),
    name: str(involved.name),
    type: str(e.type, 'Normal'),
    reason: str(e.reason),
    message: str(e.message),
    count: Number.isSafeInteger(count) ? count : 1,
    time: str(e.lastTimestamp, str(e.eventTime, str(ev.metadata.creationTimestamp))),
  };
}

class PublisherSession implements Reconciler, EndpointSetSource {
  private readonly serviceInformer: InformerView;
  private readonly endpointsInformer: InformerView;
  /** Per bucket key: the content of the live set last handed to the outbox in this term. */
  private readonly handed = new Map<string, string>();
  /**
   * The newest revision of a Service or Endpoints change handed to this session. An informer
   * calls its handlers (and may start a reconcile) before it advances its own revision.
   */
  private seen = 0;
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    private readonly ctx: ControllerContext,
    private readonly outbox: Outbox,
    private readonly cluster: string,
  ) {
    this.serviceInformer = ctx.informers.of(SERVICE);
    this.endpointsInformer = ctx.informers.of(ENDPOINTS);
    const queue = (e: { object: KubeObject }): void => {
      this.seen = Math.max(this.seen, Number(e.object.metadata.resourceVersion ?? 0) || 0);
      ctx.queue.add(keyOf(e.object));
    };
    this.unsubscribe.push(this.serviceInformer.on(queue), this.endpointsInformer.on(queue));
    this.unsubscribe.push(
      ctx.informers.of(EVENT).on((e) => {
        if (e.type !== 'DELETED') this.publishEvent(e.object);
      }),
    );
    // The full look a new leader takes is the outbox's republish of every Service (now, or once
    // NATS is reachable), not one queued key per Service.
    outbox.attach(this);
  }

  services(): { namespace: string; name: string }[] {
    return this.serviceInformer.list().map((s) => ({ namespace: s.metadata.namespace ?? 'default', name: String(s.metadata.name) }));
  }

  current(namespace: string, name: string): EndpointSet {
    const at = Math.max(this.serviceInformer.revision, this.endpointsInformer.revision, this.seen);
    const service = this.serviceInformer.get(namespace, name);
    const key = endpointsKey(namespace, name);
    if (service === undefined) {
      this.handed.delete(key);
      return deletedEndpointSet(namespace, name, at);
    }
    const set = endpointSetOf(service, this.endpointsInformer.get(namespace, name), at);
    this.handed.set(key, fingerprint(set));
    return set;
  }

  async reconcile(key: string): Promise<void> {
    // The queue may start a reconcile from inside an informer's handler, while a batch of store
    // changes is still being handed to the informers kind by kind: look once all have it.
    await new Promise((resolve) => setImmediate(resolve));
    const { namespace, name } = splitKey(key);
    const bucketKey = endpointsKey(namespace, name);
    const before = this.handed.get(bucketKey);
    const exists = this.serviceInformer.get(namespace, name) !== undefined;
    // Endpoints of a Service that does not exist (and was not published in this term) are nobody's.
    if (!exists && before === undefined) return;
    const set = this.current(namespace, name);
    if (set.deleted !== true && this.handed.get(bucketKey) === before) return;
    this.outbox.offerSet(set);
  }

  close(): void {
    for (const u of this.unsubscribe) u();
    this.outbox.detach(this);
  }

  private publishEvent(ev: KubeObject): void {
    const msg = eventMessage(ev);
    let subject: string;
    try {
      subject = subjects.events(this.cluster, msg.namespace, msg.kind, msg.name);
    } catch {
      this.ctx.logger.debug({ kind: msg.kind, name: msg.name }, 'an Event about an object NATS cannot name is not published');
      return;
    }
    this.outbox.offerMessage(subject, new TextEncoder().encode(JSON.stringify(msg)));
  }
}

/** The publisher as a controller of the manager: leader-only, informers and a queue included. */
export function natsPublisherSpec(outbox: Outbox, cluster: string): ControllerSpec {
  return {
    name: NATS_PUBLISHER,
    kinds: [SERVICE, ENDPOINTS, EVENT],
    create: (ctx) => new PublisherSession(ctx, outbox, cluster),
  };
}
