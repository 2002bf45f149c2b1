// Follows the control plane instead of NATS: informers (list, then a watch that resumes) of every
// Service and every Endpoints object, and each Service's set computed with endpointSetOf — the
// function the leader's publisher uses, so that both paths give equal sets for equal objects. Used
// without NATS, and while NATS is away. Once both informers have listed, every Service's set is
// offered, and the Services the cache knows that the control plane no longer has get tombstones.
import type { Informer, KubeObject } from '../objects/types.js';
import { deletedEndpointSet, endpointSetOf } from './endpoint-set.js';
import type { DiscoveryFallback } from './options.js';
import type { CachedEndpointSet } from './set-store.js';
import type { EndpointSet } from './wire.js';
import { wakeableSleep } from './sleep.js';

export interface ControlPlaneSink {
  /** What the cache holds for a Service now (to give a tombstone a revision past it). */
  current(namespace: string, service: string): CachedEndpointSet | undefined;
  /** Every set the cache holds that is not a tombstone. */
  known(): Iterable<EndpointSet>;
  offer(set: EndpointSet): void;
  /** Both informers have listed and every Service's set was offered. */
  synced(): void;
  /** A list failed; the follower tries again after its retry delay. */
  failed(reason: string): void;
}

const revisionOf = (obj: KubeObject): number => {
  const n = Number(obj.metadata.resourceVersion ?? 0);
  return Number.isSafeInteger(n) ? n : 0;
};
const namespaceOf = (obj: KubeObject): string => obj.metadata.namespace ?? 'default';
const nameOf = (obj: KubeObject): string => obj.metadata.name ?? '';

/**
 * The revision of a tombstone for a Service gone at `deletedAt` (the deletion's revision, or the
 * last one seen when a re-list found it gone). Past a NATS set the cache holds, since that set
 * shows the Service alive, so the deletion came after it.
 */
export function tombstoneRevision(cur: CachedEndpointSet | undefined, deletedAt: number): number {
  if (cur === undefined) return deletedAt;
  return Math.max(deletedAt, cur.source === 'nats' ? cur.set.revision + 1 : cur.set.revision);
}

export class ControlPlaneFollower {
  private services: Informer | undefined;
  private endpoints: Informer | undefined;
  private live = false;
  private stopped = false;
  private wake: (() => void) | undefined;

  constructor(
    private readonly api: DiscoveryFallback,
    private readonly retryMs: number,
    private readonly sink: ControlPlaneSink,
  ) {}

  start(): void {
    void this.run();
  }

  stop(): void {
    this.stopped = true;
    this.live = false;
    this.services?.stop();
    this.endpoints?.stop();
    this.wake?.();
  }

  /** Starts both informers, again after a failed list, until they run or the follower is stopped. */
  private async run(): Promise<void> {
    while (!this.stopped) {
      const services = (this.services = this.api.informer('Service'));
      const endpoints = (this.endpoints = this.api.informer('Endpoints'));
      services.on({ add: (s) => this.serviceChanged(s), update: (_o, s) => this.serviceChanged(s), delete: (s) => this.serviceDeleted(s) });
      endpoints.on({ add: (e) => this.endpointsChanged(e), update: (_o, e) => this.endpointsChanged(e), delete: (e) => this.endpointsChanged(e) });
      try {
        await Promise.all([services.start(), endpoints.start()]);
      } catch (e) {
        services.stop();
        endpoints.stop();
        if (this.stopped) return;
        this.sink.failed(`cannot list Services and Endpoints from the control plane: ${e instanceof Error ? e.message : String(e)}`);
        await this.sleep(this.retryMs);
        continue;
      }
      if (this.stopped) return;
      this.live = true;
      this.offerAll(services, endpoints);
      this.sink.synced();
      return;
    }
  }

  /** Every Service's set, and tombstones for the Services known to the cache that are gone. */
  private offerAll(services: Informer, endpoints: Informer): void {
    for (const svc of services.list()) this.sink.offer(endpointSetOf(svc, endpoints.get(nameOf(svc), namespaceOf(svc))));
    const gone = [...this.sink.known()].filter((set) => services.get(set.service, set.namespace) === undefined);
    for (const set of gone) {
      const cur = this.sink.current(set.namespace, set.service);
      this.sink.offer(deletedEndpointSet(set.namespace, set.service, tombstoneRevision(cur, set.revision)));
    }
  }

  private serviceChanged(svc: KubeObject): void {
    if (this.live) this.recompute(namespaceOf(svc), nameOf(svc), revisionOf(svc));
  }

  private serviceDeleted(svc: KubeObject): void {
    if (!this.live) return;
    const namespace = namespaceOf(svc);
    const service = nameOf(svc);
    this.sink.offer(deletedEndpointSet(namespace, service, tombstoneRevision(this.sink.current(namespace, service), revisionOf(svc))));
  }

  /** Endpoints changed or went away: its Service's set again (nothing without a Service). */
  private endpointsChanged(ep: KubeObject): void {
    if (this.live) this.recompute(namespaceOf(ep), nameOf(ep), revisionOf(ep));
  }

  private recompute(namespace: string, service: string, atRevision: number): void {
    const svc = this.services?.get(service, namespace);
    if (svc === undefined) return;
    this.sink.offer(endpointSetOf(svc, this.endpoints?.get(service, namespace), atRevision));
  }

  private sleep(ms: number): Promise<void> {
    return wakeableSleep(ms, (wake) => (this.wake = wake));
  }
}
