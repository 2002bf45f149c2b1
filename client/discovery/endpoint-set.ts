// A Service's EndpointSet from its Service and Endpoints objects: what the leader publishes to
// NATS, and what the SDK computes itself when it follows the control plane's watch instead. One
// function, so both paths give byte-equal sets for the same objects.
import type { KubeObject } from '../objects/types.js';
import type { EndpointSet, ServiceEndpoint, ServicePortInfo } from './wire.js';

type Rec = Record<string, unknown>;

const rv = (o: KubeObject | undefined): number => {
  const n = Number(o?.metadata.resourceVersion ?? 0);
  return Number.isSafeInteger(n) ? n : 0;
};
const protocolOf = (v: unknown): 'TCP' | 'UDP' | 'SCTP' => (v === 'UDP' || v === 'SCTP' ? v : 'TCP');
const recs = (v: unknown): Rec[] => (Array.isArray(v) ? v.filter((x): x is Rec => typeof x === 'object' && x !== null) : []);

function servicePorts(service: KubeObject): ServicePortInfo[] {
  const spec = (service.spec ?? {}) as Rec;
  return recs(spec.ports).map((p) => ({
    name: typeof p.name === 'string' ? p.name : '',
    port: Number(p.port),
    protocol: protocolOf(p.protocol),
    ...(typeof p.nodePort === 'number' && p.nodePort > 0 ? { nodePort: p.nodePort } : {}),
  }));
}

function compareEndpoints(a: ServiceEndpoint, b: ServiceEndpoint): number {
  if (a.portName !== b.portName) return a.portName < b.portName ? -1 : 1;
  if (a.address !== b.address) return a.address < b.address ? -1 : 1;
  if (a.port !== b.port) return a.port - b.port;
  return a.pod < b.pod ? -1 : a.pod > b.pod ? 1 : 0;
}

/**
 * The set for `service` with `endpoints` (its Endpoints object; undefined: none yet, an empty set).
 * Only ports the Service has are listed; a port of the Endpoints the Service does not name (a
 * stale object) is left out. `atRevision`, when given, is the revision of the change that made the
 * caller look (a deletion of the Endpoints leaves neither object with a newer resourceVersion).
 */
export function endpointSetOf(service: KubeObject, endpoints: KubeObject | undefined, atRevision = 0): EndpointSet {
  const ports = servicePorts(service);
  const known = new Map(ports.map((p) => [p.name, p]));
  const out: ServiceEndpoint[] = [];
  for (const subset of recs((endpoints as Rec | undefined)?.subsets)) {
    const subsetPorts = recs(subset.ports);
    for (const [list, ready] of [
      [recs(subset.addresses), true],
      [recs(subset.notReadyAddresses), false],
    ] as const) {
      for (const a of list) {
        if (typeof a.ip !== 'string') continue;
        const ref = (a.targetRef ?? {}) as Rec;
        for (const p of subsetPorts) {
          const name = typeof p.name === 'string' ? p.name : '';
          if (!known.has(name) || typeof p.port !== 'number') continue;
          out.push({
            address: a.ip,
            port: p.port,
            portName: name,
            protocol: protocolOf(p.protocol),
            ready,
            pod: typeof ref.name === 'string' ? ref.name : '',
            node: typeof a.nodeName === 'string' ? a.nodeName : '',
          });
        }
      }
    }
  }
  out.sort(compareEndpoints);
  const type = typeof (service.spec as Rec | undefined)?.type === 'string' && (service.spec as Rec).type !== '' ? String((service.spec as Rec).type) : 'ClusterIP';
  return {
    namespace: service.metadata.namespace ?? 'default',
    service: String(service.metadata.name),
    revision: Math.max(rv(service), rv(endpoints), atRevision),
    type,
    ports,
    endpoints: out,
  };
}

/** The tombstone of a deleted Service, at the revision of its deletion. */
export function deletedEndpointSet(namespace: string, service: string, revision: number): EndpointSet {
  return { namespace, service, revision, deleted: true, type: 'ClusterIP', ports: [], endpoints: [] };
}

/** The ready endpoints of a set, optionally of one port. */
export function readyEndpoints(set: EndpointSet | undefined, portName?: string): ServiceEndpoint[] {
  if (set === undefined || set.deleted === true) return [];
  return set.endpoints.filter((e) => e.ready && (portName === undefined || e.portName === portName));
}
