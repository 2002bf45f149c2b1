// Scaling a Deployment without rolling it (Kubernetes' sync and scale): when spec.replicas changed
// (an active ReplicaSet's desired-replicas annotation says otherwise), or while paused. With one
// active ReplicaSet it takes all the replicas; when the new one is saturated the old ones go to 0;
// mid-rollout the replicas added or removed are spread over the ReplicaSets in proportion to
// their size, so that the rollout goes on from where it was.
import type { KubeObject } from '../../client/index.js';
import { replicasOf } from './replicaset.js';
import type { DeploymentState, Rec } from './deployment-state.js';
import { byCreation, DESIRED_REPLICAS_ANNOTATION, isRecreate, MAX_REPLICAS_ANNOTATION } from './deployment-state.js';
import { cleanupHistory, syncRevision } from './deployment-history.js';
import { syncDeploymentStatus } from './deployment-status.js';

function annotatedInt(rs: KubeObject, key: string): number | undefined {
  const n = Number.parseInt(rs.metadata.annotations?.[key] ?? '', 10);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** Whether spec.replicas differs from what an active ReplicaSet was last scaled for. */
export function isScalingEvent(st: DeploymentState): boolean {
  return st.allRSs().some((rs) => {
    if (replicasOf(rs) === 0) return false;
    const desired = annotatedInt(rs, DESIRED_REPLICAS_ANNOTATION);
    return desired !== undefined && desired !== st.replicas;
  });
}

/** Scales, trims the history while paused, and keeps the status: no rollout step. */
export async function syncScaleOnly(st: DeploymentState): Promise<void> {
  await syncRevision(st, false);
  await scaleDeployment(st);
  if (st.paused) await cleanupHistory(st);
  syncDeploymentStatus(st);
}

/** The only active ReplicaSet, or the newest one when none is active; undefined with several active. */
function activeOrLatest(st: DeploymentState): KubeObject | undefined {
  const active = st.allRSs().filter((rs) => replicasOf(rs) > 0);
  if (active.length === 1) return active[0];
  if (active.length > 1) return undefined;
  return st.newRS ?? [...st.oldRSs].sort(byCreation).at(-1);
}

function isSaturated(st: DeploymentState, rs: KubeObject | undefined): boolean {
  return rs !== undefined && annotatedInt(rs, DESIRED_REPLICAS_ANNOTATION) === st.replicas && replicasOf(rs) === st.replicas && st.availableOf(rs) === st.replicas;
}

async function scaleDeployment(st: DeploymentState): Promise<void> {
  const only = activeOrLatest(st);
  if (only !== undefined) {
    if (replicasOf(only) !== st.replicas) await st.scale(only, st.replicas);
    return;
  }
  if (isSaturated(st, st.newRS)) {
    for (const rs of st.oldRSs.filter((x) => replicasOf(x) > 0)) await st.scale(rs, 0);
    return;
  }
  if (!isRecreate(st.d)) await scaleProportionally(st);
}

async function scaleProportionally(st: DeploymentState): Promise<void> {
  const active = st.allRSs().filter((rs) => replicasOf(rs) > 0);
  const current = active.reduce((n, rs) => n + replicasOf(rs), 0);
  const allowed = st.replicas > 0 ? st.replicas + st.maxSurge : 0;
  const toAdd = allowed - current;
  // Larger ReplicaSets first; among equals, newer first when adding and older first when removing.
  const newer = (a: KubeObject, b: KubeObject): number => byCreation(b, a);
  active.sort((a, b) => replicasOf(b) - replicasOf(a) || (toAdd > 0 ? newer(a, b) : byCreation(a, b)));
  const sizes = new Map<KubeObject, number>();
  let added = 0;
  for (const rs of active) {
    const p = toAdd === 0 ? 0 : proportion(st, rs, toAdd, added);
    sizes.set(rs, replicasOf(rs) + p);
    added += p;
  }
  // What rounding left over goes to the largest.
  if (toAdd !== 0 && active[0] !== undefined) sizes.set(active[0], Math.max(0, sizes.get(active[0])! + toAdd - added));
  for (const rs of active) await st.scale(rs, sizes.get(rs)!);
}

/** Kubernetes' GetProportion: `rs`'s share of `toAdd`, never beyond what is left of it. */
function proportion(st: DeploymentState, rs: KubeObject, toAdd: number, added: number): number {
  if (replicasOf(rs) === 0 || toAdd === added) return 0;
  const fraction = replicaSetFraction(st, rs);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

function replicaSetFraction(st: DeploymentState, rs: KubeObject): number {
  if (st.replicas === 0) return -replicasOf(rs);
  const maxReplicas = st.replicas + st.maxSurge;
  let before = annotatedInt(rs, MAX_REPLICAS_ANNOTATION) ?? 0;
  // Without the annotation (scaled by hand, or from 0), the Deployment's current size stands in.
  if (before === 0) before = Number((st.d.status as Rec | undefined)?.replicas ?? 0);
  if (before === 0) return 0;
  return Math.round((replicasOf(rs) * maxReplicas) / before) - replicasOf(rs);
}
