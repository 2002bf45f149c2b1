// A StatefulSet pod's identity: its ordinal, name, labels, hostname, claims and the node its claims
// live on. Pure functions, so that the controller (statefulset.ts) and its tests share one meaning.
//
// berth's persistent volumes are node-local: a claim is a directory on the node where the pod that
// first used it ran. The StatefulSet remembers that node per claim in an annotation of its own
// (`volumes.berth.io/<claimName>`, written when the ordinal's pod is first seen bound), and pins
// every later pod of the ordinal to it with a required node affinity. A pod whose node is gone for
// good therefore stays Pending, as a Kubernetes pod of a local PersistentVolume does: the data is
// on that node and nowhere else. Removing the annotation (and the Pending pod) lets the ordinal
// start afresh elsewhere, without its data.
import { createHash } from 'node:crypto';
import type { KubeObject } from '../../client/index.js';
import { CONTROLLER_REVISION_HASH_LABEL, podFromTemplate, templateHash } from './objects.js';

type Rec = Record<string, unknown>;

export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';
/** The prefix of the annotations that say which node holds a claim's directory. */
export const CLAIM_NODE_PREFIX = 'volumes.berth.io/';
/** The longest name part of an annotation key (after the prefix and "/"). */
const MAX_KEY_NAME = 63;
/** The longest label value: a revision name longer than this is the hash alone. */
const MAX_LABEL_VALUE = 63;

export interface StatefulSetShape {
  readonly name: string;
  readonly replicas: number;
  readonly start: number;
  readonly serviceName: string;
  readonly parallel: boolean;
  readonly onDelete: boolean;
  readonly partition: number;
  readonly maxUnavailable: unknown;
  readonly minReadySeconds: number;
  readonly claimTemplates: readonly string[];
  readonly whenScaledDelete: boolean;
}

const num = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);

/** The fields of a StatefulSet the controller acts on, with Kubernetes' defaults. */
export function shapeOf(sts: KubeObject): StatefulSetShape {
  const spec = (sts.spec ?? {}) as Rec;
  const strategy = (spec.updateStrategy ?? {}) as Rec;
  const rolling = (strategy.rollingUpdate ?? {}) as Rec;
  const retention = (spec.persistentVolumeClaimRetentionPolicy ?? {}) as Rec;
  const claims = Array.isArray(spec.volumeClaimTemplates) ? (spec.volumeClaimTemplates as Rec[]) : [];
  return {
    name: String(sts.metadata.name),
    replicas: Math.max(0, num(spec.replicas, 1)),
    start: Math.max(0, num((spec.ordinals as Rec | undefined)?.start, 0)),
    serviceName: typeof spec.serviceName === 'string' ? spec.serviceName : '',
    parallel: spec.podManagementPolicy === 'Parallel',
    onDelete: strategy.type === 'OnDelete',
    partition: Math.max(0, num(rolling.partition, 0)),
    maxUnavailable: rolling.maxUnavailable,
    minReadySeconds: Math.max(0, num(spec.minReadySeconds, 0)),
    claimTemplates: claims.map((c) => String(((c.metadata ?? {}) as Rec).name ?? '')).filter((n) => n !== ''),
    whenScaledDelete: retention.whenScaled === 'Delete',
  };
}

/**
 * The revision of the StatefulSet's template: `<sts>-<hash>`, as Kubernetes names a
 * ControllerRevision, and the value of its pods' controller-revision-hash label. berth has no
 * ControllerRevision kind: a revision is this name only, the old templates are not kept, and so
 * `rollout undo` of a StatefulSet is not supported.
 */
export function revisionOf(sts: KubeObject): string {
  const collisions = num((sts.status as Rec | undefined)?.collisionCount, 0);
  const hash = templateHash((sts.spec as Rec | undefined)?.template ?? {}, collisions);
  const name = `${String(sts.metadata.name)}-${hash}`;
  return name.length <= MAX_LABEL_VALUE ? name : hash;
}

export function podRevision(pod: KubeObject): string | undefined {
  return pod.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL];
}

export function podName(sts: string, ordinal: number): string {
  return `${sts}-${ordinal}`;
}

/** The ordinal of a pod of `sts` by its name, or -1 when the name is not `<sts>-<n>`. */
export function ordinalOf(sts: string, pod: KubeObject): number {
  const name = String(pod.metadata.name ?? '');
  if (!name.startsWith(`${sts}-`)) return -1;
  const rest = name.slice(sts.length + 1);
  return /^(0|[1-9]\d{0,8})$/.test(rest) ? Number(rest) : -1;
}

export function claimName(template: string, sts: string, ordinal: number): string {
  return `${template}-${sts}-${ordinal}`;
}

/**
 * The annotation key that holds the node of `claim`. A claim name too long for the name part of
 * a key keeps its start, then a hash of the whole name, then its ordinal (every claim name ends
 * in `-<ordinal>`), so that the ordinal of any key can still be read back.
 */
export function claimNodeKey(claim: string): string {
  if (claim.length <= MAX_KEY_NAME) return `${CLAIM_NODE_PREFIX}${claim}`;
  const m = /-(\d+)$/.exec(claim);
  const ordinal = m?.[1] ?? '';
  const hash = createHash('sha256').update(claim).digest('hex').slice(0, 10);
  const tail = `-${hash}${ordinal === '' ? '' : `-${ordinal}`}`;
  return `${CLAIM_NODE_PREFIX}${claim.slice(0, MAX_KEY_NAME - tail.length)}${tail}`;
}

/** The ordinal a claim-node annotation key ends with, if it is one. */
export function ordinalOfClaimKey(key: string): number | undefined {
  if (!key.startsWith(CLAIM_NODE_PREFIX)) return undefined;
  const m = /-(\d+)$/.exec(key);
  return m === null ? undefined : Number(m[1]);
}

/** The claim-node annotation keys of one ordinal. */
export function claimKeysOf(shape: StatefulSetShape, ordinal: number): string[] {
  return shape.claimTemplates.map((t) => claimNodeKey(claimName(t, shape.name, ordinal)));
}

/** The nodes the claims of `ordinal` live on (one, normally), from the StatefulSet's annotations. */
export function claimNodes(sts: KubeObject, shape: StatefulSetShape, ordinal: number): string[] {
  const ann = sts.metadata.annotations ?? {};
  const nodes = new Set<string>();
  for (const key of claimKeysOf(shape, ordinal)) {
    const node = ann[key];
    if (typeof node === 'string' && node !== '') nodes.add(node);
  }
  return [...nodes];
}

/** Whether `pod` mounts `claim` (a pod made by this controller always does). */
function usesClaim(pod: KubeObject, claim: string): boolean {
  const volumes = ((pod.spec as Rec | undefined)?.volumes ?? []) as Rec[];
  return Array.isArray(volumes) && volumes.some((v) => ((v.persistentVolumeClaim ?? {}) as Rec).claimName === claim);
}

/**
 * The annotations to add: for each bound pod of an ordinal, the node of each of its claims not yet
 * remembered. The first binding wins; a later one never moves a claim.
 */
export function claimNodesToRecord(sts: KubeObject, shape: StatefulSetShape, pods: readonly KubeObject[]): Record<string, string> {
  const ann = sts.metadata.annotations ?? {};
  const out: Record<string, string> = {};
  for (const pod of pods) {
    const node = (pod.spec as Rec | undefined)?.nodeName;
    const ordinal = ordinalOf(shape.name, pod);
    if (typeof node !== 'string' || node === '' || ordinal < 0) continue;
    for (const t of shape.claimTemplates) {
      const claim = claimName(t, shape.name, ordinal);
      const key = claimNodeKey(claim);
      if (ann[key] === undefined && usesClaim(pod, claim)) out[key] = node;
    }
  }
  return out;
}

/**
 * The claim-node annotations to drop under whenScaled: Delete: those of ordinals outside the
 * wanted range whose pod is gone. The claim's directory stays on its node (berth never removes
 * claim data); the ordinal, when it comes back, starts anywhere with a fresh directory.
 *
 * whenDeleted needs nothing here: the annotations go with the StatefulSet, whatever the policy.
 * So, unlike Kubernetes' Retain, a StatefulSet made again under the same name does not find its
 * claims: its pods start anywhere, and one that lands on its old claim's node finds the data.
 */
export function claimKeysToRelease(sts: KubeObject, shape: StatefulSetShape, liveOrdinals: ReadonlySet<number>): string[] {
  if (!shape.whenScaledDelete) return [];
  const out: string[] = [];
  const wanted = (o: number): boolean => o >= shape.start && o < shape.start + shape.replicas;
  for (const key of Object.keys(sts.metadata.annotations ?? {})) {
    const ordinal = ordinalOfClaimKey(key);
    if (ordinal === undefined || wanted(ordinal) || liveOrdinals.has(ordinal)) continue;
    if (claimKeysOf(shape, ordinal).includes(key)) out.push(key);
  }
  return out;
}

/** `terms` each narrowed to `nodes` (terms are ORed: the pin must hold in every one). */
function pinnedTerms(terms: unknown, nodes: readonly string[]): Rec[] {
  const pin = nodes.map((n) => ({ key: 'metadata.name', operator: 'In', values: [n] }));
  const list = Array.isArray(terms) && terms.length > 0 ? (terms as Rec[]) : [{}];
  return list.map((t) => ({ ...t, matchFields: [...((t.matchFields as Rec[] | undefined) ?? []), ...pin] }));
}

/** Adds a required node affinity to `nodes` to a pod spec, keeping what the template asked. */
export function pinToNodes(spec: Rec, nodes: readonly string[]): void {
  if (nodes.length === 0) return;
  const affinity = { ...((spec.affinity ?? {}) as Rec) };
  const nodeAffinity = { ...((affinity.nodeAffinity ?? {}) as Rec) };
  const required = { ...((nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution ?? {}) as Rec) };
  required.nodeSelectorTerms = pinnedTerms(required.nodeSelectorTerms, nodes);
  nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution = required;
  affinity.nodeAffinity = nodeAffinity;
  spec.affinity = affinity;
}

/** The volumes of an ordinal's pod: the template's, with each claim template as its claim. */
function withClaimVolumes(volumes: unknown, shape: StatefulSetShape, ordinal: number): Rec[] {
  const claims = new Map(shape.claimTemplates.map((t) => [t, { name: t, persistentVolumeClaim: { claimName: claimName(t, shape.name, ordinal) } }]));
  const out: Rec[] = [];
  for (const v of Array.isArray(volumes) ? (volumes as Rec[]) : []) {
    const claim = claims.get(String(v.name));
    out.push(claim ?? v);
    claims.delete(String(v.name));
  }
  return [...out, ...claims.values()];
}

/** The pod of `ordinal`, at `revision`, pinned to the node its claims live on (if known). */
export function newStatefulSetPod(sts: KubeObject, shape: StatefulSetShape, ordinal: number, revision: string): KubeObject {
  const name = podName(shape.name, ordinal);
  const nodes = claimNodes(sts, shape, ordinal);
  return podFromTemplate(sts, undefined, {
    name,
    labels: { [CONTROLLER_REVISION_HASH_LABEL]: revision, [POD_NAME_LABEL]: name, [POD_INDEX_LABEL]: String(ordinal) },
    spec: (spec) => {
      spec.hostname = name;
      if (shape.serviceName !== '') spec.subdomain = shape.serviceName;
      if (shape.claimTemplates.length > 0) spec.volumes = withClaimVolumes(spec.volumes, shape, ordinal);
      pinToNodes(spec, nodes);
    },
  });
}
