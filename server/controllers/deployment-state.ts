// What one reconcile of a Deployment works on: the Deployment as the informer showed it, its
// ReplicaSets (new and old), their pods, the rollout numbers (maxSurge, maxUnavailable), a working
// copy of its status that the steps edit and the last step writes, and the one write every step
// shares: scaling a ReplicaSet (with its annotations and the ScalingReplicaSet Event).
//
// Counts come from the pods themselves, not from the ReplicaSets' status, which may lag behind: a
// ReplicaSet counts as having max(spec.replicas, active pods) pods (its surplus is not gone until
// it is deleted) and min(available pods, spec.replicas) available ones (its controller deletes the
// least available pods first). So a step never exceeds maxSurge nor dips below maxUnavailable on
// the strength of a status written before the last pod changed.
import type { KubeObject } from '../../client/index.js';
import { BerthError, resolveKind } from '../../client/index.js';
import { timestamp } from '../api/index.js';
import { isPodActive, isPodAvailable, isPodReady, scaledValue } from './objects.js';
import { minReadySecondsOf, replicasOf } from './replicaset.js';
import type { ControllerContext, InformerView } from './types.js';

export const DEPLOYMENT = resolveKind('Deployment');
export const REPLICA_SET = resolveKind('ReplicaSet');
export const POD = resolveKind('Pod');

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY_ANNOTATION = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/max-replicas';
export const CHANGE_CAUSE_ANNOTATION = 'kubernetes.io/change-cause';

/** Kubernetes' default maxSurge and maxUnavailable. */
const DEFAULT_ROLLING_BOUND = '25%';

export type Rec = Record<string, unknown>;

export interface DeploymentCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message: string;
  lastUpdateTime: string;
  lastTransitionTime: string;
}

export function isRecreate(d: KubeObject): boolean {
  return ((d.spec as Rec | undefined)?.strategy as Rec | undefined)?.type === 'Recreate';
}

/** maxSurge (rounded up) and maxUnavailable (rounded down) of `d`, as Kubernetes' resolveFenceposts. */
export function rollingBounds(d: KubeObject): { maxSurge: number; maxUnavailable: number } {
  const replicas = replicasOf(d);
  if (isRecreate(d)) return { maxSurge: 0, maxUnavailable: 0 };
  const ru = (((d.spec as Rec | undefined)?.strategy as Rec | undefined)?.rollingUpdate ?? {}) as Rec;
  const maxSurge = Math.max(0, scaledValue(ru.maxSurge ?? DEFAULT_ROLLING_BOUND, replicas, true, 0));
  let maxUnavailable = Math.max(0, scaledValue(ru.maxUnavailable ?? DEFAULT_ROLLING_BOUND, replicas, false, 0));
  // Both 0 could never progress; Kubernetes then allows one unavailable pod.
  if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable: Math.min(maxUnavailable, replicas) };
}

export function revisionOf(obj: KubeObject): number {
  const n = Number.parseInt(obj.metadata.annotations?.[REVISION_ANNOTATION] ?? '', 10);
  return Number.isSafeInteger(n) && n > 0 ? n : 0;
}

function createdMs(obj: KubeObject): number {
  const t = Date.parse(obj.metadata.creationTimestamp ?? '');
  return Number.isFinite(t) ? t : 0;
}

/** Oldest first; ties by name, as Kubernetes' ReplicaSetsByCreationTimestamp. */
export function byCreation(a: KubeObject, b: KubeObject): number {
  return createdMs(a) - createdMs(b) || String(a.metadata.name).localeCompare(String(b.metadata.name));
}

export class DeploymentState {
  readonly now: Date;
  readonly replicas: number;
  readonly minReadySeconds: number;
  readonly maxSurge: number;
  readonly maxUnavailable: number;
  /** The status being built; written at the end of the reconcile when it differs. */
  status: Rec;
  /** The Deployment's revision annotation to write, once known. */
  revision: string | undefined;
  newRS: KubeObject | undefined;
  oldRSs: KubeObject[] = [];
  /** Whether the new ReplicaSet was looked for (and its annotations synced) in this reconcile. */
  revisionSynced = false;

  constructor(
    readonly ctx: ControllerContext,
    readonly d: KubeObject,
    /** The ReplicaSets `d` controls, after adoption and release. */
    public rsList: KubeObject[],
    private readonly pods: InformerView,
  ) {
    this.now = ctx.now();
    this.replicas = replicasOf(d);
    this.minReadySeconds = minReadySecondsOf(d);
    const b = rollingBounds(d);
    this.maxSurge = b.maxSurge;
    this.maxUnavailable = b.maxUnavailable;
    this.status = structuredClone(d.status ?? {});
    this.revision = d.metadata.annotations?.[REVISION_ANNOTATION];
  }

  get name(): string {
    return String(this.d.metadata.name);
  }

  get paused(): boolean {
    return (this.d.spec as Rec | undefined)?.paused === true;
  }

  get progressDeadlineSeconds(): number | undefined {
    const p = (this.d.spec as Rec | undefined)?.progressDeadlineSeconds;
    return typeof p === 'number' ? p : undefined;
  }

  /** The old ReplicaSets and the new one (if any). */
  allRSs(): KubeObject[] {
    return this.newRS === undefined ? [...this.oldRSs] : [...this.oldRSs, this.newRS];
  }

  /** Every pod `rs` controls, terminating ones included. */
  podsOf(rs: KubeObject): KubeObject[] {
    return this.pods.byIndex('controller', String(rs.metadata.uid));
  }

  activePodsOf(rs: KubeObject): KubeObject[] {
    return this.podsOf(rs).filter(isPodActive);
  }

  /** Pods `rs` has or is about to have: max(spec.replicas, active pods). */
  podCountOf(rs: KubeObject): number {
    return Math.max(replicasOf(rs), this.activePodsOf(rs).length);
  }

  /** Available pods `rs` keeps once it matches its spec: min(available pods, spec.replicas). */
  availableOf(rs: KubeObject): number {
    return Math.min(replicasOf(rs), this.activePodsOf(rs).filter((p) => isPodAvailable(p, this.minReadySeconds, this.now)).length);
  }

  readyOf(rs: KubeObject): number {
    return this.activePodsOf(rs).filter(isPodReady).length;
  }

  conditions(): DeploymentCondition[] {
    return (this.status.conditions as DeploymentCondition[] | undefined) ?? [];
  }

  condition(type: string): DeploymentCondition | undefined {
    return this.conditions().find((c) => c.type === type);
  }

  /**
   * Kubernetes' SetDeploymentCondition: nothing changes when the status and reason are the same;
   * lastTransitionTime is kept when only the reason changed.
   */
  setCondition(type: string, status: DeploymentCondition['status'], reason: string, message: string): void {
    const cur = this.condition(type);
    if (cur !== undefined && cur.status === status && cur.reason === reason) return;
    const at = timestamp(this.now);
    const next: DeploymentCondition = { type, status, reason, message, lastUpdateTime: at, lastTransitionTime: cur?.status === status ? cur.lastTransitionTime : at };
    this.status.conditions = [...this.conditions().filter((c) => c.type !== type), next];
  }

  /** Replaces a condition whatever it was (Progressing moves its lastUpdateTime with each step). */
  putCondition(cond: DeploymentCondition): void {
    this.status.conditions = [...this.conditions().filter((c) => c.type !== cond.type), cond];
  }

  removeCondition(type: string): void {
    if (this.condition(type) === undefined) return;
    const rest = this.conditions().filter((c) => c.type !== type);
    if (rest.length > 0) this.status.conditions = rest;
    else delete this.status.conditions;
  }

  /** The ReplicaSet `rs` after a write, in place of the version held. */
  replace(rs: KubeObject): void {
    const uid = rs.metadata.uid;
    const swap = (x: KubeObject): KubeObject => (x.metadata.uid === uid ? rs : x);
    this.rsList = this.rsList.map(swap);
    this.oldRSs = this.oldRSs.map(swap);
    if (this.newRS?.metadata.uid === uid) this.newRS = rs;
  }

  /**
   * Scales `rs` to `replicas` and brings its desired/max-replicas annotations up to date (Kubernetes'
   * scaleReplicaSet); true when its size changed. The decision was made on the copy held: if the
   * stored ReplicaSet's size differs, the write is refused and the reconcile retried.
   */
  async scale(rs: KubeObject, replicas: number): Promise<boolean> {
    const from = replicasOf(rs);
    const annotations = { [DESIRED_REPLICAS_ANNOTATION]: String(this.replicas), [MAX_REPLICAS_ANNOTATION]: String(this.replicas + this.maxSurge) };
    const current = rs.metadata.annotations ?? {};
    const annotationsStale = Object.entries(annotations).some(([k, v]) => current[k] !== v);
    if (from === replicas && !annotationsStale) return false;
    const out = await this.ctx.reg.modifyFrom(REPLICA_SET, rs, (cur) => {
      if (replicasOf(cur) !== from) throw new BerthError('CONFLICT', `ReplicaSet ${String(rs.metadata.name)} was scaled meanwhile; looking again`);
      return { ...cur, metadata: { ...cur.metadata, annotations: { ...cur.metadata.annotations, ...annotations } }, spec: { ...cur.spec, replicas } };
    });
    this.replace(out.object);
    if (from === replicas) return false;
    const how = from < replicas ? 'up' : 'down';
    this.ctx.events.record(this.d, 'Normal', 'ScalingReplicaSet', `Scaled ${how} replica set ${String(rs.metadata.name)} to ${replicas} from ${from}`);
    return true;
  }
}

/**
 * How many replicas the new ReplicaSet may have now (Kubernetes' NewRSNewReplicas): for
 * RollingUpdate, as many more as keep every ReplicaSet's pods within replicas + maxSurge and the
 * new one within replicas; for Recreate, all of them.
 */
export function newRSNewReplicas(st: DeploymentState, newRS: KubeObject, all: readonly KubeObject[]): number {
  if (isRecreate(st.d)) return st.replicas;
  const cur = replicasOf(newRS);
  const maxTotal = st.replicas + st.maxSurge;
  const total = all.reduce((n, rs) => n + st.podCountOf(rs), 0);
  if (total >= maxTotal) return cur;
  return cur + Math.max(0, Math.min(maxTotal - total, st.replicas - cur));
}
