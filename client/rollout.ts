// client.rollouts and client.scale: kubectl's rollout and scale verbs as SDK calls, made through
// any ObjectApi (the CLI passes its own client). Every change is read, changed and written back
// with the resourceVersion it was read at, and done again from a fresh read when someone else
// wrote in between, so that it never overwrites a change it did not see.
//
// History is kept the way Kubernetes keeps it: each template a Deployment had lives on in one of
// its ReplicaSets (owned by the Deployment's uid), numbered by the annotation
// deployment.kubernetes.io/revision. berth keeps no ControllerRevisions, so history and undo are
// for Deployments only.
import { bad, checkInt } from './call-options.js';
import { BerthError, ConflictError, NotFoundError, isBerthError } from './errors.js';
import type { KindInfo } from './objects/kinds.js';
import type { KubeObject, ObjectApi } from './objects/types.js';
import { REVISION_ANNOTATION, ROLLBACK_REASON_ANNOTATION, ROLLED_BACK_GENERATION_ANNOTATION, followRollout, rolloutKind } from './rollout-status.js';
import type { RolloutStatus, RolloutStatusOptions } from './rollout-status.js';

/** Why each revision was made, when whoever made it said so. */
export const CHANGE_CAUSE_ANNOTATION = 'kubernetes.io/change-cause';
/** Set on the pod template by `rollout restart`: a new value is a new template, so new pods. */
export const RESTARTED_AT_ANNOTATION = 'kubectl.kubernetes.io/restartedAt';
/** The label a Deployment's controller adds to each ReplicaSet's template. */
export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';
/** How often a change that met someone else's write is read and tried again. */
export const MAX_CONFLICT_RETRIES = 5;

/** The kinds `scale` changes. */
export const SCALABLE_KINDS: readonly string[] = ['Deployment', 'ReplicaSet', 'StatefulSet'];
/** The kinds `rollout restart` restarts. */
export const RESTARTABLE_KINDS: readonly string[] = ['Deployment', 'StatefulSet', 'DaemonSet'];

/**
 * Deployment annotations that belong to the Deployment, not to a template: an undo keeps the
 * Deployment's own and does not copy the ReplicaSet's (kubectl's list, and berth's own).
 */
const ANNOTATIONS_KEPT_ON_UNDO: ReadonlySet<string> = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  'berth.io/last-applied-configuration',
  REVISION_ANNOTATION,
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
  ROLLED_BACK_GENERATION_ANNOTATION,
  ROLLBACK_REASON_ANNOTATION,
]);

export interface RolloutOptions {
  /** @default "default" */
  namespace?: string;
}

export interface RolloutWriteOptions extends RolloutOptions {
  /** Check, but write nothing. */
  dryRun?: boolean;
}

export interface UndoOptions extends RolloutWriteOptions {
  /** The revision to go back to. @default the one before the current revision */
  toRevision?: number;
}

export interface RestartOptions extends RolloutWriteOptions {
  /** The time written into the template. @default the clock now */
  now?: Date;
}

export interface ScaleOptions {
  /** @default "default" */
  namespace?: string;
  /** Only if spec.replicas is this now; else ConflictError. */
  currentReplicas?: number;
  /** Only if the object's resourceVersion is this now; else ConflictError. */
  resourceVersion?: string;
  dryRun?: boolean;
}

/** One revision of a Deployment: the ReplicaSet that holds its template. */
export interface RolloutRevision {
  revision: number;
  /** The kubernetes.io/change-cause annotation of the ReplicaSet; null when it has none. */
  changeCause: string | null;
  /** The ReplicaSet's name. */
  replicaSet: string;
  /** Its pod template, without the pod-template-hash label. */
  template: Record<string, unknown>;
}

export interface RolloutHistory {
  kind: string;
  name: string;
  namespace: string;
  /** Oldest first. */
  revisions: RolloutRevision[];
}

export interface UndoResult {
  /** The revision whose template the Deployment has now. */
  revision: number;
  /** True when the Deployment had that template already: nothing was written. */
  skipped: boolean;
  /** The Deployment as written (or as read, when skipped). */
  object: KubeObject;
}

/** The object calls the rollout and scale calls make. */
export type RolloutApi = Pick<ObjectApi, 'get' | 'list' | 'update' | 'watch'>;

type Rec = Record<string, unknown>;

function specOf(obj: KubeObject): Rec {
  return obj.spec ?? {};
}

function templateOf(obj: KubeObject): Rec {
  const t = specOf(obj)['template'];
  return t !== null && typeof t === 'object' && !Array.isArray(t) ? (t as Rec) : {};
}

/** JSON with object keys sorted, so that equal values compare equal whatever their key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Rec)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Rec)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A pod template without the pod-template-hash label (and without labels when that was the only one). */
export function withoutHashLabel(template: Rec): Rec {
  const metadata = (template['metadata'] ?? {}) as Rec;
  const labels = { ...((metadata['labels'] ?? {}) as Record<string, string>) };
  if (!(POD_TEMPLATE_HASH_LABEL in labels)) return template;
  delete labels[POD_TEMPLATE_HASH_LABEL];
  const { labels: _gone, ...rest } = metadata;
  return { ...template, metadata: Object.keys(labels).length > 0 ? { ...rest, labels } : rest };
}

function revisionOf(obj: KubeObject): number | undefined {
  const text = obj.metadata.annotations?.[REVISION_ANNOTATION];
  return text !== undefined && /^\d+$/.test(text.trim()) ? Number(text) : undefined;
}

function ownedBy(obj: KubeObject, owner: KubeObject): boolean {
  const uid = owner.metadata.uid;
  return uid !== undefined && (obj.metadata.ownerReferences ?? []).some((r) => r.uid === uid && r.controller === true);
}

/** `deployment "web"`, for messages. */
function subject(kind: KindInfo, name: string): string {
  return `${kind.singular} "${name}"`;
}

/**
 * Reads the object, asks `change` for its new version (undefined: leave it as it is) and writes
 * that with the resourceVersion it read; a conflict starts over from a fresh read, up to
 * MAX_CONFLICT_RETRIES times. Returns the object written, or as read when `change` left it.
 */
export async function changeObject(
  api: Pick<ObjectApi, 'get' | 'update'>,
  kind: KindInfo,
  name: string,
  options: RolloutWriteOptions,
  change: (cur: KubeObject) => KubeObject | undefined | Promise<KubeObject | undefined>,
): Promise<{ object: KubeObject; changed: boolean }> {
  const namespace = options.namespace || 'default';
  for (let attempt = 0; ; attempt++) {
    const cur = await api.get(kind.kind, name, { namespace });
    const next = await change(cur);
    if (next === undefined) return { object: cur, changed: false };
    try {
      const written = await api.update({ ...next, metadata: { ...next.metadata, resourceVersion: cur.metadata.resourceVersion } }, { dryRun: options.dryRun ?? false });
      return { object: written, changed: true };
    } catch (err) {
      if (!isBerthError(err, 'CONFLICT') || attempt + 1 >= MAX_CONFLICT_RETRIES) throw err;
    }
  }
}

/**
 * kubectl scale: sets spec.replicas of a Deployment, ReplicaSet or StatefulSet. With
 * `currentReplicas` or `resourceVersion`, only if the object has those now: otherwise (or when it
 * changes before the write) ConflictError. Returns the object written.
 */
export async function scaleWorkload<T extends KubeObject = KubeObject>(
  api: Pick<ObjectApi, 'get' | 'update'>,
  kind: string,
  name: string,
  replicas: number,
  options: ScaleOptions = {},
): Promise<T> {
  const k = rolloutKind(kind, SCALABLE_KINDS, 'scale');
  const want = checkInt('replicas', replicas, 0);
  if (want === undefined) throw bad('replicas', 'is required', replicas);
  const current = checkInt('currentReplicas', options.currentReplicas, 0);
  const pinned = options.resourceVersion;
  // After a conflict the object is read afresh, so the preconditions are checked again: a
  // version pinned by the caller then no longer matches, and the call fails as it should.
  const res = await changeObject(api, k, name, options, (cur) => {
    const rv = cur.metadata.resourceVersion ?? '';
    if (pinned !== undefined && pinned !== rv) throw new ConflictError(`precondition failed for ${subject(k, name)}: expected resource version to be ${pinned}, was ${rv}`);
    const now = specOf(cur)['replicas'] ?? 1;
    if (current !== undefined && now !== current) throw new ConflictError(`precondition failed for ${subject(k, name)}: expected replicas to be ${current}, was ${String(now)}`);
    return { ...cur, spec: { ...specOf(cur), replicas: want } };
  });
  return res.object as T;
}

/** A revision and the ReplicaSet that holds it. */
interface Held {
  readonly revision: RolloutRevision;
  readonly replicaSet: KubeObject;
}

/** The revision to undo to: `to`, or the highest below the current one. */
function pickRevision(d: KubeObject, revisions: readonly Held[], to: number): Held {
  if (to > 0) {
    const found = revisions.find((r) => r.revision.revision === to);
    if (found === undefined) throw new NotFoundError(`unable to find specified revision ${to} in history`, { details: { revision: to } });
    return found;
  }
  const current = revisionOf(d) ?? Math.max(0, ...revisions.map((r) => r.revision.revision));
  const earlier = revisions.filter((r) => r.revision.revision < current);
  const previous = earlier[earlier.length - 1];
  if (previous === undefined) throw new BerthError('FAILED_PRECONDITION', `no rollout history found for deployment "${d.metadata.name ?? ''}" (no revision before ${current})`);
  return previous;
}

/** The Deployment's annotations after an undo: its own, with the ReplicaSet's (change-cause, ...) over them. */
function undoAnnotations(d: KubeObject, rs: KubeObject): Record<string, string> {
  const out = { ...d.metadata.annotations };
  for (const [k, v] of Object.entries(rs.metadata.annotations ?? {})) if (!ANNOTATIONS_KEPT_ON_UNDO.has(k)) out[k] = v;
  return out;
}

export class RolloutClient {
  constructor(private readonly api: RolloutApi) {}

  /**
   * kubectl rollout status, for Deployments, StatefulSets, DaemonSets, and Jobs (until they
   * complete): see followRollout in rollout-status.ts.
   */
  status(kind: string, name: string, options: RolloutStatusOptions = {}): Promise<RolloutStatus> {
    return followRollout(this.api, kind, name, options);
  }

  /** The revisions of a Deployment, oldest first: one per ReplicaSet it owns that has a revision. */
  async history(kind: string, name: string, options: RolloutOptions = {}): Promise<RolloutHistory> {
    const k = rolloutKind(kind, ['Deployment'], 'rollout history');
    const namespace = options.namespace || 'default';
    const d = await this.api.get(k.kind, name, { namespace });
    return { kind: k.kind, name, namespace, revisions: (await this.revisions(d)).map((r) => r.revision) };
  }

  /**
   * kubectl rollout undo: gives the Deployment the template of revision `toRevision` (default:
   * the one before the current revision), without the pod-template-hash label. Refused for a
   * paused Deployment; NOT_FOUND for a revision not in the history; skipped (nothing written)
   * when the Deployment has that template already.
   */
  async undo(kind: string, name: string, options: UndoOptions = {}): Promise<UndoResult> {
    const k = rolloutKind(kind, ['Deployment'], 'rollout undo');
    const to = checkInt('toRevision', options.toRevision, 0) ?? 0;
    let revision = 0;
    const res = await changeObject(this.api, k, name, options, async (d) => {
      if (specOf(d)['paused'] === true) {
        throw new BerthError('FAILED_PRECONDITION', `you cannot roll back a paused deployment; resume it first with "rollout resume deployment/${name}" and try again`);
      }
      const target = pickRevision(d, await this.revisions(d), to);
      revision = target.revision.revision;
      const template = target.revision.template;
      if (canonical(template) === canonical(withoutHashLabel(templateOf(d)))) return undefined;
      return { ...d, metadata: { ...d.metadata, annotations: undoAnnotations(d, target.replicaSet) }, spec: { ...specOf(d), template } };
    });
    return { revision, skipped: !res.changed, object: res.object };
  }

  /** Sets spec.paused: the Deployment controller stops rolling out changes. Already paused: FAILED_PRECONDITION. */
  pause(kind: string, name: string, options: RolloutWriteOptions = {}): Promise<KubeObject> {
    return this.setPaused(kind, name, true, options);
  }

  /** Clears spec.paused. Not paused: FAILED_PRECONDITION. */
  resume(kind: string, name: string, options: RolloutWriteOptions = {}): Promise<KubeObject> {
    return this.setPaused(kind, name, false, options);
  }

  /**
   * kubectl rollout restart: sets the template annotation kubectl.kubernetes.io/restartedAt to
   * now, so that every pod is replaced by a rollout. Refused for a paused Deployment.
   */
  async restart(kind: string, name: string, options: RestartOptions = {}): Promise<KubeObject> {
    const k = rolloutKind(kind, RESTARTABLE_KINDS, 'rollout restart');
    const at = (options.now ?? new Date()).toISOString().replace(/\.\d+Z$/, 'Z');
    const res = await changeObject(this.api, k, name, options, (cur) => {
      if (k.kind === 'Deployment' && specOf(cur)['paused'] === true) throw new BerthError('FAILED_PRECONDITION', `can't restart paused deployment (run "rollout resume deployment/${name}" first)`);
      const template = templateOf(cur);
      const metadata = (template['metadata'] ?? {}) as Rec;
      const annotations = { ...((metadata['annotations'] ?? {}) as Record<string, string>), [RESTARTED_AT_ANNOTATION]: at };
      return { ...cur, spec: { ...specOf(cur), template: { ...template, metadata: { ...metadata, annotations } } } };
    });
    return res.object;
  }

  private async setPaused(kind: string, name: string, paused: boolean, options: RolloutWriteOptions): Promise<KubeObject> {
    const k = rolloutKind(kind, ['Deployment'], paused ? 'rollout pause' : 'rollout resume');
    const res = await changeObject(this.api, k, name, options, (cur) => {
      if ((specOf(cur)['paused'] === true) === paused) throw new BerthError('FAILED_PRECONDITION', `${subject(k, name)} is ${paused ? 'already paused' : 'not paused'}`);
      return { ...cur, spec: { ...specOf(cur), paused } };
    });
    return res.object;
  }

  /** The Deployment's revisions with their ReplicaSets, oldest first. */
  private async revisions(d: KubeObject): Promise<Held[]> {
    const list = await this.api.list('ReplicaSet', { namespace: d.metadata.namespace ?? 'default' });
    const out: Held[] = [];
    for (const rs of list.items) {
      const revision = revisionOf(rs);
      if (revision === undefined || !ownedBy(rs, d)) continue;
      const changeCause = rs.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION] ?? null;
      out.push({ revision: { revision, changeCause, replicaSet: rs.metadata.name ?? '', template: withoutHashLabel(templateOf(rs)) }, replicaSet: rs });
    }
    return out.sort((a, b) => a.revision.revision - b.revision.revision);
  }
}
