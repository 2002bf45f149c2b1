// The controllers' Event recorder. Like Kubernetes' event correlator, it folds repeats: the same
// (object, type, reason, message) within the aggregation window updates one Event's count and
// lastTimestamp — at most once per update interval — instead of writing a new Event each time, so
// that a pod retried every few seconds does not fill the store with Events. Writes are best effort,
// bounded in flight, and never fail the work they describe.
import type { Logger } from 'pino';
import type { KubeObject } from '../../client/index.js';
import { resolveKind } from '../../client/index.js';
import type { ObjectRegistry } from '../api/index.js';
import { recordEvent, timestamp } from '../api/index.js';
import type { CompiledControllerOptions } from './options.js';
import type { EventRecorderView } from './types.js';

const EVENT = resolveKind('Event');
/** Events of cluster-scoped objects go to this namespace, as recordEvent does. */
const CLUSTER_EVENTS_NAMESPACE = 'default';

interface Seen {
  /** The Event written for the first occurrence (found again by this name). */
  name: string | undefined;
  namespace: string;
  firstMs: number;
  count: number;
  writtenCount: number;
  lastWriteMs: number;
  pending: boolean;
}

export class EventRecorder implements EventRecorderView {
  private readonly seen = new Map<string, Seen>();
  private inFlight = 0;
  private dropped = 0;

  constructor(
    private readonly reg: ObjectRegistry,
    private readonly component: string,
    private readonly opts: CompiledControllerOptions,
    private readonly logger: Logger,
  ) {}

  record(object: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string): void {
    const now = this.reg.opts.now().getTime();
    const key = `${object.metadata.uid ?? `${object.kind}/${object.metadata.namespace ?? ''}/${String(object.metadata.name)}`}\u0000${type}\u0000${reason}\u0000${message}`;
    let s = this.seen.get(key);
    if (s !== undefined && now - s.firstMs > this.opts.eventAggregationMs) {
      this.seen.delete(key);
      s = undefined;
    }
    if (s === undefined) {
      s = { name: undefined, namespace: object.metadata.namespace ?? CLUSTER_EVENTS_NAMESPACE, firstMs: now, count: 1, writtenCount: 0, lastWriteMs: now, pending: false };
      this.remember(key, s);
      this.write(() => this.create(s!, object, type, reason, message));
      return;
    }
    // Most recently used last, for the bound below.
    this.seen.delete(key);
    this.seen.set(key, s);
    s.count++;
    if (s.pending || s.name === undefined || now - s.lastWriteMs < this.opts.eventUpdateIntervalMs) return;
    this.write(() => this.bump(s!));
  }

  private remember(key: string, s: Seen): void {
    this.seen.set(key, s);
    while (this.seen.size > this.opts.maxTrackedEvents) {
      const oldest = this.seen.keys().next().value;
      if (oldest === undefined) break;
      this.seen.delete(oldest);
    }
  }

  private write(fn: () => Promise<void>): void {
    if (this.inFlight >= this.opts.maxEventWritesInFlight) {
      if (this.dropped++ % 100 === 0) this.logger.warn({ component: this.component, dropped: this.dropped }, 'too many event writes in flight; dropping events');
      return;
    }
    this.inFlight++;
    void fn()
      .catch((err: unknown) => this.logger.debug({ component: this.component, err }, 'writing an event failed'))
      .finally(() => this.inFlight--);
  }

  private async create(s: Seen, object: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string): Promise<void> {
    s.pending = true;
    try {
      const name = await recordEvent(this.reg, { object, reason, message, type, component: this.component });
      s.name = name;
      if (name === undefined) s.firstMs = -Infinity;
      s.writtenCount = 1;
      s.lastWriteMs = this.reg.opts.now().getTime();
    } finally {
      s.pending = false;
    }
  }

  private async bump(s: Seen): Promise<void> {
    s.pending = true;
    const count = s.count;
    try {
      await this.reg.modify(EVENT, s.namespace, s.name!, {}, (cur) => ({ ...cur, count, lastTimestamp: timestamp(this.reg.opts.now()) }));
      s.writtenCount = count;
      s.lastWriteMs = this.reg.opts.now().getTime();
    } catch {
      // The Event is gone (deleted, or it was never written): start a new one next time.
      s.name = undefined;
      s.firstMs = -Infinity;
    } finally {
      s.pending = false;
    }
  }
}
