// Pure helpers for the Node and Pod objects that node liveness writes: the Ready condition, the
// taints that say a node is unreachable, a registration merged into the stored Node, and how long
// a pod tolerates its node being gone. No I/O here.
import type { KubeObject } from '../../client/index.js';

/** Kubernetes' taint for a node the control plane cannot hear from. */
export const UNREACHABLE_TAINT = 'node.kubernetes.io/unreachable';
/** Kubernetes' taint for a node whose agent says it is not ready. */
export const NOT_READY_TAINT = 'node.kubernetes.io/not-ready';

interface Condition {
  type?: string;
  status?: string;
  lastHeartbeatTime?: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

interface Taint {
  key?: string;
  value?: string;
  effect?: string;
  timeAdded?: string;
}

interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

function conditionsOf(obj: KubeObject): Condition[] {
  const status = (obj.status ?? {}) as { conditions?: Condition[] };
  return Array.isArray(status.conditions) ? status.conditions : [];
}

/** The status of the node's Ready condition: 'True', 'False', 'Unknown', or undefined when it has none. */
export function readyStatus(node: KubeObject): string | undefined {
  return conditionsOf(node).find((c) => c.type === 'Ready')?.status;
}

/** `conditions` with the one of `type` set; lastTransitionTime moves only when the status changes. */
export function withCondition<C extends Condition>(conditions: readonly C[], next: C, now: string): C[] {
  const old = conditions.find((c) => c.type === next.type);
  const kept = old !== undefined && old.status === next.status ? old.lastTransitionTime : undefined;
  const merged = { ...next, lastTransitionTime: kept ?? now } as C;
  const out = conditions.filter((c) => c.type !== next.type);
  out.push(merged);
  return out.sort((a, b) => String(a.type).localeCompare(String(b.type)));
}

function taintsOf(node: KubeObject): Taint[] {
  const spec = (node.spec ?? {}) as { taints?: Taint[] };
  return Array.isArray(spec.taints) ? spec.taints : [];
}

function withoutLivenessTaints(taints: readonly Taint[]): Taint[] {
  return taints.filter((t) => t.key !== UNREACHABLE_TAINT && t.key !== NOT_READY_TAINT);
}

/**
 * The stored node (or a new one) after an agent registered: the agent's labels set over the
 * stored ones, its status (capacity, addresses, nodeInfo) taken whole, Ready=True, and the
 * unreachable taint gone. Only the conditions of the stored status are carried over.
 */
export function registeredNode(stored: KubeObject | undefined, reported: KubeObject, now: string): KubeObject {
  const base: KubeObject = stored ?? { apiVersion: 'v1', kind: 'Node', metadata: { name: reported.metadata.name } };
  const labels = { ...(base.metadata.labels ?? {}), ...(reported.metadata.labels ?? {}) };
  // The reported status replaces the stored one, but for the conditions.
  const withReported: KubeObject = { ...base, metadata: { ...base.metadata, labels }, status: { ...(reported.status ?? {}), conditions: conditionsOf(base) } };
  return readyNode(withReported, now);
}

/** The node with Ready=True and without the taints liveness adds: its agent is heard again. */
export function readyNode(node: KubeObject, now: string): KubeObject {
  const ready: Condition = { type: 'Ready', status: 'True', lastHeartbeatTime: now, reason: 'AgentReady', message: 'berth agent is posting ready status' };
  const taints = withoutLivenessTaints(taintsOf(node));
  const spec = { ...(node.spec ?? {}) } as Record<string, unknown>;
  if (taints.length > 0) spec['taints'] = taints;
  else delete spec['taints'];
  return { ...node, spec, status: { ...(node.status ?? {}), conditions: withCondition(conditionsOf(node), ready, now) } };
}

/** The node after its agent went silent: Ready=Unknown and the unreachable NoExecute taint. */
export function unreachableNode(node: KubeObject, now: string, silentMs: number): KubeObject {
  const seconds = (silentMs / 1000).toFixed(1);
  const cond: Condition = {
    type: 'Ready',
    status: 'Unknown',
    lastHeartbeatTime: conditionsOf(node).find((c) => c.type === 'Ready')?.lastHeartbeatTime ?? now,
    reason: 'NodeStatusUnknown',
    message: `berth agent stopped posting node status: nothing heard for ${seconds}s`,
  };
  const taints = [...withoutLivenessTaints(taintsOf(node)), { key: UNREACHABLE_TAINT, effect: 'NoExecute', timeAdded: now }];
  return {
    ...node,
    spec: { ...(node.spec ?? {}), taints },
    status: { ...(node.status ?? {}), conditions: withCondition(conditionsOf(node), cond, now) },
  };
}

/** The pod with Ready (and ContainersReady) False because its node stopped answering. */
export function podNotReady(pod: KubeObject, now: string): KubeObject {
  const base = conditionsOf(pod);
  let conditions = base;
  for (const type of ['Ready', 'ContainersReady']) {
    if (conditions.some((c) => c.type === type && c.status !== 'True')) continue;
    conditions = withCondition(conditions, { type, status: 'False', reason: 'NodeNotReady', message: 'the node of this pod stopped answering' }, now);
  }
  return conditions === base ? pod : { ...pod, status: { ...(pod.status ?? {}), conditions } };
}

function tolerates(t: Toleration, key: string): boolean {
  if (t.effect !== undefined && t.effect !== '' && t.effect !== 'NoExecute') return false;
  if (t.operator === 'Exists') return t.key === undefined || t.key === '' || t.key === key;
  return t.key === key;
}

/**
 * How long after its node became unreachable the pod is evicted: the tolerationSeconds of a
 * toleration of the unreachable taint (a toleration without it: never), else `defaultMs`.
 */
export function evictionDelayMs(pod: KubeObject, defaultMs: number): number {
  const spec = (pod.spec ?? {}) as { tolerations?: Toleration[] };
  const matching = (spec.tolerations ?? []).filter((t) => tolerates(t, UNREACHABLE_TAINT));
  if (matching.length === 0) return defaultMs;
  if (matching.some((t) => t.tolerationSeconds === undefined || t.tolerationSeconds === null)) return Infinity;
  return Math.max(0, Math.min(...matching.map((t) => Number(t.tolerationSeconds)))) * 1000;
}
