// Tables of the remaining kinds: config maps, secrets, namespaces, nodes, events, horizontal pod
// autoscalers and priority classes.
import type { KubeObject } from '../../index.js';
import { age } from './age.js';
import { at, conditionStatus, list, num, record, str, stringMap } from './fields.js';
import type { KindPrinter } from './printer.js';
import { nameOf } from './printer.js';
import { formatMebibytes, formatMillicores, parseQuantity } from './quantity.js';

function created(obj: KubeObject, now: number): string {
  return age(obj.metadata?.creationTimestamp, now);
}

function keyCount(...maps: unknown[]): number {
  return maps.reduce<number>((n, m) => n + Object.keys(record(m) ?? {}).length, 0);
}

export const configMapPrinter: KindPrinter = {
  headers: ['NAME', 'DATA', 'AGE'],
  row: (cm, now) => [nameOf(cm), String(keyCount(cm['data'], cm['binaryData'])), created(cm, now)],
};

export const secretPrinter: KindPrinter = {
  headers: ['NAME', 'TYPE', 'DATA', 'AGE'],
  row: (s, now) => [nameOf(s), str(s['type']) || 'Opaque', String(keyCount(s['data'])), created(s, now)],
};

export const namespacePrinter: KindPrinter = {
  headers: ['NAME', 'STATUS', 'AGE'],
  row: (ns, now) => [nameOf(ns), str(at(ns, 'status', 'phase')) || 'Active', created(ns, now)],
};

/** Ready, NotReady or Unknown, and SchedulingDisabled when cordoned. */
export function nodeStatus(node: KubeObject): string {
  const ready = conditionStatus(node, 'Ready');
  const status = ready === 'True' ? 'Ready' : ready === undefined ? 'Unknown' : 'NotReady';
  return at(node, 'spec', 'unschedulable') === true ? `${status},SchedulingDisabled` : status;
}

/** ROLES: from node-role.kubernetes.io/<role> and kubernetes.io/role labels. */
export function nodeRoles(node: KubeObject): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(stringMap(node.metadata?.labels))) {
    if (k.startsWith('node-role.kubernetes.io/') && k.length > 'node-role.kubernetes.io/'.length) roles.add(k.slice('node-role.kubernetes.io/'.length));
    else if (k === 'kubernetes.io/role' && v !== '') roles.add(v);
  }
  return roles.size > 0 ? [...roles].sort().join(',') : '<none>';
}

export function nodeAddress(node: KubeObject, type: string): string {
  const a = list(at(node, 'status', 'addresses')).find((x) => at(x, 'type') === type);
  return str(at(a, 'address')) || '<none>';
}

/** CPU-USED and MEMORY-USED: `250m (12%)`, `512Mi (6%)` of allocatable; `<unknown>` without usage. */
function usedCells(node: KubeObject, u: { cpuMillicores: number; memoryBytes: number } | undefined): string[] {
  if (u === undefined) return ['<unknown>', '<unknown>'];
  const pct = (used: number, total: number | undefined): string => (total !== undefined && total > 0 ? ` (${Math.round((used / total) * 100)}%)` : '');
  const cpu = parseQuantity(at(node, 'status', 'allocatable', 'cpu'));
  const memory = parseQuantity(at(node, 'status', 'allocatable', 'memory'));
  return [`${formatMillicores(u.cpuMillicores)}${pct(u.cpuMillicores, cpu === undefined ? undefined : cpu * 1000)}`, `${formatMebibytes(u.memoryBytes)}${pct(u.memoryBytes, memory)}`];
}

export const nodePrinter: KindPrinter = {
  headers: ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'],
  row: (node, now) => [nameOf(node), nodeStatus(node), nodeRoles(node), created(node, now), str(at(node, 'status', 'nodeInfo', 'kubeletVersion')) || ''],
  wideHeaders: ['INTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME', 'CPU', 'MEMORY', 'PODS', 'CPU-USED', 'MEMORY-USED'],
  wide: (node, _now, opts) => [
    nodeAddress(node, 'InternalIP'),
    ...['osImage', 'kernelVersion', 'containerRuntimeVersion'].map((f) => str(at(node, 'status', 'nodeInfo', f)) || '<unknown>'),
    // Capacity, as the agent registered it.
    ...['cpu', 'memory', 'pods'].map((r) => str(at(node, 'status', 'capacity', r)) || '<unknown>'),
    ...usedCells(node, opts.nodeUsage?.get(nameOf(node))),
  ],
};

/** When an event was last seen: lastTimestamp, else eventTime, else its creation. */
export function eventLastSeen(ev: KubeObject): unknown {
  return ev['lastTimestamp'] ?? ev['eventTime'] ?? at(ev, 'series', 'lastObservedTime') ?? ev.metadata?.creationTimestamp;
}

/** LAST SEEN: `5m`, or `5m (x4 over 20m)` for a repeated event. */
export function eventAge(ev: KubeObject, now: number): string {
  const last = age(eventLastSeen(ev), now);
  const n = num(ev['count']) ?? num(at(ev, 'series', 'count')) ?? 1;
  const first = ev['firstTimestamp'] ?? ev['eventTime'] ?? ev.metadata?.creationTimestamp;
  return n > 1 ? `${last} (x${n} over ${age(first, now)})` : last;
}

/** Who reported an event: `kubelet, node-1` or the reporting component. */
export function eventSource(ev: KubeObject): string {
  const component = str(at(ev, 'source', 'component')) || str(ev['reportingComponent']) || '';
  const host = str(at(ev, 'source', 'host')) || str(ev['reportingInstance']) || '';
  return [component, host].filter((x) => x !== '').join(', ');
}

export const eventPrinter: KindPrinter = {
  headers: ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'],
  row: (ev, now) => [
    eventAge(ev, now),
    str(ev['type']) || 'Normal',
    str(ev['reason']) || '',
    `${(str(at(ev, 'involvedObject', 'kind')) ?? '').toLowerCase()}/${str(at(ev, 'involvedObject', 'name')) ?? ''}`,
    (str(ev['message']) ?? '').trim(),
  ],
  wideHeaders: ['SOURCE', 'COUNT', 'NAME'],
  wide: (ev) => [eventSource(ev) || '<none>', String(num(ev['count']) ?? 1), nameOf(ev)],
};

/** A metric's target or current value: `80%` for utilization, else the (average) value. */
function metricValue(v: unknown): string | undefined {
  const utilization = num(at(v, 'averageUtilization'));
  if (utilization !== undefined) return `${utilization}%`;
  return str(at(v, 'averageValue')) ?? str(at(v, 'value'));
}

/** The name of a metric of an HPA spec or status (`cpu`, a pods metric's name, ...). */
function metricKey(m: unknown): string {
  const type = str(at(m, 'type')) ?? '';
  const source = at(m, type.charAt(0).toLowerCase() + type.slice(1));
  return str(at(source, 'name')) ?? str(at(source, 'metric', 'name')) ?? type;
}

/** TARGETS: `cpu: 45%/80%, memory: <unknown>/500Mi`, or "<none>". */
export function hpaTargets(hpa: KubeObject): string {
  const current = list(at(hpa, 'status', 'currentMetrics'));
  const cells = list(at(hpa, 'spec', 'metrics')).map((m) => {
    const key = metricKey(m);
    const type = str(at(m, 'type')) ?? '';
    const field = type.charAt(0).toLowerCase() + type.slice(1);
    const now = current.find((c) => at(c, 'type') === type && metricKey(c) === key);
    return `${key}: ${metricValue(at(now, field, 'current')) ?? '<unknown>'}/${metricValue(at(m, field, 'target')) ?? '<unknown>'}`;
  });
  return cells.length > 0 ? cells.join(', ') : '<none>';
}

export const hpaPrinter: KindPrinter = {
  headers: ['NAME', 'REFERENCE', 'TARGETS', 'MINPODS', 'MAXPODS', 'REPLICAS', 'AGE'],
  row: (hpa, now) => [
    nameOf(hpa),
    `${str(at(hpa, 'spec', 'scaleTargetRef', 'kind')) ?? ''}/${str(at(hpa, 'spec', 'scaleTargetRef', 'name')) ?? ''}`,
    hpaTargets(hpa),
    String(num(at(hpa, 'spec', 'minReplicas')) ?? 1),
    String(num(at(hpa, 'spec', 'maxReplicas')) ?? ''),
    String(num(at(hpa, 'status', 'currentReplicas')) ?? 0),
    created(hpa, now),
  ],
};

/** kubectl's columns: GLOBAL-DEFAULT is true or false. */
export const priorityClassPrinter: KindPrinter = {
  headers: ['NAME', 'VALUE', 'GLOBAL-DEFAULT', 'AGE'],
  row: (pc, now) => [nameOf(pc), String(num(pc['value']) ?? 0), String(pc['globalDefault'] === true), created(pc, now)],
};
