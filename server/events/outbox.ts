// What the leader sends to NATS, waiting for it: the latest endpoint set of each Service (a newer
// set replaces a pending one, so a Service that changes a thousand times while NATS is away costs
// one message when it returns), and Events and scaling decisions, best effort. One sender loop
// sends them in order; nothing here is on the store's write path, and a full outbox drops work
// instead of growing: pending sets beyond maxPendingSets are dropped in favour of a republish of
// every Service, and the oldest messages beyond maxPendingEvents are dropped and counted.
//
// On every (re)connect, and when a new leader attaches its source, every Service's current set is
// republished and bucket keys of Services that no longer exist get a tombstone. Consumers keep
// the newest revision only, so sending a set again is harmless; the bucket is written the same
// way — compare-and-set, never replacing a newer revision — so that a deposed leader's late or
// stale write cannot take a Service's entry back in time.
import type { KV } from '@nats-io/kv';
import { JetStreamApiCodes, JetStreamApiError } from '@nats-io/jetstream';
import type { Logger } from 'pino';
import type { EndpointSet } from '../../client/index.js';
import { decodeEndpointSet, encodeEndpointSet, endpointsKey, MAX_MESSAGE_BYTES, parseEndpointsKey, subjects } from '../../client/index.js';
import type { NatsLinkView } from './nats-link.js';

/** Where the outbox gets every Service's current set when it republishes (the leader's publisher). */
export interface EndpointSetSource {
  /** Every Service now. */
  services(): { namespace: string; name: string }[];
  /** A Service's set now, or its tombstone when it does not exist; computed at the call. */
  current(namespace: string, name: string): EndpointSet;
}

export interface OutboxOptions {
  readonly cluster: string;
  readonly maxPendingSets: number;
  readonly maxPendingEvents: number;
  /** Pause after a failed send before the next attempt (unless NATS comes back sooner). */
  readonly retryMs: number;
  readonly logger: Logger;
}

/** Compare-and-set attempts on one bucket key (others write it too) before trying again later. */
const MAX_PUT_ATTEMPTS = 5;
/** A log line about dropped messages at most this often. */
const DROP_LOG_INTERVAL_MS = 10_000;

type PutOutcome = 'written' | 'not newer';

/** Whether `set` should replace what the bucket holds. */
function supersedes(set: EndpointSet, stored: EndpointSet): boolean {
  if (set.deleted === true && stored.deleted === true) return false;
  return set.revision > stored.revision;
}

function wrongLastSequence(err: unknown): boolean {
  return err instanceof JetStreamApiError && (err.code === JetStreamApiCodes.StreamWrongLastSequence || err.code === JetStreamApiCodes.StreamWrongLastSequenceUnknown);
}

/** Writes `set` under `key` unless the bucket already holds it or a newer revision. */
export async function putIfNewer(kv: KV, key: string, set: EndpointSet, data: Uint8Array): Promise<PutOutcome> {
  for (let attempt = 0; attempt < MAX_PUT_ATTEMPTS; attempt++) {
    const cur = await kv.get(key);
    const stored = cur !== null && cur.operation === 'PUT' ? decodeEndpointSet(cur.value) : undefined;
    if (stored !== undefined && !supersedes(set, stored)) return 'not newer';
    try {
      await kv.put(key, data, { previousSeq: cur === null ? 0 : cur.revision });
      return 'written';
    } catch (err) {
      if (!wrongLastSequence(err)) throw err;
    }
  }
  throw new Error(`bucket key ${key} kept changing during ${MAX_PUT_ATTEMPTS} compare-and-set attempts`);
}

export class Outbox {
  /** Pending sets by bucket key, oldest first; a newer set for a key takes the older one's place. */
  private readonly sets = new Map<string, EndpointSet>();
  private messages: { subject: string; data: Uint8Array }[] = [];
  private source: EndpointSetSource | undefined;
  private republishWanted = false;
  private sending = false;
  private closed = false;
  private dropped = 0;
  private lastDropLogMs = 0;
  private overflowCount = 0;
  private wake: (() => void) | undefined;
  private readonly stopListening: () => void;
  private readonly log: Logger;

  constructor(
    private readonly link: NatsLinkView,
    private readonly opts: OutboxOptions,
  ) {
    this.log = opts.logger.child({ component: 'nats-publisher' });
    this.stopListening = link.onChange(() => this.linkChanged());
  }

  /** Sets waiting to be sent. */
  get pendingSets(): number {
    return this.sets.size;
  }

  /** Events and scaling decisions waiting to be sent. */
  get pendingMessages(): number {
    return this.messages.length;
  }

  /** Messages dropped so far because more than maxPendingEvents waited. */
  get droppedMessages(): number {
    return this.dropped;
  }

  /** How often pending sets overflowed maxPendingSets (each time replaced by a republish). */
  get overflows(): number {
    return this.overflowCount;
  }

  /** A leader starts publishing: everything is republished from `source`. */
  attach(source: EndpointSetSource): void {
    this.source = source;
    this.sets.clear();
    this.republishWanted = true;
    this.kick();
  }

  /** Leadership is lost: what `source` handed over and did not go out yet is dropped. */
  detach(source: EndpointSetSource): void {
    if (this.source !== source) return;
    this.source = undefined;
    this.sets.clear();
    this.republishWanted = false;
  }

  /** A Service's set; a pending newer one for the same Service wins. Only while a source is attached. */
  offerSet(set: EndpointSet): void {
    if (this.closed || this.source === undefined) return;
    let key: string;
    try {
      key = endpointsKey(set.namespace, set.service);
    } catch (err) {
      this.log.debug({ namespace: set.namespace, service: set.service, err: String(err) }, 'a Service whose name NATS cannot carry is not published');
      return;
    }
    const cur = this.sets.get(key);
    if (cur !== undefined && cur.revision > set.revision) return;
    if (cur === undefined && this.sets.size >= this.opts.maxPendingSets) {
      this.overflow();
      return;
    }
    this.sets.set(key, set);
    this.kick();
  }

  /** An Event or scaling decision, best effort: beyond the bound the oldest waiting one is dropped. */
  offerMessage(subject: string, data: Uint8Array): void {
    if (this.closed) return;
    if (data.byteLength > MAX_MESSAGE_BYTES) {
      this.log.debug({ subject, bytes: data.byteLength }, 'a message too large for NATS is not published');
      return;
    }
    this.messages.push({ subject, data });
    const excess = this.messages.length - this.opts.maxPendingEvents;
    if (excess > 0) {
      this.messages.splice(0, excess);
      this.dropped += excess;
      this.reportDrops();
    }
    this.kick();
  }

  close(): void {
    this.closed = true;
    this.stopListening();
    this.sets.clear();
    this.messages = [];
    this.wake?.();
  }

  private reportDrops(): void {
    const now = Date.now();
    if (now - this.lastDropLogMs < DROP_LOG_INTERVAL_MS) return;
    this.lastDropLogMs = now;
    this.log.warn({ dropped: this.dropped, maxPendingEvents: this.opts.maxPendingEvents }, 'NATS is not keeping up; dropped the oldest waiting events and scaling decisions');
  }

  private overflow(): void {
    this.sets.clear();
    this.republishWanted = true;
    this.overflowCount++;
    this.log.warn({ maxPendingSets: this.opts.maxPendingSets, overflows: this.overflowCount }, 'too many Services wait to be published; republishing every Service instead');
    this.kick();
  }

  private linkChanged(): void {
    this.wake?.();
    if (!this.link.connected) return;
    if (this.source !== undefined) this.republishWanted = true;
    this.kick();
  }

  private kick(): void {
    if (this.sending || this.closed) return;
    void this.run();
  }

  /** The one sender loop: messages first (cheap), then a republish if one is due, then one set. */
  private async run(): Promise<void> {
    this.sending = true;
    try {
      while (!this.closed && this.link.connected) {
        this.flushMessages();
        const source = this.source;
        if (this.republishWanted && source !== undefined) {
          this.republishWanted = false;
          if (!(await this.republishAll(source).catch((err: unknown) => this.republishFailed(err)))) await this.pause();
          continue;
        }
        const next = this.sets.entries().next().value;
        if (next === undefined) break;
        const [key, set] = next;
        this.sets.delete(key);
        if (!(await this.send(key, set))) {
          this.requeue(key, set);
          await this.pause();
        }
      }
    } finally {
      this.sending = false;
    }
  }

  /** Until NATS changes state or retryMs passed. */
  private pause(): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, this.opts.retryMs);
      timer.unref();
      this.wake = done;
    });
  }

  private requeue(key: string, set: EndpointSet): void {
    if (this.source === undefined || this.sets.has(key)) return;
    if (this.sets.size >= this.opts.maxPendingSets) this.overflow();
    else this.sets.set(key, set);
  }

  private flushMessages(): void {
    const nc = this.link.connection;
    if (nc === undefined || this.messages.length === 0) return;
    const batch = this.messages;
    this.messages = [];
    for (const m of batch) {
      try {
        nc.publish(m.subject, m.data);
      } catch (err) {
        this.log.debug({ subject: m.subject, err: String(err) }, 'publishing a message failed');
      }
    }
  }

  /** Publishes a set on its subject and writes it to the bucket; false when NATS failed (try again). */
  private async send(key: string, set: EndpointSet): Promise<boolean> {
    const nc = this.link.connection;
    if (nc === undefined) return false;
    const data = encodeEndpointSet(set);
    if (data.byteLength > MAX_MESSAGE_BYTES) {
      this.log.error({ key, bytes: data.byteLength, max: MAX_MESSAGE_BYTES }, 'a Service has too many endpoints for one NATS message; not published');
      return true;
    }
    try {
      nc.publish(subjects.endpoints(this.opts.cluster, set.namespace, set.service), data);
      const kv = this.link.bucket;
      if (kv !== undefined) await putIfNewer(kv, key, set, data);
      return true;
    } catch (err) {
      this.log.debug({ key, revision: set.revision, err: String(err) }, 'sending an endpoint set failed; trying again');
      return false;
    }
  }

  /** Whether a republish from `source` should go on (not when leadership or NATS went, or another is due). */
  private goingOn(source: EndpointSetSource): boolean {
    return !this.closed && this.source === source && !this.republishWanted && this.link.connected;
  }

  /** Every Service's current set, then tombstones for bucket keys of Services that are gone. */
  private async republishAll(source: EndpointSetSource): Promise<boolean> {
    const live = new Set<string>();
    let sent = 0;
    for (const { namespace, name } of source.services()) {
      if (!this.goingOn(source)) return true;
      const set = source.current(namespace, name);
      const key = endpointsKey(namespace, name);
      live.add(key);
      const pending = this.sets.get(key);
      if (pending !== undefined && pending.revision <= set.revision) this.sets.delete(key);
      if (!(await this.send(key, set))) {
        this.republishWanted = true;
        return false;
      }
      sent++;
      this.flushMessages();
    }
    const tombstones = await this.tombstoneOrphans(source, live);
    if (this.goingOn(source)) this.log.info({ services: sent, tombstones }, "republished every Service's endpoints");
    return true;
  }

  private republishFailed(err: unknown): false {
    this.log.warn({ err: String(err) }, 'republishing failed; trying again');
    this.republishWanted = true;
    return false;
  }

  /** Tombstones bucket keys whose Service no longer exists (deleted while no leader published). */
  private async tombstoneOrphans(source: EndpointSetSource, live: ReadonlySet<string>): Promise<number> {
    const kv = this.link.bucket;
    if (kv === undefined) return 0;
    const orphans: string[] = [];
    for await (const key of await kv.keys()) if (!live.has(key) && parseEndpointsKey(key) !== undefined) orphans.push(key);
    let written = 0;
    for (const key of orphans) {
      const nc = this.link.connection;
      if (!this.goingOn(source) || nc === undefined) return written;
      const { namespace, service } = parseEndpointsKey(key)!;
      const set = source.current(namespace, service);
      // Made again meanwhile: its own reconcile sends its set.
      if (set.deleted !== true) continue;
      const data = encodeEndpointSet(set);
      if ((await putIfNewer(kv, key, set, data)) !== 'written') continue;
      nc.publish(subjects.endpoints(this.opts.cluster, namespace, service), data);
      written++;
    }
    return written;
  }
}
