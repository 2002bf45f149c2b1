// A Deployment's revisions: which of its ReplicaSets is the new one (the one whose template equals
// the Deployment's, pod-template-hash aside), the revision numbers (new = highest old + 1, also
// for an old ReplicaSet that becomes new again after an undo), the annotations the new ReplicaSet
// carries, creating it (named `<deployment>-<hash>`, with collisionCount in the hash when the name
// is taken by another template), and deleting the oldest empty ReplicaSets beyond
// revisionHistoryLimit. Kubernetes' getAllReplicaSetsAndSyncRevision and cleanupDeployment.
import type { KubeObject } from '../../client/index.js';
import { BerthError, isBerthError } from '../../client/index.js';
import { controllerRef, isControlledBy, isTerminating, POD_TEMPLATE_HASH_LABEL, stableJson, templateHash } from './objects.js';
import { replicasOf } from './replicaset.js';
import type { DeploymentState, Rec } from './deployment-state.js';
import { writeDeployment } from './deployment-status.js';
import {
  byCreation,
  DEPLOYMENT,
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  newRSNewReplicas,
  REPLICA_SET,
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  revisionOf,
} from './deployment-state.js';

/** Set by the auto-rollback on the Deployment: the generation whose rollout was rolled back. */
export const ROLLED_BACK_GENERATION_ANNOTATION = 'berth.io/rolled-back-generation';
/** Set with ROLLED_BACK_GENERATION_ANNOTATION: why. */
export const ROLLBACK_REASON_ANNOTATION = 'berth.io/rollback-reason';

/** Deployment annotations that describe the Deployment itself and are not copied to its ReplicaSets. */
const NOT_COPIED = new Set([
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  'deprecated.deployment.rollback.to',
  ROLLED_BACK_GENERATION_ANNOTATION,
  ROLLBACK_REASON_ANNOTATION,
]);
/** Revision history kept on a ReplicaSet (comma-separated revisions), as Kubernetes bounds it. */
const MAX_REVISION_HISTORY_CHARS = 2000;
/** Kubernetes' default revisionHistoryLimit. */
const DEFAULT_REVISION_HISTORY_LIMIT = 10;

export function templateOf(obj: KubeObject): Rec {
  return ((obj.spec as Rec | undefined)?.template as Rec | undefined) ?? {};
}

/** A copy of `template` without the pod-template-hash label. */
export function withoutHash(template: Rec): Rec {
  const t = structuredClone(template);
  const meta = (t.metadata ?? {}) as Rec;
  const labels = meta.labels as Record<string, string> | undefined;
  if (labels !== undefined && POD_TEMPLATE_HASH_LABEL in labels) {
    delete labels[POD_TEMPLATE_HASH_LABEL];
    if (Object.keys(labels).length === 0) delete meta.labels;
  }
  return t;
}

export function equalIgnoreHash(a: Rec, b: Rec): boolean {
  return stableJson(withoutHash(a)) === stableJson(withoutHash(b));
}

/** The oldest ReplicaSet whose template is the Deployment's (Kubernetes' FindNewReplicaSet). */
export function findNewRS(d: KubeObject, rsList: readonly KubeObject[]): KubeObject | undefined {
  const want = stableJson(withoutHash(templateOf(d)));
  return [...rsList].sort(byCreation).find((rs) => stableJson(withoutHash(templateOf(rs))) === want);
}

function isCopied(key: string): boolean {
  return !NOT_COPIED.has(key) && !key.endsWith('last-applied-configuration');
}

/**
 * Kubernetes' SetNewReplicaSetAnnotations on `annotations` (changed in place): the Deployment's own
 * annotations (kubernetes.io/change-cause among them), the revision (raised to `newRevision`, the
 * revision it had kept in revision-history), and for a ReplicaSet about to be made its replica
 * counts. True when anything changed.
 */
export function setNewRSAnnotations(st: DeploymentState, annotations: Record<string, string>, newRevision: number, exists: boolean): boolean {
  let changed = false;
  for (const [k, v] of Object.entries(st.d.metadata.annotations ?? {})) {
    if (!isCopied(k) || annotations[k] === v) continue;
    annotations[k] = v;
    changed = true;
  }
  const had = annotations[REVISION_ANNOTATION];
  const old = Number.parseInt(had ?? '', 10) || 0;
  if (old < newRevision) {
    annotations[REVISION_ANNOTATION] = String(newRevision);
    changed = true;
    if (had !== undefined) {
      const history = annotations[REVISION_HISTORY_ANNOTATION];
      let next = history === undefined || history === '' ? had : `${history},${had}`;
      while (next.length > MAX_REVISION_HISTORY_CHARS && next.includes(',')) next = next.slice(next.indexOf(',') + 1);
      annotations[REVISION_HISTORY_ANNOTATION] = next;
    }
  }
  if (!exists) {
    annotations[DESIRED_REPLICAS_ANNOTATION] = String(st.replicas);
    annotations[MAX_REPLICAS_ANNOTATION] = String(st.replicas + st.maxSurge);
    changed = true;
  }
  return changed;
}

/**
 * Finds the new ReplicaSet and the old ones, syncs the new one's revision and annotations, and the
 * Deployment's revision; creates the new ReplicaSet when `create` and there is none.
 */
export async function syncRevision(st: DeploymentState, create: boolean): Promise<void> {
  if (st.revisionSynced && (st.newRS !== undefined || !create)) return;
  const newRS = findNewRS(st.d, st.rsList);
  st.oldRSs = st.rsList.filter((rs) => rs !== newRS);
  st.newRS = newRS;
  st.revisionSynced = true;
  const newRevision = st.oldRSs.reduce((m, rs) => Math.max(m, revisionOf(rs)), 0) + 1;
  if (newRS !== undefined) return syncExistingNewRS(st, newRS, newRevision);
  if (create) await createNewRS(st, newRevision);
}

async function syncExistingNewRS(st: DeploymentState, newRS: KubeObject, newRevision: number): Promise<void> {
  const annotations = { ...(newRS.metadata.annotations ?? {}) };
  const changed = setNewRSAnnotations(st, annotations, newRevision, true);
  const minReadyStale = ((newRS.spec as Rec | undefined)?.minReadySeconds ?? 0) !== st.minReadySeconds;
  let rs = newRS;
  if (changed || minReadyStale) {
    const out = await st.ctx.reg.modifyFrom(REPLICA_SET, newRS, (cur) => {
      const a = { ...(cur.metadata.annotations ?? {}) };
      setNewRSAnnotations(st, a, newRevision, true);
      return { ...cur, metadata: { ...cur.metadata, annotations: a }, spec: { ...cur.spec, minReadySeconds: st.minReadySeconds } };
    });
    rs = out.object;
    st.replace(rs);
  }
  st.revision = rs.metadata.annotations?.[REVISION_ANNOTATION] ?? st.revision;
  if (st.progressDeadlineSeconds !== undefined && st.condition('Progressing') === undefined) {
    st.setCondition('Progressing', 'True', 'FoundNewReplicaSet', `Found new replica set "${String(rs.metadata.name)}"`);
  }
}

/** The ReplicaSet that would run `d`'s template, named by its hash (with collisionCount). */
function newReplicaSet(st: DeploymentState): KubeObject {
  const d = st.d;
  const base = withoutHash(templateOf(d));
  const hash = templateHash(base, Number(st.status.collisionCount ?? 0));
  const template = structuredClone(base);
  const tmeta = (template.metadata ?? {}) as Rec;
  tmeta.labels = { ...((tmeta.labels as Record<string, string> | undefined) ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash };
  template.metadata = tmeta;
  const selector = structuredClone(((d.spec as Rec | undefined)?.selector ?? {}) as Rec);
  selector.matchLabels = { ...((selector.matchLabels as Record<string, string> | undefined) ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash };
  return {
    apiVersion: REPLICA_SET.apiVersion,
    kind: REPLICA_SET.kind,
    metadata: {
      name: `${st.name}-${hash}`,
      namespace: d.metadata.namespace,
      labels: { ...(tmeta.labels as Record<string, string>) },
      annotations: {},
      ownerReferences: [controllerRef(d)],
    },
    spec: { replicas: 0, minReadySeconds: st.minReadySeconds, selector, template },
  };
}

async function createNewRS(st: DeploymentState, newRevision: number): Promise<void> {
  const rs = newReplicaSet(st);
  const replicas = newRSNewReplicas(st, rs, [...st.oldRSs, rs]);
  (rs.spec as Rec).replicas = replicas;
  setNewRSAnnotations(st, rs.metadata.annotations!, newRevision, false);
  const name = String(rs.metadata.name);
  let made: KubeObject;
  let existed = false;
  try {
    made = await st.ctx.reg.create(rs);
  } catch (err) {
    if (!isBerthError(err, 'ALREADY_EXISTS')) return failedCreate(st, name, err);
    made = await sameOrCollision(st, rs);
    existed = true;
  }
  st.newRS = made;
  st.rsList = [...st.rsList.filter((x) => x.metadata.uid !== made.metadata.uid), made];
  if (!existed && replicas > 0) st.ctx.events.record(st.d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${name} to ${replicas}`);
  st.revision = made.metadata.annotations?.[REVISION_ANNOTATION] ?? String(newRevision);
  if (!existed && st.progressDeadlineSeconds !== undefined) st.setCondition('Progressing', 'True', 'NewReplicaSetCreated', `Created new replica set "${name}"`);
}

/**
 * The name is taken. If by this Deployment's ReplicaSet of the same template (a slow informer), it
 * is the new one; otherwise the hash collided: collisionCount goes up (written now) and the
 * reconcile is retried, which hashes again.
 */
async function sameOrCollision(st: DeploymentState, rs: KubeObject): Promise<KubeObject> {
  const existing = await st.ctx.reg.get(REPLICA_SET, rs.metadata.namespace, String(rs.metadata.name));
  if (isControlledBy(existing, st.d) && equalIgnoreHash(templateOf(existing), templateOf(st.d))) return existing;
  const collisionCount = Number(st.status.collisionCount ?? 0) + 1;
  await st.ctx.reg.modifyFrom(DEPLOYMENT, st.d, (cur) => ({
    ...cur,
    status: { ...cur.status, collisionCount: Math.max(collisionCount, Number((cur.status as Rec | undefined)?.collisionCount ?? 0)) },
  }));
  throw new BerthError('CONFLICT', `ReplicaSet name ${String(rs.metadata.name)} is taken by another template; collisionCount is now ${collisionCount}`);
}

async function failedCreate(st: DeploymentState, name: string, err: unknown): Promise<never> {
  const msg = `Failed to create new replica set "${name}": ${err instanceof Error ? err.message : String(err)}`;
  if (st.progressDeadlineSeconds !== undefined) st.setCondition('Progressing', 'False', 'ReplicaSetCreateError', msg);
  st.ctx.events.record(st.d, 'Warning', 'FailedCreate', msg);
  // Reported in the Deployment's status before the retry, as Kubernetes does.
  await writeDeployment(st);
  throw err;
}

/**
 * Deletes the oldest old ReplicaSets beyond revisionHistoryLimit, only those scaled to 0 with no
 * pod left and their status caught up (Kubernetes' cleanupDeployment).
 */
export async function cleanupHistory(st: DeploymentState): Promise<void> {
  const raw = (st.d.spec as Rec | undefined)?.revisionHistoryLimit;
  const limit = typeof raw === 'number' ? raw : DEFAULT_REVISION_HISTORY_LIMIT;
  const cleanable = st.oldRSs.filter((rs) => !isTerminating(rs));
  const diff = cleanable.length - limit;
  if (diff <= 0) return;
  const oldestFirst = [...cleanable].sort((a, b) => revisionOf(a) - revisionOf(b) || byCreation(a, b));
  for (const rs of oldestFirst.slice(0, diff)) {
    const status = (rs.status ?? {}) as Rec;
    const caughtUp = Number(status.observedGeneration ?? 0) >= Number(rs.metadata.generation ?? 0);
    if (replicasOf(rs) !== 0 || Number(status.replicas ?? 0) !== 0 || !caughtUp || st.podsOf(rs).length > 0) continue;
    try {
      await st.ctx.reg.delete(REPLICA_SET, rs.metadata.namespace, String(rs.metadata.name), { uid: rs.metadata.uid });
      st.ctx.logger.debug({ deployment: st.name, replicaSet: rs.metadata.name }, 'deleted an old ReplicaSet beyond revisionHistoryLimit');
    } catch (err) {
      if (!isBerthError(err, 'NOT_FOUND')) throw err;
    }
  }
}
