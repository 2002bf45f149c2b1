// PodSignals for the leader's controllers (the autoscaler): a pod's usage as its agent's last
// heartbeat reported it (NodeService keeps that in the leader's memory) and the latest custom
// metric sample from NATS. Usage is looked up per pod many times per autoscaler pass, so the
// heartbeats' reports are indexed once and reused for a short while.
import type { PodSignals } from '../controllers/index.js';
import type { MetricSamples } from './metrics.js';

export interface PodUsageView {
  readonly namespace: string;
  readonly name: string;
  readonly usage: { readonly cpuMillicores: number; readonly memoryBytes: number };
}

/** How long one index of the heartbeats' pod usage is reused (agents heartbeat every second). */
export const USAGE_INDEX_MAX_AGE_MS = 500;

export function podSignals(podUsage: () => readonly PodUsageView[], metrics: MetricSamples | undefined, now: () => number = Date.now): PodSignals {
  let index = new Map<string, PodUsageView['usage']>();
  let builtAtMs = Number.NEGATIVE_INFINITY;
  return {
    usage(namespace, pod) {
      const t = now();
      if (t - builtAtMs > USAGE_INDEX_MAX_AGE_MS) {
        index = new Map(podUsage().map((p) => [`${p.namespace}/${p.name}`, p.usage]));
        builtAtMs = t;
      }
      return index.get(`${namespace}/${pod}`);
    },
    metric(namespace, pod, name) {
      return metrics?.get(namespace, pod, name);
    },
  };
}
