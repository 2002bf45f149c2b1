// A StatefulSet's status from its pods, as Kubernetes counts: replicas (pods that exist), ready and
// available ones, and how many run the current and the update revision. When every pod runs the
// update revision and is ready, the rollout is complete and the update revision becomes current.
import type { KubeObject } from '../../client/index.js';
import { isPodAvailable, isPodReady, isTerminating } from './objects.js';
import { podRevision } from './statefulset-pods.js';

type Rec = Record<string, unknown>;

export interface StatefulSetStatus {
  observedGeneration: number;
  replicas: number;
  readyReplicas: number;
  currentReplicas: number;
  updatedReplicas: number;
  availableReplicas: number;
  currentRevision: string;
  updateRevision: string;
  collisionCount: number;
  [k: string]: unknown;
}

/** The revision the pods run until a rollout completes: the recorded one, else the update revision. */
export function currentRevisionOf(sts: KubeObject, updateRevision: string): string {
  const cur = (sts.status as Rec | undefined)?.currentRevision;
  return typeof cur === 'string' && cur !== '' ? cur : updateRevision;
}

export function statefulSetStatus(sts: KubeObject, pods: readonly KubeObject[], updateRevision: string, minReadySeconds: number, now: Date): StatefulSetStatus {
  const old = (sts.status ?? {}) as Rec;
  const current = currentRevisionOf(sts, updateRevision);
  const s: StatefulSetStatus = {
    ...old,
    observedGeneration: Number(sts.metadata.generation ?? 0),
    replicas: 0,
    readyReplicas: 0,
    currentReplicas: 0,
    updatedReplicas: 0,
    availableReplicas: 0,
    currentRevision: current,
    updateRevision,
    collisionCount: typeof old.collisionCount === 'number' ? old.collisionCount : 0,
  };
  for (const pod of pods) {
    s.replicas++;
    if (isPodReady(pod)) {
      s.readyReplicas++;
      if (isPodAvailable(pod, minReadySeconds, now)) s.availableReplicas++;
    }
    if (isTerminating(pod)) continue;
    const rev = podRevision(pod);
    if (rev === current) s.currentReplicas++;
    if (rev === updateRevision) s.updatedReplicas++;
  }
  if (s.updatedReplicas === s.replicas && s.readyReplicas === s.replicas && current !== updateRevision) {
    s.currentRevision = updateRevision;
    s.currentReplicas = s.updatedReplicas;
  }
  return s;
}
