// Custom metrics applications publish for their pods (berth.<cluster>.metrics.<namespace>.<pod>),
// kept as the latest sample per (namespace, pod, metric) with its arrival time, for the
// autoscaler's PodSignals.metric. Every replica follows them, not only the leader: a new leader
// then has current samples at once instead of waiting for the next ones, which matters to an
// autoscaler that must not act on "no data". The map is bounded: the least recently updated
// sample is evicted first, so that a flood of pod or metric names cannot grow a replica's memory.
import type { Logger } from 'pino';
import { decodeMetricSample, subjects } from '../../client/index.js';
import type { NatsLink } from './nats-link.js';

export interface MetricValue {
  readonly value: number;
  /** When the sample arrived (ms since the epoch). */
  readonly atMs: number;
}

/** The pod a metrics subject names, or undefined when it is not one of berth's. */
export function podOfMetricsSubject(subject: string): { namespace: string; pod: string } | undefined {
  const parts = subject.split('.');
  if (parts.length !== 5 || parts[0] !== 'berth' || parts[2] !== 'metrics') return undefined;
  return { namespace: parts[3]!.replaceAll('~', '.'), pod: parts[4]!.replaceAll('~', '.') };
}

export class MetricSamples {
  /** Insertion order is update order: the first entry is the stalest. */
  private readonly samples = new Map<string, MetricValue>();

  constructor(
    /** The most samples kept. */
    private readonly maxSamples: number,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.samples.size;
  }

  record(namespace: string, pod: string, name: string, value: number): void {
    const key = `${namespace}\u0000${pod}\u0000${name}`;
    this.samples.delete(key);
    this.samples.set(key, { value, atMs: this.now() });
    while (this.samples.size > this.maxSamples) {
      const stalest = this.samples.keys().next().value;
      if (stalest === undefined) break;
      this.samples.delete(stalest);
    }
  }

  get(namespace: string, pod: string, name: string): MetricValue | undefined {
    return this.samples.get(`${namespace}\u0000${pod}\u0000${name}`);
  }
}

/** Subscribes `samples` to every custom metric of the cluster on `link`. */
export function followMetrics(link: NatsLink, cluster: string, samples: MetricSamples, logger: Logger): void {
  let ignored = 0;
  link.subscribe(subjects.allMetrics(cluster), (subject, data) => {
    const pod = podOfMetricsSubject(subject);
    const sample = decodeMetricSample(data);
    if (pod === undefined || sample === undefined) {
      if (ignored++ === 0) logger.warn({ component: 'nats-metrics', subject }, 'ignoring a metrics message that is not {"name": string, "value": number} (logged once)');
      return;
    }
    samples.record(pod.namespace, pod.pod, sample.name, sample.value);
  });
}
