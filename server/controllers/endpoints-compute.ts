// What a Service's Endpoints object should hold, from the Service and the pods its selector
// matches: pure functions, no informers and no writes, so that the same inputs always give the
// same object, byte for byte (the controller compares before it writes, and an unchanged set is
// never rewritten). Pods share their node's network, so a pod's address is its node's address and
// two pods on one node differ only in their ports; a port a pod got from its agent (containerPort 0
// or unset in the spec) is read from status.containerStatuses[].allocatedPorts.
import type { KubeObject } from '../../client/index.js';
import { stableJson } from './objects.js';

/** The label on every Endpoints object this controller writes: only those does it ever delete. */
export const MANAGED_BY_LABEL = 'endpoints.berth.io/managed-by';
export const MANAGED_BY_VALUE = 'endpoints-controller';
/** Kubernetes' label on the Endpoints of a headless Service (clusterIP None). */
export const HEADLESS_LABEL = 'service.kubernetes.io/headless';
/** Set ("truncated") on an Endpoints object that lists fewer addresses than there are pods. */
export const OVER_CAPACITY_ANNOTATION = 'endpoints.berth.io/over-capacity';
/**
 * Addresses (ready and not ready together) one Endpoints object holds at most, as in Kubernetes;
 * beyond it ready pods are kept first. Keeps an object of a huge Service well under the store's
 * object size limit.
 */
export const MAX_ENDPOINT_ADDRESSES = 1000;

type Rec = Record<string, unknown>;
type Protocol = 'TCP' | 'UDP' | 'SCTP';

export interface EndpointAddress {
  readonly ip: string;
  readonly hostname?: string;
  readonly nodeName?: string;
  readonly targetRef: { readonly kind: 'Pod'; readonly namespace: string; readonly name: string; readonly uid: string };
}

export interface EndpointPort {
  readonly name?: string;
  readonly port: number;
  readonly protocol: Protocol;
  readonly appProtocol?: string;
}

export interface EndpointSubset {
  readonly addresses?: EndpointAddress[];
  readonly notReadyAddresses?: EndpointAddress[];
  readonly ports?: EndpointPort[];
}

/** The parts of an Endpoints object the controller decides. */
export interface DesiredEndpoints {
  readonly labels: Record<string, string>;
  readonly subsets: EndpointSubset[];
  /** More pods than MAX_ENDPOINT_ADDRESSES (or the given bound): some were left out. */
  readonly truncated: boolean;
}

const recs = (v: unknown): Rec[] => (Array.isArray(v) ? v.filter((x): x is Rec => typeof x === 'object' && x !== null && !Array.isArray(x)) : []);
const isPort = (v: unknown): v is number => Number.isInteger(v) && (v as number) > 0 && (v as number) < 65536;
const protocolOf = (v: unknown): Protocol => (v === 'UDP' || v === 'SCTP' ? v : 'TCP');
const specOf = (o: KubeObject): Rec => (o.spec ?? {}) as Rec;
const statusOf = (o: KubeObject): Rec => (o.status ?? {}) as Rec;
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** A Service's selector; undefined when it has none (or an empty one): its Endpoints are kept by hand. */
export function serviceSelector(service: KubeObject): Readonly<Record<string, string>> | undefined {
  const s = specOf(service).selector;
  if (typeof s !== 'object' || s === null || Array.isArray(s)) return undefined;
  const entries = Object.entries(s as Rec).filter((e): e is [string, string] => typeof e[1] === 'string');
  return entries.length === 0 ? undefined : Object.fromEntries(entries);
}

export function selectorMatches(selector: Readonly<Record<string, string>>, labels: Readonly<Record<string, string>> | undefined): boolean {
  for (const [k, v] of Object.entries(selector)) if (labels === undefined || !Object.hasOwn(labels, k) || labels[k] !== v) return false;
  return true;
}

/** Whether an Endpoints object was written by this controller. */
export function isManaged(endpoints: KubeObject): boolean {
  return endpoints.metadata.labels?.[MANAGED_BY_LABEL] === MANAGED_BY_VALUE;
}

/** A pod that has a place in its Services' endpoints: addressed, not finished, not being deleted. */
export function podCounts(pod: KubeObject): boolean {
  const phase = statusOf(pod).phase;
  return pod.metadata.deletionTimestamp === undefined && phase !== 'Succeeded' && phase !== 'Failed' && text(statusOf(pod).podIP) !== '';
}

/** The pod's Ready condition is True (Kubernetes' test for endpoints: the condition alone). */
export function podReady(pod: KubeObject): boolean {
  return recs(statusOf(pod).conditions).some((c) => c.type === 'Ready' && c.status === 'True');
}

/** The pod's long-running containers: its containers and its sidecars (init containers that restart). */
function runningContainers(pod: KubeObject): Rec[] {
  const spec = specOf(pod);
  return [...recs(spec.containers), ...recs(spec.initContainers).filter((c) => c.restartPolicy === 'Always')];
}

function containerStatuses(pod: KubeObject): Rec[] {
  const status = statusOf(pod);
  return [...recs(status.containerStatuses), ...recs(status.initContainerStatuses)];
}

/**
 * The number of the pod's port named `name` with `protocol`: the spec's containerPort when it gives
 * one, else the port the agent allocated for it.
 */
export function namedPort(pod: KubeObject, name: string, protocol: Protocol): number | undefined {
  const containers = runningContainers(pod);
  for (const c of containers) {
    for (const p of recs(c.ports)) if (p.name === name && protocolOf(p.protocol) === protocol && isPort(p.containerPort)) return p.containerPort;
  }
  const names = new Set(containers.map((c) => c.name));
  for (const s of containerStatuses(pod)) {
    if (!names.has(s.name)) continue;
    for (const p of recs(s.allocatedPorts)) if (p.name === name && protocolOf(p.protocol) === protocol && isPort(p.containerPort)) return p.containerPort;
  }
  return undefined;
}

/** The pod's real port for a Service port: targetPort as a number, by name, or the port itself. */
export function resolvePort(pod: KubeObject, servicePort: Rec): number | undefined {
  const target = servicePort.targetPort;
  if (typeof target === 'number') return isPort(target) ? target : undefined;
  if (typeof target === 'string' && target !== '') return namedPort(pod, target, protocolOf(servicePort.protocol));
  return isPort(servicePort.port) ? servicePort.port : undefined;
}

/** The ports a pod serves the Service on: one per Service port it has, sorted. */
function podPorts(pod: KubeObject, servicePorts: readonly Rec[]): EndpointPort[] {
  const out: EndpointPort[] = [];
  for (const sp of servicePorts) {
    const port = resolvePort(pod, sp);
    if (port === undefined) continue;
    const name = text(sp.name);
    const appProtocol = text(sp.appProtocol);
    out.push({ ...(name !== '' ? { name } : {}), port, protocol: protocolOf(sp.protocol), ...(appProtocol !== '' ? { appProtocol } : {}) });
  }
  return out.sort(comparePorts);
}

function comparePorts(a: EndpointPort, b: EndpointPort): number {
  const an = a.name ?? '';
  const bn = b.name ?? '';
  if (an !== bn) return an < bn ? -1 : 1;
  if (a.port !== b.port) return a.port - b.port;
  return a.protocol < b.protocol ? -1 : a.protocol > b.protocol ? 1 : 0;
}

function podAddress(service: KubeObject, pod: KubeObject): EndpointAddress {
  const spec = specOf(pod);
  const nodeName = text(spec.nodeName);
  const hostname = text(spec.hostname);
  // As in Kubernetes: a pod names itself in the Service's DNS when its subdomain is the Service.
  const named = hostname !== '' && spec.subdomain === service.metadata.name && pod.metadata.namespace === service.metadata.namespace;
  return {
    ip: text(statusOf(pod).podIP),
    ...(named ? { hostname } : {}),
    ...(nodeName !== '' ? { nodeName } : {}),
    targetRef: { kind: 'Pod', namespace: pod.metadata.namespace ?? 'default', name: String(pod.metadata.name), uid: String(pod.metadata.uid) },
  };
}

function compareAddresses(a: EndpointAddress, b: EndpointAddress): number {
  if (a.ip !== b.ip) return a.ip < b.ip ? -1 : 1;
  if (a.targetRef.name !== b.targetRef.name) return a.targetRef.name < b.targetRef.name ? -1 : 1;
  return a.targetRef.uid < b.targetRef.uid ? -1 : a.targetRef.uid > b.targetRef.uid ? 1 : 0;
}

interface Entry {
  readonly address: EndpointAddress;
  readonly ready: boolean;
  readonly ports: EndpointPort[];
}

/** Each pod's address, readiness and ports; a pod with none of the Service's ports is left out. */
function entriesOf(service: KubeObject, pods: readonly KubeObject[]): Entry[] {
  const spec = specOf(service);
  const servicePorts = recs(spec.ports);
  const publishNotReady = spec.publishNotReadyAddresses === true;
  const out: Entry[] = [];
  for (const pod of pods) {
    if (!podCounts(pod)) continue;
    const ports = podPorts(pod, servicePorts);
    // A Service without ports (headless) lists bare addresses; otherwise a pod needs a port.
    if (servicePorts.length > 0 && ports.length === 0) continue;
    out.push({ address: podAddress(service, pod), ready: publishNotReady || podReady(pod), ports });
  }
  return out;
}

/** Pods with the same ports share a subset; subsets, addresses and ports in a fixed order. */
function group(entries: readonly Entry[]): EndpointSubset[] {
  const byPorts = new Map<string, { ports: EndpointPort[]; ready: EndpointAddress[]; notReady: EndpointAddress[] }>();
  for (const e of entries) {
    const key = stableJson(e.ports);
    let g = byPorts.get(key);
    if (g === undefined) {
      g = { ports: e.ports, ready: [], notReady: [] };
      byPorts.set(key, g);
    }
    (e.ready ? g.ready : g.notReady).push(e.address);
  }
  return [...byPorts.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, g]) => ({
      ...(g.ready.length > 0 ? { addresses: g.ready.sort(compareAddresses) } : {}),
      ...(g.notReady.length > 0 ? { notReadyAddresses: g.notReady.sort(compareAddresses) } : {}),
      ...(g.ports.length > 0 ? { ports: g.ports } : {}),
    }));
}

/** The labels of a Service's Endpoints: the Service's own, the managed-by mark, the headless mark. */
export function endpointsLabels(service: KubeObject): Record<string, string> {
  const labels: Record<string, string> = { ...(service.metadata.labels ?? {}), [MANAGED_BY_LABEL]: MANAGED_BY_VALUE };
  if (specOf(service).clusterIP === 'None') labels[HEADLESS_LABEL] = '';
  return labels;
}

/**
 * What the Endpoints of `service` should hold, given the pods its selector matches (in any order;
 * others are not filtered out here). At most `maxAddresses` addresses, ready ones first.
 */
export function desiredEndpoints(service: KubeObject, pods: readonly KubeObject[], maxAddresses = MAX_ENDPOINT_ADDRESSES): DesiredEndpoints {
  let entries = entriesOf(service, pods);
  const truncated = entries.length > maxAddresses;
  if (truncated) entries = [...entries].sort((a, b) => (a.ready !== b.ready ? (a.ready ? -1 : 1) : compareAddresses(a.address, b.address))).slice(0, maxAddresses);
  return { labels: endpointsLabels(service), subsets: group(entries), truncated };
}

/** The annotations `cur` should carry: its own, with the over-capacity mark set or cleared. */
function annotationsFor(cur: Readonly<Record<string, string>> | undefined, truncated: boolean): Record<string, string> {
  const out: Record<string, string> = { ...(cur ?? {}) };
  delete out[OVER_CAPACITY_ANNOTATION];
  if (truncated) out[OVER_CAPACITY_ANNOTATION] = 'truncated';
  return out;
}

/** Whether `cur` differs from what it should hold (and so must be written). */
export function endpointsDiffer(cur: KubeObject, want: DesiredEndpoints): boolean {
  if (stableJson((cur as Rec).subsets ?? []) !== stableJson(want.subsets)) return true;
  if (stableJson(cur.metadata.labels ?? {}) !== stableJson(want.labels)) return true;
  return cur.metadata.annotations?.[OVER_CAPACITY_ANNOTATION] !== (want.truncated ? 'truncated' : undefined);
}

/** `cur` (any version of the Endpoints) holding `want`; its other metadata kept. */
export function withDesired(cur: KubeObject, want: DesiredEndpoints): KubeObject {
  const metadata = { ...cur.metadata, labels: want.labels };
  const annotations = annotationsFor(cur.metadata.annotations, want.truncated);
  if (Object.keys(annotations).length > 0) metadata.annotations = annotations;
  else delete metadata.annotations;
  const next: KubeObject = { ...cur, metadata };
  if (want.subsets.length > 0) (next as Rec).subsets = want.subsets;
  else delete (next as Rec).subsets;
  return next;
}

/** A new Endpoints object for `service` holding `want`. */
export function newEndpoints(service: KubeObject, want: DesiredEndpoints): KubeObject {
  const base: KubeObject = { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: String(service.metadata.name), namespace: service.metadata.namespace ?? 'default' } };
  return withDesired(base, want);
}

/**
 * Everything about a pod its endpoints depend on, except its labels, as one string: a pod change
 * that leaves it (and the labels) alone, such as a container's restartCount, needs no look.
 */
export function endpointFacts(pod: KubeObject): string {
  const spec = specOf(pod);
  const status = statusOf(pod);
  return stableJson({
    counts: podCounts(pod),
    ready: podReady(pod),
    ip: status.podIP ?? '',
    node: spec.nodeName ?? '',
    uid: pod.metadata.uid ?? '',
    hostname: spec.hostname ?? '',
    subdomain: spec.subdomain ?? '',
    ports: runningContainers(pod).map((c) => [c.name, c.ports ?? []]),
    allocated: containerStatuses(pod).map((s) => [s.name, s.allocatedPorts ?? []]),
  });
}
