// The HorizontalPodAutoscaler controller (autoscaling/v2): every sync period (hpaSyncPeriodMs) and
// whenever an HPA's spec changes, it reads the target's scale (spec.replicas and the pods its
// selector matches), measures each metric (hpa-metrics.ts), decides with Kubernetes' algorithm
// (hpa-algorithm.ts), writes the target's spec.replicas (a compare-and-swap that fails if someone
// else changed it meanwhile) and the HPA's status when it changed, records SuccessfulRescale (and
// warnings for what failed) and publishes each decision to the scaling sink.
//
// Published: every rescale, and every pass that changed a condition (its type, status or reason);
// a pass that changed nothing publishes nothing, which bounds the traffic to the scaling subject.
//
// The recommendations and scale events the stabilization windows and policies look back on live
// in this leader's memory only. A new leader starts with an empty history, whose first entry is the
// current size: it scales down only after a full window, as Kubernetes after a controller restart.
import type { KindInfo, KubeObject } from '../../client/index.js';
import { ConflictError, isBerthError, quantityValue, resolveKind } from '../../client/index.js';
import { timestamp } from '../api/index.js';
import { labelSelectorFromObject } from '../api/objects/index.js';
import type { ConditionChange, Decision, History, MetricProposal } from './hpa-algorithm.js';
import { behaviorOf, decide, EMPTY_HISTORY, tolerancesOf, withScaleEvent } from './hpa-algorithm.js';
import type { MetricReading } from './hpa-metrics.js';
import { invalidSelector, readMetric } from './hpa-metrics.js';
import { isTerminating, stableJson } from './objects.js';
import { replicasOf } from './replicaset.js';
import type { ControllerContext, ControllerSpec, InformerEvent, InformerView, Reconciler, ReconcileResult } from './types.js';
import { keyOf, splitKey } from './types.js';

const HPA = resolveKind('HorizontalPodAutoscaler');
const POD = resolveKind('Pod');
/** The kinds an HPA can scale (the API accepts no others). */
const TARGETS: ReadonlyMap<string, KindInfo> = new Map(['Deployment', 'ReplicaSet', 'StatefulSet'].map((k) => [k, resolveKind(k)]));
/** The order conditions are shown in. */
const CONDITION_TYPES = ['AbleToScale', 'ScalingActive', 'ScalingLimited'];

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Rec) : {});

export function hpaController(): ControllerSpec {
  return { name: 'horizontal-pod-autoscaler', kinds: [HPA, ...TARGETS.values(), POD], create: (ctx) => new HpaReconciler(ctx) };
}

interface HpaCondition {
  type: string;
  status: string;
  reason: string;
  message: string;
  lastTransitionTime: string;
}

/** Conditions with `changes` set: lastTransitionTime moves only when a status flips, as in Kubernetes. */
export function withConditions(prev: unknown, changes: readonly ConditionChange[], at: string): HpaCondition[] {
  const byType = new Map<string, HpaCondition>();
  for (const c of Array.isArray(prev) ? (prev as unknown[]) : []) {
    const r = rec(c);
    if (typeof r.type === 'string') byType.set(r.type, { type: r.type, status: String(r.status ?? ''), reason: String(r.reason ?? ''), message: String(r.message ?? ''), lastTransitionTime: String(r.lastTransitionTime ?? at) });
  }
  for (const c of changes) {
    const cur = byType.get(c.type);
    byType.set(c.type, { ...c, lastTransitionTime: cur !== undefined && cur.status === c.status ? cur.lastTransitionTime : at });
  }
  const rank = (t: string): number => (CONDITION_TYPES.includes(t) ? CONDITION_TYPES.indexOf(t) : CONDITION_TYPES.length);
  return [...byType.values()].sort((a, b) => rank(a.type) - rank(b.type));
}

/** The conditions whose status or reason differ from before, as a published decision's reason ("" when none). */
function changedConditions(prev: unknown, next: readonly HpaCondition[]): string {
  const before = new Map((Array.isArray(prev) ? (prev as unknown[]) : []).map((c) => [String(rec(c).type), rec(c)]));
  const changed = next.filter((c) => before.get(c.type)?.status !== c.status || before.get(c.type)?.reason !== c.reason);
  return changed.map((c) => `${c.type} ${c.status} ${c.reason}: ${c.message}`).join('; ');
}

interface HpaSpec {
  readonly targetKind: string;
  readonly targetName: string;
  readonly min: number;
  readonly max: number;
  readonly metrics: readonly unknown[];
  readonly behavior: ReturnType<typeof behaviorOf>;
}

function specOf(hpa: KubeObject, downscaleWindowMs: number): HpaSpec {
  const spec = rec(hpa.spec);
  const ref = rec(spec.scaleTargetRef);
  const min = typeof spec.minReplicas === 'number' ? spec.minReplicas : 1;
  return {
    targetKind: String(ref.kind ?? ''),
    targetName: String(ref.name ?? ''),
    min,
    max: typeof spec.maxReplicas === 'number' ? spec.maxReplicas : min,
    metrics: Array.isArray(spec.metrics) ? (spec.metrics as unknown[]) : [],
    behavior: behaviorOf(spec.behavior, Math.floor(downscaleWindowMs / 1000), quantityValue),
  };
}

const SUCCEEDED_GET_SCALE: ConditionChange = { type: 'AbleToScale', status: 'True', reason: 'SucceededGetScale', message: "the HPA controller was able to get the target's current scale" };

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** One pass over one HPA whose target was found. */
interface Pass {
  readonly hpa: KubeObject;
  readonly spec: HpaSpec;
  readonly kind: KindInfo;
  readonly target: KubeObject;
  readonly current: number;
  readonly at: string;
  readonly nowMs: number;
  readings: readonly MetricReading[];
}

class HpaReconciler implements Reconciler {
  private readonly hpas: InformerView;
  private readonly pods: InformerView;
  /** Per HPA key: its uid (a recreated HPA starts afresh) and what it remembers. */
  private readonly histories = new Map<string, { readonly uid: string; history: History }>();
  private readonly unsubscribe: (() => void)[] = [];

  constructor(private readonly ctx: ControllerContext) {
    this.hpas = ctx.informers.of(HPA);
    this.pods = ctx.informers.of(POD);
    for (const h of this.hpas.list()) ctx.queue.add(keyOf(h));
    this.unsubscribe.push(this.hpas.on((e) => this.hpaChanged(e)));
  }

  close(): void {
    for (const u of this.unsubscribe.splice(0)) u();
    this.histories.clear();
  }

  /** New HPAs and spec changes are looked at at once; the controller's own status writes are not. */
  private hpaChanged(e: InformerEvent): void {
    const key = keyOf(e.object);
    if (e.type === 'DELETED') this.histories.delete(key);
    else if (e.type === 'ADDED' || e.prev?.metadata.generation !== e.object.metadata.generation) this.ctx.queue.add(key);
  }

  async reconcile(key: string): Promise<ReconcileResult> {
    const { namespace, name } = splitKey(key);
    const hpa = this.hpas.get(namespace, name);
    if (hpa === undefined || isTerminating(hpa)) {
      this.histories.delete(key);
      return undefined;
    }
    await this.sync(key, hpa);
    return { requeueAfterMs: this.ctx.options.hpaSyncPeriodMs };
  }

  private historyOf(key: string, hpa: KubeObject): History {
    const h = this.histories.get(key);
    return h !== undefined && h.uid === hpa.metadata.uid ? h.history : EMPTY_HISTORY;
  }

  private async sync(key: string, hpa: KubeObject): Promise<void> {
    const now = this.ctx.now();
    const spec = specOf(hpa, this.ctx.options.hpaDownscaleStabilizationMs);
    const kind = TARGETS.get(spec.targetKind);
    const target = kind === undefined ? undefined : this.ctx.informers.of(kind).get(hpa.metadata.namespace, spec.targetName);
    if (kind === undefined || target === undefined) return this.targetMissing(hpa, spec, kind, timestamp(now));
    const p: Pass = { hpa, spec, kind, target, current: replicasOf(target), at: timestamp(now), nowMs: now.getTime(), readings: [] };
    const d = decide({
      nowMs: p.nowMs,
      current: p.current,
      minReplicas: spec.min,
      maxReplicas: spec.max,
      behavior: spec.behavior,
      proposals: () => this.proposals(p),
      history: this.historyOf(key, hpa),
    });
    this.histories.set(key, { uid: String(hpa.metadata.uid), history: d.history });
    this.recordMetricWarnings(p, d);
    const changes = [SUCCEEDED_GET_SCALE, ...d.conditions];
    if (d.desired === p.current) return this.finish(p, d, changes, undefined);
    let revision: number;
    try {
      revision = await this.scale(p, d.desired);
    } catch (err) {
      // A race with another writer, or lost leadership: decided again on the next attempt.
      if (isBerthError(err, 'CONFLICT') || isBerthError(err, 'UNAVAILABLE')) throw err;
      this.ctx.events.record(hpa, 'Warning', 'FailedRescale', `New size: ${d.desired}; reason: ${d.reason}; error: ${errorText(err)}`);
      const failed: ConditionChange = { type: 'AbleToScale', status: 'False', reason: 'FailedUpdateScale', message: `the HPA controller was unable to update the target scale: ${errorText(err)}` };
      await this.writeStatus(hpa, this.statusOf(p, p.current, [...changes, failed], undefined));
      throw err;
    }
    const entry = this.histories.get(key);
    if (entry !== undefined) entry.history = withScaleEvent(entry.history, spec.behavior, p.current, d.desired, p.nowMs);
    this.ctx.events.record(hpa, 'Normal', 'SuccessfulRescale', `New size: ${d.desired}; reason: ${d.reason}`);
    this.ctx.logger.info({ hpa: key, target: `${spec.targetKind}/${spec.targetName}`, from: p.current, to: d.desired, reason: d.reason }, 'rescaled');
    const rescaled: ConditionChange = { type: 'AbleToScale', status: 'True', reason: 'SucceededRescale', message: `the HPA controller was able to update the target scale to ${d.desired}` };
    return this.finish(p, d, [...changes, rescaled], revision);
  }

  /** Every metric's proposal; the readings are kept for the status. */
  private proposals(p: Pass): readonly MetricProposal[] {
    const ns = String(p.hpa.metadata.namespace ?? '');
    const selector = labelSelectorFromObject(rec(p.target.spec).selector, 'spec.selector');
    if (rec(p.target.spec).selector === undefined || selector.causes.length > 0) {
      return [invalidSelector(`the HPA target's ${p.kind.kind} has no valid spec.selector: ${selector.causes.map((c) => c.message).join('; ') || 'missing'}`)];
    }
    const pods = this.pods.list(ns).filter((pod) => selector.matcher.matches(pod.metadata.labels ?? {}));
    const inputs = { namespace: ns, pods, signals: this.ctx.signals, current: p.current, nowMs: p.nowMs, tolerance: tolerancesOf(p.spec.behavior) };
    p.readings = p.spec.metrics.map((m) => readMetric(m, inputs));
    return p.readings.map((r) => r.proposal);
  }

  /** Kubernetes' per-metric warnings, and FailedComputeMetricsReplicas when no count came out. */
  private recordMetricWarnings(p: Pass, d: Decision): void {
    const failures = p.readings.filter((r) => !r.proposal.valid);
    for (const r of failures) if (!r.proposal.valid) this.ctx.events.record(p.hpa, 'Warning', r.proposal.reason, r.proposal.message);
    if (!d.failedMetrics) return;
    const first = failures[0]?.proposal;
    const cause = first !== undefined && !first.valid ? first.message : (d.conditions[0]?.message ?? 'no metrics');
    this.ctx.events.record(p.hpa, 'Warning', 'FailedComputeMetricsReplicas', `invalid metrics (${failures.length} invalid out of ${p.spec.metrics.length}), first error is: ${cause}`);
  }

  /** Writes spec.replicas if it is still what the decision started from; the revision written. */
  private async scale(p: Pass, to: number): Promise<number> {
    const out = await this.ctx.reg.modifyFrom(p.kind, p.target, (cur) => {
      const now = replicasOf(cur);
      if (now !== p.current) throw new ConflictError(`${p.kind.kind} ${String(cur.metadata.name)}: spec.replicas changed from ${p.current} to ${now} while the autoscaler decided; deciding again`);
      return { ...cur, spec: { ...rec(cur.spec), replicas: to } };
    });
    return Number(out.object.metadata.resourceVersion);
  }

  private statusOf(p: Pass, desired: number, changes: readonly ConditionChange[], lastScaleTime: string | undefined): Rec {
    const prev = rec(p.hpa.status);
    const status: Rec = {
      observedGeneration: p.hpa.metadata.generation ?? 0,
      currentReplicas: p.current,
      desiredReplicas: desired,
      currentMetrics: p.readings.map((r) => r.status),
      conditions: withConditions(prev.conditions, changes, p.at),
    };
    const last = lastScaleTime ?? prev.lastScaleTime;
    if (last !== undefined) status.lastScaleTime = last;
    return status;
  }

  private async finish(p: Pass, d: Decision, changes: readonly ConditionChange[], revision: number | undefined): Promise<void> {
    const status = this.statusOf(p, d.desired, changes, revision === undefined ? undefined : p.at);
    const written = await this.writeStatus(p.hpa, status);
    const changed = changedConditions(rec(p.hpa.status).conditions, status.conditions as HpaCondition[]);
    if (revision === undefined && changed === '') return;
    this.ctx.scaling.publish({
      revision: revision ?? written ?? Number(p.hpa.metadata.resourceVersion),
      namespace: String(p.hpa.metadata.namespace ?? ''),
      autoscaler: String(p.hpa.metadata.name),
      target: { kind: p.kind.kind, name: p.spec.targetName },
      currentReplicas: p.current,
      desiredReplicas: d.desired,
      metrics: p.readings.map((r) => r.summary),
      reason: revision !== undefined ? d.reason : changed,
      time: p.at,
    });
  }

  /** Kubernetes' FailedGetScale: the condition, a warning, and a decision when the condition is new. */
  private async targetMissing(hpa: KubeObject, spec: HpaSpec, kind: KindInfo | undefined, at: string): Promise<void> {
    const what = kind === undefined ? `kind ${spec.targetKind} cannot be scaled (${[...TARGETS.keys()].join(', ')} can)` : `${kind.plural} "${spec.targetName}" not found`;
    const message = `the HPA controller was unable to get the target's current scale: ${what}`;
    this.ctx.events.record(hpa, 'Warning', 'FailedGetScale', what);
    const prev = rec(hpa.status);
    const conditions = withConditions(prev.conditions, [{ type: 'AbleToScale', status: 'False', reason: 'FailedGetScale', message }], at);
    const written = await this.writeStatus(hpa, { ...prev, conditions });
    const changed = changedConditions(prev.conditions, conditions);
    if (changed === '') return;
    const replicas = typeof prev.currentReplicas === 'number' ? prev.currentReplicas : 0;
    this.ctx.scaling.publish({
      revision: written ?? Number(hpa.metadata.resourceVersion),
      namespace: String(hpa.metadata.namespace ?? ''),
      autoscaler: String(hpa.metadata.name),
      target: { kind: spec.targetKind, name: spec.targetName },
      currentReplicas: replicas,
      desiredReplicas: replicas,
      metrics: [],
      reason: changed,
      time: at,
    });
  }

  /** Writes the status when it differs; the revision written, if any. */
  private async writeStatus(hpa: KubeObject, status: Rec): Promise<number | undefined> {
    if (stableJson(status) === stableJson(hpa.status ?? {})) return undefined;
    const out = await this.ctx.reg.modifyFrom(HPA, hpa, (cur) => ({ ...cur, status }));
    return out.changed ? Number(out.object.metadata.resourceVersion) : undefined;
  }
}
