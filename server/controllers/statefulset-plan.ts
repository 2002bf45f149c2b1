// What a StatefulSet's pods need next, decided from one look at them (pure; statefulset.ts acts on
// it). Kubernetes' rules:
// - OrderedReady (the default): ordinals are created lowest first, each only once every lower one
//   is Running and Ready (and available for minReadySeconds); pods beyond the wanted range go
//   highest first, one at a time, only while every wanted pod is Running and Ready; and nothing
//   moves while a pod is terminating. Parallel: everything at once.
// - An ordinal has at most one pod, ever: its pod's name is unique in the store, so an ordinal is
//   created again only once the old pod is gone from the store, however long it stays Terminating
//   (a pod evicted from a node that stopped answering stays Terminating until its node is
//   confirmed gone or the pod is force-deleted; this controller never force-deletes).
// - A failed (or succeeded) pod of a wanted ordinal is deleted and made again.
// - RollingUpdate: pods at a revision other than the update revision are deleted (and so made
//   again at it) from the highest ordinal down to the partition, with at most maxUnavailable
//   wanted pods unavailable at once; OnDelete: only pods someone else deletes come back updated.
import type { KubeObject } from '../../client/index.js';
import { isPodAvailable, isTerminating, msUntilAvailable, podPhase, scaledValue } from './objects.js';
import type { StatefulSetShape } from './statefulset-pods.js';
import { ordinalOf, podRevision } from './statefulset-pods.js';

export type DeleteReason = 'failed' | 'condemned' | 'update';

export interface StatefulSetPlan {
  /** Ordinals to create, in order. */
  readonly create: number[];
  readonly delete: { pod: KubeObject; reason: DeleteReason }[];
  /** When a pod becomes available (minReadySeconds), if the plan waits for that. */
  readonly recheckMs: number | undefined;
}

export interface PlanInput {
  readonly shape: StatefulSetShape;
  readonly pods: readonly KubeObject[];
  readonly updateRevision: string;
  readonly now: Date;
}

function isTerminal(pod: KubeObject): boolean {
  const phase = podPhase(pod);
  return phase === 'Failed' || phase === 'Succeeded';
}

class Planner {
  readonly create: number[] = [];
  readonly delete: { pod: KubeObject; reason: DeleteReason }[] = [];
  recheckMs: number | undefined;
  private readonly monotonic: boolean;
  /** Wanted ordinal → its pod; pods outside the range, highest first. */
  readonly byOrdinal = new Map<number, KubeObject>();
  readonly condemned: KubeObject[] = [];

  constructor(private readonly input: PlanInput) {
    const { shape, pods } = input;
    this.monotonic = !shape.parallel;
    for (const pod of pods) {
      const o = ordinalOf(shape.name, pod);
      if (o >= shape.start && o < shape.start + shape.replicas && !this.byOrdinal.has(o)) this.byOrdinal.set(o, pod);
      else this.condemned.push(pod);
    }
    this.condemned.sort((a, b) => ordinalOf(shape.name, b) - ordinalOf(shape.name, a));
  }

  /** Running, Ready, available and staying: what OrderedReady waits for. */
  healthy(pod: KubeObject): boolean {
    if (isTerminating(pod)) return false;
    const { minReadySeconds } = this.input.shape;
    if (isPodAvailable(pod, minReadySeconds, this.input.now)) return true;
    const ms = msUntilAvailable(pod, minReadySeconds, this.input.now);
    if (ms > 0) this.recheckMs = Math.min(this.recheckMs ?? ms, ms);
    return false;
  }

  /** Creates missing and replaces failed wanted pods; false when OrderedReady must wait. */
  wanted(): boolean {
    const { start, replicas } = this.input.shape;
    for (let o = start; o < start + replicas; o++) {
      const pod = this.byOrdinal.get(o);
      if (pod === undefined) {
        this.create.push(o);
        if (this.monotonic) return false;
      } else if (!isTerminating(pod) && isTerminal(pod)) {
        this.delete.push({ pod, reason: 'failed' });
        if (this.monotonic) return false;
      } else if (!this.healthy(pod) && this.monotonic) return false;
    }
    return true;
  }

  /** Deletes pods beyond the range, highest first; false when OrderedReady must wait. */
  beyond(): boolean {
    const firstUnhealthy = [...this.condemned].reverse().find((p) => !this.healthy(p));
    for (const pod of this.condemned) {
      if (isTerminating(pod)) {
        if (this.monotonic) return false;
        continue;
      }
      if (this.monotonic && !this.healthy(pod) && pod !== firstUnhealthy) return false;
      this.delete.push({ pod, reason: 'condemned' });
      if (this.monotonic) return false;
    }
    return true;
  }

  /** Deletes out-of-date pods from the highest ordinal down, within maxUnavailable. */
  update(): void {
    const { shape, updateRevision } = this.input;
    if (shape.onDelete) return;
    const max = Math.max(1, scaledValue(shape.maxUnavailable, shape.replicas, true, 1));
    let unavailable = 0;
    for (let o = shape.start; o < shape.start + shape.replicas; o++) {
      const pod = this.byOrdinal.get(o);
      const leaving = pod !== undefined && this.delete.some((d) => d.pod === pod);
      if (pod === undefined || leaving || !this.healthy(pod)) unavailable++;
    }
    let budget = max - unavailable;
    for (let o = shape.start + shape.replicas - 1; o >= shape.start + shape.partition && budget > 0; o--) {
      const pod = this.byOrdinal.get(o);
      if (pod === undefined || isTerminating(pod) || podRevision(pod) === updateRevision) continue;
      if (this.delete.some((d) => d.pod === pod)) continue;
      this.delete.push({ pod, reason: 'update' });
      budget--;
    }
  }
}

export function planStatefulSet(input: PlanInput): StatefulSetPlan {
  const p = new Planner(input);
  if (p.wanted() && p.beyond()) p.update();
  return { create: p.create, delete: p.delete, recheckMs: p.recheckMs };
}
