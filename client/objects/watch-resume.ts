// An object watch that resumes by itself. It remembers the last revision it received (from
// events and bookmarks) and, when a stream breaks for a reason that is not the caller's (the
// replica went away, the network dropped, the server cut off a slow watcher, or nothing arrived
// for idleTimeoutMs although bookmarks were asked for), it opens a new stream on the next replica
// from that revision. Events at or below it are dropped, so none is delivered twice; the server
// sends everything after it, so none is missed. When the revision is no longer in the server's
// history (COMPACTED), it lists afresh and reports the difference from what it has seen as
// ADDED, MODIFIED and DELETED events, then watches from the list's revision.
//
// The watch reaches the server only through WatchSource, so that all of this runs in unit tests
// without one (client/objects/watch-grpc.ts is the real source).
import { BerthError } from '../errors.js';
import type { KubeObject, ObjectWatch, ObjectWatchEvent } from './types.js';

export type RawWatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK';

/** One message of a watch stream, with its object decoded. */
export interface RawWatchEvent {
  readonly type: RawWatchEventType;
  /** Absent on BOOKMARK. */
  readonly object?: KubeObject | undefined;
  /** The revision of the change, or the one a BOOKMARK says the watch has reached. */
  readonly resourceVersion: string;
  /** Set on the BOOKMARK that ends the initial events. */
  readonly initialEventsEnd?: boolean | undefined;
}

/** Where a stream reports; after error() or end() it reports nothing more. */
export interface WatchSink {
  event(event: RawWatchEvent): void;
  /** The stream failed; a BerthError says why (anything else counts as INTERNAL). */
  error(err: unknown): void;
  /** The server ended the stream without an error (e.g. it is shutting down). */
  end(): void;
}

export interface WatchStreamHandle {
  /** Ends the stream; the sink hears nothing more. Safe to call after it ended. */
  cancel(): void;
  /** Stops delivering events until resume() (back-pressure to the server). */
  pause(): void;
  resume(): void;
}

/** The seam between the watch logic and a server. */
export interface WatchSource {
  /**
   * Opens a stream of changes after `fromResourceVersion` ("" for "from now"), or, with
   * `sendInitialEvents`, the current objects first (ADDED), then a BOOKMARK with
   * initialEventsEnd, then the changes. Bookmarks are always asked for.
   */
  open(fromResourceVersion: string, sendInitialEvents: boolean, sink: WatchSink): WatchStreamHandle;
  /** Every current object the watch covers, and the revision of that list. */
  list(): Promise<{ items: KubeObject[]; resourceVersion: string }>;
  /** Moves on to the next replica, before a reconnect after a failure. */
  failover(): void;
}

export interface ResumingWatchOptions {
  /** Changes after this revision; "" or omitted: from now on. */
  readonly resourceVersion?: string | undefined;
  readonly sendInitialEvents?: boolean | undefined;
  /** Objects the consumer already has (an informer's list): a re-list reports changes against them. */
  readonly seed?: readonly KubeObject[] | undefined;
  /** A stream silent (no event, no bookmark) for this long is presumed dead and reopened. */
  readonly idleTimeoutMs: number;
  /** Reconnects in a row without receiving anything before the watch fails. */
  readonly maxReconnects: number;
  /** Events held for the consumer; at this many the stream is paused until it drains to half. */
  readonly bufferEvents: number;
  /** Delay before reconnect number `reconnect` (0 for the first in a row). */
  backoffMs(reconnect: number): number;
  /** Called once when the watch ends, whatever the reason. */
  onClosed?(): void;
}

/** Failures that are not the caller's fault: reopen the stream (on another replica). */
const RESUMABLE: ReadonlySet<string> = new Set(['UNAVAILABLE', 'TIMEOUT', 'CANCELLED', 'RESOURCE_EXHAUSTED', 'NOT_LEADER']);

export function isResumable(err: BerthError): boolean {
  return RESUMABLE.has(err.code);
}

/** Whether decimal revision `a` is after `b`. A revision that is not decimal counts as newer (never dropped). */
export function isNewerRevision(a: string, b: string): boolean {
  if (!/^\d+$/.test(a) || !/^\d+$/.test(b)) return true;
  const x = a.replace(/^0+(?=\d)/, '');
  const y = b.replace(/^0+(?=\d)/, '');
  return x.length !== y.length ? x.length > y.length : x > y;
}

/** The cache key of an object: namespace/name, or name for cluster-scoped objects. */
export function objectKey(obj: KubeObject): string {
  const ns = obj.metadata?.namespace ?? '';
  const name = obj.metadata?.name ?? '';
  return ns === '' ? name : `${ns}/${name}`;
}

function toBerthError(err: unknown): BerthError {
  if (err instanceof BerthError) return err;
  return new BerthError('INTERNAL', `the watch failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
}

interface Seen {
  readonly resourceVersion: string;
  readonly object: KubeObject;
}

interface Entry {
  readonly event: ObjectWatchEvent;
  /** The watch's revision once this entry is delivered, when it moves it. */
  rvAfter?: string;
}

/** One open stream: settle() ends it once, with the reason. */
interface Stream {
  handle: WatchStreamHandle | undefined;
  settle(err: BerthError): void;
}

export class ResumingWatch<T extends KubeObject = KubeObject> implements ObjectWatch<T> {
  private readonly queue: Entry[] = [];
  /** Objects this watch has reported and not reported deleted: what a re-list is compared with. */
  private readonly seen = new Map<string, Seen>();
  /** Keys reported since the current initial list began (to find the ones that are gone). */
  private readonly initialKeys = new Set<string>();
  /** The revision of the last event or bookmark received: where a new stream resumes. */
  private receivedRv: string;
  /** When the stream last brought something (Date.now()), for the idle check. */
  private lastActivityMs = 0;
  /** The revision of the last event delivered to the consumer (or reached by a bookmark). */
  private deliveredRv: string;
  private initial: boolean;
  private needsRelist = false;
  private reconnects = 0;
  private stream: Stream | undefined;
  private paused = false;
  private closed = false;
  private iterated = false;
  private finished = false;
  private failure: BerthError | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private wakeLoop: (() => void) | undefined;
  private readonly consumers: Array<() => void> = [];
  private readonly spaceWaiters: Array<() => void> = [];

  constructor(
    private readonly source: WatchSource,
    private readonly opts: ResumingWatchOptions,
  ) {
    this.receivedRv = opts.resourceVersion === '0' ? '' : (opts.resourceVersion ?? '');
    this.deliveredRv = this.receivedRv;
    this.initial = opts.sendInitialEvents ?? false;
    for (const obj of opts.seed ?? []) this.seen.set(objectKey(obj), { resourceVersion: obj.metadata.resourceVersion ?? '', object: obj });
    void this.run().catch((e: unknown) => this.fail(toBerthError(e)));
  }

  get resourceVersion(): string {
    return this.deliveredRv;
  }

  /** Events waiting for the consumer (at most bufferEvents, plus any the stream had in flight). */
  get buffered(): number {
    return this.queue.length;
  }

  /** Ends the watch: the iteration finishes, events not yet taken are dropped. Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.queue.length = 0;
    this.stream?.settle(new BerthError('CANCELLED', 'the watch was closed'));
    this.wakeAll();
    this.finish();
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.opts.onClosed?.();
  }

  [Symbol.asyncIterator](): AsyncIterator<ObjectWatchEvent<T>> {
    if (this.iterated) throw new BerthError('FAILED_PRECONDITION', 'a watch can be iterated only once');
    this.iterated = true;
    return {
      next: () => this.next(),
      return: () => {
        this.close();
        return Promise.resolve({ done: true, value: undefined });
      },
    };
  }

  private async next(): Promise<IteratorResult<ObjectWatchEvent<T>>> {
    for (;;) {
      if (this.closed) return { done: true, value: undefined };
      const entry = this.take();
      if (entry !== undefined) return { done: false, value: entry.event as ObjectWatchEvent<T> };
      if (this.failure !== undefined) {
        const err = this.failure;
        this.close();
        throw err;
      }
      await new Promise<void>((resolve) => this.consumers.push(resolve));
    }
  }

  private take(): Entry | undefined {
    const entry = this.queue.shift();
    if (entry === undefined) return undefined;
    if (entry.rvAfter !== undefined) this.deliveredRv = entry.rvAfter;
    if (this.paused && this.queue.length <= Math.floor(this.opts.bufferEvents / 2)) {
      this.paused = false;
      this.stream?.handle?.resume();
      this.armIdle();
    }
    this.spaceWaiters.splice(0).forEach((wake) => wake());
    return entry;
  }

  /**
   * Streams, re-lists and reconnects until closed or failed. Every stream that ends is a
   * reconnect; only receiving something resets their count.
   */
  private async run(): Promise<void> {
    while (!this.closed && this.failure === undefined) {
      const err = this.needsRelist ? await this.relist() : await this.follow();
      if (this.closed || err === undefined) continue;
      if (err.code === 'COMPACTED') this.needsRelist = true;
      else if (!isResumable(err)) return this.fail(err);
      if (this.reconnects >= this.opts.maxReconnects) return this.fail(gaveUp(err, this.reconnects));
      this.reconnects++;
      // History is gone on every replica alike; any other failure may be this replica's.
      if (err.code !== 'COMPACTED') this.source.failover();
      await this.sleep(this.opts.backoffMs(this.reconnects - 1));
    }
  }

  /** Runs one stream to its end; resolves with why it ended. */
  private follow(): Promise<BerthError> {
    return new Promise((resolve) => {
      let settled = false;
      const stream: Stream = {
        handle: undefined,
        settle: (err) => {
          if (settled) return;
          settled = true;
          this.disarmIdle();
          if (this.stream === stream) this.stream = undefined;
          stream.handle?.cancel();
          resolve(err);
        },
      };
      this.stream = stream;
      const sink: WatchSink = {
        event: (event) => {
          if (settled) return;
          try {
            this.receive(event);
          } catch (e) {
            stream.settle(toBerthError(e));
          }
        },
        error: (e) => stream.settle(toBerthError(e)),
        end: () => stream.settle(new BerthError('UNAVAILABLE', 'the server ended the watch stream')),
      };
      // A stream with initial events lists everything again: what it does not list is gone.
      if (this.initial) this.initialKeys.clear();
      let handle: WatchStreamHandle;
      try {
        handle = this.source.open(this.receivedRv, this.initial, sink);
      } catch (e) {
        return stream.settle(toBerthError(e));
      }
      if (settled) return handle.cancel();
      stream.handle = handle;
      if (this.paused) handle.pause();
      this.armIdle();
    });
  }

  private receive(event: RawWatchEvent): void {
    this.reconnects = 0;
    this.armIdle();
    if (event.type === 'BOOKMARK') return this.bookmark(event);
    const object = event.object;
    if (object === undefined) throw new BerthError('INTERNAL', `the server sent a ${event.type} event without an object`);
    if (this.initial) return this.initialEvent(event.type, object, event.resourceVersion);
    // Already delivered before the stream broke: the new stream starts at or before it.
    if (this.receivedRv !== '' && !isNewerRevision(event.resourceVersion, this.receivedRv)) return;
    this.receivedRv = event.resourceVersion;
    const key = objectKey(object);
    if (event.type === 'DELETED') this.seen.delete(key);
    else this.seen.set(key, { resourceVersion: object.metadata?.resourceVersion ?? event.resourceVersion, object });
    this.enqueue({ event: { type: event.type, object }, rvAfter: event.resourceVersion });
  }

  private bookmark(event: RawWatchEvent): void {
    if (this.initial) {
      if (event.initialEventsEnd === true) this.endInitial(event.resourceVersion);
      return;
    }
    if (this.receivedRv !== '' && !isNewerRevision(event.resourceVersion, this.receivedRv)) return;
    this.receivedRv = event.resourceVersion;
    this.reached(event.resourceVersion);
  }

  /** An object of the initial list: new, changed, or (after a reconnect re-sent the list) known. */
  private initialEvent(type: Exclude<RawWatchEventType, 'BOOKMARK'>, object: KubeObject, rv: string): void {
    const key = objectKey(object);
    const prev = this.seen.get(key);
    if (type === 'DELETED') {
      if (prev === undefined) return;
      this.seen.delete(key);
      return this.enqueue({ event: { type, object } });
    }
    this.initialKeys.add(key);
    const resourceVersion = object.metadata?.resourceVersion ?? rv;
    if (prev !== undefined && prev.resourceVersion === resourceVersion) return;
    this.seen.set(key, { resourceVersion, object });
    this.enqueue({ event: { type: prev === undefined ? 'ADDED' : 'MODIFIED', object } });
  }

  /** The initial list is complete: objects reported before a reconnect and not listed again are gone. */
  private endInitial(rv: string): void {
    for (const [key, prev] of [...this.seen]) {
      if (this.initialKeys.has(key)) continue;
      this.seen.delete(key);
      this.enqueue({ event: { type: 'DELETED', object: prev.object } });
    }
    this.initialKeys.clear();
    this.initial = false;
    this.receivedRv = rv;
    this.reached(rv);
  }

  /**
   * History after receivedRv is gone: list afresh and report the difference from what this
   * watch has seen, then go on from the list's revision. Waits for room in the buffer instead of
   * overfilling it. Resolves with an error when the list failed.
   */
  private async relist(): Promise<BerthError | undefined> {
    let listed: { items: KubeObject[]; resourceVersion: string };
    try {
      listed = await this.source.list();
    } catch (e) {
      return toBerthError(e);
    }
    const present = new Set<string>();
    for (const object of listed.items) {
      const key = objectKey(object);
      present.add(key);
      const prev = this.seen.get(key);
      const resourceVersion = object.metadata?.resourceVersion ?? listed.resourceVersion;
      if (prev !== undefined && prev.resourceVersion === resourceVersion) continue;
      this.seen.set(key, { resourceVersion, object });
      await this.enqueueWhenRoom({ event: { type: prev === undefined ? 'ADDED' : 'MODIFIED', object } });
    }
    for (const [key, prev] of [...this.seen]) {
      if (present.has(key)) continue;
      this.seen.delete(key);
      await this.enqueueWhenRoom({ event: { type: 'DELETED', object: prev.object } });
    }
    if (this.closed) return undefined;
    this.needsRelist = false;
    this.initial = false;
    this.initialKeys.clear();
    this.receivedRv = listed.resourceVersion;
    this.reached(listed.resourceVersion);
    return undefined;
  }

  /** The watch has reached `rv`: once the consumer has taken what is queued before it. */
  private reached(rv: string): void {
    const last = this.queue[this.queue.length - 1];
    if (last === undefined) this.deliveredRv = rv;
    else last.rvAfter = rv;
  }

  private enqueue(entry: Entry): void {
    if (this.closed) return;
    this.queue.push(entry);
    if (!this.paused && this.queue.length >= this.opts.bufferEvents) {
      // The consumer is behind: stop reading the stream rather than grow the buffer.
      this.paused = true;
      this.stream?.handle?.pause();
      this.disarmIdle();
    }
    this.consumers.splice(0).forEach((wake) => wake());
  }

  private async enqueueWhenRoom(entry: Entry): Promise<void> {
    while (!this.closed && this.queue.length >= this.opts.bufferEvents) {
      await new Promise<void>((resolve) => this.spaceWaiters.push(resolve));
    }
    this.enqueue(entry);
  }

  private fail(err: BerthError): void {
    if (this.closed || this.failure !== undefined) return;
    this.failure = err;
    this.stream?.settle(err);
    this.consumers.splice(0).forEach((wake) => wake());
    this.finish();
  }

  /** Restarts the idle timer; a paused stream is silent by our doing, so it has none. */
  /**
   * Notes activity and makes sure an idle check is pending. Events arrive by the thousand, so
   * the timer is not re-armed per event: when it fires it looks at how long the stream has
   * really been silent and waits the rest if it heard something meanwhile.
   */
  private armIdle(): void {
    this.lastActivityMs = Date.now();
    if (this.idleTimer !== undefined || this.stream === undefined || this.paused || this.closed) return;
    this.checkIdleIn(this.opts.idleTimeoutMs);
  }

  private checkIdleIn(delayMs: number): void {
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      const stream = this.stream;
      if (stream === undefined || this.paused || this.closed) return;
      const ms = this.opts.idleTimeoutMs;
      const silent = Date.now() - this.lastActivityMs;
      if (silent < ms) return this.checkIdleIn(ms - silent);
      stream.settle(new BerthError('UNAVAILABLE', `the watch stream was silent for ${ms} ms (no events, no bookmarks); reconnecting`));
    }, delayMs);
  }

  private disarmIdle(): void {
    if (this.idleTimer !== undefined) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
  }

  /** Waits `ms`, or less when the watch is closed meanwhile. */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wakeLoop = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeLoop = done;
    });
  }

  private wakeAll(): void {
    this.disarmIdle();
    this.wakeLoop?.();
    this.consumers.splice(0).forEach((wake) => wake());
    this.spaceWaiters.splice(0).forEach((wake) => wake());
  }
}

function gaveUp(err: BerthError, reconnects: number): BerthError {
  return new BerthError(err.code, `${err.message}; the watch gave up after ${reconnects} reconnects in a row without hearing from a server`, {
    details: { ...err.details, reconnects },
    cause: err,
  });
}
