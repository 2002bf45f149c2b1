// The HorizontalPodAutoscaler's arithmetic, pure: no clock, store or signals — the caller passes
// the time, the pods' samples and the remembered history, and gets numbers and conditions back.
// It is Kubernetes' algorithm (replica_calculator.go and horizontal.go):
//
//   per metric   ratio = current / target; no change within the tolerance (10% by default);
//                otherwise ceil(ratio × pods measured). Missing samples are filled in against the
//                move (0 when scaling up, the target — or the full request — when scaling down);
//                not-yet-ready pods count as 0 in a scale-up; a fill that reverses the direction
//                means no change.
//   combine      the largest proposal of the valid metrics; all invalid, or some invalid while the
//                valid ones would scale down, means no scaling at all.
//   stabilize    the result is held between the lowest recommendation of the scale-up window and
//                the highest of the scale-down window (a new leader's empty history starts with the
//                current size, so scale-down waits a full window, as after a controller restart).
//   rate limit   scaleUp/scaleDown policies (Pods or Percent per periodSeconds, selectPolicy
//                Max/Min/Disabled) over the scale events of the periods, then min/maxReplicas.

/** Kubernetes' --horizontal-pod-autoscaler-tolerance: no change while |ratio − 1| is within it. */
export const DEFAULT_TOLERANCE = 0.1;
/** Rounding noise ignored when comparing ratios with the tolerance and rounding replicas up. */
const EPSILON = 1e-9;
/**
 * Recommendations remembered per HPA. Entries older than both windows are dropped on every
 * record; past the bound the oldest goes even inside a window (logged by the caller's count).
 */
export const MAX_RECOMMENDATIONS = 1024;
/** Scale events remembered per HPA and direction (older than the longest policy period are dropped). */
export const MAX_SCALE_EVENTS = 256;

// ---- one metric ----

/** One pod as a metric sees it (deleted and finished pods are left out by the caller). */
export interface PodSample {
  readonly name: string;
  /** Pending, or (for cpu) not ready yet: its usage does not show the load it will take. */
  readonly unready: boolean;
  /** The pod's usage or metric value in base units; undefined when no sample is known. */
  readonly value: number | undefined;
}

/** A pod with what it requests of the resource (for Utilization targets), in the value's units. */
export interface RequestedPodSample extends PodSample {
  readonly request: number;
}

export interface Tolerance {
  /** Scale up only when ratio > 1 + up. */
  readonly up: number;
  /** Scale down only when ratio < 1 − down. */
  readonly down: number;
}

export const DEFAULT_TOLERANCES: Tolerance = { up: DEFAULT_TOLERANCE, down: DEFAULT_TOLERANCE };

export function withinTolerance(ratio: number, tol: Tolerance): boolean {
  return ratio >= 1 - tol.down - EPSILON && ratio <= 1 + tol.up + EPSILON;
}

/** Math.ceil that does not turn 6.000000000000001 into 7. */
function ceilLoose(x: number): number {
  return Math.ceil(x - EPSILON * Math.max(1, Math.abs(x)));
}

export type MetricResult<T> = ({ readonly ok: true; readonly replicas: number } & T) | { readonly ok: false; readonly error: string };

/** How a metric turns samples into a usage ratio, and what a missing sample counts as when scaling down. */
interface RatioModel<P extends PodSample> {
  ratio(pods: readonly { readonly pod: P; readonly value: number }[]): number;
  full(pod: P): number;
}

const NO_METRICS = 'did not receive metrics for targeted pods (pods might be unready)';
const NO_PODS = 'no pods returned by selector while calculating replica count';

/** Kubernetes' calcPlainMetricReplicas / GetResourceReplicas core, generic over the ratio. */
function proposeReplicas<P extends PodSample>(current: number, pods: readonly P[], model: RatioModel<P>, tol: Tolerance): MetricResult<{ ratio: number }> {
  if (pods.length === 0) return { ok: false, error: NO_PODS };
  const measured = pods.filter((p) => !p.unready && p.value !== undefined).map((pod) => ({ pod, value: pod.value! }));
  const missing = pods.filter((p) => !p.unready && p.value === undefined);
  const unready = pods.filter((p) => p.unready);
  if (measured.length === 0) return { ok: false, error: NO_METRICS };
  const ratio = model.ratio(measured);
  const upWithUnready = unready.length > 0 && ratio > 1;
  if (!upWithUnready && missing.length === 0) {
    if (withinTolerance(ratio, tol)) return { ok: true, replicas: current, ratio };
    return { ok: true, replicas: ceilLoose(ratio * measured.length), ratio };
  }
  const filled = [...measured];
  if (ratio < 1) for (const pod of missing) filled.push({ pod, value: model.full(pod) });
  else if (ratio > 1) for (const pod of missing) filled.push({ pod, value: 0 });
  if (upWithUnready) for (const pod of unready) filled.push({ pod, value: 0 });
  const next = model.ratio(filled);
  // Filling in the unknown turned the move around (or into nothing): stay.
  if (withinTolerance(next, tol) || (ratio < 1 && next > 1) || (ratio > 1 && next < 1)) return { ok: true, replicas: current, ratio };
  const replicas = ceilLoose(next * filled.length);
  if ((next < 1 && replicas > current) || (next > 1 && replicas < current)) return { ok: true, replicas: current, ratio };
  return { ok: true, replicas, ratio };
}

/** Integer percent of the request used, as Kubernetes truncates it. */
function utilizationOf(pods: readonly { readonly pod: RequestedPodSample; readonly value: number }[]): number {
  const used = pods.reduce((n, p) => n + p.value, 0);
  const requested = pods.reduce((n, p) => n + p.pod.request, 0);
  return requested > 0 ? Math.floor((used * 100) / requested + EPSILON) : 0;
}

/**
 * A Resource metric with a Utilization target: usage as a percentage of the pods' requests.
 * `utilization` and `average` describe the measured pods (the status shows them).
 */
export function utilizationReplicas(
  current: number,
  pods: readonly RequestedPodSample[],
  targetUtilization: number,
  tol: Tolerance = DEFAULT_TOLERANCES,
): MetricResult<{ utilization: number; average: number }> {
  const missingRequest = pods.find((p) => !(p.request > 0));
  if (missingRequest !== undefined) return { ok: false, error: `missing request for pod ${missingRequest.name}` };
  const model: RatioModel<RequestedPodSample> = {
    ratio: (measured) => utilizationOf(measured) / targetUtilization,
    full: (pod) => pod.request,
  };
  const out = proposeReplicas(current, pods, model, tol);
  if (!out.ok) return out;
  const measured = pods.filter((p) => !p.unready && p.value !== undefined).map((pod) => ({ pod, value: pod.value! }));
  const average = measured.reduce((n, p) => n + p.value, 0) / measured.length;
  return { ok: true, replicas: out.replicas, utilization: utilizationOf(measured), average };
}

/** A metric with an AverageValue target (a resource's raw usage, or a Pods metric). */
export function averageValueReplicas(current: number, pods: readonly PodSample[], targetAverage: number, tol: Tolerance = DEFAULT_TOLERANCES): MetricResult<{ average: number }> {
  const average = (measured: readonly { readonly value: number }[]): number => measured.reduce((n, p) => n + p.value, 0) / measured.length;
  const model: RatioModel<PodSample> = { ratio: (measured) => average(measured) / targetAverage, full: () => targetAverage };
  const out = proposeReplicas(current, pods, model, tol);
  if (!out.ok) return out;
  const measured = pods.filter((p) => !p.unready && p.value !== undefined).map((p) => ({ value: p.value! }));
  return { ok: true, replicas: out.replicas, average: average(measured) };
}

// ---- several metrics ----

/** A condition the controller sets: ScalingActive False with a reason, and the like. */
export interface ConditionChange {
  readonly type: 'AbleToScale' | 'ScalingActive' | 'ScalingLimited';
  readonly status: 'True' | 'False';
  readonly reason: string;
  readonly message: string;
}

/** One metric's proposal, or why it has none. */
export type MetricProposal =
  | { readonly valid: true; readonly replicas: number; /** e.g. "cpu resource utilization (percentage of request)" */ readonly description: string }
  | { readonly valid: false; /** e.g. FailedGetResourceMetric */ readonly reason: string; readonly message: string };

export type Combined = { readonly ok: true; readonly replicas: number; readonly description: string; readonly condition: ConditionChange } | { readonly ok: false; readonly condition: ConditionChange };

/**
 * The largest proposal; when every metric is invalid, or some are and the rest would scale down,
 * no proposal (ScalingActive False with the first invalid metric's reason), as Kubernetes does.
 */
export function combineProposals(proposals: readonly MetricProposal[], current: number): Combined {
  let best: { replicas: number; description: string } | undefined;
  let firstInvalid: { reason: string; message: string } | undefined;
  let invalid = 0;
  for (const p of proposals) {
    if (!p.valid) {
      firstInvalid ??= p;
      invalid++;
    } else if (best === undefined || p.replicas > best.replicas) best = { replicas: p.replicas, description: p.description };
  }
  if (best === undefined || (invalid > 0 && best.replicas < current)) {
    const cause = firstInvalid ?? { reason: 'InvalidMetricSourceType', message: 'the HPA has no metrics to compute a replica count from' };
    return { ok: false, condition: { type: 'ScalingActive', status: 'False', reason: cause.reason, message: cause.message } };
  }
  const message = `the HPA was able to successfully calculate a replica count from ${best.description}`;
  return { ok: true, replicas: best.replicas, description: best.description, condition: { type: 'ScalingActive', status: 'True', reason: 'ValidMetricFound', message } };
}

// ---- behavior ----

export type SelectPolicy = 'Max' | 'Min' | 'Disabled';

export interface ScalingPolicy {
  readonly type: 'Pods' | 'Percent';
  readonly value: number;
  readonly periodSeconds: number;
}

export interface ScalingRules {
  readonly stabilizationWindowSeconds: number;
  readonly selectPolicy: SelectPolicy;
  readonly policies: readonly ScalingPolicy[];
  readonly tolerance: number;
}

export interface Behavior {
  readonly scaleUp: ScalingRules;
  readonly scaleDown: ScalingRules;
}

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Kubernetes' defaults: up at once by 4 pods or 100% per 15 s (the larger); down by 100% per 15 s. */
const DEFAULT_SCALE_UP_POLICIES: readonly ScalingPolicy[] = [
  { type: 'Pods', value: 4, periodSeconds: 15 },
  { type: 'Percent', value: 100, periodSeconds: 15 },
];
const DEFAULT_SCALE_DOWN_POLICIES: readonly ScalingPolicy[] = [{ type: 'Percent', value: 100, periodSeconds: 15 }];

function policiesOf(raw: unknown, fallback: readonly ScalingPolicy[]): readonly ScalingPolicy[] {
  if (!Array.isArray(raw)) return fallback;
  const out: ScalingPolicy[] = [];
  for (const p of raw as unknown[]) {
    if (!isRec(p) || (p.type !== 'Pods' && p.type !== 'Percent') || typeof p.value !== 'number' || typeof p.periodSeconds !== 'number') continue;
    out.push({ type: p.type, value: p.value, periodSeconds: p.periodSeconds });
  }
  return out;
}

function rulesOf(raw: unknown, defaults: ScalingRules, parseTolerance: (v: unknown) => number | undefined): ScalingRules {
  if (!isRec(raw)) return defaults;
  const window = raw.stabilizationWindowSeconds;
  const select = raw.selectPolicy;
  return {
    stabilizationWindowSeconds: typeof window === 'number' && window >= 0 ? window : defaults.stabilizationWindowSeconds,
    selectPolicy: select === 'Max' || select === 'Min' || select === 'Disabled' ? select : defaults.selectPolicy,
    policies: policiesOf(raw.policies, defaults.policies),
    tolerance: parseTolerance(raw.tolerance) ?? defaults.tolerance,
  };
}

/**
 * An HPA's spec.behavior with Kubernetes' defaults filled in, field by field. A missing scale-down
 * window is the controller's (hpaDownscaleStabilizationMs); `parseTolerance` reads a quantity.
 */
export function behaviorOf(raw: unknown, downscaleWindowSeconds: number, parseTolerance: (v: unknown) => number | undefined): Behavior {
  const b = isRec(raw) ? raw : {};
  const up: ScalingRules = { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: DEFAULT_SCALE_UP_POLICIES, tolerance: DEFAULT_TOLERANCE };
  const down: ScalingRules = { stabilizationWindowSeconds: downscaleWindowSeconds, selectPolicy: 'Max', policies: DEFAULT_SCALE_DOWN_POLICIES, tolerance: DEFAULT_TOLERANCE };
  return { scaleUp: rulesOf(b.scaleUp, up, parseTolerance), scaleDown: rulesOf(b.scaleDown, down, parseTolerance) };
}

export function tolerancesOf(b: Behavior): Tolerance {
  return { up: b.scaleUp.tolerance, down: b.scaleDown.tolerance };
}

// ---- history ----

export interface Recommendation {
  readonly replicas: number;
  readonly atMs: number;
}

export interface ScaleEvent {
  /** Pods added (scale-up) or removed (scale-down), positive. */
  readonly change: number;
  readonly atMs: number;
}

/** What one HPA remembers between passes, in leader memory only. */
export interface History {
  readonly recommendations: readonly Recommendation[];
  readonly scaleUps: readonly ScaleEvent[];
  readonly scaleDowns: readonly ScaleEvent[];
}

export const EMPTY_HISTORY: History = { recommendations: [], scaleUps: [], scaleDowns: [] };

/**
 * A new history starts with the current size as its one recommendation: a new leader (or a new
 * HPA) then scales down only after a full window, never on the strength of one look.
 */
export function withInitialRecommendation(h: History, current: number, nowMs: number): History {
  return h.recommendations.length > 0 ? h : { ...h, recommendations: [{ replicas: current, atMs: nowMs }] };
}

/** `list` plus `item`, without entries older than `keepMs` before now, at most `bound` (oldest go). */
function appendBounded<T extends { readonly atMs: number }>(list: readonly T[], item: T, nowMs: number, keepMs: number, bound: number): T[] {
  const kept = list.filter((x) => x.atMs > nowMs - keepMs);
  kept.push(item);
  return kept.length > bound ? kept.slice(kept.length - bound) : kept;
}

export interface Stabilized {
  readonly replicas: number;
  /** AbleToScale: ScaleUpStabilized / ScaleDownStabilized when the window held it, else ReadyForNewScale. */
  readonly condition: ConditionChange;
  readonly recommendations: Recommendation[];
}

/**
 * Kubernetes' stabilizeRecommendationWithBehaviors: between the lowest recommendation within the
 * scale-up window and the highest within the scale-down window (both including `desired`), as
 * close to `current` as that allows. Records `desired`.
 */
export function stabilize(h: History, b: Behavior, current: number, desired: number, nowMs: number, bound = MAX_RECOMMENDATIONS): Stabilized {
  const upCutoff = nowMs - b.scaleUp.stabilizationWindowSeconds * 1000;
  const downCutoff = nowMs - b.scaleDown.stabilizationWindowSeconds * 1000;
  let upLimit = desired;
  let downLimit = desired;
  for (const r of h.recommendations) {
    if (r.atMs > upCutoff) upLimit = Math.min(upLimit, r.replicas);
    if (r.atMs > downCutoff) downLimit = Math.max(downLimit, r.replicas);
  }
  const replicas = Math.min(Math.max(current, upLimit), downLimit);
  const keepMs = Math.max(b.scaleUp.stabilizationWindowSeconds, b.scaleDown.stabilizationWindowSeconds) * 1000;
  const recommendations = appendBounded(h.recommendations, { replicas: desired, atMs: nowMs }, nowMs, keepMs, bound);
  let condition: ConditionChange = { type: 'AbleToScale', status: 'True', reason: 'ReadyForNewScale', message: 'recommended size matches current size' };
  if (replicas !== desired) {
    condition =
      desired >= current
        ? { type: 'AbleToScale', status: 'True', reason: 'ScaleUpStabilized', message: 'recent recommendations were lower than current one, applying the lowest recent recommendation' }
        : { type: 'AbleToScale', status: 'True', reason: 'ScaleDownStabilized', message: 'recent recommendations were higher than current one, applying the highest recent recommendation' };
  }
  return { replicas, condition, recommendations };
}

/** Pods changed by the events of the last `periodSeconds`. */
function changeWithin(events: readonly ScaleEvent[], periodSeconds: number, nowMs: number): number {
  const cutoff = nowMs - periodSeconds * 1000;
  return events.reduce((n, e) => (e.atMs > cutoff ? n + e.change : n), 0);
}

/** The most replicas the scale-up policies allow now (Kubernetes' calculateScaleUpLimitWithScalingRules). */
export function scaleUpLimit(current: number, h: History, rules: ScalingRules, nowMs: number): number {
  if (rules.selectPolicy === 'Disabled') return current;
  const pick = rules.selectPolicy === 'Min' ? Math.min : Math.max;
  let limit = rules.selectPolicy === 'Min' ? Infinity : -Infinity;
  for (const p of rules.policies) {
    const start = current - changeWithin(h.scaleUps, p.periodSeconds, nowMs) + changeWithin(h.scaleDowns, p.periodSeconds, nowMs);
    // Rounded up, or a small set would never grow by a percentage.
    const proposed = p.type === 'Pods' ? start + p.value : ceilLoose(start * (1 + p.value / 100));
    limit = pick(limit, proposed);
  }
  return limit;
}

/** The fewest replicas the scale-down policies allow now (Kubernetes' calculateScaleDownLimitWithBehaviors). */
export function scaleDownLimit(current: number, h: History, rules: ScalingRules, nowMs: number): number {
  if (rules.selectPolicy === 'Disabled') return current;
  const pick = rules.selectPolicy === 'Min' ? Math.max : Math.min;
  let limit = rules.selectPolicy === 'Min' ? -Infinity : Infinity;
  for (const p of rules.policies) {
    const start = current - changeWithin(h.scaleUps, p.periodSeconds, nowMs) + changeWithin(h.scaleDowns, p.periodSeconds, nowMs);
    const proposed = p.type === 'Pods' ? start - p.value : Math.floor(start * (1 - p.value / 100) + EPSILON);
    limit = pick(limit, proposed);
  }
  return limit;
}

const TOO_MANY: ConditionChange = { type: 'ScalingLimited', status: 'True', reason: 'TooManyReplicas', message: 'the desired replica count is more than the maximum replica count' };
const TOO_FEW: ConditionChange = { type: 'ScalingLimited', status: 'True', reason: 'TooFewReplicas', message: 'the desired replica count is less than the minimum replica count' };

export interface Limited {
  readonly replicas: number;
  /** ScalingLimited: True when the rate or the bounds cut `desired`, else False DesiredWithinRange. */
  readonly condition: ConditionChange;
}

/** Kubernetes' convertDesiredReplicasWithBehaviorRate: the policies' rate, then min/maxReplicas. */
export function limitRate(h: History, b: Behavior, current: number, desired: number, min: number, max: number, nowMs: number): Limited {
  const limited = (replicas: number, reason: string, message: string): Limited => ({ replicas, condition: { type: 'ScalingLimited', status: 'True', reason, message } });
  if (desired > current) {
    const rate = Math.max(current, scaleUpLimit(current, h, b.scaleUp, nowMs));
    if (rate < max && desired > rate) return limited(rate, 'ScaleUpLimit', 'the desired replica count is increasing faster than the maximum scale rate');
    if (desired > max) return { replicas: max, condition: TOO_MANY };
  } else if (desired < current) {
    const rate = Math.min(current, scaleDownLimit(current, h, b.scaleDown, nowMs));
    if (rate > min && desired < rate) return limited(rate, 'ScaleDownLimit', 'the desired replica count is decreasing faster than the maximum scale rate');
    if (desired < min) return { replicas: min, condition: TOO_FEW };
  }
  return { replicas: desired, condition: { type: 'ScalingLimited', status: 'False', reason: 'DesiredWithinRange', message: 'the desired count is within the acceptable range' } };
}

/** The history after a rescale from `from` to `to` succeeded. */
export function withScaleEvent(h: History, b: Behavior, from: number, to: number, nowMs: number, bound = MAX_SCALE_EVENTS): History {
  if (to === from) return h;
  const longest = (rules: ScalingRules): number => Math.max(0, ...rules.policies.map((p) => p.periodSeconds)) * 1000;
  if (to > from) return { ...h, scaleUps: appendBounded(h.scaleUps, { change: to - from, atMs: nowMs }, nowMs, longest(b.scaleUp), bound) };
  return { ...h, scaleDowns: appendBounded(h.scaleDowns, { change: from - to, atMs: nowMs }, nowMs, longest(b.scaleDown), bound) };
}

// ---- one pass ----

export interface DecideInput {
  readonly nowMs: number;
  /** The target's spec.replicas. */
  readonly current: number;
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly behavior: Behavior;
  /** Computed only when the target is within bounds and enabled: called at most once. */
  readonly proposals: () => readonly MetricProposal[];
  readonly history: History;
  /** @default MAX_RECOMMENDATIONS */
  readonly recommendationBound?: number;
}

export interface Decision {
  readonly desired: number;
  /** Why, for the Event and the published decision ("" when nothing changes). */
  readonly reason: string;
  /** Conditions this pass decided (the rest are left as they are). */
  readonly conditions: readonly ConditionChange[];
  readonly history: History;
  /** No replica count could be computed from the metrics (Kubernetes' FailedComputeMetricsReplicas). */
  readonly failedMetrics: boolean;
}

const DISABLED: ConditionChange = { type: 'ScalingActive', status: 'False', reason: 'ScalingDisabled', message: 'scaling is disabled since the replica count of the target is zero' };

/** One pass of Kubernetes' reconcileAutoscaler, after the target's scale was read. */
export function decide(input: DecideInput): Decision {
  const { current, minReplicas: min, maxReplicas: max, nowMs } = input;
  const history = withInitialRecommendation(input.history, current, nowMs);
  const stay = (conditions: ConditionChange[], failedMetrics = false): Decision => ({ desired: current, reason: '', conditions, history, failedMetrics });
  if (current === 0) return stay([DISABLED]);
  if (current > max) return { desired: max, reason: 'Current number of replicas above Spec.MaxReplicas', conditions: [TOO_MANY], history, failedMetrics: false };
  if (current < min) return { desired: min, reason: 'Current number of replicas below Spec.MinReplicas', conditions: [TOO_FEW], history, failedMetrics: false };
  const combined = combineProposals(input.proposals(), current);
  if (!combined.ok) return stay([combined.condition], true);
  const reason = combined.replicas > current ? `${combined.description} above target` : combined.replicas < current ? 'All metrics below target' : '';
  const stable = stabilize(history, input.behavior, current, combined.replicas, nowMs, input.recommendationBound);
  const next: History = { ...history, recommendations: stable.recommendations };
  const limited = limitRate(next, input.behavior, current, stable.replicas, min, max, nowMs);
  return {
    desired: limited.replicas,
    reason: limited.replicas === current ? '' : reason,
    conditions: [combined.condition, stable.condition, limited.condition],
    history: next,
    failedMetrics: false,
  };
}
