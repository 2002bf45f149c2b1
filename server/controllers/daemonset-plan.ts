// What a DaemonSet's pods need next, decided from one look at nodes and pods (pure; daemonset.ts
// acts on it). Kubernetes' two steps, in its order:
// - manage: a node that should run the pod and has none gets one; a node that may not keep it
//   loses it; a failed pod is deleted (and, once gone, made again) unless its node is in back-off;
//   of several pods on one node the oldest stays; pods of nodes that are gone are deleted.
// - rolling update, only when manage had nothing to do (so that its creations and deletions are
//   seen first): without maxSurge, old pods are deleted node by node while fewer than
//   maxUnavailable nodes lack an available pod (an old pod that is not available anyway goes at
//   once); with maxSurge, a new pod is made beside the old one on up to maxSurge nodes at once, and
//   the old one goes when the new one is available.
import type { KubeObject } from '../../client/index.js';
import type { Eligibility } from './daemonset-nodes.js';
import { eligibility, targetNode } from './daemonset-nodes.js';
import { CONTROLLER_REVISION_HASH_LABEL, isPodAvailable, isPodReady, isTerminating, msUntilAvailable, podPhase, scaledValue } from './objects.js';

type Rec = Record<string, unknown>;

export type DaemonDeleteReason = 'failed' | 'succeeded' | 'misscheduled' | 'excess' | 'orphaned' | 'update';

export interface DaemonShape {
  readonly onDelete: boolean;
  readonly maxUnavailable: unknown;
  readonly maxSurge: unknown;
  readonly minReadySeconds: number;
}

export interface DaemonPlanInput {
  readonly shape: DaemonShape;
  readonly nodes: readonly KubeObject[];
  readonly pods: readonly KubeObject[];
  readonly hash: string;
  readonly now: Date;
  /** The template's pod spec, and its tolerations with the daemon ones. */
  readonly spec: Rec;
  readonly tolerations: readonly Rec[];
  /** How long a failed pod on `node` must still wait before it is deleted again (0: now). */
  readonly backoffMs: (node: string) => number;
}

export interface DaemonPlan {
  /** Node names that get a new pod. */
  readonly create: string[];
  readonly delete: { pod: KubeObject; node: string | undefined; reason: DaemonDeleteReason }[];
  readonly recheckMs: number | undefined;
  readonly eligible: ReadonlyMap<string, Eligibility>;
  /** Pods by the node they are on or meant for (terminal pods being deleted left out). */
  readonly byNode: ReadonlyMap<string, KubeObject[]>;
}

/** Bound pods first, then oldest first; a tie broken by name (Kubernetes' order). */
export function byAge(a: KubeObject, b: KubeObject): number {
  const bound = (p: KubeObject): boolean => ((p.spec as Rec | undefined)?.nodeName ?? '') !== '';
  if (bound(a) !== bound(b)) return bound(a) ? -1 : 1;
  const ta = String(a.metadata.creationTimestamp ?? '');
  const tb = String(b.metadata.creationTimestamp ?? '');
  if (ta !== tb) return ta < tb ? -1 : 1;
  return String(a.metadata.name) < String(b.metadata.name) ? -1 : 1;
}

export function isUpdated(pod: KubeObject, hash: string): boolean {
  return pod.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] === hash;
}

/** The one new and one old pod of a node (terminating ones aside); ok false when there are more. */
function newAndOld(pods: readonly KubeObject[], hash: string): { fresh?: KubeObject; old?: KubeObject; ok: boolean } {
  let fresh: KubeObject | undefined;
  let old: KubeObject | undefined;
  for (const pod of pods) {
    if (isTerminating(pod)) continue;
    if (isUpdated(pod, hash)) {
      if (fresh !== undefined) return { ok: false };
      fresh = pod;
    } else {
      if (old !== undefined) return { ok: false };
      old = pod;
    }
  }
  return { fresh, old, ok: true };
}

class Planner {
  readonly create: string[] = [];
  readonly delete: { pod: KubeObject; node: string | undefined; reason: DaemonDeleteReason }[] = [];
  recheckMs: number | undefined;
  readonly eligible = new Map<string, Eligibility>();
  readonly byNode = new Map<string, KubeObject[]>();
  private readonly untargeted: KubeObject[] = [];
  readonly desired: number;
  readonly maxSurge: number;
  readonly maxUnavailable: number;

  constructor(private readonly input: DaemonPlanInput) {
    for (const node of input.nodes) this.eligible.set(String(node.metadata.name), eligibility(input.spec, input.tolerations, node));
    for (const pod of input.pods) {
      const phase = podPhase(pod);
      if (isTerminating(pod) && (phase === 'Failed' || phase === 'Succeeded')) continue;
      const node = targetNode(pod);
      if (node === undefined) this.untargeted.push(pod);
      else this.byNode.set(node, [...(this.byNode.get(node) ?? []), pod]);
    }
    this.desired = [...this.eligible.values()].filter((e) => e.shouldRun).length;
    const { shape } = input;
    this.maxSurge = Math.max(0, scaledValue(shape.maxSurge, this.desired, true, 0));
    const unavailable = Math.max(0, scaledValue(shape.maxUnavailable, this.desired, true, 1));
    this.maxUnavailable = unavailable === 0 && this.maxSurge === 0 ? 1 : unavailable;
  }

  available(pod: KubeObject): boolean {
    const { minReadySeconds } = this.input.shape;
    if (isPodAvailable(pod, minReadySeconds, this.input.now)) return true;
    this.recheck(msUntilAvailable(pod, minReadySeconds, this.input.now));
    return false;
  }

  recheck(ms: number): void {
    if (ms > 0) this.recheckMs = Math.min(this.recheckMs ?? ms, ms);
  }

  remove(pod: KubeObject, node: string | undefined, reason: DaemonDeleteReason): void {
    if (!this.delete.some((d) => d.pod.metadata.uid === pod.metadata.uid)) this.delete.push({ pod, node, reason });
  }

  manage(): void {
    for (const node of [...this.eligible.keys()].sort()) {
      const e = this.eligible.get(node)!;
      const pods = this.byNode.get(node) ?? [];
      if (e.shouldRun && pods.length === 0) this.create.push(node);
      else if (e.shouldContinue) this.keep(node, pods);
      else for (const pod of pods) if (!isTerminating(pod)) this.remove(pod, node, 'misscheduled');
    }
    for (const [node, pods] of this.byNode) {
      if (this.eligible.has(node)) continue;
      for (const pod of pods) if (!isTerminating(pod)) this.remove(pod, node, 'orphaned');
    }
    for (const pod of this.untargeted) if (!isTerminating(pod)) this.remove(pod, undefined, 'orphaned');
  }

  /** A node that may keep its pod: failed ones go (after back-off), and all but one (or two, surging). */
  private keep(node: string, pods: readonly KubeObject[]): void {
    const running: KubeObject[] = [];
    for (const pod of pods) {
      if (isTerminating(pod)) continue;
      const phase = podPhase(pod);
      if (phase === 'Failed') {
        const wait = this.input.backoffMs(node);
        if (wait > 0) this.recheck(wait);
        else this.remove(pod, node, 'failed');
      } else if (phase === 'Succeeded') this.remove(pod, node, 'succeeded');
      else running.push(pod);
    }
    running.sort(byAge);
    if (this.maxSurge === 0) {
      for (const pod of running.slice(1)) this.remove(pod, node, 'excess');
      return;
    }
    // Surging: an old and a new pod may share the node while the old one is ready and the new
    // one not yet available; every other pod goes.
    const fresh = running.find((p) => isUpdated(p, this.input.hash));
    const old = running.find((p) => !isUpdated(p, this.input.hash));
    for (const pod of running) if (pod !== fresh && pod !== old) this.remove(pod, node, 'excess');
    if (fresh !== undefined && old !== undefined && (!isPodReady(old) || this.available(fresh))) this.remove(old, node, 'update');
  }

  update(): void {
    if (this.maxSurge === 0) this.replaceInPlace();
    else this.surge();
  }

  /** maxSurge 0: delete old pods while at most maxUnavailable nodes lack an available pod. */
  private replaceInPlace(): void {
    let unavailable = 0;
    const broken: [KubeObject, string][] = [];
    const candidates: [KubeObject, string][] = [];
    for (const node of [...this.byNode.keys()].sort()) {
      const { fresh, old, ok } = newAndOld(this.byNode.get(node)!, this.input.hash);
      if (!ok || (fresh === undefined) === (old === undefined)) unavailable++;
      else if (fresh !== undefined) {
        if (!this.available(fresh)) unavailable++;
      } else if (!this.available(old!)) broken.push([old!, node]);
      else if (unavailable < this.maxUnavailable) candidates.push([old!, node]);
    }
    const room = Math.min(candidates.length, Math.max(0, this.maxUnavailable - unavailable));
    for (const [pod, node] of [...broken, ...candidates.slice(0, room)]) this.remove(pod, node, 'update');
  }

  /** maxSurge > 0: a new pod beside the old one, on up to maxSurge nodes at once. */
  private surge(): void {
    let surging = 0;
    const allowed: string[] = [];
    const candidates: string[] = [];
    for (const node of [...this.byNode.keys()].sort()) {
      const { fresh, old, ok } = newAndOld(this.byNode.get(node)!, this.input.hash);
      if (!ok) surging++;
      else if (old === undefined) continue;
      else if (fresh !== undefined) {
        if (this.available(fresh)) this.remove(old, node, 'update');
        else surging++;
      } else if (this.eligible.get(node)?.shouldRun !== true) {
        // A node the pod no longer fits: its old pod goes once it is not available anyway.
        if (!this.available(old)) this.remove(old, node, 'misscheduled');
      } else if (!this.available(old)) allowed.push(node);
      else candidates.push(node);
    }
    const room = Math.min(candidates.length, Math.max(0, this.maxSurge - surging));
    this.create.push(...allowed, ...candidates.slice(0, room));
  }
}

export function planDaemonSet(input: DaemonPlanInput): DaemonPlan {
  const p = new Planner(input);
  p.manage();
  if (!input.shape.onDelete && p.create.length === 0 && p.delete.length === 0) p.update();
  return { create: p.create, delete: p.delete, recheckMs: p.recheckMs, eligible: p.eligible, byNode: p.byNode };
}
