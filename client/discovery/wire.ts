// What berth puts on NATS, shared by the leader that publishes it, the SDK and the agents that
// follow it. NATS is a projection of the store: every message carries the store revision it
// reflects, and a consumer drops anything older than what it has.
//
//   berth.<cluster>.endpoints.<namespace>.<service>   the full endpoint set of a Service (EndpointSet)
//   berth.<cluster>.events.<namespace>.<kind>.<name>  an Event about an object (ObjectEventMessage)
//   berth.<cluster>.scaling.<namespace>.<kind>.<name> an autoscaler's decision (ScalingDecision)
//   berth.<cluster>.metrics.<namespace>.<pod>         a custom metric an application publishes (MetricSample)
//
// The latest EndpointSet of every Service is also kept in the JetStream key-value bucket
// `berth-<cluster>-endpoints` under the key `<namespace>.<service>`, where a late joiner reads it
// without asking the control plane. A deleted Service leaves a tombstone (deleted: true) there.

/** Largest message berth publishes or accepts (nats-server's default max_payload is 1 MiB). */
export const MAX_MESSAGE_BYTES = 1024 * 1024;

/** A cluster id: one subject token and part of a bucket name. */
const TOKEN = /^[A-Za-z0-9_-][A-Za-z0-9_-]*$/;
/** A namespace, service, kind or pod name as one subject token (dots already turned into "~"). */
const NAME_TOKEN = /^[A-Za-z0-9_~-]+$/;
/** Kubernetes names may hold dots (pods of some kinds); a token may not, so they become "~". */
function token(part: string, what: string): string {
  const t = part.replaceAll('.', '~');
  if (!(what === 'cluster' ? TOKEN : NAME_TOKEN).test(t)) throw new Error(`${what} ${JSON.stringify(part)} cannot be used in a NATS subject`);
  return t;
}

/** Whether a cluster id can name subjects and a bucket: letters, digits, "-" and "_". */
export function clusterIdProblem(id: string): string | undefined {
  return TOKEN.test(id) && id.length <= 63 ? undefined : 'must be 1-63 letters, digits, "-" or "_"';
}

export const subjects = {
  endpoints: (cluster: string, namespace: string, service: string): string =>
    `berth.${token(cluster, 'cluster')}.endpoints.${token(namespace, 'namespace')}.${token(service, 'service')}`,
  /** Every Service's endpoints (a wildcard subscription). */
  allEndpoints: (cluster: string): string => `berth.${token(cluster, 'cluster')}.endpoints.>`,
  events: (cluster: string, namespace: string, kind: string, name: string): string =>
    `berth.${token(cluster, 'cluster')}.events.${token(namespace === '' ? '_' : namespace, 'namespace')}.${token(kind, 'kind')}.${token(name, 'name')}`,
  scaling: (cluster: string, namespace: string, kind: string, name: string): string =>
    `berth.${token(cluster, 'cluster')}.scaling.${token(namespace, 'namespace')}.${token(kind, 'kind')}.${token(name, 'name')}`,
  metrics: (cluster: string, namespace: string, pod: string): string => `berth.${token(cluster, 'cluster')}.metrics.${token(namespace, 'namespace')}.${token(pod, 'pod')}`,
  /** Every custom metric of the cluster (the leader's subscription). */
  allMetrics: (cluster: string): string => `berth.${token(cluster, 'cluster')}.metrics.*.*`,
};

/** The key-value bucket holding each Service's latest EndpointSet. */
export function endpointsBucket(cluster: string): string {
  return `berth-${token(cluster, 'cluster')}-endpoints`;
}

/** A Service's key in that bucket. */
export function endpointsKey(namespace: string, service: string): string {
  return `${token(namespace, 'namespace')}.${token(service, 'service')}`;
}

/** The namespace and service a bucket key names, or undefined for a key berth did not write. */
export function parseEndpointsKey(key: string): { namespace: string; service: string } | undefined {
  const parts = key.split('.');
  if (parts.length !== 2 || !parts.every((p) => NAME_TOKEN.test(p))) return undefined;
  return { namespace: parts[0]!.replaceAll('~', '.'), service: parts[1]!.replaceAll('~', '.') };
}

/** One port of a Service, as clients (and the NodePort proxy) need it. */
export interface ServicePortInfo {
  /** The port's name; "" when the Service has one unnamed port. */
  readonly name: string;
  /** The Service's port number (what DNS SRV and clients call "the service port"). */
  readonly port: number;
  readonly protocol: 'TCP' | 'UDP' | 'SCTP';
  /** For a NodePort Service: the port every agent listens on. */
  readonly nodePort?: number;
}

/** One instance of one port of a Service: where to connect. */
export interface ServiceEndpoint {
  /** The node's address (pods share their node's network). */
  readonly address: string;
  /** The pod's real port for this service port. */
  readonly port: number;
  /** Which service port this is (ServicePortInfo.name). */
  readonly portName: string;
  readonly protocol: 'TCP' | 'UDP' | 'SCTP';
  /** Whether the pod is Ready; lookups return ready endpoints only. */
  readonly ready: boolean;
  readonly pod: string;
  readonly node: string;
}

/** A Service's full endpoint set at a store revision. */
export interface EndpointSet {
  readonly namespace: string;
  readonly service: string;
  /**
   * The store revision this set reflects: the larger of the Service's and its Endpoints' revisions
   * (for a tombstone, the revision of the deletion). Larger is newer.
   */
  readonly revision: number;
  /** The Service is gone; endpoints and ports are empty. */
  readonly deleted?: boolean;
  /** "ClusterIP" or "NodePort". */
  readonly type: string;
  readonly ports: readonly ServicePortInfo[];
  /** Sorted by (portName, address, port, pod): equal sets encode to equal bytes. */
  readonly endpoints: readonly ServiceEndpoint[];
}

/** An Event, as published on the events subject. */
export interface ObjectEventMessage {
  readonly revision: number;
  readonly namespace: string;
  readonly kind: string;
  readonly name: string;
  readonly type: string;
  readonly reason: string;
  readonly message: string;
  readonly count: number;
  readonly time: string;
}

/** An autoscaler's decision with its inputs, as published on the scaling subject. */
export interface ScalingDecision {
  /** The revision of the write that applied it (or of the HPA when nothing changed). */
  readonly revision: number;
  readonly namespace: string;
  /** The HorizontalPodAutoscaler that decided. */
  readonly autoscaler: string;
  /** Its target, e.g. { kind: "Deployment", name: "web" }. */
  readonly target: { readonly kind: string; readonly name: string };
  readonly currentReplicas: number;
  readonly desiredReplicas: number;
  /** Each metric's current and target value, as the HPA status shows them. */
  readonly metrics: readonly { readonly name: string; readonly current: number | null; readonly target: number; readonly type: string }[];
  /** Why (e.g. "cpu resource utilization (percentage of request) above target"). */
  readonly reason: string;
  readonly time: string;
}

/** What an application publishes on its pod's metrics subject. */
export interface MetricSample {
  readonly name: string;
  readonly value: number;
}

const PROTOCOLS = new Set(['TCP', 'UDP', 'SCTP']);
const isRec = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isPort = (v: unknown): v is number => Number.isInteger(v) && (v as number) > 0 && (v as number) < 65536;

export function encodeEndpointSet(set: EndpointSet): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(set));
}

/** The set a message holds, or undefined when it is not one (a consumer ignores such messages). */
export function decodeEndpointSet(data: Uint8Array): EndpointSet | undefined {
  if (data.byteLength > MAX_MESSAGE_BYTES) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(new TextDecoder().decode(data));
  } catch {
    return undefined;
  }
  if (!isRec(v)) return undefined;
  if (typeof v.namespace !== 'string' || typeof v.service !== 'string' || !Number.isSafeInteger(v.revision) || typeof v.type !== 'string') return undefined;
  if (v.deleted !== undefined && typeof v.deleted !== 'boolean') return undefined;
  if (!Array.isArray(v.ports) || !Array.isArray(v.endpoints)) return undefined;
  for (const p of v.ports as unknown[]) {
    if (!isRec(p) || typeof p.name !== 'string' || !isPort(p.port) || !PROTOCOLS.has(p.protocol as string)) return undefined;
    if (p.nodePort !== undefined && !isPort(p.nodePort)) return undefined;
  }
  for (const e of v.endpoints as unknown[]) {
    if (!isRec(e) || typeof e.address !== 'string' || !isPort(e.port) || typeof e.portName !== 'string' || typeof e.ready !== 'boolean') return undefined;
    if (!PROTOCOLS.has(e.protocol as string) || typeof e.pod !== 'string' || typeof e.node !== 'string') return undefined;
  }
  return v as unknown as EndpointSet;
}

/** A metric sample from an application, or undefined when the message is not one. */
export function decodeMetricSample(data: Uint8Array): MetricSample | undefined {
  if (data.byteLength > 64 * 1024) return undefined;
  try {
    const v: unknown = JSON.parse(new TextDecoder().decode(data));
    if (isRec(v) && typeof v.name === 'string' && v.name !== '' && v.name.length <= 253 && typeof v.value === 'number' && Number.isFinite(v.value)) return { name: v.name, value: v.value };
  } catch {
    // not JSON: ignored
  }
  return undefined;
}

/** Whether `next` should replace `cur` (a consumer keeps the newest revision only). */
export function isNewer(next: EndpointSet, cur: EndpointSet | undefined): boolean {
  return cur === undefined || next.revision > cur.revision;
}

/**
 * A live, local copy of every Service's EndpointSet (the SDK's discovery cache implements it; the
 * agent's DNS server and NodePort proxy read from it). Reads are synchronous and never call out.
 */
export interface EndpointSource {
  /** The newest set known for a Service (a tombstone when it was deleted), or undefined. */
  get(namespace: string, service: string): EndpointSet | undefined;
  /** Every set known, tombstones excluded. */
  all(): Iterable<EndpointSet>;
  /** Called with each set that replaced an older one (tombstones included). Returns an unsubscribe function. */
  onChange(listener: (set: EndpointSet) => void): () => void;
}
