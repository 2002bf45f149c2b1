// The records that answer one DNS question, read from an EndpointSource. Pure and synchronous:
// the source is a local copy, so a query never waits on the network.
//
// Rules: a name under the cluster domain that names nothing (an unknown or deleted Service, an
// endpoint that is not ready) is NXDOMAIN; a name that exists asked for a type it does not have
// is NOERROR without answers; both carry the zone's SOA, whose minimum is the (small) TTL, so a
// resolver does not remember a missing name for long. Names outside the domain are REFUSED: the
// server does not recurse.
import { isIPv4, isIPv6 } from 'node:net';
import type { Answer, Question } from 'dns-packet';
import type { EndpointSet, EndpointSource, ServiceEndpoint } from '../../client/index.js';
import { readyEndpoints } from '../../client/index.js';
import { endpointHost, endpointName, normalizeName, parseName } from './names.js';
import type { ParsedName } from './names.js';

export const RCODE = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5 } as const;

/** SOA timers of the zone (seconds); secondaries never transfer it, so they only matter to tools. */
const SOA_REFRESH_SECONDS = 7200;
const SOA_RETRY_SECONDS = 1800;
const SOA_EXPIRE_SECONDS = 86_400;
/** The zone is computed, not versioned: one serial. */
const SOA_SERIAL = 1;
/** Every SRV record has the same priority and weight: clients spread over them evenly. */
const SRV_PRIORITY = 0;
const SRV_WEIGHT = 10;

export interface DnsZone {
  /** The cluster domain, normalized (lowercase, no trailing dot). */
  readonly domain: string;
  readonly ttlSeconds: number;
}

export interface Resolution {
  readonly rcode: number;
  /** Whether the server speaks for the name (everything under the domain). */
  readonly authoritative: boolean;
  readonly answers: Answer[];
  readonly authorities: Answer[];
  readonly additionals: Answer[];
}

function soa(zone: DnsZone): Answer {
  return {
    name: zone.domain,
    type: 'SOA',
    ttl: zone.ttlSeconds,
    data: {
      mname: `ns.dns.${zone.domain}`,
      rname: `hostmaster.${zone.domain}`,
      serial: SOA_SERIAL,
      refresh: SOA_REFRESH_SECONDS,
      retry: SOA_RETRY_SECONDS,
      expire: SOA_EXPIRE_SECONDS,
      minimum: zone.ttlSeconds,
    },
  };
}

const refused: Resolution = { rcode: RCODE.REFUSED, authoritative: false, answers: [], authorities: [], additionals: [] };
const nxdomain = (zone: DnsZone): Resolution => ({ rcode: RCODE.NXDOMAIN, authoritative: true, answers: [], authorities: [soa(zone)], additionals: [] });

function found(zone: DnsZone, answers: Answer[], additionals: Answer[] = []): Resolution {
  return { rcode: RCODE.NOERROR, authoritative: true, answers, authorities: answers.length === 0 ? [soa(zone)] : [], additionals };
}

const wants = (qtype: string, type: string): boolean => qtype === type || qtype === 'ANY';

/** A and AAAA records of the distinct addresses of `endpoints`, as `qtype` asks. */
function addressRecords(owner: string, endpoints: readonly ServiceEndpoint[], qtype: string, ttl: number): Answer[] {
  const out: Answer[] = [];
  for (const address of new Set(endpoints.map((e) => e.address))) {
    if (isIPv4(address) && wants(qtype, 'A')) out.push({ name: owner, type: 'A', ttl, data: address });
    else if (isIPv6(address) && wants(qtype, 'AAAA')) out.push({ name: owner, type: 'AAAA', ttl, data: address });
  }
  return out;
}

/** One SRV record per distinct (endpoint, port), and the addresses of their targets. */
function srvRecords(owner: string, set: EndpointSet, endpoints: readonly ServiceEndpoint[], zone: DnsZone): { answers: Answer[]; additionals: Answer[] } {
  const answers: Answer[] = [];
  const additionals: Answer[] = [];
  const seen = new Set<string>();
  const targets = new Set<string>();
  for (const e of endpoints) {
    const target = endpointName(e, set.namespace, set.service, zone.domain);
    if (seen.has(`${target} ${e.port}`)) continue;
    seen.add(`${target} ${e.port}`);
    answers.push({ name: owner, type: 'SRV', ttl: zone.ttlSeconds, data: { priority: SRV_PRIORITY, weight: SRV_WEIGHT, port: e.port, target } });
    if (targets.has(target)) continue;
    targets.add(target);
    additionals.push(...addressRecords(target, [e], 'ANY', zone.ttlSeconds));
  }
  return { answers, additionals };
}

function namespaceExists(source: EndpointSource, namespace: string): boolean {
  for (const set of source.all()) if (set.deleted !== true && set.namespace.toLowerCase() === namespace) return true;
  return false;
}

type ServiceName = Extract<ParsedName, { service: string }>;

/** The answer for a name of one Service (the Service, one endpoint, one protocol or one port). */
function resolveServiceName(q: Question, parsed: ServiceName, set: EndpointSet, zone: DnsZone): Resolution {
  const ready = readyEndpoints(set);
  const qtype = q.type.toUpperCase();
  const ttl = zone.ttlSeconds;
  switch (parsed.kind) {
    case 'service': {
      const srv = wants(qtype, 'SRV') ? srvRecords(q.name, set, ready, zone) : { answers: [], additionals: [] };
      return found(zone, [...addressRecords(q.name, ready, qtype, ttl), ...srv.answers], srv.additionals);
    }
    case 'host': {
      const mine = ready.filter((e) => endpointHost(e) === parsed.host);
      return mine.length === 0 ? nxdomain(zone) : found(zone, addressRecords(q.name, mine, qtype, ttl));
    }
    case 'protocol':
      return set.ports.some((p) => p.protocol === parsed.protocol) ? found(zone, []) : nxdomain(zone);
    case 'port': {
      const port = set.ports.find((p) => p.name.toLowerCase() === parsed.portName && p.protocol === parsed.protocol);
      if (port === undefined) return nxdomain(zone);
      if (!wants(qtype, 'SRV')) return found(zone, []);
      const srv = srvRecords(q.name, set, ready.filter((e) => e.portName === port.name && e.protocol === port.protocol), zone);
      return found(zone, srv.answers, srv.additionals);
    }
  }
}

/**
 * The records that answer `q` from `source`. `hasNamespace` says whether a namespace (lowercase)
 * has a Service; by default it looks through every set, which a server may answer from an index.
 */
export function resolveQuestion(q: Question, source: EndpointSource, zone: DnsZone, hasNamespace = (ns: string) => namespaceExists(source, ns)): Resolution {
  const parsed = parseName(normalizeName(q.name), zone.domain);
  if (parsed.kind === 'outside') return refused;
  if (q.class !== undefined && q.class !== 'IN' && q.class !== 'ANY') return refused;
  switch (parsed.kind) {
    case 'apex':
      return found(zone, wants(q.type.toUpperCase(), 'SOA') ? [soa(zone)] : []);
    case 'svc':
      return found(zone, []);
    case 'namespace':
      return hasNamespace(parsed.namespace) ? found(zone, []) : nxdomain(zone);
    case 'none':
      return nxdomain(zone);
    default: {
      const set = source.get(parsed.namespace, parsed.service);
      if (set === undefined || set.deleted === true) return nxdomain(zone);
      return resolveServiceName(q, parsed, set, zone);
    }
  }
}
