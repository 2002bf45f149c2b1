// DiscoveryCache: a live copy of every Service's EndpointSet, for the SDK's lookups, the agent's
// DNS server and its NodePort proxy (it is their EndpointSource). With NATS it follows the
// endpoints bucket; without NATS, or while NATS is away (no connection within
// natsConnectTimeoutMs, the bucket unreadable, or the connection lost for longer than natsGraceMs),
// it follows the control plane's watches instead, and hands back to NATS once NATS has delivered
// the bucket again. Both sources feed one store that keeps the newest set per Service across the
// switches (set-store.ts says how), so the cache never goes back. Reads are synchronous and never
// call out; the first fill is awaited with ready().
import { BerthError, UnavailableError } from '../errors.js';
import { ControlPlaneFollower } from './control-plane-follower.js';
import { NatsFollower } from './nats-follower.js';
import { compileDiscoveryCacheOptions } from './options.js';
import type { CompiledDiscoveryCacheOptions, DiscoveryCacheOptions, DiscoveryMode } from './options.js';
import { EndpointSetStore } from './set-store.js';
import type { CachedEndpointSet, SetSource } from './set-store.js';
import type { EndpointSet, EndpointSource } from './wire.js';

/** What the cache has done so far, for logs, metrics and error messages. */
export interface DiscoveryStatus {
  readonly mode: DiscoveryMode;
  /** Whether it has been filled once (lookups answer from then on, even while both sources are away). */
  readonly synced: boolean;
  /** Services held, tombstones included. */
  readonly services: number;
  /** Sets that replaced older ones. */
  readonly applied: number;
  /** Sets dropped because the cache held a newer one. */
  readonly stale: number;
  /** Bucket values that were not an EndpointSet of their key (ignored). */
  readonly garbage: number;
  /** Sets of new Services dropped because the cache was full (maxServices). */
  readonly overLimit: number;
  /** Why NATS last failed, if it has. */
  readonly natsError: string | undefined;
  /** Why the control plane last failed, if it has. */
  readonly controlPlaneError: string | undefined;
}

type Counters = { applied: number; stale: number; garbage: number; overLimit: number };

export class DiscoveryCache implements EndpointSource {
  readonly options: CompiledDiscoveryCacheOptions;
  private readonly store: EndpointSetStore;
  private readonly listeners = new Set<(set: EndpointSet) => void>();
  private readonly counters: Counters = { applied: 0, stale: 0, garbage: 0, overLimit: 0 };
  /** Lookups waiting for the first fill: called with nothing once filled, or with why not. */
  private readonly syncWaiters = new Set<(err?: Error) => void>();
  private nats: NatsFollower | undefined;
  private controlPlane: ControlPlaneFollower | undefined;
  private natsTimer: NodeJS.Timeout | undefined;
  private natsLive = false;
  private currentMode: DiscoveryMode = 'starting';
  private isSynced = false;
  private started = false;
  private closed = false;
  private natsError: string | undefined;
  private controlPlaneError: string | undefined;

  /** Throws InvalidError for bad options; starts nothing until start() (or a lookup through DiscoveryClient). */
  constructor(options: DiscoveryCacheOptions) {
    this.options = compileDiscoveryCacheOptions(options);
    this.store = new EndpointSetStore(this.options.maxServices);
  }

  get synced(): boolean {
    return this.isSynced;
  }

  get mode(): DiscoveryMode {
    return this.currentMode;
  }

  status(): DiscoveryStatus {
    return { mode: this.currentMode, synced: this.isSynced, services: this.store.size, ...this.counters, natsError: this.natsError, controlPlaneError: this.controlPlaneError };
  }

  /** Begins following (NATS first when configured). Idempotent; fails after close(). */
  start(): void {
    if (this.closed) throw new BerthError('CANCELLED', 'the discovery cache was closed');
    if (this.started) return;
    this.started = true;
    const nats = this.options.nats;
    if (nats === undefined) return this.startControlPlane('no NATS is configured');
    this.nats = new NatsFollower(
      { nats, cluster: this.options.cluster, connectTimeoutMs: this.options.natsConnectTimeoutMs, graceMs: this.options.natsGraceMs, retryMs: this.options.natsRetryMs },
      {
        set: (set) => this.offer(set, 'nats'),
        garbage: () => void this.counters.garbage++,
        synced: () => this.natsSynced(),
        down: (reason) => this.natsDown(reason),
      },
    );
    this.nats.start();
    this.natsTimer = setTimeout(() => {
      this.natsTimer = undefined;
      if (!this.natsLive) this.natsDown(`NATS at ${nats.servers.join(',')} did not deliver the bucket ${this.nats?.bucket ?? ''} within ${this.options.natsConnectTimeoutMs} ms`);
    }, this.options.natsConnectTimeoutMs);
  }

  /**
   * Resolves once the cache has been filled (at once when it has); starts it. Rejects with
   * UNAVAILABLE after `timeoutMs` (default syncTimeoutMs), saying why each source failed.
   */
  ready(timeoutMs = this.options.syncTimeoutMs): Promise<void> {
    this.start();
    if (this.isSynced) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const done = (err?: Error): void => {
        clearTimeout(timer);
        this.syncWaiters.delete(done);
        if (err === undefined) resolve();
        else reject(err);
      };
      const timer = setTimeout(() => {
        this.syncWaiters.delete(done);
        reject(this.notReadyError(timeoutMs));
      }, timeoutMs);
      this.syncWaiters.add(done);
    });
  }

  /** The error of a lookup before the first fill, naming what each source said. */
  notReadyError(waitedMs?: number): UnavailableError {
    if (this.closed) return new UnavailableError('service discovery was closed');
    const why = [
      this.options.nats === undefined ? undefined : `NATS: ${this.natsError ?? 'no answer yet'}`,
      this.options.fallback === undefined ? undefined : `control plane: ${this.controlPlaneError ?? 'no answer yet'}`,
    ].filter((x) => x !== undefined);
    const after = waitedMs === undefined ? 'yet' : `after ${waitedMs} ms`;
    return new UnavailableError(`service discovery has no endpoints ${after} (${why.join('; ')}); check that the cluster and its NATS are reachable`);
  }

  get(namespace: string, service: string): EndpointSet | undefined {
    return this.store.lookup(namespace, service)?.set;
  }

  /** The set held for a Service with its ready endpoints worked out (what lookups on hot paths read). */
  entry(namespace: string, service: string): CachedEndpointSet | undefined {
    return this.store.lookup(namespace, service);
  }

  all(): Iterable<EndpointSet> {
    return this.store.sets();
  }

  /** Calls `listener` (synchronously) with each set that replaced another; tombstones included. */
  onChange(listener: (set: EndpointSet) => void): () => void {
    this.reserveListener();
    const own = (set: EndpointSet): void => listener(set);
    this.listeners.add(own);
    return () => void this.listeners.delete(own);
  }

  /** Listeners of this cache (each subscription of a DiscoveryClient is one). */
  get listenerCount(): number {
    return this.listeners.size;
  }

  /** Throws RESOURCE_EXHAUSTED when one more listener would pass maxListeners. */
  reserveListener(): void {
    if (this.listeners.size >= this.options.maxListeners) {
      throw new BerthError('RESOURCE_EXHAUSTED', `service discovery: at most ${this.options.maxListeners} listeners and subscriptions (maxListeners); unsubscribe some first`);
    }
  }

  /** Stops following; lookups fail from then on, and listeners hear nothing more. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.natsTimer !== undefined) clearTimeout(this.natsTimer);
    this.controlPlane?.stop();
    this.listeners.clear();
    for (const waiter of [...this.syncWaiters]) waiter(this.notReadyError());
    await this.nats?.close();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private offer(set: EndpointSet, source: SetSource): void {
    if (this.closed) return;
    const { result, cached } = this.store.offer(set, source);
    if (result === 'stale') this.counters.stale++;
    else if (result === 'over-limit') this.counters.overLimit++;
    if (cached === undefined) return;
    this.counters.applied++;
    const applied = cached.set;
    for (const listener of [...this.listeners]) callListener(() => listener(applied));
  }

  private natsSynced(): void {
    this.natsLive = true;
    this.natsError = undefined;
    if (this.controlPlane !== undefined) {
      this.controlPlane.stop();
      this.controlPlane = undefined;
    }
    this.setMode('nats', 'NATS delivered the endpoints bucket');
    this.markSynced();
  }

  private natsDown(reason: string): void {
    this.natsLive = false;
    this.natsError = reason;
    if (this.options.fallback !== undefined) this.startControlPlane(reason);
  }

  private startControlPlane(reason: string): void {
    const api = this.options.fallback;
    if (this.closed || api === undefined || this.controlPlane !== undefined) return;
    this.controlPlane = new ControlPlaneFollower(api, this.options.controlPlaneRetryMs, {
      current: (namespace, service) => this.store.lookup(namespace, service),
      known: () => this.store.sets(),
      offer: (set) => this.offer(set, 'control-plane'),
      synced: () => {
        this.controlPlaneError = undefined;
        this.setMode('control-plane', reason);
        this.markSynced();
      },
      failed: (why) => void (this.controlPlaneError = why),
    });
    this.controlPlane.start();
  }

  private setMode(mode: DiscoveryMode, reason: string): void {
    if (mode === this.currentMode) return;
    this.currentMode = mode;
    const hook = this.options.onModeChange;
    if (hook !== undefined) callListener(() => hook(mode, reason));
  }

  private markSynced(): void {
    this.isSynced = true;
    for (const waiter of [...this.syncWaiters]) waiter();
  }
}

/**
 * Runs a listener. One that throws must not stop the others or the cache, so its error is raised
 * again on a fresh stack, where it is uncaught (as a throwing EventEmitter listener's would be).
 */
export function callListener(run: () => void): void {
  try {
    run();
  } catch (e) {
    setImmediate(() => {
      throw e;
    });
  }
}
