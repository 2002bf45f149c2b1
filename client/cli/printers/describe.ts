// `berth describe`: one object as a readable page. Every kind gets its metadata and its Events;
// pods, deployments and services get sections of their own, other kinds their spec and status
// as YAML. Secrets show the size of each value, never the value.
import { stringify as toYaml } from 'yaml';
import { findKind } from '../../index.js';
import type { KubeObject } from '../../index.js';
import { eventAge, eventLastSeen, eventSource } from './cluster.js';
import { describeNode } from './describe-node.js';
import { DescribeWriter } from './describe-writer.js';
import { at, containers, formatMap, formatSelector, list, num, record, str, stringMap } from './fields.js';
import { podStatus } from './pods.js';
import { endpointAddresses } from './services.js';
import { timeOf } from './age.js';

export interface DescribeInput {
  readonly object: KubeObject;
  /** The Events about the object; undefined when they could not be listed. */
  readonly events?: readonly KubeObject[];
  /** For a Service: its Endpoints object, when there is one. */
  readonly endpoints?: KubeObject;
  /** For a Node: its non-terminated pods, when they could be listed. */
  readonly pods?: readonly KubeObject[];
  /** For a Node: its resource usage as the leader last heard it, when known. */
  readonly usage?: { readonly cpuMillicores: number; readonly memoryBytes: number };
  readonly now: number;
}

/** Annotations that only tools read; describe leaves them out as kubectl does. */
const HIDDEN_ANNOTATION = /last-applied-configuration$/;

/** An RFC 3339 timestamp as `Mon, 02 Jan 2006 15:04:05 GMT`, or "<unknown>". */
export function formatTime(timestamp: unknown): string {
  const t = timeOf(timestamp);
  return t === undefined ? '<unknown>' : new Date(t).toUTCString();
}

function header(w: DescribeWriter, obj: KubeObject): void {
  const meta = obj.metadata ?? {};
  w.field(0, 'Name', meta.name ?? '');
  if (findKind(obj.kind)?.namespaced !== false) w.field(0, 'Namespace', meta.namespace ?? '');
  w.map(0, 'Labels', stringMap(meta.labels));
  w.map(0, 'Annotations', Object.fromEntries(Object.entries(stringMap(meta.annotations)).filter(([k]) => !HIDDEN_ANNOTATION.test(k))));
  w.field(0, 'CreationTimestamp', formatTime(meta.creationTimestamp));
  if (meta.deletionTimestamp !== undefined) {
    const finalizers = meta.finalizers ?? [];
    w.field(0, 'DeletionTimestamp', `${formatTime(meta.deletionTimestamp)}${finalizers.length > 0 ? ` (finalizers: ${finalizers.join(', ')})` : ''}`);
  }
  const owner = (meta.ownerReferences ?? []).find((o) => o.controller === true);
  if (owner !== undefined) w.field(0, 'Controlled By', `${owner.kind}/${owner.name}`);
}

function ports(container: unknown): string[] {
  return list(at(container, 'ports')).map((p) => `${num(at(p, 'containerPort')) ?? ''}/${str(at(p, 'protocol')) || 'TCP'}${str(at(p, 'name')) ? ` (${str(at(p, 'name'))})` : ''}`);
}

function resources(w: DescribeWriter, indent: number, container: unknown): void {
  for (const [label, field] of [['Limits', 'limits'], ['Requests', 'requests']] as const) {
    const m = stringMap(at(container, 'resources', field));
    if (Object.keys(m).length === 0) continue;
    w.field(indent, label, '');
    for (const [k, v] of Object.entries(m)) w.field(indent + 2, k, v);
  }
}

function environment(container: unknown): string[] {
  return list(at(container, 'env')).map((e) => {
    const value = str(at(e, 'value'));
    const from = record(at(e, 'valueFrom'));
    return `${str(at(e, 'name')) ?? ''}: ${value ?? (from !== undefined ? `<set from ${Object.keys(from).join(', ')}>` : '')}`;
  });
}

/** envFrom as kubectl shows it: "web-config  ConfigMap  Optional: false". */
function environmentFrom(container: unknown): string[] {
  return list(at(container, 'envFrom')).map((e) => {
    const cm = record(at(e, 'configMapRef'));
    const src = cm ?? record(at(e, 'secretRef'));
    const what = cm !== undefined ? 'ConfigMap' : 'Secret';
    const prefix = str(at(e, 'prefix'));
    const optional = at(src, 'optional') === true ? 'true' : 'false';
    return `${str(at(src, 'name')) ?? ''}  ${what}${prefix ? ` with prefix '${prefix}'` : ''}  Optional: ${optional}`;
  });
}

/** A container state (running, waiting or terminated) and its details. */
function state(w: DescribeWriter, indent: number, label: string, st: unknown): void {
  const running = at(st, 'running');
  const waiting = at(st, 'waiting');
  const terminated = at(st, 'terminated');
  if (running !== undefined) {
    w.field(indent, label, 'Running');
    w.field(indent + 2, 'Started', formatTime(at(running, 'startedAt')));
  } else if (waiting !== undefined) {
    w.field(indent, label, 'Waiting');
    w.field(indent + 2, 'Reason', str(at(waiting, 'reason')) || '<none>');
    if (str(at(waiting, 'message'))) w.field(indent + 2, 'Message', str(at(waiting, 'message')));
  } else if (terminated !== undefined) {
    w.field(indent, label, 'Terminated');
    w.field(indent + 2, 'Reason', str(at(terminated, 'reason')) || '<none>');
    w.field(indent + 2, 'Exit Code', num(at(terminated, 'exitCode')) ?? 0);
    w.field(indent + 2, 'Started', formatTime(at(terminated, 'startedAt')));
    w.field(indent + 2, 'Finished', formatTime(at(terminated, 'finishedAt')));
  } else if (label === 'State') {
    w.field(indent, label, 'Waiting');
  }
}

/** One container of a pod (with its status) or of a pod template (without). */
function container(w: DescribeWriter, indent: number, c: unknown, status: unknown): void {
  w.field(indent, `${str(at(c, 'name')) ?? ''}`, '');
  const i = indent + 2;
  if (status !== undefined && str(at(status, 'containerID'))) w.field(i, 'Container ID', str(at(status, 'containerID')));
  w.field(i, 'Image', str(at(c, 'image')) ?? '');
  w.values(i, 'Port', ports(c));
  const command = list(at(c, 'command')).map(String);
  if (command.length > 0) w.values(i, 'Command', command);
  const args = list(at(c, 'args')).map(String);
  if (args.length > 0) w.values(i, 'Args', args);
  if (status !== undefined) {
    state(w, i, 'State', at(status, 'state'));
    state(w, i, 'Last State', at(status, 'lastState'));
    w.field(i, 'Ready', at(status, 'ready') === true ? 'True' : 'False');
    w.field(i, 'Restart Count', num(at(status, 'restartCount')) ?? 0);
  }
  resources(w, i, c);
  const sources = environmentFrom(c);
  if (sources.length > 0) w.values(i, 'Environment Variables from', sources);
  w.values(i, 'Environment', environment(c));
}

function conditions(w: DescribeWriter, obj: KubeObject, withReason: boolean): void {
  const cs = list(at(obj, 'status', 'conditions'));
  if (cs.length === 0) return w.field(0, 'Conditions', '<none>');
  w.field(0, 'Conditions', '');
  const headers = withReason ? ['Type', 'Status', 'Reason'] : ['Type', 'Status'];
  w.table(2, headers, cs.map((c) => [str(at(c, 'type')) ?? '', str(at(c, 'status')) ?? '', ...(withReason ? [str(at(c, 'reason')) || '<none>'] : [])]));
}

function describePod(w: DescribeWriter, pod: KubeObject): void {
  const node = str(at(pod, 'spec', 'nodeName'));
  const hostIp = str(at(pod, 'status', 'hostIP'));
  w.field(0, 'Node', node ? `${node}${hostIp ? `/${hostIp}` : ''}` : '<none>');
  w.field(0, 'Start Time', formatTime(at(pod, 'status', 'startTime')));
  w.field(0, 'Status', podStatus(pod));
  if (str(at(pod, 'status', 'reason'))) w.field(0, 'Reason', str(at(pod, 'status', 'reason')));
  if (str(at(pod, 'status', 'message'))) w.field(0, 'Message', str(at(pod, 'status', 'message')));
  w.field(0, 'IP', str(at(pod, 'status', 'podIP')) || '<none>');
  const statuses = list(at(pod, 'status', 'containerStatuses'));
  w.field(0, 'Containers', '');
  for (const c of containers(pod.spec)) container(w, 2, c, statuses.find((s) => at(s, 'name') === at(c, 'name')) ?? {});
  conditions(w, pod, false);
  w.field(0, 'Node-Selectors', formatMap(stringMap(at(pod, 'spec', 'nodeSelector'))));
}

function describeDeployment(w: DescribeWriter, d: KubeObject): void {
  const n = (path: string): number => num(at(d, 'status', path)) ?? 0;
  w.field(0, 'Selector', formatSelector(at(d, 'spec', 'selector')));
  w.field(0, 'Replicas', `${num(at(d, 'spec', 'replicas')) ?? 0} desired | ${n('updatedReplicas')} updated | ${n('replicas')} total | ${n('availableReplicas')} available | ${n('unavailableReplicas')} unavailable`);
  const strategy = str(at(d, 'spec', 'strategy', 'type')) || 'RollingUpdate';
  w.field(0, 'StrategyType', strategy);
  w.field(0, 'MinReadySeconds', num(at(d, 'spec', 'minReadySeconds')) ?? 0);
  if (strategy === 'RollingUpdate') {
    const ru = at(d, 'spec', 'strategy', 'rollingUpdate');
    w.field(0, 'RollingUpdateStrategy', `${str(at(ru, 'maxUnavailable')) ?? '25%'} max unavailable, ${str(at(ru, 'maxSurge')) ?? '25%'} max surge`);
  }
  w.field(0, 'Pod Template', '');
  w.map(2, 'Labels', stringMap(at(d, 'spec', 'template', 'metadata', 'labels')));
  w.field(2, 'Containers', '');
  for (const c of containers(at(d, 'spec', 'template', 'spec'))) container(w, 4, c, undefined);
  conditions(w, d, true);
}

function describeService(w: DescribeWriter, svc: KubeObject, endpoints: KubeObject | undefined): void {
  w.field(0, 'Selector', formatMap(stringMap(at(svc, 'spec', 'selector'))));
  w.field(0, 'Type', str(at(svc, 'spec', 'type')) || 'ClusterIP');
  w.field(0, 'IP', str(at(svc, 'spec', 'clusterIP')) || '<none>');
  const external = list(at(svc, 'spec', 'externalIPs')).map(String);
  if (external.length > 0) w.field(0, 'External IPs', external.join(','));
  const ingress = list(at(svc, 'status', 'loadBalancer', 'ingress')).map((i) => str(at(i, 'ip')) || str(at(i, 'hostname')) || '');
  if (ingress.length > 0) w.field(0, 'LoadBalancer Ingress', ingress.join(', '));
  const svcPorts = list(at(svc, 'spec', 'ports'));
  for (const p of svcPorts) {
    const name = str(at(p, 'name')) || '<unset>';
    const protocol = str(at(p, 'protocol')) || 'TCP';
    w.field(0, 'Port', `${name}  ${num(at(p, 'port')) ?? ''}/${protocol}`);
    w.field(0, 'TargetPort', `${str(at(p, 'targetPort')) ?? num(at(p, 'port')) ?? ''}/${protocol}`);
    if (num(at(p, 'nodePort'))) w.field(0, 'NodePort', `${name}  ${num(at(p, 'nodePort'))}/${protocol}`);
    w.field(0, 'Endpoints', portEndpoints(endpoints, svcPorts.length === 1 ? undefined : str(at(p, 'name'))));
  }
  w.field(0, 'Session Affinity', str(at(svc, 'spec', 'sessionAffinity')) || 'None');
}

/** The ip:port endpoints of the service port named `portName` (all of them when undefined). */
function portEndpoints(endpoints: KubeObject | undefined, portName: string | undefined): string {
  if (endpoints === undefined) return '<none>';
  const subsets = list(endpoints['subsets']).map((s) => ({
    ...record(s),
    ports: list(at(s, 'ports')).filter((p) => portName === undefined || (str(at(p, 'name')) ?? '') === portName),
  }));
  const all = endpointAddresses({ subsets });
  return all.length > 0 ? all.join(',') : '<none>';
}

function yamlSection(w: DescribeWriter, label: string, value: unknown): void {
  if (value === undefined) return;
  const empty = value === null || (typeof value === 'object' && Object.keys(value).length === 0);
  if (empty) return w.field(0, label, '<none>');
  w.field(0, label, '');
  w.text(2, toYaml(value));
}

/** Spec and status as YAML; for kinds without spec, their other fields (Secret values as sizes). */
function describeGeneric(w: DescribeWriter, obj: KubeObject): void {
  if (obj.kind === 'Secret') {
    w.field(0, 'Type', str(obj['type']) || 'Opaque');
    const data = record(obj['data']) ?? {};
    w.field(0, 'Data', Object.keys(data).length === 0 ? '<none>' : '');
    for (const [k, v] of Object.entries(data)) w.field(2, k, `${typeof v === 'string' ? Buffer.from(v, 'base64').length : 0} bytes`);
    return;
  }
  for (const [field, value] of Object.entries(obj)) {
    if (['apiVersion', 'kind', 'metadata'].includes(field)) continue;
    yamlSection(w, field.charAt(0).toUpperCase() + field.slice(1), value);
  }
}

function events(w: DescribeWriter, evs: readonly KubeObject[] | undefined, now: number): void {
  if (evs === undefined) return w.field(0, 'Events', '<unknown>');
  if (evs.length === 0) return w.field(0, 'Events', '<none>');
  // Timestamps have whole seconds; within one, the store's revision keeps the order they happened in.
  const revision = (e: KubeObject): number => Number(e.metadata.resourceVersion ?? 0) || 0;
  const sorted = [...evs].sort((a, b) => (timeOf(eventLastSeen(a)) ?? 0) - (timeOf(eventLastSeen(b)) ?? 0) || revision(a) - revision(b));
  w.field(0, 'Events', '');
  w.table(
    2,
    ['Type', 'Reason', 'Age', 'From', 'Message'],
    sorted.map((e) => [str(e['type']) || 'Normal', str(e['reason']) || '', eventAge(e, now), eventSource(e) || '<none>', (str(e['message']) ?? '').trim()]),
  );
}

/** The page `berth describe` prints for one object. */
export function describeObject(input: DescribeInput): string {
  const { object: obj } = input;
  const w = new DescribeWriter();
  header(w, obj);
  const kind = findKind(obj.kind)?.kind ?? obj.kind;
  if (kind === 'Pod') describePod(w, obj);
  else if (kind === 'Deployment') describeDeployment(w, obj);
  else if (kind === 'Service') describeService(w, obj, input.endpoints);
  else if (kind === 'Node') describeNode(w, obj, input);
  else describeGeneric(w, obj);
  if (kind !== 'Event') events(w, input.events, input.now);
  return w.render();
}
