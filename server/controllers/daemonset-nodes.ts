// Which nodes a DaemonSet runs on, and the pod it runs there. Pure functions with Kubernetes'
// meaning: a node should run the daemon pod when it matches the template's nodeName, nodeSelector
// and required node affinity and the pod tolerates its NoSchedule and NoExecute taints; a pod
// already there may go on running while it tolerates the NoExecute ones. DaemonSet pods tolerate,
// as in Kubernetes, the taints of nodes that are not ready, unreachable, under pressure or
// cordoned, so a cordoned node keeps (and gets) its daemon pod.
//
// The pod names its node with a required node affinity (matchFields metadata.name In [node]) and
// the scheduler binds it, as Kubernetes' DaemonSet pods are placed by the default scheduler.
// Taints and tolerations mean what they mean to the scheduler (one shared implementation); the
// node affinity matching is the controller's own small copy of the scheduler's compiled one: the
// scheduler imports the controllers, so the controllers cannot import it back.
import type { KubeObject } from '../../client/index.js';
import { parseTaints, parseTolerations, toleratedBy } from '../api/objects/index.js';
import { CONTROLLER_REVISION_HASH_LABEL, podFromTemplate } from './objects.js';

type Rec = Record<string, unknown>;

export interface Eligibility {
  /** A pod should be made on the node. */
  readonly shouldRun: boolean;
  /** A pod already there may stay. */
  readonly shouldContinue: boolean;
}

/** A toleration as written in a pod spec. */
interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

/** The tolerations Kubernetes gives every DaemonSet pod (AddOrUpdateDaemonPodTolerations). */
export const DAEMON_TOLERATIONS: readonly Toleration[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
];
const NETWORK_UNAVAILABLE: Toleration = { key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' };

/** The template's tolerations with the daemon ones added (a same key and effect already there wins). */
export function withDaemonTolerations(spec: Rec): Toleration[] {
  const own = Array.isArray(spec.tolerations) ? (spec.tolerations as Toleration[]) : [];
  const extra = spec.hostNetwork === true ? [...DAEMON_TOLERATIONS, NETWORK_UNAVAILABLE] : DAEMON_TOLERATIONS;
  const out = [...own];
  for (const t of extra) {
    if (!own.some((o) => o.key === t.key && (o.effect ?? '') === t.effect && (o.operator ?? 'Equal') === t.operator)) out.push({ ...t });
  }
  return out;
}

/** Whether a taint with one of `effects` is not tolerated. */
function untolerated(tolerations: readonly Toleration[], rawTaints: unknown, effects: readonly string[]): boolean {
  const tols = parseTolerations(tolerations);
  return parseTaints(rawTaints).some((taint) => effects.includes(taint.effect) && !toleratedBy(tols, taint));
}

/** One label or field requirement on a value that may be absent; a requirement not understood fails. */
function requirementHolds(r: Rec, value: string | undefined): boolean {
  const values = Array.isArray(r.values) ? (r.values as unknown[]).map(String) : [];
  switch (r.operator) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
    case 'Lt': {
      const int = (s: string | undefined): number => (s !== undefined && /^[+-]?\d+$/.test(s) ? Number(s) : Number.NaN);
      const bound = values.length === 1 ? int(values[0]) : Number.NaN;
      const v = int(value);
      if (Number.isNaN(bound) || Number.isNaN(v)) return false;
      return r.operator === 'Gt' ? v > bound : v < bound;
    }
    default:
      return false;
  }
}

/** A nodeSelectorTerm: every expression and field requirement holds; an empty term matches nothing. */
function termMatches(term: Rec, name: string, labels: Record<string, string>): boolean {
  const exprs = Array.isArray(term.matchExpressions) ? (term.matchExpressions as Rec[]) : [];
  const flds = Array.isArray(term.matchFields) ? (term.matchFields as Rec[]) : [];
  if (exprs.length === 0 && flds.length === 0) return false;
  const label = (k: string): string | undefined => (Object.hasOwn(labels, k) ? labels[k] : undefined);
  return exprs.every((e) => requirementHolds(e, label(String(e.key)))) && flds.every((f) => f.key === 'metadata.name' && requirementHolds(f, name));
}

/** The template's nodeSelector and required node affinity against a node. */
export function nodeMatches(spec: Rec, node: KubeObject): boolean {
  const name = String(node.metadata.name);
  const labels = node.metadata.labels ?? {};
  const selector = (spec.nodeSelector ?? {}) as Record<string, unknown>;
  for (const [k, v] of Object.entries(selector)) if (labels[k] !== String(v)) return false;
  const required = ((((spec.affinity ?? {}) as Rec).nodeAffinity ?? {}) as Rec).requiredDuringSchedulingIgnoredDuringExecution as Rec | undefined;
  if (required === undefined || required === null) return true;
  const terms = Array.isArray(required.nodeSelectorTerms) ? (required.nodeSelectorTerms as Rec[]) : [];
  return terms.some((t) => termMatches(t, name, labels));
}

/** Whether `node` should run (or may keep) the daemon pod whose spec, with its tolerations, is `spec`. */
export function eligibility(spec: Rec, tolerations: readonly Toleration[], node: KubeObject): Eligibility {
  const nodeName = typeof spec.nodeName === 'string' ? spec.nodeName : '';
  if ((nodeName !== '' && nodeName !== node.metadata.name) || !nodeMatches(spec, node)) return { shouldRun: false, shouldContinue: false };
  const taints = ((node.spec ?? {}) as Rec).taints;
  if (!untolerated(tolerations, taints, ['NoSchedule', 'NoExecute'])) return { shouldRun: true, shouldContinue: true };
  return { shouldRun: false, shouldContinue: !untolerated(tolerations, taints, ['NoExecute']) };
}

/** The node a daemon pod is on, or is meant for while the scheduler has not bound it yet. */
export function targetNode(pod: KubeObject): string | undefined {
  const spec = (pod.spec ?? {}) as Rec;
  if (typeof spec.nodeName === 'string' && spec.nodeName !== '') return spec.nodeName;
  const required = ((((spec.affinity ?? {}) as Rec).nodeAffinity ?? {}) as Rec).requiredDuringSchedulingIgnoredDuringExecution as Rec | undefined;
  const terms = Array.isArray(required?.nodeSelectorTerms) ? (required.nodeSelectorTerms as Rec[]) : [];
  for (const t of terms) {
    for (const f of Array.isArray(t.matchFields) ? (t.matchFields as Rec[]) : []) {
      if (f.key === 'metadata.name' && f.operator === 'In' && Array.isArray(f.values) && f.values.length === 1) return String(f.values[0]);
    }
  }
  return undefined;
}

/**
 * The daemon pod for `node`: the template, its required node affinity replaced by one naming the
 * node (the node was checked against the template's own), and the daemon tolerations.
 */
export function newDaemonPod(ds: KubeObject, node: string, hash: string): KubeObject {
  return podFromTemplate(ds, undefined, {
    generateName: `${String(ds.metadata.name)}-`,
    labels: { [CONTROLLER_REVISION_HASH_LABEL]: hash },
    spec: (spec) => {
      const affinity = { ...((spec.affinity ?? {}) as Rec) };
      const nodeAffinity = { ...((affinity.nodeAffinity ?? {}) as Rec) };
      nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution = { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] }] };
      affinity.nodeAffinity = nodeAffinity;
      spec.affinity = affinity;
      spec.tolerations = withDaemonTolerations(spec);
    },
  });
}
