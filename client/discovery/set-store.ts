// The discovery cache's memory: the newest EndpointSet of every Service, with its ready endpoints
// worked out once per set (frozen, overall and per port) so that a lookup on a hot path is two map
// reads and allocates nothing. Pure: no I/O, no timers.
//
// Which set wins. Sets come from two sources. NATS sets carry the revision the leader published;
// a set replaces the one held only when its revision is larger (isNewer), so a late or repeated
// message never takes the cache back. Sets the cache computes itself from the control plane's
// watches (the fallback) follow each other in the order the watches deliver, which is the order
// of the changes, even where two watches of two kinds make the "larger revision of the two
// objects" of a set go down for a moment; a revision is never lowered, though (it keeps the one
// held). Across the two sources, the larger revision wins.
import type { EndpointSet, ServiceEndpoint, ServicePortInfo } from './wire.js';
import { isNewer } from './wire.js';

export type SetSource = 'nats' | 'control-plane';

/** A Service's newest set, where it came from, and its ready endpoints. */
export interface CachedEndpointSet {
  readonly set: EndpointSet;
  readonly source: SetSource;
  /** The ready endpoints of every port (frozen). */
  readonly ready: readonly ServiceEndpoint[];
  /** The ready endpoints of each port the Service has, by port name (frozen; [] when none is ready). */
  readonly readyByPort: ReadonlyMap<string, readonly ServiceEndpoint[]>;
}

export type OfferResult = 'applied' | 'unchanged' | 'stale' | 'over-limit';

const EMPTY: readonly ServiceEndpoint[] = Object.freeze([]);

function cachedOf(set: EndpointSet, source: SetSource): CachedEndpointSet {
  const ready = set.deleted === true ? EMPTY : Object.freeze(set.endpoints.filter((e) => e.ready));
  const readyByPort = new Map<string, readonly ServiceEndpoint[]>();
  for (const p of set.deleted === true ? [] : set.ports) {
    readyByPort.set(p.name, Object.freeze(ready.filter((e) => e.portName === p.name)));
  }
  return { set, source, ready, readyByPort };
}

function samePort(a: ServicePortInfo, b: ServicePortInfo): boolean {
  return a.name === b.name && a.port === b.port && a.protocol === b.protocol && a.nodePort === b.nodePort;
}

function sameEndpoint(a: ServiceEndpoint, b: ServiceEndpoint): boolean {
  return a.address === b.address && a.port === b.port && a.portName === b.portName && a.protocol === b.protocol && a.ready === b.ready && a.pod === b.pod && a.node === b.node;
}

/** Whether two sets say the same thing at the same revision (then nothing changed). */
export function sameSet(a: EndpointSet, b: EndpointSet): boolean {
  if (a.revision !== b.revision || (a.deleted === true) !== (b.deleted === true) || a.type !== b.type) return false;
  if (a.ports.length !== b.ports.length || a.endpoints.length !== b.endpoints.length) return false;
  return a.ports.every((p, i) => samePort(p, b.ports[i]!)) && a.endpoints.every((e, i) => sameEndpoint(e, b.endpoints[i]!));
}

/**
 * The set to keep when `next` from `source` meets `cur`, or undefined to keep `cur` (see the
 * header: larger revision wins; the control plane's own sets follow each other in order).
 */
export function winner(next: EndpointSet, source: SetSource, cur: CachedEndpointSet | undefined): EndpointSet | undefined {
  if (cur === undefined) return next;
  if (source === 'nats' || cur.source === 'nats') return isNewer(next, cur.set) ? next : undefined;
  return next.revision >= cur.set.revision ? next : { ...next, revision: cur.set.revision };
}

export class EndpointSetStore {
  private readonly byNamespace = new Map<string, Map<string, CachedEndpointSet>>();
  /** Services whose set is a tombstone, oldest first: the first to go when the store is full. */
  private readonly tombstones = new Map<string, { namespace: string; service: string }>();
  private count = 0;

  constructor(private readonly maxServices: number) {}

  /** Services held, tombstones included. */
  get size(): number {
    return this.count;
  }

  lookup(namespace: string, service: string): CachedEndpointSet | undefined {
    return this.byNamespace.get(namespace)?.get(service);
  }

  /** Every set held that is not a tombstone. */
  *sets(): IterableIterator<EndpointSet> {
    for (const services of this.byNamespace.values()) {
      for (const c of services.values()) if (c.set.deleted !== true) yield c.set;
    }
  }

  /** Offers a set; on 'applied' the store holds it (or it with the revision held, see winner()). */
  offer(next: EndpointSet, source: SetSource): { result: OfferResult; cached?: CachedEndpointSet } {
    const cur = this.lookup(next.namespace, next.service);
    const set = winner(next, source, cur);
    if (set === undefined) return { result: 'stale' };
    if (cur !== undefined && sameSet(set, cur.set)) return { result: 'unchanged' };
    if (cur === undefined && !this.makeRoom()) return { result: 'over-limit' };
    const cached = cachedOf(set, source);
    this.put(cached);
    return { result: 'applied', cached };
  }

  private put(cached: CachedEndpointSet): void {
    const { namespace, service } = cached.set;
    let services = this.byNamespace.get(namespace);
    if (services === undefined) this.byNamespace.set(namespace, (services = new Map()));
    if (!services.has(service)) this.count++;
    services.set(service, cached);
    const key = `${namespace}/${service}`;
    this.tombstones.delete(key);
    if (cached.set.deleted === true) this.tombstones.set(key, { namespace, service });
  }

  /** Whether a new Service fits, after dropping the oldest tombstone if the store is full. */
  private makeRoom(): boolean {
    if (this.count < this.maxServices) return true;
    const oldest = this.tombstones.entries().next();
    if (oldest.done === true) return false;
    const [key, { namespace, service }] = oldest.value;
    this.tombstones.delete(key);
    const services = this.byNamespace.get(namespace);
    services?.delete(service);
    if (services?.size === 0) this.byNamespace.delete(namespace);
    this.count--;
    return true;
  }
}
