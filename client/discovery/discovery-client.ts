// client.discovery: where a Service's instances are, answered from the DiscoveryCache (NATS, or
// the control plane while NATS is away). resolve() waits for the cache's first fill; after that,
// resolveCached() answers on hot paths without awaiting or allocating (the ready endpoints of a
// set are worked out once, when the set arrives). subscribe() hears a Service's changes, and the
// pickers balance requests over its ready endpoints.
import { BerthError, NotFoundError } from '../errors.js';
import type { DiscoveryCache } from './cache.js';
import { callListener } from './cache.js';
import { LeastOutstandingPicker, RoundRobinPicker } from './pickers.js';
import type { CachedEndpointSet } from './set-store.js';
import type { EndpointSet, EndpointSource, ServiceEndpoint } from './wire.js';

export interface ResolveOptions {
  /** @default "default" */
  namespace?: string;
  /** Only the endpoints of this port of the Service (its name; "" for one unnamed port). */
  port?: string;
}

/**
 * Hears a Service's ready endpoints (of the port asked for) and its whole set, on every change;
 * [] with a tombstone (deleted: true) when the Service is deleted. While a callback's promise is
 * pending, newer changes are held as one (the latest), never queued up.
 */
export type DiscoveryListener = (endpoints: readonly ServiceEndpoint[], set: EndpointSet) => void | Promise<void>;

const DEFAULT_NAMESPACE = 'default';
const EMPTY: readonly ServiceEndpoint[] = Object.freeze([]);

function describe(service: string, namespace: string): string {
  return `service ${JSON.stringify(service)} in namespace ${JSON.stringify(namespace)}`;
}

function notFound(service: string, namespace: string): NotFoundError {
  return new NotFoundError(`service ${JSON.stringify(service)} not found in namespace ${JSON.stringify(namespace)}`, {
    details: { kind: 'Service', name: service, namespace },
  });
}

function noSuchPort(entry: CachedEndpointSet, port: string): NotFoundError {
  const { service, namespace } = entry.set;
  const names = [...entry.readyByPort.keys()].map((n) => JSON.stringify(n)).join(', ');
  return new NotFoundError(`${describe(service, namespace)} has no port named ${JSON.stringify(port)} (its ports: ${names || 'none'})`, {
    details: { kind: 'Service', name: service, namespace, port },
  });
}

/** One subscription: calls its listener with each change, holding at most one while it is busy. */
class Subscription {
  closed = false;
  private busy = false;
  private pending: CachedEndpointSet | undefined;

  constructor(
    private readonly listener: DiscoveryListener,
    private readonly port: string | undefined,
  ) {}

  deliver(entry: CachedEndpointSet): void {
    if (this.closed) return;
    if (this.busy) {
      this.pending = entry;
      return;
    }
    const endpoints = this.port === undefined ? entry.ready : (entry.readyByPort.get(this.port) ?? EMPTY);
    callListener(() => {
      const result = this.listener(endpoints, entry.set);
      if (result instanceof Promise) this.wait(result);
    });
  }

  private wait(result: Promise<void>): void {
    this.busy = true;
    result
      .catch((e: unknown) =>
        setImmediate(() => {
          throw e;
        }),
      )
      .finally(() => {
        this.busy = false;
        const next = this.pending;
        this.pending = undefined;
        if (next !== undefined) this.deliver(next);
      });
  }
}

export class DiscoveryClient {
  /** Subscriptions by namespace, then service. */
  private readonly subscriptions = new Map<string, Map<string, Set<Subscription>>>();
  private subscriptionCount = 0;
  private unlisten: (() => void) | undefined;

  constructor(readonly cache: DiscoveryCache) {}

  /** The cache as an EndpointSource (started), for the agent's DNS server and NodePort proxy. */
  get source(): EndpointSource {
    this.cache.start();
    return this.cache;
  }

  /** Resolves once the cache has been filled; UNAVAILABLE after syncTimeoutMs. Starts it. */
  ready(): Promise<void> {
    return this.cache.ready();
  }

  /**
   * The ready endpoints of a Service (of one port, with `port`): [] when none is ready. Waits for
   * the first fill. NOT_FOUND for a Service (or port) that does not exist.
   */
  async resolve(service: string, options: ResolveOptions = {}): Promise<readonly ServiceEndpoint[]> {
    await this.cache.ready();
    return this.resolveCached(service, options);
  }

  /**
   * resolve() without waiting: UNAVAILABLE before the first fill (and starts the cache). The
   * array returned is the cache's own, frozen: it is not copied per call.
   */
  resolveCached(service: string, options?: ResolveOptions): readonly ServiceEndpoint[] {
    const entry = this.entryOf(service, options?.namespace ?? DEFAULT_NAMESPACE);
    const port = options?.port;
    if (port === undefined) return entry.ready;
    const ready = entry.readyByPort.get(port);
    if (ready === undefined) throw noSuchPort(entry, port);
    return ready;
  }

  /** A Service's whole set (every endpoint, ready or not, its ports and revision). Waits for the first fill. */
  async lookup(service: string, options: Pick<ResolveOptions, 'namespace'> = {}): Promise<EndpointSet> {
    await this.cache.ready();
    return this.entryOf(service, options.namespace ?? DEFAULT_NAMESPACE).set;
  }

  /**
   * Calls `listener` with the Service's ready endpoints on every change of its set, and at once
   * when the cache knows the Service. Returns the function that ends the subscription. Starts the
   * cache; RESOURCE_EXHAUSTED past maxListeners.
   */
  subscribe(service: string, listener: DiscoveryListener, options: ResolveOptions = {}): () => void {
    if (typeof listener !== 'function') throw new BerthError('INVALID_ARGUMENT', 'subscribe: listener must be a function');
    const namespace = options.namespace ?? DEFAULT_NAMESPACE;
    if (this.subscriptionCount + this.cache.listenerCount >= this.cache.options.maxListeners) {
      throw new BerthError('RESOURCE_EXHAUSTED', `service discovery: at most ${this.cache.options.maxListeners} listeners and subscriptions (maxListeners); unsubscribe some first`);
    }
    this.cache.start();
    this.unlisten ??= this.cache.onChange((set) => this.dispatch(set));
    const sub = new Subscription(listener, options.port);
    this.subsOf(namespace, service, true)!.add(sub);
    this.subscriptionCount++;
    const known = this.cache.entry(namespace, service);
    if (known !== undefined && known.set.deleted !== true) sub.deliver(known);
    return () => this.unsubscribe(namespace, service, sub);
  }

  /** Each ready endpoint of the Service in turn, following its changes. */
  roundRobin(service: string, options: ResolveOptions = {}): RoundRobinPicker {
    const o = { ...options };
    return new RoundRobinPicker(() => this.resolveCached(service, o), describe(service, o.namespace ?? DEFAULT_NAMESPACE));
  }

  /** The ready endpoint with the fewest requests in flight; call done() on each pick when its request ends. */
  leastOutstanding(service: string, options: ResolveOptions = {}): LeastOutstandingPicker {
    const o = { ...options };
    return new LeastOutstandingPicker(() => this.resolveCached(service, o), describe(service, o.namespace ?? DEFAULT_NAMESPACE));
  }

  /** Ends every subscription and closes the cache. */
  async close(): Promise<void> {
    for (const services of this.subscriptions.values()) for (const subs of services.values()) for (const sub of subs) sub.closed = true;
    this.subscriptions.clear();
    this.subscriptionCount = 0;
    this.unlisten?.();
    this.unlisten = undefined;
    await this.cache.close();
  }

  private entryOf(service: string, namespace: string): CachedEndpointSet {
    if (!this.cache.synced || this.cache.isClosed) {
      if (!this.cache.isClosed) this.cache.start();
      throw this.cache.notReadyError();
    }
    const entry = this.cache.entry(namespace, service);
    if (entry === undefined || entry.set.deleted === true) throw notFound(service, namespace);
    return entry;
  }

  private subsOf(namespace: string, service: string, create: boolean): Set<Subscription> | undefined {
    let services = this.subscriptions.get(namespace);
    if (services === undefined && create) this.subscriptions.set(namespace, (services = new Map()));
    let subs = services?.get(service);
    if (subs === undefined && create) services!.set(service, (subs = new Set()));
    return subs;
  }

  private dispatch(set: EndpointSet): void {
    const subs = this.subsOf(set.namespace, set.service, false);
    if (subs === undefined) return;
    const entry = this.cache.entry(set.namespace, set.service);
    if (entry !== undefined) for (const sub of [...subs]) sub.deliver(entry);
  }

  private unsubscribe(namespace: string, service: string, sub: Subscription): void {
    if (sub.closed) return;
    sub.closed = true;
    const subs = this.subsOf(namespace, service, false);
    if (subs?.delete(sub) !== true) return;
    this.subscriptionCount--;
    if (subs.size > 0) return;
    this.subscriptions.get(namespace)?.delete(service);
    if (this.subscriptions.get(namespace)?.size === 0) this.subscriptions.delete(namespace);
  }
}
