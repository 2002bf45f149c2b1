// A DaemonSet's status, counted per node as Kubernetes does: nodes that should run the pod
// (desired), those of them that have one (current; the oldest pod is the one looked at for ready,
// available and updated), and nodes that have one but should not (misscheduled).
import type { KubeObject } from '../../client/index.js';
import type { Eligibility } from './daemonset-nodes.js';
import { byAge, isUpdated } from './daemonset-plan.js';
import { isPodAvailable, isPodReady } from './objects.js';

type Rec = Record<string, unknown>;

export interface DaemonSetStatus {
  currentNumberScheduled: number;
  numberMisscheduled: number;
  desiredNumberScheduled: number;
  numberReady: number;
  updatedNumberScheduled: number;
  numberAvailable: number;
  numberUnavailable: number;
  observedGeneration: number;
  [k: string]: unknown;
}

export function daemonSetStatus(
  ds: KubeObject,
  eligible: ReadonlyMap<string, Eligibility>,
  byNode: ReadonlyMap<string, readonly KubeObject[]>,
  hash: string,
  minReadySeconds: number,
  now: Date,
): DaemonSetStatus {
  const s: DaemonSetStatus = {
    ...((ds.status ?? {}) as Rec),
    currentNumberScheduled: 0,
    numberMisscheduled: 0,
    desiredNumberScheduled: 0,
    numberReady: 0,
    updatedNumberScheduled: 0,
    numberAvailable: 0,
    numberUnavailable: 0,
    observedGeneration: Number(ds.metadata.generation ?? 0),
  };
  for (const [node, e] of eligible) {
    const pods = byNode.get(node) ?? [];
    if (!e.shouldRun) {
      if (pods.length > 0) s.numberMisscheduled++;
      continue;
    }
    s.desiredNumberScheduled++;
    const pod = [...pods].sort(byAge)[0];
    if (pod === undefined) continue;
    s.currentNumberScheduled++;
    if (isPodReady(pod)) {
      s.numberReady++;
      if (isPodAvailable(pod, minReadySeconds, now)) s.numberAvailable++;
    }
    if (isUpdated(pod, hash)) s.updatedNumberScheduled++;
  }
  s.numberUnavailable = s.desiredNumberScheduled - s.numberAvailable;
  return s;
}
