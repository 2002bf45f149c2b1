// Follows the endpoints bucket on NATS: connects, watches every key of `berth-<cluster>-endpoints`
// (first each key's latest value, then every change) and hands each decoded set to its sink. It
// says when the bucket's current values have all been read (synced) and when NATS cannot serve
// (down): a first connect that fails, a bucket that cannot be read, or a connection lost for longer
// than the grace period. It keeps trying until closed, and after every reconnect it reads the
// bucket afresh (values are whole sets, so reading them again is always safe).
import type { KV, KvWatchEntry } from '@nats-io/kv';
import type { NatsConnection, QueuedIterator } from '@nats-io/transport-node';
import type { NatsOptions } from '../nats/options.js';
import { connectNats } from '../nats/options.js';
import type { EndpointSet } from './wire.js';
import { decodeEndpointSet, endpointsBucket, parseEndpointsKey } from './wire.js';
import { wakeableSleep } from './sleep.js';

export interface NatsFollowerSink {
  /** A set read from the bucket, whose key matches its namespace and service. */
  set(set: EndpointSet): void;
  /** A value that is not a set of the key it was found under (ignored). */
  garbage(key: string): void;
  /** Every value the bucket had when the watch (re)started has been delivered. */
  synced(): void;
  /** NATS cannot serve now; `reason` says why. */
  down(reason: string): void;
}

export interface NatsFollowerOptions {
  readonly nats: NatsOptions;
  readonly cluster: string;
  /** Each dial's timeout. */
  readonly connectTimeoutMs: number;
  /** How long a lost connection may stay lost before down(). */
  readonly graceMs: number;
  /** Delay between attempts while NATS or the bucket are away. */
  readonly retryMs: number;
}

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** The set a bucket entry holds, or undefined when it is not one (or not the key's). */
export function setOfEntry(key: string, value: Uint8Array): EndpointSet | undefined {
  const named = parseEndpointsKey(key);
  const set = decodeEndpointSet(value);
  if (named === undefined || set === undefined) return undefined;
  return set.namespace === named.namespace && set.service === named.service ? set : undefined;
}

export class NatsFollower {
  private closed = false;
  private nc: NatsConnection | undefined;
  private watch: QueuedIterator<KvWatchEntry> | undefined;
  private graceTimer: NodeJS.Timeout | undefined;
  /** Set when a reconnect stopped the watch: the next one starts at once. */
  private rewatch = false;
  private wake: (() => void) | undefined;
  private running: Promise<void> | undefined;
  readonly bucket: string;

  constructor(
    private readonly opts: NatsFollowerOptions,
    private readonly sink: NatsFollowerSink,
  ) {
    this.bucket = endpointsBucket(opts.cluster);
  }

  start(): void {
    this.running ??= this.run().catch((e: unknown) => this.sink.down(`the NATS follower stopped: ${messageOf(e)}`));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.clearGrace();
    this.watch?.stop();
    this.wake?.();
    const nc = this.nc;
    this.nc = undefined;
    await nc?.close().catch(() => undefined);
    await this.running;
  }

  private get servers(): string {
    return this.opts.nats.servers.join(',');
  }

  /** Connect (again and again until it works), then follow the bucket until the connection closes. */
  private async run(): Promise<void> {
    while (!this.closed) {
      let nc: NatsConnection;
      try {
        nc = await connectNats(
          { ...this.opts.nats, name: this.opts.nats.name ?? 'berth-discovery' },
          { reconnectTimeWaitMs: this.opts.retryMs, timeoutMs: this.opts.connectTimeoutMs, waitOnFirstConnect: false },
        );
      } catch (e) {
        this.sink.down(`cannot connect to NATS at ${this.servers}: ${messageOf(e)}`);
        await this.sleep(this.opts.retryMs);
        continue;
      }
      if (this.closed) {
        await nc.close().catch(() => undefined);
        return;
      }
      this.nc = nc;
      void this.followStatus(nc);
      await this.followBucket(nc);
    }
  }

  /** Disconnects start the grace period; a reconnect ends it and reads the bucket afresh. */
  private async followStatus(nc: NatsConnection): Promise<void> {
    for await (const s of nc.status()) {
      if (this.closed) return;
      if (s.type === 'disconnect') this.startGrace();
      else if (s.type === 'reconnect') {
        this.clearGrace();
        this.rewatch = true;
        this.watch?.stop();
      }
    }
  }

  private startGrace(): void {
    if (this.graceTimer !== undefined) return;
    this.graceTimer = setTimeout(() => {
      this.graceTimer = undefined;
      if (!this.closed) this.sink.down(`lost the connection to NATS at ${this.servers} for more than ${this.opts.graceMs} ms`);
    }, this.opts.graceMs);
  }

  private clearGrace(): void {
    if (this.graceTimer !== undefined) clearTimeout(this.graceTimer);
    this.graceTimer = undefined;
  }

  /** Watches the bucket, again after each stop, until the connection is closed. */
  private async followBucket(nc: NatsConnection): Promise<void> {
    const { Kvm } = await import('@nats-io/kv');
    while (!this.closed && !nc.isClosed()) {
      try {
        this.rewatch = false;
        const kv = await new Kvm(nc).open(this.bucket);
        await this.watchOnce(kv);
      } catch (e) {
        if (this.closed) return;
        this.sink.down(`cannot read the NATS bucket ${this.bucket} at ${this.servers}: ${messageOf(e)}`);
        await this.sleep(this.opts.retryMs);
        continue;
      }
      // A watch that ended by itself (its consumer went away) is started again, not in a tight loop.
      if (!this.rewatch && !this.closed) await this.sleep(this.opts.retryMs);
    }
  }

  /** One watch: every key's latest value, then changes, until the watch is stopped. */
  private async watchOnce(kv: KV): Promise<void> {
    // An empty bucket delivers nothing to say the initial values are done: ask first.
    const empty = (await kv.status()).values === 0;
    const watch = await kv.watch({ key: '>' });
    if (this.closed) return watch.stop();
    this.watch = watch;
    let synced = false;
    if (empty) {
      synced = true;
      this.sink.synced();
    }
    for await (const e of watch) {
      if (e.operation === 'PUT') {
        const set = setOfEntry(e.key, e.value);
        if (set === undefined) this.sink.garbage(e.key);
        else this.sink.set(set);
      }
      // The last of the initial values is marked as an update, and nothing is pending after it.
      if (!synced && (e.isUpdate || e.delta === 0)) {
        synced = true;
        this.sink.synced();
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return wakeableSleep(ms, (wake) => (this.wake = wake));
  }
}
