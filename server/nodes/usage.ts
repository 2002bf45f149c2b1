// Resource usage as agents report it in heartbeats, kept only in the leader's memory.
import type { Heartbeat__Output } from '../../proto/gen/berth/v1/Heartbeat.js';
import type { ResourceUsage__Output } from '../../proto/gen/berth/v1/ResourceUsage.js';

export interface Usage {
  readonly cpuMillicores: number;
  readonly memoryBytes: number;
}

export interface PodUsageReport {
  readonly namespace: string;
  readonly name: string;
  readonly uid: string;
  readonly usage: Usage;
  readonly containers: readonly { readonly name: string; readonly usage: Usage }[];
  readonly node?: string;
}

export interface UsageReport {
  readonly node: Usage;
  readonly pods: readonly PodUsageReport[];
}

/** Most pods kept per node report: a bound on what one agent can make the leader hold. */
const MAX_PODS_PER_REPORT = 1024;
/** Most containers kept per pod. */
const MAX_CONTAINERS_PER_POD = 64;

function usageOf(u: ResourceUsage__Output | null | undefined): Usage {
  return { cpuMillicores: Number(u?.cpuMillicores ?? 0), memoryBytes: Number(u?.memoryBytes ?? 0) };
}

export function usageFromHeartbeat(hb: Heartbeat__Output): UsageReport {
  return {
    node: usageOf(hb.node),
    pods: hb.pods.slice(0, MAX_PODS_PER_REPORT).map((p) => ({
      namespace: p.namespace,
      name: p.name,
      uid: p.uid,
      usage: usageOf(p.usage),
      containers: p.containers.slice(0, MAX_CONTAINERS_PER_POD).map((c) => ({ name: c.name, usage: usageOf(c.usage) })),
    })),
  };
}
