// A replica's link to NATS, for the life of the process. It connects in the background — a server
// starts, elects and serves without NATS, because NATS is a projection of the store and never on
// the write path — and keeps trying for ever: an absent or stopped NATS is logged once, not per
// attempt. Once connected, nats.js reconnects by itself; after every (re)connect the link opens the
// endpoints bucket again (creating it if missing, as after a NATS restart with an empty store) and
// tells its listeners, so that the leader's publisher republishes everything.
import type { KV } from '@nats-io/kv';
import { Kvm } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import type { NatsOptions } from '../../client/index.js';
import { connectNats, endpointsBucket } from '../../client/index.js';

export interface NatsLinkOptions {
  readonly nats: NatsOptions;
  readonly cluster: string;
  /** Replicas of the bucket's stream when the link creates it. */
  readonly kvReplicas: number;
  /** Between attempts to connect for the first time, and to open the bucket. */
  readonly retryMs: number;
  readonly logger: Logger;
}

/** What the outbox and the metrics need of the link (the seam a test may stand in for). */
export interface NatsLinkView {
  /** Whether a connection is up now. */
  readonly connected: boolean;
  /** The connection while it is up. */
  readonly connection: NatsConnection | undefined;
  /** The endpoints bucket, once opened on the current connection. */
  readonly bucket: KV | undefined;
  /** Called after every change: connected, disconnected, bucket opened. Returns an unsubscribe function. */
  onChange(listener: () => void): () => void;
}

type MessageHandler = (subject: string, data: Uint8Array) => void;

/** Longest wait for nats.js to flush and close on shutdown. */
const CLOSE_TIMEOUT_MS = 2_000;

export class NatsLink implements NatsLinkView {
  private nc: NatsConnection | undefined;
  private kv: KV | undefined;
  private up = false;
  private closed = false;
  /** Bumped on every (re)connect, so that a bucket opened for an earlier connection is not used. */
  private generation = 0;
  private readonly timers = new Set<NodeJS.Timeout>();
  private reportedDown = false;
  private reportedNoBucket = false;
  private readonly listeners = new Set<() => void>();
  private readonly wanted: { subject: string; handler: MessageHandler }[] = [];
  private readonly log: Logger;

  private constructor(private readonly opts: NatsLinkOptions) {
    this.log = opts.logger.child({ component: 'nats' });
  }

  /** Starts connecting in the background; never throws, never waits. */
  static start(opts: NatsLinkOptions): NatsLink {
    const link = new NatsLink(opts);
    link.connect();
    return link;
  }

  get connected(): boolean {
    return this.up;
  }

  get connection(): NatsConnection | undefined {
    return this.up ? this.nc : undefined;
  }

  get bucket(): KV | undefined {
    return this.up ? this.kv : undefined;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Subscribes now if connected, else on connect; nats.js renews it after each reconnect. */
  subscribe(subject: string, handler: MessageHandler): void {
    this.wanted.push({ subject, handler });
    if (this.nc !== undefined) this.subscribeOn(this.nc, subject, handler);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.up = false;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    const nc = this.nc;
    this.nc = undefined;
    this.kv = undefined;
    if (nc === undefined) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, CLOSE_TIMEOUT_MS)));
    await Promise.race([nc.close().catch(() => undefined), timeout]);
    clearTimeout(timer);
  }

  private notify(): void {
    for (const l of [...this.listeners]) {
      try {
        l();
      } catch (err) {
        this.log.error({ err }, 'a NATS link listener threw');
      }
    }
  }

  private later(fn: () => void): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, this.opts.retryMs);
    timer.unref();
    this.timers.add(timer);
  }

  /** One attempt; on failure another after retryMs (the first connect fails fast, so we can stop). */
  private connect(): void {
    if (this.closed) return;
    const name = this.opts.nats.name;
    connectNats(this.opts.nats, { waitOnFirstConnect: false }).then(
      (nc) => {
        if (this.closed) {
          void nc.close().catch(() => undefined);
          return;
        }
        this.nc = nc;
        for (const w of this.wanted) this.subscribeOn(nc, w.subject, w.handler);
        this.follow(nc).catch((err: unknown) => this.log.debug({ err: String(err) }, 'the NATS status stream ended'));
        void nc.closed().then(() => this.lost(nc));
        this.log.info({ servers: this.opts.nats.servers, name }, 'connected to NATS');
        this.connectedNow(nc);
      },
      (err: unknown) => {
        if (!this.reportedDown) this.log.warn({ servers: this.opts.nats.servers, err: String(err), retryMs: this.opts.retryMs }, 'NATS is not reachable; the control plane goes on without it and keeps trying');
        this.reportedDown = true;
        this.later(() => this.connect());
      },
    );
  }

  private subscribeOn(nc: NatsConnection, subject: string, handler: MessageHandler): void {
    try {
      nc.subscribe(subject, { callback: (err, msg) => (err === null ? handler(msg.subject, msg.data) : undefined) });
    } catch (err) {
      this.log.warn({ subject, err: String(err) }, 'cannot subscribe');
    }
  }

  /** Follows the connection's status: nats.js reconnects by itself and says so here. */
  private async follow(nc: NatsConnection): Promise<void> {
    for await (const s of nc.status()) {
      if (this.closed || nc !== this.nc) return;
      if (s.type === 'disconnect') {
        if (!this.up) continue;
        this.up = false;
        this.kv = undefined;
        this.log.warn({ server: s.server }, 'disconnected from NATS; reconnecting');
        this.notify();
      } else if (s.type === 'reconnect') {
        this.log.info({ server: s.server }, 'reconnected to NATS');
        this.connectedNow(nc);
      }
    }
  }

  /** The connection closed for good without close() (e.g. its credentials were refused): start over. */
  private lost(nc: NatsConnection): void {
    if (this.closed || nc !== this.nc) return;
    this.nc = undefined;
    this.up = false;
    this.kv = undefined;
    this.log.warn('the NATS connection closed; connecting again');
    this.notify();
    this.later(() => this.connect());
  }

  private connectedNow(nc: NatsConnection): void {
    this.up = true;
    this.reportedDown = false;
    this.kv = undefined;
    const gen = ++this.generation;
    this.notify();
    void this.openBucket(nc, gen);
  }

  /** Creates the bucket if it is missing (history 1: the latest set per Service is all it keeps). */
  private async openBucket(nc: NatsConnection, gen: number): Promise<void> {
    const bucket = endpointsBucket(this.opts.cluster);
    try {
      const kv = await new Kvm(nc).create(bucket, { history: 1, replicas: this.opts.kvReplicas });
      if (this.closed || gen !== this.generation || !this.up) return;
      this.kv = kv;
      this.reportedNoBucket = false;
      this.log.info({ bucket }, 'endpoints bucket ready');
      this.notify();
    } catch (err) {
      if (this.closed || gen !== this.generation) return;
      if (!this.reportedNoBucket) this.log.warn({ bucket, err: String(err), retryMs: this.opts.retryMs }, 'cannot open the endpoints bucket (is JetStream enabled?); publishing on subjects only and trying again');
      this.reportedNoBucket = true;
      this.later(() => {
        if (gen === this.generation && this.up) void this.openBucket(nc, gen);
      });
    }
  }
}
