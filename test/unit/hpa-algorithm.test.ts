// Proves the autoscaler's pure arithmetic at each of its bounds, as Kubernetes computes it: the
// 10% tolerance (no change at exactly 0.9 and 1.1, a change just beyond), rounding up without
// floating-point surprises, missing samples filled against the move in both directions and
// not-yet-ready pods counted as 0 in a scale-up, the largest of several metrics (and no scaling
// when metrics fail while the rest would scale down), min/max clamps, the Pods/Percent policies
// with Max, Min and Disabled, stabilization windows up and down (an empty history waits a full
// window before scaling down), the bounds on the remembered recommendations and scale events; and
// how pods are measured (which count as not ready yet, a custom metric sample too old to use,
// unsupported metric types with Kubernetes' reasons, quantities as the status shows them).
import { describe, expect, it } from 'vitest';
import { quantityValue } from '../../client/index.js';
import type { Behavior, History, MetricProposal, PodSample, RequestedPodSample } from '../../server/controllers/hpa-algorithm.js';
import type { KubeObject } from '../../client/index.js';
import type { PodSignals } from '../../server/controllers/index.js';
import { formatQuantity, isUnready, POD_METRIC_MAX_AGE_MS, readMetric } from '../../server/controllers/hpa-metrics.js';
import {
  averageValueReplicas,
  behaviorOf,
  combineProposals,
  decide,
  EMPTY_HISTORY,
  limitRate,
  scaleDownLimit,
  scaleUpLimit,
  stabilize,
  utilizationReplicas,
  withinTolerance,
  withScaleEvent,
} from '../../server/controllers/hpa-algorithm.js';

/** `n` ready pods each using `percent` of a 1-core request. */
function cpuPods(n: number, percent: number | undefined, opts: { unready?: boolean; prefix?: string } = {}): RequestedPodSample[] {
  return Array.from({ length: n }, (_, i) => ({ name: `${opts.prefix ?? 'p'}${i}`, unready: opts.unready ?? false, value: percent === undefined ? undefined : percent / 100, request: 1 }));
}

function valuePods(values: readonly (number | undefined)[]): PodSample[] {
  return values.map((value, i) => ({ name: `p${i}`, unready: false, value }));
}

const replicas = (r: { ok: boolean; replicas?: number }): number | undefined => r.replicas;

/** Defaults, with the scale-down window in seconds. */
const defaults = (downWindowSeconds = 300): Behavior => behaviorOf(undefined, downWindowSeconds, quantityValue);

describe('tolerance', () => {
  it('changes nothing at exactly 0.9 and 1.1, and scales just beyond', () => {
    expect(withinTolerance(1.1, { up: 0.1, down: 0.1 })).toBe(true);
    expect(withinTolerance(0.9, { up: 0.1, down: 0.1 })).toBe(true);
    // 10 pods at target 50%: 55% is a ratio of 1.1, 45% of 0.9.
    expect(replicas(utilizationReplicas(10, cpuPods(10, 55), 50))).toBe(10);
    expect(replicas(utilizationReplicas(10, cpuPods(10, 45), 50))).toBe(10);
    expect(replicas(utilizationReplicas(10, cpuPods(10, 56), 50))).toBe(12);
    expect(replicas(utilizationReplicas(10, cpuPods(10, 44), 50))).toBe(9);
  });

  it('can differ per direction (behavior tolerance)', () => {
    const tol = { up: 0.05, down: 0.3 };
    expect(replicas(utilizationReplicas(10, cpuPods(10, 53), 50, tol))).toBe(11);
    expect(replicas(utilizationReplicas(10, cpuPods(10, 36), 50, tol))).toBe(10);
    expect(replicas(utilizationReplicas(10, cpuPods(10, 34), 50, tol))).toBe(7);
  });

  it('rounds up exactly: 60% of target 50% over 5 pods is 6, not 7', () => {
    expect(replicas(utilizationReplicas(5, cpuPods(5, 60), 50))).toBe(6);
    expect(replicas(averageValueReplicas(5, valuePods([12, 12, 12, 12, 12]), 10))).toBe(6);
  });
});

describe('one metric', () => {
  it('Utilization: ceil(ready pods × ratio), with the truncated percentage the status shows', () => {
    const out = utilizationReplicas(3, cpuPods(3, 63), 50);
    expect(out).toEqual({ ok: true, replicas: 4, utilization: 63, average: 0.63 });
  });

  it('AverageValue: a Pods metric of 12 against 10 over 3 pods proposes 4', () => {
    expect(averageValueReplicas(3, valuePods([12, 12, 12]), 10)).toEqual({ ok: true, replicas: 4, average: 12 });
  });

  it('has no proposal without pods or without any sample', () => {
    expect(utilizationReplicas(2, [], 50)).toMatchObject({ ok: false, error: expect.stringContaining('no pods') });
    expect(averageValueReplicas(2, valuePods([undefined, undefined]), 10)).toMatchObject({ ok: false, error: expect.stringContaining('did not receive metrics') });
    expect(utilizationReplicas(2, cpuPods(2, 90, { unready: true }), 50)).toMatchObject({ ok: false });
  });

  it('refuses a pod without a request', () => {
    expect(utilizationReplicas(1, [{ name: 'p0', unready: false, value: 0.5, request: 0 }], 50)).toMatchObject({ ok: false, error: expect.stringContaining('missing request') });
  });
});

describe('missing samples', () => {
  it('count as 0 in a scale-up: a move that turns around is no move', () => {
    // One of four pods measured at 60% (ratio 1.2): alone it would shrink the set to 2.
    const pods = [...cpuPods(1, 60), ...cpuPods(3, undefined, { prefix: 'm' })];
    expect(replicas(utilizationReplicas(4, pods, 50))).toBe(4);
  });

  it('count as 100% of their request in a scale-down of Utilization', () => {
    // Three at 10%, one missing as 100%: 32% of 4 requests -> ratio 0.64 -> 3 (not 1).
    const pods = [...cpuPods(3, 10), ...cpuPods(1, undefined, { prefix: 'm' })];
    expect(replicas(utilizationReplicas(4, pods, 50))).toBe(3);
  });

  it('count as the target in a scale-down of an average value', () => {
    // (2 + 2 + 2 + 10) / 4 = 4 against 10 -> ratio 0.4 -> 2 (not 1).
    expect(replicas(averageValueReplicas(4, valuePods([2, 2, 2, undefined]), 10))).toBe(2);
  });

  it('count as 0 when they are not ready yet and the metric would scale up', () => {
    // Two ready at 60% (ratio 1.2) and two starting: counting those as 0 gives 30%, a turn-around.
    const pods = [...cpuPods(2, 60), ...cpuPods(2, 300, { unready: true, prefix: 'u' })];
    expect(replicas(utilizationReplicas(4, pods, 50))).toBe(4);
    // Two ready at 200%: (4 cores of 4 requested) 100% -> ratio 2 over 4 pods -> 8.
    expect(replicas(utilizationReplicas(4, [...cpuPods(2, 200), ...cpuPods(2, 0, { unready: true, prefix: 'u' })], 50))).toBe(8);
  });

  it('leaves unready pods out of a scale-down', () => {
    expect(replicas(utilizationReplicas(4, [...cpuPods(2, 10), ...cpuPods(2, undefined, { unready: true, prefix: 'u' })], 50))).toBe(1);
  });
});

describe('several metrics', () => {
  const valid = (n: number, description = `m${n}`): MetricProposal => ({ valid: true, replicas: n, description });
  const broken: MetricProposal = { valid: false, reason: 'FailedGetPodsMetric', message: 'no samples' };

  it('take the largest proposal', () => {
    expect(combineProposals([valid(3, 'cpu'), valid(7, 'pods metric q'), valid(5)], 4)).toMatchObject({ ok: true, replicas: 7, description: 'pods metric q', condition: { reason: 'ValidMetricFound' } });
  });

  it('scale up even when one metric fails, but never down', () => {
    expect(combineProposals([broken, valid(6)], 4)).toMatchObject({ ok: true, replicas: 6 });
    expect(combineProposals([valid(2), broken], 4)).toEqual({ ok: false, condition: { type: 'ScalingActive', status: 'False', reason: 'FailedGetPodsMetric', message: 'no samples' } });
    expect(combineProposals([broken, broken], 4)).toMatchObject({ ok: false, condition: { reason: 'FailedGetPodsMetric' } });
  });
});

describe('policies', () => {
  const rules = (selectPolicy: 'Max' | 'Min' | 'Disabled', policies: Behavior['scaleUp']['policies']): Behavior['scaleUp'] => ({ stabilizationWindowSeconds: 0, selectPolicy, policies, tolerance: 0.1 });
  const both = [
    { type: 'Pods' as const, value: 4, periodSeconds: 15 },
    { type: 'Percent' as const, value: 100, periodSeconds: 15 },
  ];

  it('scale up by the largest (Max), the smallest (Min) or not at all (Disabled)', () => {
    expect(scaleUpLimit(3, EMPTY_HISTORY, rules('Max', both), 0)).toBe(7);
    expect(scaleUpLimit(10, EMPTY_HISTORY, rules('Max', both), 0)).toBe(20);
    expect(scaleUpLimit(3, EMPTY_HISTORY, rules('Min', both), 0)).toBe(6);
    expect(scaleUpLimit(3, EMPTY_HISTORY, rules('Disabled', both), 0)).toBe(3);
  });

  it('count the changes made within each period from where the period started', () => {
    const b: Behavior = { ...defaults(), scaleUp: rules('Max', both) };
    const h = withScaleEvent(EMPTY_HISTORY, b, 3, 7, 0);
    expect(scaleUpLimit(7, h, b.scaleUp, 14_999)).toBe(7);
    expect(scaleUpLimit(7, h, b.scaleUp, 15_000)).toBe(14);
  });

  it('scale down by the largest (Max), the smallest (Min) or not at all (Disabled)', () => {
    const down = [
      { type: 'Percent' as const, value: 50, periodSeconds: 60 },
      { type: 'Pods' as const, value: 2, periodSeconds: 60 },
    ];
    expect(scaleDownLimit(10, EMPTY_HISTORY, rules('Max', down), 0)).toBe(5);
    expect(scaleDownLimit(10, EMPTY_HISTORY, rules('Min', down), 0)).toBe(8);
    expect(scaleDownLimit(10, EMPTY_HISTORY, rules('Disabled', down), 0)).toBe(10);
    const h = withScaleEvent(EMPTY_HISTORY, { ...defaults(), scaleDown: rules('Max', down) }, 10, 5, 0);
    expect(scaleDownLimit(5, h, rules('Max', down), 59_999)).toBe(5);
    expect(scaleDownLimit(5, h, rules('Max', down), 60_000)).toBe(2);
  });

  it('limit the rate first, then the bounds, and say which', () => {
    const b = defaults();
    expect(limitRate(EMPTY_HISTORY, b, 2, 20, 1, 10, 0)).toMatchObject({ replicas: 6, condition: { status: 'True', reason: 'ScaleUpLimit' } });
    expect(limitRate(EMPTY_HISTORY, b, 8, 20, 1, 10, 0)).toMatchObject({ replicas: 10, condition: { status: 'True', reason: 'TooManyReplicas' } });
    expect(limitRate(EMPTY_HISTORY, b, 8, 0, 2, 10, 0)).toMatchObject({ replicas: 2, condition: { status: 'True', reason: 'TooFewReplicas' } });
    const slow: Behavior = { ...b, scaleDown: rules('Max', [{ type: 'Pods', value: 1, periodSeconds: 60 }]) };
    expect(limitRate(EMPTY_HISTORY, slow, 8, 2, 1, 10, 0)).toMatchObject({ replicas: 7, condition: { reason: 'ScaleDownLimit' } });
    expect(limitRate(EMPTY_HISTORY, b, 4, 5, 1, 10, 0)).toMatchObject({ replicas: 5, condition: { status: 'False', reason: 'DesiredWithinRange' } });
  });
});

describe('stabilization', () => {
  const at = (replicas: number, atMs: number): History => ({ ...EMPTY_HISTORY, recommendations: [{ replicas, atMs }] });

  it('holds a scale-down at the highest recommendation of the window, until it has passed', () => {
    const b = defaults(300);
    expect(stabilize(at(5, 0), b, 5, 2, 299_999)).toMatchObject({ replicas: 5, condition: { reason: 'ScaleDownStabilized' } });
    expect(stabilize(at(5, 0), b, 5, 2, 300_000)).toMatchObject({ replicas: 2, condition: { reason: 'ReadyForNewScale' } });
  });

  it('holds a scale-up at the lowest recommendation of a scale-up window', () => {
    const b: Behavior = { ...defaults(), scaleUp: { ...defaults().scaleUp, stabilizationWindowSeconds: 60 } };
    expect(stabilize(at(2, 0), b, 2, 6, 59_999)).toMatchObject({ replicas: 2, condition: { reason: 'ScaleUpStabilized' } });
    expect(stabilize(at(2, 0), b, 2, 6, 60_000)).toMatchObject({ replicas: 6 });
    // Without a scale-up window (the default) the rise is at once.
    expect(stabilize(at(2, 0), defaults(), 2, 6, 1)).toMatchObject({ replicas: 6 });
  });

  it('keeps at most the bound of recommendations, dropping the oldest', () => {
    let h: History = EMPTY_HISTORY;
    for (let t = 0; t < 10; t++) h = { ...h, recommendations: stabilize(h, defaults(), 5, 5 + t, t * 1000, 3).recommendations };
    expect(h.recommendations.map((r) => r.replicas)).toEqual([12, 13, 14]);
  });

  it('keeps at most the bound of scale events per direction', () => {
    let h: History = EMPTY_HISTORY;
    for (let t = 0; t < 5; t++) h = withScaleEvent(h, defaults(), 1, 2 + t, t, 2);
    expect(h.scaleUps.map((e) => e.change)).toEqual([4, 5]);
    expect(h.scaleDowns).toEqual([]);
  });

  it('forgets recommendations older than both windows', () => {
    const out = stabilize({ ...EMPTY_HISTORY, recommendations: [{ replicas: 9, atMs: 0 }, { replicas: 7, atMs: 200_000 }] }, defaults(300), 5, 5, 350_000);
    expect(out.recommendations).toEqual([
      { replicas: 7, atMs: 200_000 },
      { replicas: 5, atMs: 350_000 },
    ]);
  });
});

describe('one pass', () => {
  const input = (current: number, proposal: number | MetricProposal, history: History = EMPTY_HISTORY, nowMs = 1_000_000) => ({
    nowMs,
    current,
    minReplicas: 2,
    maxReplicas: 10,
    behavior: defaults(300),
    proposals: (): MetricProposal[] => [typeof proposal === 'number' ? { valid: true, replicas: proposal, description: 'cpu resource utilization (percentage of request)' } : proposal],
    history,
  });

  it('scales up with the metric named in the reason', () => {
    const d = decide(input(3, 4));
    expect(d).toMatchObject({ desired: 4, reason: 'cpu resource utilization (percentage of request) above target', failedMetrics: false });
    expect(d.conditions.map((c) => c.reason)).toEqual(['ValidMetricFound', 'ReadyForNewScale', 'DesiredWithinRange']);
  });

  it('with an empty history (a new leader) scales down only after a full window', () => {
    const first = decide(input(6, 2, EMPTY_HISTORY, 1_000_000));
    expect(first.desired).toBe(6);
    expect(first.conditions.map((c) => c.reason)).toContain('ScaleDownStabilized');
    const later = decide(input(6, 2, first.history, 1_300_001));
    expect(later).toMatchObject({ desired: 2, reason: 'All metrics below target' });
  });

  it('clamps to min and max without looking at metrics', () => {
    let asked = false;
    const ask = (): MetricProposal[] => {
      asked = true;
      return [];
    };
    expect(decide({ ...input(12, 5), proposals: ask })).toMatchObject({ desired: 10, reason: 'Current number of replicas above Spec.MaxReplicas' });
    expect(decide({ ...input(1, 5), proposals: ask })).toMatchObject({ desired: 2, reason: 'Current number of replicas below Spec.MinReplicas' });
    expect(asked).toBe(false);
    expect(decide(input(8, 30)).desired).toBe(10);
  });

  it('does nothing for a target scaled to 0 (autoscaling disabled)', () => {
    const d = decide(input(0, 5));
    expect(d).toMatchObject({ desired: 0, conditions: [{ type: 'ScalingActive', status: 'False', reason: 'ScalingDisabled' }] });
  });

  it('does nothing when no metric gives a count', () => {
    const d = decide(input(4, { valid: false, reason: 'FailedGetResourceMetric', message: 'missing request for cpu' }));
    expect(d).toMatchObject({ desired: 4, failedMetrics: true, conditions: [{ type: 'ScalingActive', status: 'False', reason: 'FailedGetResourceMetric' }] });
  });
});

describe('behavior', () => {
  it("fills in Kubernetes' defaults field by field", () => {
    const b = behaviorOf({ scaleDown: { policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] }, scaleUp: { stabilizationWindowSeconds: 30, tolerance: '0.05' } }, 300, quantityValue);
    expect(b.scaleDown).toEqual({ stabilizationWindowSeconds: 300, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }], tolerance: 0.1 });
    expect(b.scaleUp).toMatchObject({ stabilizationWindowSeconds: 30, selectPolicy: 'Max', tolerance: 0.05 });
    expect(b.scaleUp.policies).toHaveLength(2);
  });
});

describe('measuring', () => {
  const T0 = Date.parse('2026-03-01T10:00:00Z');
  const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 19) + 'Z';
  function pod(name: string, phase: string, ready?: { status: string; sinceMs: number }): KubeObject {
    const conditions = ready === undefined ? [] : [{ type: 'Ready', status: ready.status, lastTransitionTime: iso(ready.sinceMs) }];
    return {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: 'default', creationTimestamp: iso(T0) },
      spec: { containers: [{ name: 'c', image: 'x', resources: { requests: { cpu: '500m' } } }] },
      status: { phase, conditions },
    };
  }

  it('counts a pod as not ready yet while Pending, and for cpu while starting or never ready', () => {
    expect(isUnready(pod('p', 'Pending'), false, T0)).toBe(true);
    expect(isUnready(pod('p', 'Running', { status: 'False', sinceMs: T0 }), false, T0)).toBe(false);
    expect(isUnready(pod('p', 'Running', { status: 'True', sinceMs: T0 }), true, T0)).toBe(false);
    // Within the initialization period: not ready means not counted.
    expect(isUnready(pod('p', 'Running', { status: 'False', sinceMs: T0 + 60_000 }), true, T0 + 299_000)).toBe(true);
    // Later: never ready since it started -> still not counted; was ready and failed since -> counted.
    expect(isUnready(pod('p', 'Running', { status: 'False', sinceMs: T0 + 1000 }), true, T0 + 600_000)).toBe(true);
    expect(isUnready(pod('p', 'Running', { status: 'False', sinceMs: T0 + 400_000 }), true, T0 + 600_000)).toBe(false);
  });

  it('treats a custom metric sample older than the bound as missing', () => {
    const at = (ageMs: number): PodSignals => ({ usage: () => undefined, metric: () => ({ value: 20, atMs: T0 - ageMs }) });
    const spec = { type: 'Pods', pods: { metric: { name: 'q' }, target: { type: 'AverageValue', averageValue: '10' } } };
    const inputs = (signals: PodSignals) => ({ namespace: 'default', pods: [pod('a', 'Running'), pod('b', 'Running')], signals, current: 2, nowMs: T0, tolerance: { up: 0.1, down: 0.1 } });
    expect(readMetric(spec, inputs(at(POD_METRIC_MAX_AGE_MS))).proposal).toMatchObject({ valid: true, replicas: 4 });
    expect(readMetric(spec, inputs(at(POD_METRIC_MAX_AGE_MS + 1))).proposal).toMatchObject({ valid: false, reason: 'FailedGetPodsMetric' });
  });

  it('reports unsupported metric types with Kubernetes reasons', () => {
    const inputs = { namespace: 'default', pods: [], signals: { usage: () => undefined, metric: () => undefined }, current: 2, nowMs: T0, tolerance: { up: 0.1, down: 0.1 } };
    const ext = { type: 'External', external: { metric: { name: 'queue' }, target: { type: 'Value', value: '5' } } };
    expect(readMetric(ext, inputs)).toMatchObject({ proposal: { valid: false, reason: 'FailedGetExternalMetric' }, status: { type: 'External', external: { metric: { name: 'queue' }, current: {} } } });
    expect(readMetric({ type: 'Object', object: {} }, inputs).proposal).toMatchObject({ reason: 'FailedGetObjectMetric' });
    expect(readMetric({ type: 'Resource', resource: { name: 'gpu', target: { type: 'AverageValue', averageValue: '1' } } }, inputs).proposal).toMatchObject({ reason: 'FailedGetResourceMetric' });
  });

  it('writes values as quantities', () => {
    expect(formatQuantity(0.315, 'cpu')).toBe('315m');
    expect(formatQuantity(104857600, 'memory')).toBe('104857600');
    expect(formatQuantity(12)).toBe('12');
    expect(formatQuantity(12.5)).toBe('12500m');
  });
});
