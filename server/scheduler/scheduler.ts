// The scheduler at run time, on the leader: it follows Pods, Nodes and PriorityClasses through the
// shared informers into its cache and queue, takes pods off the queue one decision at a time
// (synchronous, a few microseconds to a millisecond each), and binds each with a
// compare-and-swap on the pod, up to maxBindingsInFlight at once, so that many bindings pipeline
// through Raft while the next decisions are made. The cache counts a pod on its node from the
// decision on (assumed), so the next decision sees it before the write comes back.
import type { Logger } from 'pino';
import type { KubeObject } from '../../client/index.js';
import { isBerthError, resolveKind } from '../../client/index.js';
import { timestamp } from '../api/index.js';
import type { ControllerContext, InformerEvent, InformerView, Reconciler } from '../controllers/index.js';
import type { Decision, NoFit } from './algorithm.js';
import { Decider } from './algorithm.js';
import { bindChange, unschedulableChange, unschedulableDiffers } from './binding.js';
import { SchedulerCache } from './cache.js';
import { REASON_NODE_AFFINITY, REASON_NOT_READY, REASON_UNSCHEDULABLE } from './filters.js';
import type { CompiledSchedulerOptions } from './options.js';
import type { PodInfo } from './pod-info.js';
import { needsScheduling, podInfoUpdated } from './pod-info.js';
import { findPreemption, waitingForVictims } from './preemption.js';
import type { ResolvedPriority } from './priority.js';
import { PriorityClasses } from './priority.js';
import type { QueuedPod } from './queue.js';
import { FAILED_ON_AFFINITY, FAILED_ON_ANY, FAILED_ON_NODE, FAILED_ON_RESOURCES, SchedulingQueue } from './queue.js';
import { fitErrorMessage, missingClassMessage, preemptionMessage } from './summary.js';

const POD = resolveKind('Pod');
const NODE = resolveKind('Node');
const PRIORITY_CLASS = resolveKind('PriorityClass');

/** What a failure's reasons say about which cluster changes may help. */
export function failedOnMask(reasons: ReadonlyMap<string, number>): number {
  let mask = 0;
  for (const r of reasons.keys()) {
    if (r === REASON_NOT_READY || r === REASON_UNSCHEDULABLE || r === REASON_NODE_AFFINITY || r.startsWith('node(s) had untolerated taint')) mask |= FAILED_ON_NODE;
    else if (r.includes('affinity') || r.includes('topology spread')) mask |= FAILED_ON_AFFINITY | FAILED_ON_NODE;
    else mask |= FAILED_ON_RESOURCES | FAILED_ON_NODE;
  }
  return mask === 0 ? FAILED_ON_ANY : mask;
}

/** Errors after which this replica may no longer lead: stop writing for a while (close() follows if so). */
function leadershipError(err: unknown): boolean {
  return isBerthError(err, 'UNAVAILABLE') || isBerthError(err, 'NOT_LEADER');
}

export class Scheduler implements Reconciler {
  private readonly cache = new SchedulerCache();
  private readonly classes = new PriorityClasses();
  private readonly queue: SchedulingQueue;
  private readonly decider: Decider;
  private readonly log: Logger;
  private readonly pods: InformerView;
  private readonly unsubscribe: (() => void)[] = [];
  private bindsInFlight = 0;
  private statusWritesInFlight = 0;
  private deletesInFlight = 0;
  private pausedUntil = 0;
  private pumpQueued = false;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly ctx: ControllerContext,
    private readonly opts: CompiledSchedulerOptions,
  ) {
    this.log = ctx.logger.child({ component: 'scheduler' });
    this.queue = new SchedulingQueue({
      maxPendingPods: opts.maxPendingPods,
      initialBackoffMs: opts.initialBackoffMs,
      maxBackoffMs: opts.maxBackoffMs,
      unschedulableRetryMs: ctx.options.unschedulableRetryMs,
    });
    this.decider = new Decider(this.cache, { placement: ctx.options.placement, percentageOfNodesToScore: opts.percentageOfNodesToScore });
    this.pods = ctx.informers.of(POD);
  }

  /** Loads what the informers hold, follows their changes, and starts deciding. */
  start(): void {
    const nodes = this.ctx.informers.of(NODE);
    const classes = this.ctx.informers.of(PRIORITY_CLASS);
    for (const c of classes.list()) this.classes.set(c);
    for (const n of nodes.list()) this.cache.setNode(n);
    for (const p of this.pods.list()) this.onPod({ type: 'ADDED', object: p });
    this.unsubscribe.push(
      classes.on((e) => this.onPriorityClass(e)),
      nodes.on((e) => this.onNode(e)),
      this.pods.on((e) => this.onPod(e)),
    );
    this.timer = setInterval(() => this.tick(), this.opts.flushIntervalMs);
    this.timer.unref();
    this.log.info({ nodes: this.cache.nodeList().length, pending: this.queue.size }, 'scheduler started');
    this.schedulePump();
  }

  /** The scheduler runs its own queue: the manager's keys need nothing. */
  reconcile(): Promise<void> {
    return Promise.resolve();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.timer !== undefined) clearInterval(this.timer);
    for (const u of this.unsubscribe.splice(0)) u();
  }

  /** For tests and metrics: pods waiting, and writes in flight. */
  stats(): { pending: number; active: number; unschedulable: number; bindsInFlight: number; nodes: number } {
    return {
      pending: this.queue.size,
      active: this.queue.activeLength,
      unschedulable: this.queue.unschedulableLength,
      bindsInFlight: this.bindsInFlight,
      nodes: this.cache.nodeList().length,
    };
  }

  private now(): number {
    return this.ctx.now().getTime();
  }

  // ---- Informer events ----

  private onPriorityClass(e: InformerEvent): void {
    if (e.type === 'DELETED') this.classes.delete(String(e.object.metadata.name));
    else this.classes.set(e.object);
    this.queue.reprioritize((info) => this.classes.priorityOf(info));
    this.moveAll(FAILED_ON_ANY);
  }

  private onNode(e: InformerEvent): void {
    if (e.type === 'DELETED') {
      this.cache.removeNode(String(e.object.metadata.name));
      return;
    }
    if (this.cache.setNode(e.object) !== 'same') this.moveAll(FAILED_ON_NODE);
  }

  private onPod(e: InformerEvent): void {
    const obj = e.object;
    const uid = obj.metadata.uid ?? '';
    const key = `${obj.metadata.namespace ?? 'default'}/${String(obj.metadata.name)}`;
    if (e.type === 'DELETED') {
      this.queue.remove(key, uid);
      if (this.cache.deletePod(obj).freed) this.moveAll(FAILED_ON_ANY);
      return;
    }
    const change = this.cache.observePod(obj);
    if (needsScheduling(obj) && !this.cache.has(uid)) this.queuePending(obj);
    else if (!this.cache.isAssumed(uid)) {
      this.queue.remove(key, uid);
      this.cache.clearNomination(uid);
    }
    if (change.freed) this.moveAll(FAILED_ON_ANY);
    else if (change.added) this.moveAll(FAILED_ON_AFFINITY);
  }

  private queuePending(obj: KubeObject): void {
    const key = `${obj.metadata.namespace ?? 'default'}/${String(obj.metadata.name)}`;
    const had = this.queue.get(key);
    const info = podInfoUpdated(obj, had !== undefined && had.uid === obj.metadata.uid ? had.info : undefined);
    const { priority } = this.classes.resolve(info);
    const nominated = (obj.status as { nominatedNodeName?: unknown } | undefined)?.nominatedNodeName;
    if (typeof nominated === 'string' && nominated !== '') this.cache.nominate(info, nominated, priority);
    else this.cache.clearNomination(info.uid);
    const entry = this.queue.get(key);
    if (entry !== undefined && entry.lastMessage !== undefined && !unschedulableDiffers(obj, entry.lastMessage, undefined)) entry.lastMessage = undefined;
    if (this.queue.upsert(obj, info, priority, this.now())) this.schedulePump();
  }

  private moveAll(mask: number): void {
    if (this.queue.moveAll(this.now(), mask) > 0) this.schedulePump();
  }

  private tick(): void {
    if (this.closed) return;
    if (this.queue.flush(this.now()) > 0 || this.queue.activeLength > 0) this.schedulePump();
  }

  // ---- Deciding ----

  private schedulePump(): void {
    if (this.pumpQueued || this.closed) return;
    this.pumpQueued = true;
    setImmediate(() => {
      this.pumpQueued = false;
      this.pump();
    });
  }

  /** Decides pods until the queue is empty, the bindings in flight are at their bound, or the slice is used. */
  private pump(): void {
    if (this.closed || this.now() < this.pausedUntil) return;
    const deadline = performance.now() + this.opts.decisionSliceMs;
    while (this.bindsInFlight < this.ctx.options.maxBindingsInFlight) {
      const qp = this.queue.pop();
      if (qp === undefined) break;
      this.attempt(qp);
      if (performance.now() >= deadline) {
        this.schedulePump();
        return;
      }
    }
    if (this.queue.overflowed && this.queue.activeLength === 0) this.refill();
  }

  /** The queue refused pods when it was full: find them in the informer now that there may be room. */
  private refill(): void {
    this.queue.overflowed = false;
    for (const p of this.pods.list()) {
      if (this.queue.size >= this.opts.maxPendingPods) {
        this.queue.overflowed = true;
        break;
      }
      const key = `${p.metadata.namespace ?? 'default'}/${String(p.metadata.name)}`;
      if (needsScheduling(p) && !this.cache.has(p.metadata.uid ?? '') && this.queue.get(key) === undefined) this.queuePending(p);
    }
  }

  private attempt(qp: QueuedPod): void {
    const resolved = this.classes.resolve(qp.info);
    let d: Decision;
    try {
      d = this.decider.decide(qp.info, resolved.priority);
    } catch (err) {
      this.log.error({ pod: qp.key, err }, 'scheduling decision failed');
      this.queue.backoffAfter(qp, this.now());
      return;
    }
    if (d.fits) this.startBind(qp, d.node.name, resolved);
    else this.failed(qp, d, resolved);
  }

  // ---- Binding ----

  private startBind(qp: QueuedPod, node: string, resolved: ResolvedPriority): void {
    this.cache.assume(qp.info, node);
    this.cache.clearNomination(qp.uid);
    this.bindsInFlight++;
    void this.bind(qp, node, resolved).finally(() => {
      this.bindsInFlight--;
      this.schedulePump();
    });
  }

  private async bind(qp: QueuedPod, node: string, resolved: ResolvedPriority): Promise<void> {
    const pod = qp.obj;
    try {
      const res = await this.ctx.reg.modifyFrom(POD, pod, bindChange(qp.uid, node, timestamp(this.ctx.now())));
      if (this.closed) return;
      this.queue.done(qp);
      if (!res.changed) {
        // Someone else decided (bound it, or it is being deleted): the informer will say how.
        this.cache.forget(qp.uid);
        return;
      }
      this.ctx.events.record(res.object, 'Normal', 'Scheduled', `Successfully assigned ${qp.key} to ${node}`);
      if (resolved.missingClass !== undefined) this.ctx.events.record(res.object, 'Warning', 'FailedScheduling', missingClassMessage(resolved.missingClass));
    } catch (err) {
      this.cache.forget(qp.uid);
      if (this.closed) return;
      this.writeFailed(err, qp, 'bind');
    }
  }

  /** A write about `qp` failed: pause on lost leadership, forget a deleted pod, else back off. */
  private writeFailed(err: unknown, qp: QueuedPod, what: string): void {
    if (isBerthError(err, 'NOT_FOUND')) {
      this.queue.remove(qp.key, qp.uid);
      return;
    }
    if (leadershipError(err)) {
      this.pausedUntil = this.now() + this.opts.leadershipPauseMs;
      this.log.warn({ pod: qp.key, err: (err as Error).message }, `${what}: write refused; pausing (leadership may be lost)`);
    } else {
      this.log.info({ pod: qp.key, err: (err as Error).message }, `${what} failed; retrying after back-off`);
    }
    this.queue.backoffAfter(qp, this.now());
    this.schedulePump();
  }

  // ---- Unschedulable pods and preemption ----

  private failed(qp: QueuedPod, d: NoFit, resolved: ResolvedPriority): void {
    let message = fitErrorMessage(d.numNodes, d.reasons);
    let nominated: string | undefined;
    if (resolved.preemptionPolicy !== 'Never' && d.numNodes > 0) {
      const out = this.preempt(qp, d);
      nominated = out.nominated;
      if (out.message !== undefined) message += ` ${out.message}`;
    }
    if (resolved.missingClass !== undefined) message += ` ${missingClassMessage(resolved.missingClass)}`;
    this.queue.unschedulableAfter(qp, this.now(), failedOnMask(d.reasons));
    this.ctx.events.record(qp.obj, 'Warning', 'FailedScheduling', message);
    this.writeUnschedulable(qp, message, nominated);
  }

  /** Tries preemption; returns the node nominated, or why preemption did not help. */
  private preempt(qp: QueuedPod, d: NoFit): { nominated?: string; message?: string } {
    const priorityOf = (p: PodInfo): number => this.classes.priorityOf(p);
    const current = this.cache.nominatedNodeOf(qp.uid);
    if (waitingForVictims(current === undefined ? undefined : this.cache.getNode(current), d.ctx.priority, priorityOf)) {
      return { message: 'preemption: not eligible due to a terminating pod on the nominated node.' };
    }
    if (d.candidates.length === 0) return { message: preemptionMessage(d.numNodes, 0) };
    const { plan, noVictims } = findPreemption(d.ctx, d.candidates, this.cache, priorityOf, this.opts.maxPreemptionCandidates);
    if (plan === undefined) return { message: preemptionMessage(d.numNodes, noVictims) };
    const deletes = plan.victims.filter((v) => !v.terminating);
    if (this.deletesInFlight + deletes.length > this.opts.maxDeletesInFlight) return { message: 'preemption: deferred, too many deletions in flight.' };
    const by = qp.key;
    for (const v of plan.victims) {
      const obj = this.pods.get(v.namespace, v.name);
      if (obj !== undefined && obj.metadata.uid === v.uid) this.ctx.events.record(obj, 'Normal', 'Preempted', `Preempted by ${by} on node ${plan.node.name}`);
    }
    for (const v of deletes) this.deleteVictim(v);
    this.cache.nominate(qp.info, plan.node.name, d.ctx.priority);
    this.log.info({ pod: by, node: plan.node.name, victims: plan.victims.map((v) => v.key) }, 'preempting');
    return { nominated: plan.node.name };
  }

  private deleteVictim(v: PodInfo): void {
    this.deletesInFlight++;
    void this.ctx.reg
      .delete(POD, v.namespace, v.name, { uid: v.uid })
      .catch((err: unknown) => {
        if (isBerthError(err, 'NOT_FOUND') || isBerthError(err, 'CONFLICT')) return;
        if (leadershipError(err)) this.pausedUntil = this.now() + this.opts.leadershipPauseMs;
        this.log.warn({ pod: v.key, err: (err as Error).message }, 'preemption: deleting a victim failed');
      })
      .finally(() => {
        this.deletesInFlight--;
      });
  }

  /** PodScheduled=False with `message` (and the nominated node), only when that changes what the pod says. */
  private writeUnschedulable(qp: QueuedPod, message: string, nominated: string | undefined): void {
    if (qp.lastMessage === message && nominated === undefined) return;
    if (!unschedulableDiffers(qp.obj, message, nominated)) return;
    if (this.statusWritesInFlight >= this.opts.maxStatusWritesInFlight || this.now() < this.pausedUntil) return;
    this.statusWritesInFlight++;
    qp.lastMessage = message;
    void this.ctx.reg
      .modifyFrom(POD, qp.obj, unschedulableChange(qp.uid, message, nominated, timestamp(this.ctx.now())))
      .catch((err: unknown) => {
        qp.lastMessage = undefined;
        if (isBerthError(err, 'NOT_FOUND')) return;
        if (leadershipError(err)) this.pausedUntil = this.now() + this.opts.leadershipPauseMs;
        this.log.info({ pod: qp.key, err: (err as Error).message }, 'writing the unschedulable status failed');
      })
      .finally(() => {
        this.statusWritesInFlight--;
      });
  }
}
