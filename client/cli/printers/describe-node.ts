// `berth describe node`: roles, taints, whether it takes new pods, its conditions, addresses,
// capacity and allocatable resources, system info, the pods on it with their requests and limits,
// what those add up to, and (when the leader knows it) its current usage.
import type { KubeObject } from '../../index.js';
import { age } from './age.js';
import { nodeRoles } from './cluster.js';
import type { DescribeWriter } from './describe-writer.js';
import { at, containers, list, record, str, stringMap } from './fields.js';
import { cpuQuantity, formatMebibytes, formatMillicores, memoryQuantity, parseQuantity, percentOf } from './quantity.js';

interface NodeExtras {
  readonly pods?: readonly KubeObject[];
  readonly usage?: { readonly cpuMillicores: number; readonly memoryBytes: number };
  readonly now: number;
}

const SYSTEM_INFO: readonly (readonly [string, string])[] = [
  ['Machine ID', 'machineID'],
  ['System UUID', 'systemUUID'],
  ['Boot ID', 'bootID'],
  ['Kernel Version', 'kernelVersion'],
  ['OS Image', 'osImage'],
  ['Operating System', 'operatingSystem'],
  ['Architecture', 'architecture'],
  ['Container Runtime Version', 'containerRuntimeVersion'],
  ['Kubelet Version', 'kubeletVersion'],
];

function taints(node: KubeObject): string[] {
  return list(at(node, 'spec', 'taints')).map((t) => {
    const value = str(at(t, 'value'));
    return `${str(at(t, 'key')) ?? ''}${value ? `=${value}` : ''}:${str(at(t, 'effect')) ?? ''}`;
  });
}

function resourceMap(w: DescribeWriter, label: string, m: Record<string, string>): void {
  if (Object.keys(m).length === 0) return w.field(0, label, '<none>');
  w.field(0, label, '');
  for (const [k, v] of Object.entries(m)) w.field(2, k, v);
}

/** The sum over a pod's containers of one resource's requests or limits, in base units. */
function podResource(pod: KubeObject, field: 'requests' | 'limits', resource: 'cpu' | 'memory'): number {
  return containers(pod.spec).reduce<number>((sum, c) => sum + (parseQuantity(at(c, 'resources', field, resource)) ?? 0), 0);
}

function cpuCell(cores: number, allocatable: number | undefined): string {
  const p = percentOf(cores, allocatable);
  return `${cpuQuantity(Math.round(cores * 1000))}${p !== undefined ? ` (${p}%)` : ''}`;
}

function memoryCell(bytes: number, allocatable: number | undefined): string {
  const p = percentOf(bytes, allocatable);
  return `${memoryQuantity(bytes)}${p !== undefined ? ` (${p}%)` : ''}`;
}

function podsSection(w: DescribeWriter, node: KubeObject, pods: readonly KubeObject[], now: number): void {
  const cpu = parseQuantity(at(node, 'status', 'allocatable', 'cpu'));
  const memory = parseQuantity(at(node, 'status', 'allocatable', 'memory'));
  w.field(0, 'Non-terminated Pods', `(${pods.length} in total)`);
  w.table(
    2,
    ['Namespace', 'Name', 'CPU Requests', 'CPU Limits', 'Memory Requests', 'Memory Limits', 'Age'],
    pods.map((p) => [
      p.metadata.namespace ?? '',
      p.metadata.name ?? '',
      cpuCell(podResource(p, 'requests', 'cpu'), cpu),
      cpuCell(podResource(p, 'limits', 'cpu'), cpu),
      memoryCell(podResource(p, 'requests', 'memory'), memory),
      memoryCell(podResource(p, 'limits', 'memory'), memory),
      age(p.metadata.creationTimestamp, now),
    ]),
  );
  const total = (field: 'requests' | 'limits', r: 'cpu' | 'memory'): number => pods.reduce((sum, p) => sum + podResource(p, field, r), 0);
  w.field(0, 'Allocated resources', '');
  w.table(2, ['Resource', 'Requests', 'Limits'], [
    ['cpu', cpuCell(total('requests', 'cpu'), cpu), cpuCell(total('limits', 'cpu'), cpu)],
    ['memory', memoryCell(total('requests', 'memory'), memory), memoryCell(total('limits', 'memory'), memory)],
  ]);
}

function usageSection(w: DescribeWriter, node: KubeObject, usage: NonNullable<NodeExtras['usage']>): void {
  const cpu = percentOf(usage.cpuMillicores, (parseQuantity(at(node, 'status', 'allocatable', 'cpu')) ?? 0) * 1000);
  const memory = percentOf(usage.memoryBytes, parseQuantity(at(node, 'status', 'allocatable', 'memory')));
  w.field(0, 'Usage', '');
  w.field(2, 'cpu', `${formatMillicores(usage.cpuMillicores)}${cpu !== undefined ? ` (${cpu}%)` : ''}`);
  w.field(2, 'memory', `${formatMebibytes(usage.memoryBytes)}${memory !== undefined ? ` (${memory}%)` : ''}`);
}

/** The sections of a Node, after the common header. */
export function describeNode(w: DescribeWriter, node: KubeObject, extras: NodeExtras): void {
  w.field(0, 'Roles', nodeRoles(node));
  w.values(0, 'Taints', taints(node));
  w.field(0, 'Unschedulable', at(node, 'spec', 'unschedulable') === true ? 'true' : 'false');
  const cs = list(at(node, 'status', 'conditions'));
  if (cs.length === 0) w.field(0, 'Conditions', '<none>');
  else {
    w.field(0, 'Conditions', '');
    w.table(
      2,
      ['Type', 'Status', 'LastHeartbeatTime', 'LastTransitionTime', 'Reason', 'Message'],
      cs.map((c) => ['type', 'status', 'lastHeartbeatTime', 'lastTransitionTime', 'reason', 'message'].map((f) => str(at(c, f)) || (f.endsWith('Time') ? '<unknown>' : ''))),
    );
  }
  const addresses = list(at(node, 'status', 'addresses'));
  if (addresses.length === 0) w.field(0, 'Addresses', '<none>');
  else {
    w.field(0, 'Addresses', '');
    for (const a of addresses) w.field(2, str(at(a, 'type')) ?? '', str(at(a, 'address')) ?? '');
  }
  resourceMap(w, 'Capacity', stringMap(at(node, 'status', 'capacity')));
  resourceMap(w, 'Allocatable', stringMap(at(node, 'status', 'allocatable')));
  const info = record(at(node, 'status', 'nodeInfo'));
  if (info === undefined) w.field(0, 'System Info', '<none>');
  else {
    w.field(0, 'System Info', '');
    for (const [label, f] of SYSTEM_INFO) if (str(info[f])) w.field(2, label, str(info[f]));
  }
  if (extras.pods !== undefined) podsSection(w, node, extras.pods, extras.now);
  if (extras.usage !== undefined) usageSection(w, node, extras.usage);
}
