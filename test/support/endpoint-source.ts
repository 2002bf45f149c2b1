// The declared seam of the agent's DNS server and NodePort proxy, for their unit tests: a local
// EndpointSource (a Map plus listeners) whose sets the test puts and removes by hand.
import type { EndpointSet, EndpointSource, ServiceEndpoint, ServicePortInfo } from '../../client/index.js';

export class MapSource implements EndpointSource {
  private readonly sets = new Map<string, EndpointSet>();
  private readonly listeners = new Set<(set: EndpointSet) => void>();
  private revision = 0;

  /** `defaultType`: the Service type put() gives when the test names none. */
  constructor(private readonly defaultType: string) {}

  put(namespace: string, service: string, ports: ServicePortInfo[], endpoints: ServiceEndpoint[], type = this.defaultType): void {
    this.emit({ namespace, service, revision: ++this.revision, type, ports, endpoints });
  }

  remove(namespace: string, service: string): void {
    this.emit({ namespace, service, revision: ++this.revision, deleted: true, type: 'ClusterIP', ports: [], endpoints: [] });
  }

  private emit(set: EndpointSet): void {
    this.sets.set(`${set.namespace}/${set.service}`, set);
    for (const l of this.listeners) l(set);
  }

  get(namespace: string, service: string): EndpointSet | undefined {
    return this.sets.get(`${namespace}/${service}`);
  }

  *all(): Iterable<EndpointSet> {
    for (const s of this.sets.values()) if (s.deleted !== true) yield s;
  }

  onChange(listener: (set: EndpointSet) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
