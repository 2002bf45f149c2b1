// Watchers: each replays history from its start revision, then takes live changes. A watcher is
// started between apply batches (a watch created while a batch is being applied waits for it),
// so that the revision where its replay ends is exactly the revision after which its live
// events begin: no event is missed, none delivered twice, and all come in revision order.
//
// Live events queue per watcher while its consumer is busy (it returned a promise that has not
// settled) or while it is still replaying; a watcher whose queue grows past its bound is cut off
// with RESOURCE_EXHAUSTED and told where to resume, because a slow consumer must not grow the
// server's memory without limit.
import type { Logger } from 'pino';
import { BerthError, isBerthError } from '../../client/index.js';
import type { KeyIndex, Version } from './key-index.js';
import { isTombstone } from './key-index.js';
import type { KeySpan } from './keys.js';
import { spanContains } from './keys.js';
import type { VersionReader, VersionRef } from './read.js';
import { EMPTY, toKeyValue } from './read.js';
import type { Watch, WatchErrorHandler, WatchEvent, WatchEventHandler } from './types.js';

/** What watchers need of the store. */
export interface WatchSource {
  revision(): number;
  compactedRevision(): number;
  /** The index changes identity when a snapshot is restored. */
  index(): KeyIndex;
  /** A reader of values as of now (a LevelDB snapshot). */
  openReader(): VersionReader;
  readonly readBatchSize: number;
  readonly log: Logger;
}

export interface WatcherSpec {
  readonly span: KeySpan;
  /** 0: only changes after the current revision. */
  readonly fromRevision: number;
  readonly maxQueuedEvents: number;
  readonly prevKv: boolean;
}

interface ReplayRef extends VersionRef {
  readonly prev: Version | undefined;
}

/** Every retained version in the span with a revision in [from, to], in revision then key order. */
export function replayPlan(index: KeyIndex, span: KeySpan, from: number, to: number): ReplayRef[] {
  const refs: ReplayRef[] = [];
  for (const key of index.keysIn(span)) {
    const h = index.history(key) ?? [];
    for (let i = h.length - 1; i >= 0 && (h[i] as Version).modRev >= from; i--) {
      const v = h[i] as Version;
      if (v.modRev <= to) refs.push({ key, v, prev: h[i - 1] });
    }
  }
  // The sort is stable and keys were visited in order, so one revision's changes stay in key order.
  return refs.sort((a, b) => a.v.modRev - b.v.modRev);
}

/**
 * Where a chunk of refs starting at `start` ends, near `end`: a consumer is handed whole revisions
 * only, so that "everything up to revision R was delivered" holds after every call. A revision cut
 * by `end` goes to the next chunk, unless it is the chunk's only one: then the chunk grows.
 */
function revisionEnd(refs: readonly ReplayRef[], start: number, end: number): number {
  const revAt = (i: number): number => (refs[i] as ReplayRef).v.modRev;
  if (end >= refs.length || revAt(end) !== revAt(end - 1)) return Math.min(end, refs.length);
  let cut = end - 1;
  while (cut > start && revAt(cut - 1) === revAt(end)) cut--;
  if (cut > start) return cut;
  while (end < refs.length && revAt(end) === revAt(start)) end++;
  return end;
}

function describe(span: KeySpan): string {
  if (span.single) return span.start;
  return `[${JSON.stringify(span.start)}, ${span.end === null ? 'end' : JSON.stringify(span.end)})`;
}

function withoutPrev(e: WatchEvent): WatchEvent {
  return e.prevKv === undefined ? e : { type: e.type, kv: e.kv, revision: e.revision };
}

type State = 'pending' | 'replaying' | 'live' | 'closed';

export class Watcher implements Watch {
  private state: State = 'pending';
  private queue: WatchEvent[] = [];
  private busy = false;
  private cancelled = false;
  /** Live events below this revision are covered by the replay (or were not asked for). */
  private from = 0;
  /** While replaying: revision of the first replay event not yet handed to the consumer. */
  private replayNext = 0;

  constructor(
    readonly spec: WatcherSpec,
    private readonly src: WatchSource,
    private readonly onEvents: WatchEventHandler,
    private readonly onError: WatchErrorHandler,
    private readonly onClose: (w: Watcher) => void,
  ) {}

  get active(): boolean {
    return this.state === 'replaying' || this.state === 'live';
  }

  cancel(): void {
    this.cancelled = true;
    this.close();
  }

  /** Begins at the store's current revision: replays up to it, then goes live. */
  start(): void {
    if (this.state !== 'pending') return;
    const { fromRevision } = this.spec;
    const current = this.src.revision();
    const compacted = this.src.compactedRevision();
    if (fromRevision > 0 && fromRevision < compacted) {
      const err = new BerthError(
        'COMPACTED',
        `watch from revision ${fromRevision}: history before revision ${compacted} has been compacted; ` +
          `list again and watch from the list's revision + 1`,
        { details: { fromRevision, compactedRevision: compacted } },
      );
      this.close();
      // Reported later: the caller of watch() does not hold the handle yet.
      queueMicrotask(() => this.report(err));
      return;
    }
    if (fromRevision === 0 || fromRevision > current) {
      this.from = fromRevision === 0 ? current + 1 : fromRevision;
      this.state = 'live';
      return;
    }
    this.from = current + 1;
    const refs = replayPlan(this.src.index(), this.spec.span, fromRevision, current);
    if (refs.length === 0) {
      this.state = 'live';
      return;
    }
    this.state = 'replaying';
    void this.replay(refs, this.src.openReader());
  }

  private async replay(refs: ReplayRef[], reader: VersionReader): Promise<void> {
    try {
      for (let at = 0; at < refs.length && this.state === 'replaying'; ) {
        const end = revisionEnd(refs, at, at + this.src.readBatchSize);
        const part = refs.slice(at, end);
        this.replayNext = (part[0] as ReplayRef).v.modRev;
        const events = await this.replayEvents(part, reader);
        if (this.state !== 'replaying') return;
        this.replayNext = refs[end]?.v.modRev ?? this.from;
        at = end;
        if (!(await this.hand(events))) return;
      }
      if (this.state !== 'replaying') return;
      this.state = 'live';
      this.drain();
    } catch (err) {
      this.fail(isBerthError(err) ? err : new BerthError('INTERNAL', `watch replay failed: ${String(err)}`, { cause: err }));
    } finally {
      reader.close().catch((err: unknown) => this.src.log.warn({ err }, 'closing a watch replay snapshot failed'));
    }
  }

  private async replayEvents(part: readonly ReplayRef[], reader: VersionReader): Promise<WatchEvent[]> {
    const prevs = this.spec.prevKv ? part.filter((r) => r.prev !== undefined && !isTombstone(r.prev)) : [];
    const values = await reader.values([...part, ...prevs.map((r) => ({ key: r.key, v: r.prev as Version }))]);
    const prevValue = new Map(prevs.map((r, i) => [r, values[part.length + i] as Uint8Array]));
    return part.map((r, i): WatchEvent => {
      const revision = r.v.modRev;
      const kv = isTombstone(r.v)
        ? { key: r.key, value: EMPTY, createRevision: 0, modRevision: revision, version: 0 }
        : toKeyValue(r.key, r.v, values[i] as Uint8Array);
      const pv = prevValue.get(r);
      const type = isTombstone(r.v) ? 'delete' : 'put';
      return pv === undefined ? { type, kv, revision } : { type, kv, prevKv: toKeyValue(r.key, r.prev as Version, pv), revision };
    });
  }

  /** Queues the events of a committed batch that this watcher is due. */
  offer(events: readonly WatchEvent[]): void {
    if (!this.active) return;
    for (const e of events) {
      if (e.revision >= this.from && spanContains(this.spec.span, e.kv.key)) {
        this.queue.push(this.spec.prevKv ? e : withoutPrev(e));
      }
    }
    if (this.queue.length > this.spec.maxQueuedEvents) {
      const resume = this.state === 'replaying' ? this.replayNext : (this.queue[0] as WatchEvent).revision;
      this.fail(
        new BerthError(
          'RESOURCE_EXHAUSTED',
          `watch on ${describe(this.spec.span)} fell more than ${this.spec.maxQueuedEvents} events behind and was cancelled; ` +
            `watch again from revision ${resume}, or list again`,
          { details: { resumeRevision: resume, limit: this.spec.maxQueuedEvents } },
        ),
      );
      return;
    }
    this.drain();
  }

  private drain(): void {
    while (this.state === 'live' && !this.busy && this.queue.length > 0) {
      const events = this.queue;
      this.queue = [];
      const pending = this.call(events);
      if (pending === undefined) continue;
      this.busy = true;
      pending.then(
        () => {
          this.busy = false;
          this.drain();
        },
        (err: unknown) => this.consumerFailed(err),
      );
    }
  }

  /** Gives events to the consumer; resolves false if the watcher ended meanwhile. */
  private async hand(events: WatchEvent[]): Promise<boolean> {
    const pending = this.call(events);
    if (pending !== undefined) {
      try {
        await pending;
      } catch (err) {
        this.consumerFailed(err);
      }
    }
    return this.state !== 'closed';
  }

  /** Calls the consumer; returns its promise if it gave one. */
  private call(events: WatchEvent[]): PromiseLike<void> | undefined {
    try {
      const ret = this.onEvents(events);
      return ret !== undefined && typeof (ret as PromiseLike<void>).then === 'function' ? ret : undefined;
    } catch (err) {
      this.consumerFailed(err);
      return undefined;
    }
  }

  private consumerFailed(err: unknown): void {
    this.src.log.warn({ err, watch: describe(this.spec.span) }, 'watch consumer failed; cancelling the watch');
    this.fail(new BerthError('CANCELLED', `watch consumer failed: ${String(err)}`, { cause: err }));
  }

  /** Ends the watcher and tells its consumer why. */
  fail(err: BerthError): void {
    if (this.state === 'closed') return;
    this.close();
    this.report(err);
  }

  private report(err: BerthError): void {
    if (this.cancelled) return;
    try {
      this.onError(err);
    } catch (e) {
      this.src.log.warn({ err: e }, 'watch error handler threw');
    }
  }

  private close(): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.queue = [];
    this.onClose(this);
  }
}
