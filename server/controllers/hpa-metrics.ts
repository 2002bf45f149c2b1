// What one metric of a HorizontalPodAutoscaler measures now: the target's pods turned into samples
// (usage from the agents' heartbeats, custom metrics from NATS, through PodSignals), the
// algorithm's proposal for them, the status.currentMetrics entry and the summary a published
// decision carries. berth measures Resource metrics (cpu and memory, Utilization or AverageValue)
// and Pods metrics (AverageValue); ContainerResource, Object and External metrics have no source
// here and are reported invalid with Kubernetes' reasons, so that the HPA says why it cannot act.
import type { KubeObject } from '../../client/index.js';
import { quantityValue } from '../../client/index.js';
import type { MetricProposal, PodSample, RequestedPodSample, Tolerance } from './hpa-algorithm.js';
import { averageValueReplicas, utilizationReplicas } from './hpa-algorithm.js';
import { conditionOf, isTerminating, podPhase } from './objects.js';
import type { PodSignals } from './types.js';

/** A started pod that is not ready within this long counts as still starting (Kubernetes' cpu initialization period). */
export const CPU_INITIALIZATION_PERIOD_MS = 300_000;
/** A pod whose readiness never changed later than this after it started never became ready (Kubernetes' initial readiness delay). */
export const INITIAL_READINESS_DELAY_MS = 30_000;
/** A custom metric sample older than this counts as missing: the application stopped reporting. */
export const POD_METRIC_MAX_AGE_MS = 120_000;

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const rec = (v: unknown): Rec => (isRec(v) ? v : {});

/** What a metric says this pass. */
export interface MetricReading {
  readonly proposal: MetricProposal;
  /** The status.currentMetrics entry (no `current` values when the metric could not be read). */
  readonly status: Rec;
  /** For the published ScalingDecision: values as the status shows them, in base units. */
  readonly summary: { readonly name: string; readonly current: number | null; readonly target: number; readonly type: string };
}

export interface MetricInputs {
  readonly namespace: string;
  /** The pods the target's selector matches. */
  readonly pods: readonly KubeObject[];
  readonly signals: PodSignals;
  /** The target's spec.replicas. */
  readonly current: number;
  readonly nowMs: number;
  readonly tolerance: Tolerance;
}

/** The resources heartbeats report, in base units (cores, bytes). */
const RESOURCE_USAGE: ReadonlyMap<string, (u: { cpuMillicores: number; memoryBytes: number }) => number> = new Map([
  ['cpu', (u) => u.cpuMillicores / 1000],
  ['memory', (u) => u.memoryBytes],
]);

/** Deleted and finished pods take no load and are left out, as Kubernetes ignores them. */
function isCounted(pod: KubeObject): boolean {
  const phase = podPhase(pod);
  return !isTerminating(pod) && phase !== 'Failed' && phase !== 'Succeeded';
}

/**
 * Whether a pod's sample is not yet telling: Pending, and for cpu a pod that is not ready and is
 * still starting (within the initialization period, or never ready since it started). A pod that
 * was ready and later failed its readiness is measured like any other, as in Kubernetes.
 */
export function isUnready(pod: KubeObject, cpu: boolean, nowMs: number): boolean {
  if (podPhase(pod) === 'Pending') return true;
  if (!cpu) return false;
  const ready = conditionOf(pod, 'Ready');
  if (ready?.status === 'True') return false;
  const start = Date.parse(String(rec(pod.status).startTime ?? pod.metadata.creationTimestamp ?? ''));
  if (ready === undefined || !Number.isFinite(start) || nowMs < start + CPU_INITIALIZATION_PERIOD_MS) return true;
  const transition = Date.parse(ready.lastTransitionTime ?? '');
  return !Number.isFinite(transition) || transition < start + INITIAL_READINESS_DELAY_MS;
}

/** The pod's request of `resource` over its containers (base units), or the container lacking one. */
function requestOf(pod: KubeObject, resource: string): number | { readonly missing: string } {
  const containers = rec(pod.spec).containers;
  let total = 0;
  for (const c of Array.isArray(containers) ? (containers as unknown[]) : []) {
    const q = quantityValue(rec(rec(rec(c).resources).requests)[resource]);
    if (q === undefined) return { missing: String(rec(c).name ?? '') };
    total += q;
  }
  return total > 0 ? total : { missing: '' };
}

/** A quantity's text for the status: cores as millicores ("315m"), other values whole or in thousandths. */
export function formatQuantity(value: number, resource?: string): string {
  if (resource === 'cpu') return `${Math.round(value * 1000)}m`;
  if (resource === 'memory' || Number.isInteger(value)) return String(Math.round(value));
  return `${Math.round(value * 1000)}m`;
}

function invalid(reason: string, message: string): MetricProposal {
  return { valid: false, reason, message: `the HPA was unable to compute the replica count: ${message}` };
}

function resourceMetric(source: Rec, inputs: MetricInputs): MetricReading {
  const name = String(source.name ?? '');
  const target = rec(source.target);
  const utilizationTarget = typeof target.averageUtilization === 'number' ? target.averageUtilization : undefined;
  const averageTarget = quantityValue(target.averageValue);
  const summary = { name, current: null, target: utilizationTarget ?? averageTarget ?? 0, type: 'Resource' };
  const status = (current: Rec): Rec => ({ type: 'Resource', resource: { name, current } });
  const failed = (message: string): MetricReading => ({ proposal: invalid('FailedGetResourceMetric', message), status: status({}), summary });
  const usage = RESOURCE_USAGE.get(name);
  if (usage === undefined) return failed(`resource ${name} is not measured in berth (cpu and memory are)`);
  const what = utilizationTarget !== undefined ? `${name} utilization` : `${name} resource metric value`;
  const counted = inputs.pods.filter(isCounted);
  const samples: PodSample[] = counted.map((pod) => {
    const u = inputs.signals.usage(inputs.namespace, String(pod.metadata.name));
    return { name: String(pod.metadata.name), unready: isUnready(pod, name === 'cpu', inputs.nowMs), value: u === undefined ? undefined : usage(u) };
  });
  if (utilizationTarget !== undefined) {
    const withRequests: RequestedPodSample[] = [];
    for (const [i, pod] of counted.entries()) {
      const r = requestOf(pod, name);
      if (typeof r !== 'number') return failed(`failed to get ${what}: missing request for ${name} in container ${r.missing} of Pod ${String(pod.metadata.name)}`);
      withRequests.push({ ...samples[i]!, request: r });
    }
    const out = utilizationReplicas(inputs.current, withRequests, utilizationTarget, inputs.tolerance);
    if (!out.ok) return failed(`failed to get ${what}: ${out.error}`);
    const description = `${name} resource utilization (percentage of request)`;
    return {
      proposal: { valid: true, replicas: out.replicas, description },
      status: status({ averageUtilization: out.utilization, averageValue: formatQuantity(out.average, name) }),
      summary: { ...summary, current: out.utilization },
    };
  }
  if (averageTarget === undefined) return failed(`failed to get ${what}: the target has neither averageUtilization nor averageValue`);
  const out = averageValueReplicas(inputs.current, samples, averageTarget, inputs.tolerance);
  if (!out.ok) return failed(`failed to get ${what}: ${out.error}`);
  return {
    proposal: { valid: true, replicas: out.replicas, description: `${name} resource` },
    status: status({ averageValue: formatQuantity(out.average, name) }),
    summary: { ...summary, current: out.average },
  };
}

function podsMetric(source: Rec, inputs: MetricInputs): MetricReading {
  const name = String(rec(source.metric).name ?? '');
  const averageTarget = quantityValue(rec(source.target).averageValue);
  const summary = { name, current: null, target: averageTarget ?? 0, type: 'Pods' };
  const status = (current: Rec): Rec => ({ type: 'Pods', pods: { metric: { name }, current } });
  const failed = (message: string): MetricReading => ({ proposal: invalid('FailedGetPodsMetric', `failed to get pods metric value: ${message}`), status: status({}), summary });
  if (averageTarget === undefined) return failed('the target has no averageValue');
  const samples: PodSample[] = inputs.pods.filter(isCounted).map((pod) => {
    const s = inputs.signals.metric(inputs.namespace, String(pod.metadata.name), name);
    const fresh = s !== undefined && inputs.nowMs - s.atMs <= POD_METRIC_MAX_AGE_MS;
    return { name: String(pod.metadata.name), unready: isUnready(pod, false, inputs.nowMs), value: fresh ? s.value : undefined };
  });
  const out = averageValueReplicas(inputs.current, samples, averageTarget, inputs.tolerance);
  if (!out.ok) return failed(out.error);
  return {
    proposal: { valid: true, replicas: out.replicas, description: `pods metric ${name}` },
    status: status({ averageValue: formatQuantity(out.average) }),
    summary: { ...summary, current: out.average },
  };
}

/** Metric types berth has no source for, with the reason Kubernetes gives when it cannot get one. */
const UNSUPPORTED = new Map([
  ['ContainerResource', 'FailedGetContainerResourceMetric'],
  ['Object', 'FailedGetObjectMetric'],
  ['External', 'FailedGetExternalMetric'],
]);

/** One spec.metrics entry, measured. */
export function readMetric(spec: unknown, inputs: MetricInputs): MetricReading {
  const m = rec(spec);
  const type = String(m.type ?? '');
  if (type === 'Resource') return resourceMetric(rec(m.resource), inputs);
  if (type === 'Pods') return podsMetric(rec(m.pods), inputs);
  const member = type.charAt(0).toLowerCase() + type.slice(1);
  const source = rec(m[member]);
  const name = String(source.name ?? rec(source.metric).name ?? type);
  const summary = { name, current: null, target: 0, type };
  const reason = UNSUPPORTED.get(type);
  if (reason === undefined) return { proposal: invalid('InvalidMetricSourceType', `unknown metric source type "${type}"`), status: { type }, summary };
  const { target: _target, ...described } = source;
  return { proposal: invalid(reason, `${type} metrics are not supported in berth (Resource and Pods metrics are)`), status: { type, [member]: { ...described, current: {} } }, summary };
}

/** A proposal for every metric when the target's selector matches no pods by construction. */
export function invalidSelector(message: string): MetricProposal {
  return { valid: false, reason: 'InvalidSelector', message };
}
