// The shape of a name under the cluster domain, as the DNS server serves it. Pure: no lookups.
//
//   <domain>                                            the zone apex (SOA)
//   svc.<domain>, <ns>.svc.<domain>                      names that exist only because names below do
//   <service>.<ns>.svc.<domain>                          A/AAAA of the ready endpoints, SRV of every port
//   <host>.<service>.<ns>.svc.<domain>                   A/AAAA of one endpoint (the SRV targets)
//   _<proto>.<service>.<ns>.svc.<domain>                 exists when the Service has a port of that protocol
//   _<port>._<proto>.<service>.<ns>.svc.<domain>         SRV of one port: one record per ready endpoint
//
// A pod of berth shares its node's network, so two endpoints of one port may listen on different
// ports: SRV lists each endpoint with its own port and a target naming that endpoint alone.
import type { ServiceEndpoint } from '../../client/index.js';

export type SrvProtocol = 'TCP' | 'UDP' | 'SCTP';

export type ParsedName =
  | { readonly kind: 'outside' }
  | { readonly kind: 'apex' }
  | { readonly kind: 'svc' }
  | { readonly kind: 'namespace'; readonly namespace: string }
  | { readonly kind: 'service'; readonly namespace: string; readonly service: string }
  | { readonly kind: 'host'; readonly namespace: string; readonly service: string; readonly host: string }
  | { readonly kind: 'protocol'; readonly namespace: string; readonly service: string; readonly protocol: SrvProtocol }
  | { readonly kind: 'port'; readonly namespace: string; readonly service: string; readonly protocol: SrvProtocol; readonly portName: string }
  /** Under the domain, but of no shape served: NXDOMAIN. */
  | { readonly kind: 'none' };

const PROTOCOLS: Readonly<Record<string, SrvProtocol>> = { _tcp: 'TCP', _udp: 'UDP', _sctp: 'SCTP' };

/** `name` lowercased, without a trailing dot (DNS names compare without case). */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

/** What `name` asks for under `domain` (both normalized). */
export function parseName(name: string, domain: string): ParsedName {
  if (name === domain) return { kind: 'apex' };
  if (!name.endsWith(`.${domain}`)) return { kind: 'outside' };
  const labels = name.slice(0, -domain.length - 1).split('.');
  const n = labels.length;
  if (labels[n - 1] !== 'svc') return { kind: 'none' };
  if (n === 1) return { kind: 'svc' };
  const namespace = labels[n - 2]!;
  if (n === 2) return { kind: 'namespace', namespace };
  const service = labels[n - 3]!;
  if (n === 3) return { kind: 'service', namespace, service };
  const rest = labels.slice(0, n - 3);
  const protocol = PROTOCOLS[rest[rest.length - 1]!];
  if (protocol !== undefined && rest.length === 1) return { kind: 'protocol', namespace, service, protocol };
  if (protocol !== undefined && rest.length === 2 && rest[0]!.startsWith('_') && rest[0]!.length > 1) {
    return { kind: 'port', namespace, service, protocol, portName: rest[0]!.slice(1) };
  }
  if (rest.some((l) => l.startsWith('_') || l === '')) return { kind: 'none' };
  return { kind: 'host', namespace, service, host: rest.join('.') };
}

/** The host label(s) of an endpoint: its pod's name, or its address with "-" for "." and ":". */
export function endpointHost(e: ServiceEndpoint): string {
  return e.pod !== '' ? e.pod.toLowerCase() : e.address.replace(/[.:]/g, '-').toLowerCase();
}

/** The name of a Service. */
export function serviceName(namespace: string, service: string, domain: string): string {
  return `${service}.${namespace}.svc.${domain}`;
}

/** The name of one endpoint of a Service: what its SRV records point at. */
export function endpointName(e: ServiceEndpoint, namespace: string, service: string, domain: string): string {
  return `${endpointHost(e)}.${serviceName(namespace, service, domain)}`;
}

/**
 * Whether a decoded question name can be answered with itself: printable ASCII labels of 1-63
 * characters, 253 in all. Anything else came from a malformed or hostile packet.
 */
export function wellFormedName(name: string): boolean {
  if (name === '.') return true;
  const n = name.replace(/\.$/, '');
  if (n.length === 0 || n.length > 253) return false;
  return n.split('.').every((l) => l.length >= 1 && l.length <= 63 && /^[\x21-\x7e]+$/.test(l));
}
