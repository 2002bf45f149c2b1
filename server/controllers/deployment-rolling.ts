// The two rollout strategies, each one step per reconcile, as Kubernetes' rolloutRolling and
// rolloutRecreate.
//
// RollingUpdate: scale the new ReplicaSet up as far as replicas + maxSurge pods allows; otherwise
// scale old ReplicaSets down as far as keeps replicas - maxUnavailable pods available, removing
// old pods that are not available first (they cost no availability, and would otherwise block the
// rollout); once complete, trim the history. Recreate: scale every old ReplicaSet to 0, wait until
// none of their pods exists (not even a terminating one), then scale the new one up.
import type { KubeObject } from '../../client/index.js';
import { podPhase } from './objects.js';
import { replicasOf } from './replicaset.js';
import type { DeploymentState } from './deployment-state.js';
import { byCreation, newRSNewReplicas } from './deployment-state.js';
import { cleanupHistory, syncRevision } from './deployment-history.js';
import { isComplete, syncRolloutStatus } from './deployment-status.js';

export async function rolloutRolling(st: DeploymentState): Promise<void> {
  await syncRevision(st, true);
  if ((await reconcileNewRS(st)) || (await reconcileOldRSs(st))) return syncRolloutStatus(st);
  syncRolloutStatus(st);
  if (isComplete(st)) await cleanupHistory(st);
}

async function reconcileNewRS(st: DeploymentState): Promise<boolean> {
  const newRS = st.newRS;
  if (newRS === undefined) return false;
  const cur = replicasOf(newRS);
  if (cur === st.replicas) return false;
  if (cur > st.replicas) return st.scale(newRS, st.replicas);
  return st.scale(newRS, newRSNewReplicas(st, newRS, st.allRSs()));
}

function sum(sets: readonly KubeObject[], f: (rs: KubeObject) => number): number {
  return sets.reduce((n, rs) => n + f(rs), 0);
}

async function reconcileOldRSs(st: DeploymentState): Promise<boolean> {
  const active = st.oldRSs.filter((rs) => replicasOf(rs) > 0);
  if (active.length === 0) return false;
  const minAvailable = st.replicas - st.maxUnavailable;
  const newUnavailable = st.newRS === undefined ? 0 : replicasOf(st.newRS) - st.availableOf(st.newRS);
  // Old pods that may go at most: whatever keeps minAvailable, counting the new pods not yet
  // available as the unavailability they are.
  const maxScaledDown = sum(st.allRSs(), replicasOf) - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return false;
  const cleaned = await cleanupUnhealthy(st, maxScaledDown);
  const scaled = await scaleDownOld(st, minAvailable);
  return cleaned + scaled > 0;
}

/** Scales old ReplicaSets down by their pods that are not available, oldest first. */
async function cleanupUnhealthy(st: DeploymentState, max: number): Promise<number> {
  let total = 0;
  for (const rs of [...st.oldRSs].sort(byCreation)) {
    if (total >= max) break;
    const replicas = replicasOf(rs);
    const unhealthy = replicas - st.availableOf(rs);
    if (replicas === 0 || unhealthy <= 0) continue;
    const n = Math.min(max - total, unhealthy);
    await st.scale(rs, replicas - n);
    total += n;
  }
  return total;
}

/** Scales old ReplicaSets down, oldest first, by as many pods as are available beyond minAvailable. */
async function scaleDownOld(st: DeploymentState, minAvailable: number): Promise<number> {
  const available = sum(st.allRSs(), (rs) => st.availableOf(rs));
  if (available <= minAvailable) return 0;
  const budget = available - minAvailable;
  let total = 0;
  for (const rs of [...st.oldRSs].sort(byCreation)) {
    if (total >= budget) break;
    const replicas = replicasOf(rs);
    if (replicas === 0) continue;
    const n = Math.min(replicas, budget - total);
    await st.scale(rs, replicas - n);
    total += n;
  }
  return total;
}

export async function rolloutRecreate(st: DeploymentState): Promise<void> {
  // The new ReplicaSet is not made before the old pods are gone, so none of it runs beside them.
  await syncRevision(st, false);
  let scaledDown = false;
  for (const rs of st.oldRSs.filter((x) => replicasOf(x) > 0)) scaledDown = (await st.scale(rs, 0)) || scaledDown;
  if (scaledDown || oldPodsRunning(st)) return syncRolloutStatus(st);
  if (st.newRS === undefined) await syncRevision(st, true);
  if (st.newRS !== undefined) await st.scale(st.newRS, st.replicas);
  syncRolloutStatus(st);
  if (isComplete(st)) await cleanupHistory(st);
}

/** Whether any pod of an old ReplicaSet still exists and has not finished, terminating ones included. */
function oldPodsRunning(st: DeploymentState): boolean {
  for (const rs of st.oldRSs) {
    if (Number((rs.status as Record<string, unknown> | undefined)?.replicas ?? 0) > 0) return true;
    if (st.podsOf(rs).some((p) => podPhase(p) !== 'Failed' && podPhase(p) !== 'Succeeded')) return true;
  }
  return false;
}
