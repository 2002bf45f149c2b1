// The public face of server/events: the replica's NATS link, the leader's publisher (endpoint
// sets, Events, scaling decisions) and the custom metrics it follows. NATS is a projection of the
// store: nothing here writes to the store or sits on its write path, and all of it keeps working,
// or waits, while NATS is away.
import type { NatsOptions } from '../../client/index.js';
import type { ControllerSpec, ScalingSink } from '../controllers/index.js';
import { MetricSamples, followMetrics } from './metrics.js';
import { NatsLink } from './nats-link.js';
import type { NatsEventsOptions } from './options.js';
import { compileNatsEventsOptions } from './options.js';
import { Outbox } from './outbox.js';
import { natsPublisherSpec } from './publisher.js';
import { natsScalingSink } from './scaling.js';

export { NatsLink } from './nats-link.js';
export type { NatsLinkOptions, NatsLinkView } from './nats-link.js';
export { Outbox, putIfNewer } from './outbox.js';
export type { EndpointSetSource, OutboxOptions } from './outbox.js';
export { NATS_PUBLISHER, natsPublisherSpec, eventMessage } from './publisher.js';
export { natsScalingSink } from './scaling.js';
export { MetricSamples, followMetrics, podOfMetricsSubject } from './metrics.js';
export type { MetricValue } from './metrics.js';
export { podSignals, USAGE_INDEX_MAX_AGE_MS } from './signals.js';
export type { PodUsageView } from './signals.js';
export { compileNatsEventsOptions, MAX_KV_REPLICAS } from './options.js';
export type { NatsEventsOptions, CompiledNatsEventsOptions } from './options.js';

/** A replica's NATS side, wired: what server-command hands to the control plane. */
export interface NatsEvents {
  readonly link: NatsLink;
  readonly outbox: Outbox;
  /** Custom metric samples (followed on every replica). */
  readonly metrics: MetricSamples;
  /** The leader-only publisher, for the controller manager. */
  readonly publisher: ControllerSpec;
  readonly scaling: ScalingSink;
  close(): Promise<void>;
}

/** Starts connecting to NATS in the background and returns at once. */
export function startNatsEvents(nats: NatsOptions, cluster: string, raw: NatsEventsOptions = {}): NatsEvents {
  const opts = compileNatsEventsOptions(raw);
  const link = NatsLink.start({ nats, cluster, kvReplicas: opts.kvReplicas, retryMs: opts.retryMs, logger: opts.logger });
  const outbox = new Outbox(link, { cluster, maxPendingSets: opts.maxPendingSets, maxPendingEvents: opts.maxPendingEvents, retryMs: opts.retryMs, logger: opts.logger });
  const metrics = new MetricSamples(opts.maxMetricSamples, opts.now);
  followMetrics(link, cluster, metrics, opts.logger);
  return {
    link,
    outbox,
    metrics,
    publisher: natsPublisherSpec(outbox, cluster),
    scaling: natsScalingSink(outbox, cluster, opts.logger),
    async close() {
      outbox.close();
      await link.close();
    },
  };
}
