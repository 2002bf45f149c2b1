// The ReplicaSet controller: keeps spec.replicas active pods made from spec.template. Terminating
// and finished pods do not count, so a pod evicted from a dead node (which stays Terminating until
// its agent or a force delete removes it) is replaced at once. It adopts orphan pods its selector
// matches and releases owned pods it no longer matches, as Kubernetes' ControllerRefManager does.
// Pods are created in slow-start batches (1, 2, 4, ...), so a template the API rejects (invalid, over
// quota) fails after one attempt, not a hundred; surplus pods go in Kubernetes' order, the least
// useful first. One reconcile acts on one look at the informers; the manager runs the next only
// once the informers show this one's writes, so no pod is ever created twice.
//
// The claim helpers here (adopt and release by controller reference) serve the Deployment
// controller too, which claims ReplicaSets the same way.
import type { KindInfo, KubeObject } from '../../client/index.js';
import { isBerthError, resolveKind } from '../../client/index.js';
import { timestamp } from '../api/index.js';
import type { LabelMatcher } from '../api/objects/index.js';
import {
  controllerOf,
  controllerRef,
  inParallel,
  isControlledBy,
  isPodActive,
  isPodAvailable,
  isPodReady,
  isTerminating,
  msUntilAvailable,
  podFromTemplate,
  podPhase,
  selectorOf,
  stableJson,
} from './objects.js';
import type { ControllerContext, ControllerSpec, InformerEvent, InformerView, Reconciler, ReconcileResult } from './types.js';
import { keyOf, splitKey } from './types.js';

const RS = resolveKind('ReplicaSet');
const POD = resolveKind('Pod');

/**
 * Pods one reconcile creates or deletes at most (Kubernetes' burstReplicas); the rest are left to
 * the next pass, which follows at once, so that a huge scale never holds one key for long.
 */
export const MAX_REPLICA_CHANGES_PER_RECONCILE = 500;
/** Pod names an aggregated SuccessfulCreate/SuccessfulDelete Event lists before "and N more". */
const NAMES_PER_EVENT = 5;
/** Added to a minReadySeconds requeue, so that the pod is surely available when looked at again. */
const AVAILABILITY_SLACK_MS = 5;

/** The informer index of objects without a controller, by namespace: the candidates for adoption. */
export const ORPHAN_INDEX = 'orphan';

type Rec = Record<string, unknown>;

export function indexOrphans(view: InformerView): void {
  view.addIndex(ORPHAN_INDEX, (o) => (controllerOf(o) === undefined ? [o.metadata.namespace ?? ''] : []));
}

/** Informer objects never change in place, so a matcher per object version is parsed once. */
const matchers = new WeakMap<KubeObject, LabelMatcher>();

/** The matcher of `owner`'s spec.selector (cached per object version). */
export function matcherOf(owner: KubeObject): LabelMatcher {
  let m = matchers.get(owner);
  if (m === undefined) {
    m = selectorOf(owner);
    matchers.set(owner, m);
  }
  return m;
}

export function replicasOf(obj: KubeObject): number {
  const r = (obj.spec as Rec | undefined)?.replicas;
  return typeof r === 'number' ? r : 1;
}

export function minReadySecondsOf(obj: KubeObject): number {
  const m = (obj.spec as Rec | undefined)?.minReadySeconds;
  return typeof m === 'number' ? m : 0;
}

// ---- claiming dependents ----

export interface ClaimRequest {
  readonly ctx: ControllerContext;
  readonly owner: KubeObject;
  /** The dependents' kind and informer. */
  readonly kind: KindInfo;
  readonly view: InformerView;
  /** Dependents considered at all (Kubernetes claims only active pods). @default all */
  readonly filter?: (o: KubeObject) => boolean;
}

/**
 * The dependents `owner` controls after adopting matching orphans and releasing owned objects its
 * selector no longer matches. A dependent that is gone or was claimed by another meanwhile is
 * skipped; any other failed write is thrown, so the key is retried.
 */
export async function claimDependents(req: ClaimRequest): Promise<KubeObject[]> {
  const { ctx, owner, view } = req;
  const filter = req.filter ?? (() => true);
  const matcher = matcherOf(owner);
  const deleting = isTerminating(owner);
  const owned = view.byIndex('controller', String(owner.metadata.uid)).filter(filter);
  const keep = owned.filter((o) => matcher.matches(o.metadata.labels ?? {}));
  const release = deleting ? [] : owned.filter((o) => !matcher.matches(o.metadata.labels ?? {}));
  const orphans = deleting
    ? []
    : view.byIndex(ORPHAN_INDEX, owner.metadata.namespace ?? '').filter((o) => filter(o) && !isTerminating(o) && matcher.matches(o.metadata.labels ?? {}));
  if (release.length > 0) await releaseAll(req, release, matcher);
  if (orphans.length === 0 || !(await canAdopt(ctx, req.owner))) return keep;
  return [...keep, ...(await adoptAll(req, orphans, matcher))];
}

/** Like Kubernetes, re-reads the owner before adopting: a deleted or replaced owner adopts nothing. */
async function canAdopt(ctx: ControllerContext, owner: KubeObject): Promise<boolean> {
  try {
    const fresh = await ctx.reg.get(resolveKind(owner.kind), owner.metadata.namespace, String(owner.metadata.name));
    return fresh.metadata.uid === owner.metadata.uid && !isTerminating(fresh);
  } catch (err) {
    if (isBerthError(err, 'NOT_FOUND')) return false;
    throw err;
  }
}

async function adoptAll(req: ClaimRequest, orphans: readonly KubeObject[], matcher: LabelMatcher): Promise<KubeObject[]> {
  const { ctx, owner, kind } = req;
  const results = await inParallel(orphans, ctx.options.maxWritesPerReconcile, async (o) => {
    const out = await ctx.reg.modifyFrom(kind, o, (cur) => {
      if (controllerOf(cur) !== undefined || isTerminating(cur) || !matcher.matches(cur.metadata.labels ?? {})) return cur;
      return { ...cur, metadata: { ...cur.metadata, ownerReferences: [...(cur.metadata.ownerReferences ?? []), controllerRef(owner)] } };
    });
    return out.object;
  });
  const adopted: KubeObject[] = [];
  for (const r of results) {
    if (r.status === 'fulfilled') {
      if (isControlledBy(r.value, owner)) adopted.push(r.value);
    } else if (!isBerthError(r.reason, 'NOT_FOUND')) throw r.reason;
  }
  if (adopted.length > 0) ctx.logger.info({ owner: keyOf(owner), kind: kind.kind, adopted: adopted.length }, 'adopted orphans');
  return adopted;
}

async function releaseAll(req: ClaimRequest, owned: readonly KubeObject[], matcher: LabelMatcher): Promise<void> {
  const { ctx, owner, kind } = req;
  const uid = owner.metadata.uid;
  const results = await inParallel(owned, ctx.options.maxWritesPerReconcile, (o) =>
    ctx.reg.modifyFrom(kind, o, (cur) => {
      if (!isControlledBy(cur, owner) || matcher.matches(cur.metadata.labels ?? {})) return cur;
      const refs = (cur.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
      const metadata = { ...cur.metadata, ownerReferences: refs };
      if (refs.length === 0) delete (metadata as Rec).ownerReferences;
      return { ...cur, metadata };
    }),
  );
  for (const r of results) if (r.status === 'rejected' && !isBerthError(r.reason, 'NOT_FOUND')) throw r.reason;
}

// ---- which pods go first ----

const PHASE_ORDER: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

function readySince(pod: KubeObject): number {
  const conds = (pod.status as Rec | undefined)?.conditions as { type: string; lastTransitionTime?: string }[] | undefined;
  const t = Date.parse(conds?.find((c) => c.type === 'Ready')?.lastTransitionTime ?? '');
  return Number.isFinite(t) ? t : 0;
}

function maxRestarts(pod: KubeObject): number {
  const statuses = (pod.status as Rec | undefined)?.containerStatuses as { restartCount?: number }[] | undefined;
  return Math.max(0, ...(statuses ?? []).map((s) => s.restartCount ?? 0));
}

function created(pod: KubeObject): number {
  const t = Date.parse(pod.metadata.creationTimestamp ?? '');
  return Number.isFinite(t) ? t : Infinity;
}

/**
 * Kubernetes' order of deletion (ActivePods): unassigned before assigned; Pending, then Unknown,
 * then Running; not ready before ready; ready for less time before longer; more restarts before
 * fewer; newer before older. Negative: `a` goes first.
 */
export function compareForDeletion(a: KubeObject, b: KubeObject): number {
  const na = String((a.spec as Rec | undefined)?.nodeName ?? '');
  const nb = String((b.spec as Rec | undefined)?.nodeName ?? '');
  if ((na === '') !== (nb === '')) return na === '' ? -1 : 1;
  const pa = PHASE_ORDER[podPhase(a)] ?? 0;
  const pb = PHASE_ORDER[podPhase(b)] ?? 0;
  if (pa !== pb) return pa - pb;
  const ra = isPodReady(a);
  const rb = isPodReady(b);
  if (ra !== rb) return ra ? 1 : -1;
  if (ra && rb && readySince(a) !== readySince(b)) return readySince(b) - readySince(a);
  if (maxRestarts(a) !== maxRestarts(b)) return maxRestarts(b) - maxRestarts(a);
  return created(b) - created(a);
}

// ---- the controller ----

export function replicaSetController(): ControllerSpec {
  return { name: 'replicaset', kinds: [RS, POD], create: (ctx) => new ReplicaSetReconciler(ctx) };
}

interface Outcome {
  /** Active pods after this pass: created ones added, deleted ones removed. */
  readonly pods: KubeObject[];
  readonly failure?: { readonly reason: 'FailedCreate' | 'FailedDelete'; readonly err: unknown };
  /** More changes are due than one pass makes. */
  readonly more: boolean;
}

class ReplicaSetReconciler implements Reconciler {
  private readonly sets: InformerView;
  private readonly pods: InformerView;
  private readonly unsubscribe: (() => void)[] = [];

  constructor(private readonly ctx: ControllerContext) {
    this.sets = ctx.informers.of(RS);
    this.pods = ctx.informers.of(POD);
    indexOrphans(this.pods);
    for (const s of this.sets.list()) ctx.queue.add(keyOf(s));
    this.unsubscribe.push(this.sets.on((e) => ctx.queue.add(keyOf(e.object))));
    this.unsubscribe.push(this.pods.on((e) => this.podChanged(e)));
  }

  close(): void {
    for (const u of this.unsubscribe.splice(0)) u();
  }

  /** A pod event goes to its controlling ReplicaSet (old and new); an orphan's to every match. */
  private podChanged(e: InformerEvent): void {
    const pod = e.object;
    const ns = pod.metadata.namespace ?? '';
    const ref = controllerOf(pod);
    const prevRef = e.prev === undefined ? undefined : controllerOf(e.prev);
    if (prevRef !== undefined && prevRef.uid !== ref?.uid) this.queueOwner(ns, prevRef);
    if (ref !== undefined) return this.queueOwner(ns, ref);
    if (e.type === 'DELETED') return;
    const labels = pod.metadata.labels ?? {};
    const prevLabels = e.prev?.metadata.labels;
    for (const rs of this.sets.list(ns)) {
      const m = matcherOf(rs);
      if (m.matches(labels) || (prevLabels !== undefined && m.matches(prevLabels))) this.ctx.queue.add(keyOf(rs));
    }
  }

  private queueOwner(ns: string, ref: { kind: string; name: string; uid: string }): void {
    if (ref.kind !== 'ReplicaSet') return;
    const rs = this.sets.get(ns, ref.name);
    if (rs?.metadata.uid === ref.uid) this.ctx.queue.add(keyOf(rs));
  }

  async reconcile(key: string): Promise<ReconcileResult> {
    const { namespace, name } = splitKey(key);
    const rs = this.sets.get(namespace, name);
    if (rs === undefined) return undefined;
    const claimed = await claimDependents({ ctx: this.ctx, owner: rs, kind: POD, view: this.pods, filter: isPodActive });
    const outcome: Outcome = isTerminating(rs) ? { pods: claimed, more: false } : await this.manageReplicas(rs, claimed);
    const now = this.ctx.now();
    await this.writeStatus(rs, outcome, now);
    if (outcome.failure !== undefined) throw outcome.failure.err;
    if (outcome.more) return { requeueAfterMs: 0 };
    const wait = availabilityWait(outcome.pods, minReadySecondsOf(rs), now);
    return wait === undefined ? undefined : { requeueAfterMs: wait + AVAILABILITY_SLACK_MS };
  }

  private async manageReplicas(rs: KubeObject, pods: KubeObject[]): Promise<Outcome> {
    const diff = pods.length - replicasOf(rs);
    if (diff < 0) {
      const want = Math.min(-diff, MAX_REPLICA_CHANGES_PER_RECONCILE);
      const { done, err } = await this.createPods(rs, want);
      const failure = err === undefined ? undefined : { reason: 'FailedCreate' as const, err };
      return { pods: [...pods, ...done], failure, more: err === undefined && want < -diff };
    }
    if (diff > 0) {
      const victims = [...pods].sort(compareForDeletion).slice(0, Math.min(diff, MAX_REPLICA_CHANGES_PER_RECONCILE));
      const { gone, err } = await this.deletePods(rs, victims);
      const failure = err === undefined ? undefined : { reason: 'FailedDelete' as const, err };
      return { pods: pods.filter((p) => !gone.has(String(p.metadata.uid))), failure, more: err === undefined && victims.length < diff };
    }
    return { pods, more: false };
  }

  /**
   * Kubernetes' slowStartBatch: batches of 1, 2, 4, ... pods (at most maxWritesPerReconcile of
   * them in flight), stopping after the first batch with a failure.
   */
  private async createPods(rs: KubeObject, count: number): Promise<{ done: KubeObject[]; err?: unknown }> {
    const done: KubeObject[] = [];
    const template = (rs.spec as Rec | undefined)?.template as Rec | undefined;
    const pod = podFromTemplate(rs, template, { generateName: `${String(rs.metadata.name)}-` });
    let batch = Math.min(1, count);
    let remaining = count;
    while (batch > 0) {
      const results = await inParallel(Array.from({ length: batch }, () => pod), this.ctx.options.maxWritesPerReconcile, (p) => this.ctx.reg.create(p));
      const made: KubeObject[] = [];
      let err: unknown;
      for (const r of results) {
        if (r.status === 'fulfilled') made.push(r.value);
        else err ??= r.reason;
      }
      done.push(...made);
      if (made.length > 0) this.record(rs, 'Normal', 'SuccessfulCreate', 'Created', made);
      if (err !== undefined) {
        this.ctx.events.record(rs, 'Warning', 'FailedCreate', `Error creating: ${errorText(err)}`);
        return { done, err };
      }
      remaining -= batch;
      batch = Math.min(2 * batch, remaining);
    }
    return { done };
  }

  private async deletePods(rs: KubeObject, victims: readonly KubeObject[]): Promise<{ gone: Set<string>; err?: unknown }> {
    const results = await inParallel(victims, this.ctx.options.maxWritesPerReconcile, (p) =>
      this.ctx.reg.delete(POD, p.metadata.namespace, String(p.metadata.name), { uid: p.metadata.uid }),
    );
    const gone = new Set<string>();
    const deleted: KubeObject[] = [];
    let err: unknown;
    results.forEach((r, i) => {
      const p = victims[i]!;
      if (r.status === 'fulfilled' || isBerthError(r.reason, 'NOT_FOUND')) {
        gone.add(String(p.metadata.uid));
        if (r.status === 'fulfilled') deleted.push(p);
      } else err ??= r.reason;
    });
    if (deleted.length > 0) this.record(rs, 'Normal', 'SuccessfulDelete', 'Deleted', deleted);
    if (err !== undefined) this.ctx.events.record(rs, 'Warning', 'FailedDelete', `Error deleting: ${errorText(err)}`);
    return err === undefined ? { gone } : { gone, err };
  }

  /** "Created pod: web-x" for one pod; one aggregated Event for a batch. */
  private record(rs: KubeObject, type: 'Normal', reason: string, verb: string, pods: readonly KubeObject[]): void {
    const names = pods.map((p) => String(p.metadata.name));
    if (names.length === 1) return this.ctx.events.record(rs, type, reason, `${verb} pod: ${names[0]!}`);
    const listed = names.slice(0, NAMES_PER_EVENT).join(', ');
    const more = names.length > NAMES_PER_EVENT ? ` and ${names.length - NAMES_PER_EVENT} more` : '';
    this.ctx.events.record(rs, type, reason, `${verb} ${names.length} pods: ${listed}${more}`);
  }

  private async writeStatus(rs: KubeObject, outcome: Outcome, now: Date): Promise<void> {
    const status = replicaSetStatus(rs, outcome, now);
    if (stableJson(status) === stableJson(rs.status ?? {})) return;
    await this.ctx.reg.modifyFrom(RS, rs, (cur) => ({ ...cur, status }));
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

interface RsCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

/** The status a ReplicaSet should show: counts over its active pods, and ReplicaFailure while creates or deletes fail. */
function replicaSetStatus(rs: KubeObject, outcome: Outcome, now: Date): Rec {
  const minReady = minReadySecondsOf(rs);
  const templateLabels = ((((rs.spec as Rec | undefined)?.template as Rec | undefined)?.metadata as Rec | undefined)?.labels ?? {}) as Record<string, string>;
  const fullyLabeled = outcome.pods.filter((p) => Object.entries(templateLabels).every(([k, v]) => p.metadata.labels?.[k] === v));
  let conditions = [...(((rs.status as Rec | undefined)?.conditions as RsCondition[] | undefined) ?? [])];
  const current = conditions.find((c) => c.type === 'ReplicaFailure');
  if (outcome.failure === undefined) conditions = conditions.filter((c) => c.type !== 'ReplicaFailure');
  else if (current === undefined || current.status !== 'True' || current.reason !== outcome.failure.reason) {
    const cond = { type: 'ReplicaFailure', status: 'True', reason: outcome.failure.reason, message: errorText(outcome.failure.err), lastTransitionTime: timestamp(now) };
    conditions = [...conditions.filter((c) => c.type !== 'ReplicaFailure'), cond];
  }
  const status: Rec = {
    replicas: outcome.pods.length,
    fullyLabeledReplicas: fullyLabeled.length,
    readyReplicas: outcome.pods.filter(isPodReady).length,
    availableReplicas: outcome.pods.filter((p) => isPodAvailable(p, minReady, now)).length,
    observedGeneration: rs.metadata.generation ?? 0,
  };
  if (conditions.length > 0) status.conditions = conditions;
  return status;
}

/** Ms until the first ready pod becomes available (minReadySeconds), if any is waiting for that. */
export function availabilityWait(pods: readonly KubeObject[], minReadySeconds: number, now: Date): number | undefined {
  if (minReadySeconds <= 0) return undefined;
  let wait: number | undefined;
  for (const p of pods) {
    const ms = msUntilAvailable(p, minReadySeconds, now);
    if (ms > 0) wait = Math.min(wait ?? ms, ms);
  }
  return wait;
}
