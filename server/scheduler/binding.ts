// The scheduler's writes to a pod, as pure changes for ObjectRegistry.modifyFrom: the binding
// (spec.nodeName and PodScheduled=True), and the unschedulable status (PodScheduled=False with
// the reasons, and the node a preemption nominated). Each leaves the pod unchanged when it is no
// longer what the scheduler decided about: another incarnation, already bound (someone else
// decided), or being deleted.
import type { KubeObject } from '../../client/index.js';
import { nodeNameOf } from './pod-info.js';

export const POD_SCHEDULED = 'PodScheduled';
export const REASON_UNSCHEDULABLE_POD = 'Unschedulable';

interface Condition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
  lastProbeTime?: string;
  lastTransitionTime?: string;
}

function conditionsOf(pod: KubeObject): Condition[] {
  const c = (pod.status as { conditions?: unknown } | undefined)?.conditions;
  return Array.isArray(c) ? (c as Condition[]) : [];
}

/** The pod's PodScheduled condition, if any. */
export function scheduledCondition(pod: KubeObject): Condition | undefined {
  return conditionsOf(pod).find((c) => c.type === POD_SCHEDULED);
}

/** `conditions` with PodScheduled replaced; the transition time moves only with the status. */
function withScheduled(pod: KubeObject, next: Condition, now: string): Condition[] {
  const old = scheduledCondition(pod);
  const lastTransitionTime = old !== undefined && old.status === next.status && old.lastTransitionTime !== undefined ? old.lastTransitionTime : now;
  const out = conditionsOf(pod).filter((c) => c.type !== POD_SCHEDULED);
  out.push({ type: POD_SCHEDULED, ...next, lastTransitionTime });
  return out;
}

/** Whether `cur` is still the pod the scheduler decided about, unbound and not being deleted. */
function stillPending(cur: KubeObject, uid: string): boolean {
  return cur.metadata.uid === uid && nodeNameOf(cur) === '' && cur.metadata.deletionTimestamp === undefined;
}

/** Binds the pod to `node` (unless someone else decided first). */
export function bindChange(uid: string, node: string, now: string): (cur: KubeObject) => KubeObject {
  return (cur) => {
    if (!stillPending(cur, uid)) return cur;
    const status: Record<string, unknown> = { ...(cur.status ?? {}), conditions: withScheduled(cur, { status: 'True' }, now) };
    delete status['nominatedNodeName'];
    return { ...cur, spec: { ...(cur.spec ?? {}), nodeName: node }, status };
  };
}

/** Says why the pod is not scheduled, and which node it was nominated to after preempting there. */
export function unschedulableChange(uid: string, message: string, nominated: string | undefined, now: string): (cur: KubeObject) => KubeObject {
  return (cur) => {
    if (!stillPending(cur, uid)) return cur;
    const conditions = withScheduled(cur, { status: 'False', reason: REASON_UNSCHEDULABLE_POD, message }, now);
    const status: Record<string, unknown> = { ...(cur.status ?? {}), conditions };
    if (nominated !== undefined) status['nominatedNodeName'] = nominated;
    return { ...cur, status };
  };
}

/** Whether writing `message` (and `nominated`) would change what the pod says already. */
export function unschedulableDiffers(pod: KubeObject, message: string, nominated: string | undefined): boolean {
  const c = scheduledCondition(pod);
  if (c?.status !== 'False' || c.message !== message) return true;
  return nominated !== undefined && (pod.status as { nominatedNodeName?: unknown } | undefined)?.nominatedNodeName !== nominated;
}
