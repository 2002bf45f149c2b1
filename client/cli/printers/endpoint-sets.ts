// What `berth resolve` prints of a Service's EndpointSet: a table of its ready endpoints for
// people, and one stable document for scripts (-o json|yaml):
//   {service, namespace, revision, endpoints: [{address, port, portName, ready, pod, node}]}
import type { EndpointSet, ServiceEndpoint } from '../../index.js';

/** The stable -o json / -o yaml shape of `berth resolve`. */
export interface ResolveDocument {
  readonly service: string;
  readonly namespace: string;
  readonly revision: number;
  readonly endpoints: readonly { address: string; port: number; portName: string; ready: boolean; pod: string; node: string }[];
}

export function resolveDocument(set: EndpointSet, endpoints: readonly ServiceEndpoint[]): ResolveDocument {
  return {
    service: set.service,
    namespace: set.namespace,
    revision: set.revision,
    endpoints: endpoints.map((e) => ({ address: e.address, port: e.port, portName: e.portName, ready: e.ready, pod: e.pod, node: e.node })),
  };
}

export const RESOLVE_HEADERS = ['ADDRESS', 'PORT', 'PORT-NAME', 'POD', 'NODE'] as const;
export const RESOLVE_WIDE_HEADERS = ['PROTOCOL'] as const;

/** One row of the table; -o wide adds the protocol. */
export function resolveRow(e: ServiceEndpoint, wide: boolean): string[] {
  const row = [e.address, String(e.port), e.portName === '' ? '<unset>' : e.portName, e.pod || '<none>', e.node || '<none>'];
  return wide ? [...row, e.protocol] : row;
}
