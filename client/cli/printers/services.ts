// Tables of services and endpoints: ports as kubectl writes them (80/TCP, 80:30080/TCP) and
// endpoints as ip:port, the first few of them.
import type { KubeObject } from '../../index.js';
import { age } from './age.js';
import { at, formatMap, list, num, str, stringMap } from './fields.js';
import type { KindPrinter } from './printer.js';
import { nameOf } from './printer.js';

/** How many ip:port pairs the ENDPOINTS column shows before "+ N more...". */
export const MAX_ENDPOINTS_SHOWN = 3;

/** PORT(S): `80/TCP,443:30443/TCP`, or "<none>". */
export function servicePorts(svc: KubeObject): string {
  const ports = list(at(svc, 'spec', 'ports')).map((p) => {
    const nodePort = num(at(p, 'nodePort'));
    return `${num(at(p, 'port')) ?? ''}${nodePort !== undefined && nodePort !== 0 ? `:${nodePort}` : ''}/${str(at(p, 'protocol')) || 'TCP'}`;
  });
  return ports.length > 0 ? ports.join(',') : '<none>';
}

/** EXTERNAL-IP: the load balancer's addresses (or <pending>), external IPs, or an ExternalName. */
export function externalIp(svc: KubeObject): string {
  const type = str(at(svc, 'spec', 'type')) || 'ClusterIP';
  const externalIps = list(at(svc, 'spec', 'externalIPs')).map(String);
  if (type === 'ExternalName') return str(at(svc, 'spec', 'externalName')) || '<none>';
  if (type === 'LoadBalancer') {
    const ingress = list(at(svc, 'status', 'loadBalancer', 'ingress')).map((i) => str(at(i, 'ip')) || str(at(i, 'hostname')) || '');
    const all = [...ingress.filter((x) => x !== ''), ...externalIps];
    return all.length > 0 ? all.join(',') : '<pending>';
  }
  return externalIps.length > 0 ? externalIps.join(',') : '<none>';
}

export const servicePrinter: KindPrinter = {
  headers: ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'],
  row: (svc, now) => [
    nameOf(svc),
    str(at(svc, 'spec', 'type')) || 'ClusterIP',
    str(at(svc, 'spec', 'clusterIP')) || '<none>',
    externalIp(svc),
    servicePorts(svc),
    age(svc.metadata?.creationTimestamp, now),
  ],
  wideHeaders: ['SELECTOR'],
  wide: (svc) => [formatMap(stringMap(at(svc, 'spec', 'selector')))],
};

/** Every ready ip:port of an Endpoints object (ips alone when a subset has no ports). */
export function endpointAddresses(ep: unknown): string[] {
  const out: string[] = [];
  for (const subset of list(at(ep, 'subsets'))) {
    const ips = list(at(subset, 'addresses')).map((a) => str(at(a, 'ip')) ?? '');
    const ports = list(at(subset, 'ports')).map((p) => num(at(p, 'port')));
    for (const ip of ips) {
      if (ports.length === 0) out.push(ip);
      for (const port of ports) out.push(`${ip}:${port ?? ''}`);
    }
  }
  return out;
}

/** The ENDPOINTS cell: the first few addresses and how many more there are. */
export function endpointsCell(ep: unknown): string {
  const all = endpointAddresses(ep);
  if (all.length === 0) return '<none>';
  const shown = all.slice(0, MAX_ENDPOINTS_SHOWN).join(',');
  return all.length > MAX_ENDPOINTS_SHOWN ? `${shown} + ${all.length - MAX_ENDPOINTS_SHOWN} more...` : shown;
}

export const endpointsPrinter: KindPrinter = {
  headers: ['NAME', 'ENDPOINTS', 'AGE'],
  row: (ep, now) => [nameOf(ep), endpointsCell(ep), age(ep.metadata?.creationTimestamp, now)],
};
