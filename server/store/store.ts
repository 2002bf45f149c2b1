// The replicated state machine: a revisioned key-value store in the replica's one LevelDB. The
// Raft driver applies committed entries; reads, watches and snapshots are served from the
// in-memory index and LevelDB. The revision of a change is the Raft index of its entry, so every
// replica gives every version the same revision.
import { pino, type Logger } from 'pino';
import { BerthError } from '../../client/index.js';
import { ApplyBatch } from './apply.js';
import { assertInvariant, invalid } from './errors.js';
import { KeyIndex } from './key-index.js';
import type { KeySpan } from './keys.js';
import { compareKeys, keySuccessor, prefixEnd } from './keys.js';
import type { Meta } from './layout.js';
import { encodeRecord, metaOps, recordKey } from './layout.js';
import { loadStore } from './load.js';
import type { CompiledStoreOptions, StoreOptions } from './options.js';
import { compileStoreOptions } from './options.js';
import type { StoreDb, VersionRef } from './read.js';
import { planRange, toKeyValue, VersionReader } from './read.js';
import type { SnapshotContent } from './snapshot.js';
import { decodeSnapshot, encodeSnapshot } from './snapshot.js';
import type {
  ApplyEntry,
  ApplyResult,
  BatchOp,
  GetOptions,
  KeyValue,
  RangeRequest,
  RangeResult,
  RestorePlan,
  Watch,
  WatchErrorHandler,
  WatchEventHandler,
  WatchRequest,
} from './types.js';
import { checkRevision, checkSpan } from './validate.js';
import { WatchHub } from './watch-hub.js';
import type { WatchSource } from './watch.js';

interface RangeQuery {
  readonly span: KeySpan;
  readonly limit: number;
  readonly rev: number;
}

export class Store {
  private meta: Meta;
  private index: KeyIndex;
  /** Records of compacted history still on disk; each apply batch deletes a bounded number. */
  private pendingDeletes: string[];
  private readonly hub: WatchHub;
  /** Applies and restores run one at a time, in call order. */
  private tail: Promise<unknown> = Promise.resolve();
  private applying = false;
  private closed = false;
  /** Restores committed so far, and restore plans handed out but not committed. */
  private replacements = 0;
  private restoresPending = 0;

  private constructor(
    private readonly db: StoreDb,
    private readonly opts: CompiledStoreOptions,
    private readonly log: Logger,
    loaded: { meta: Meta; index: KeyIndex; pendingDeletes: string[] },
  ) {
    this.meta = loaded.meta;
    this.index = loaded.index;
    this.pendingDeletes = loaded.pendingDeletes;
    const source: WatchSource = {
      revision: () => this.meta.revision,
      compactedRevision: () => this.meta.compacted,
      index: () => this.index,
      openReader: () => this.openReader(),
      readBatchSize: opts.readBatchSize,
      log,
    };
    this.hub = new WatchHub(source, opts);
  }

  /**
   * Opens the store kept in `db` (the replica's LevelDB, shared with the Raft log), checking every
   * record. An empty database is a new store. Throws DATA_CORRUPT naming db.location and the key.
   */
  static async open(db: StoreDb, options: StoreOptions = {}, logger?: Logger): Promise<Store> {
    const opts = compileStoreOptions(options);
    const log = (logger ?? pino({ enabled: false })).child({ component: 'store' });
    const started = performance.now();
    await db.open();
    const loaded = await loadStore(db);
    const { applied, revision, compacted } = loaded.meta;
    log.info(
      { applied, revision, compacted, keys: loaded.index.keyCount, records: loaded.records, ms: Math.round(performance.now() - started) },
      'store opened',
    );
    return new Store(db, opts, log, loaded);
  }

  /** Revision of the last change (the index of the entry that made it). */
  get revision(): number {
    return this.meta.revision;
  }

  /** Index of the last applied entry. */
  get applied(): number {
    return this.meta.applied;
  }

  /** Reads and watches below this revision fail with COMPACTED. */
  get compactedRevision(): number {
    return this.meta.compacted;
  }

  private assertOpen(): void {
    if (this.closed) throw new BerthError('UNAVAILABLE', 'the store is closed');
  }

  private openReader(): VersionReader {
    const replacements = this.replacements;
    return new VersionReader(
      this.db,
      this.opts.readBatchSize,
      () => this.replacements !== replacements || this.restoresPending > 0,
    );
  }

  private serialize<T>(task: () => Promise<T>): Promise<T> {
    const run = this.tail.then(task);
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Writes ops as one atomic batch. A chained batch: LevelDB's array form is ~4x slower here. */
  private async write(ops: readonly BatchOp[], sync: boolean): Promise<void> {
    const batch = this.db.batch();
    try {
      for (const op of ops) {
        if (op.type === 'put') batch.put(op.key, op.value);
        else batch.del(op.key);
      }
    } catch (err) {
      await batch.close();
      throw err;
    }
    await batch.write({ sync });
  }

  /**
   * Applies committed entries in one LevelDB batch with the new applied index. Entries at or
   * below the applied index are skipped; the rest must follow it without gaps. Returns a result
   * for every applied entry that carried a command. Rejects only if the batch cannot be written
   * (the store is then unchanged) or on a broken invariant.
   */
  applyEntries(entries: readonly ApplyEntry[]): Promise<ApplyResult[]> {
    return this.serialize(() => this.applyNow(entries));
  }

  private async applyNow(entries: readonly ApplyEntry[]): Promise<ApplyResult[]> {
    this.assertOpen();
    const todo = entries.filter((e) => e.index > this.meta.applied);
    if (todo.length === 0) return [];
    const ctx = { db: this.db, index: this.index, opts: this.opts, wantsPrevKv: (key: string) => this.hub.wantsPrevKv(key) };
    const batch = new ApplyBatch(ctx, this.meta);
    const deletes = this.pendingDeletes.splice(0, this.opts.compactionDeletesPerBatch);
    this.applying = true;
    try {
      await batch.applyAll(todo);
      await this.write(batch.batchOps(deletes), false);
    } catch (err) {
      this.index.truncateAbove(batch.touched, this.meta.revision);
      this.pendingDeletes = deletes.concat(this.pendingDeletes);
      throw err;
    } finally {
      this.applying = false;
    }
    this.commit(batch);
    return batch.results;
  }

  /** Makes a written batch visible: meta, in-memory compaction, then the watchers' events. */
  private commit(batch: ApplyBatch): void {
    this.meta = batch.meta;
    for (const rev of batch.compactions) {
      let dropped = 0;
      this.index.compact(rev, (key, v) => {
        this.pendingDeletes.push(recordKey(key, v.modRev));
        dropped++;
      });
      this.log.info({ revision: rev, dropped, pendingDeletes: this.pendingDeletes.length }, 'store history compacted');
    }
    for (const r of batch.results) {
      if (!r.ok) this.log.debug({ index: r.index, code: r.error.code, err: r.error.message }, 'store command failed');
    }
    this.hub.publish(batch.events);
  }

  private compileRange(req: RangeRequest): RangeQuery {
    if (req.prefix === true && req.rangeEnd !== undefined) throw invalid('range.rangeEnd', 'cannot be given with prefix');
    let span = checkSpan('range', req.key, req.prefix === true ? prefixEnd(req.key) : req.rangeEnd, this.opts);
    if (req.continueAfter !== undefined) {
      if (span.single || typeof req.continueAfter !== 'string') {
        throw invalid('range.continueAfter', 'needs a range (rangeEnd or prefix) and a string key');
      }
      const next = keySuccessor(req.continueAfter);
      if (compareKeys(next, span.start) > 0) span = { ...span, start: next };
    }
    const limit = checkRevision('range.limit', req.limit ?? 0);
    if (limit > this.opts.maxRangeLimit) {
      throw invalid('range.limit', `must be at most ${this.opts.maxRangeLimit} (maxRangeLimit), got ${limit}; page with continueAfter`);
    }
    return { span, limit: limit === 0 ? this.opts.maxRangeLimit : limit, rev: this.readRevision(req.revision) };
  }

  private readRevision(requested: number | undefined): number {
    const rev = checkRevision('range.revision', requested ?? 0);
    if (rev === 0) return this.meta.revision;
    if (rev > this.meta.revision) {
      throw new BerthError('INVALID_ARGUMENT', `range.revision: ${rev} is in the future (the store is at revision ${this.meta.revision})`, {
        details: { field: 'range.revision', revision: this.meta.revision },
      });
    }
    if (rev < this.meta.compacted) {
      throw new BerthError(
        'COMPACTED',
        `range at revision ${rev}: history before revision ${this.meta.compacted} has been compacted; read at the current revision`,
        { details: { revision: rev, compactedRevision: this.meta.compacted } },
      );
    }
    return rev;
  }

  /** Keys of a range at a revision, in key order; see RangeRequest. */
  async range(req: RangeRequest): Promise<RangeResult> {
    this.assertOpen();
    const q = this.compileRange(req);
    const plan = planRange(this.index, q.span, q.rev, q.limit, this.opts.maxRangeBytes);
    if (plan.refs.length === 0) return { kvs: [], more: false, revision: q.rev, count: plan.count };
    const reader = this.openReader();
    try {
      const values = await reader.values(plan.refs);
      const kvs = plan.refs.map((r, i) => toKeyValue(r.key, r.v, values[i] as Uint8Array));
      return { kvs, more: plan.count > kvs.length, revision: q.rev, count: plan.count };
    } finally {
      await reader.close();
    }
  }

  /** One key at a revision (default: current); undefined if it did not exist then. */
  async get(key: string, options: GetOptions = {}): Promise<KeyValue | undefined> {
    const res = await this.range(options.revision === undefined ? { key } : { key, revision: options.revision });
    return res.kvs[0];
  }

  /**
   * Watches a key or range: replays history from fromRevision, then delivers live changes, in
   * revision order. Errors (COMPACTED, RESOURCE_EXHAUSTED, ...) end the watch through onError.
   * Throws INVALID_ARGUMENT for a bad request, RESOURCE_EXHAUSTED when too many watches are open.
   */
  watch(req: WatchRequest, onEvents: WatchEventHandler, onError: WatchErrorHandler): Watch {
    this.assertOpen();
    return this.hub.create(req, onEvents, onError, this.applying);
  }

  /** The state at the applied index: every retained version and the meta, checksummed. */
  async snapshot(): Promise<Uint8Array> {
    this.assertOpen();
    const meta = this.meta;
    const refs: VersionRef[] = [];
    for (const [key, h] of this.index.entries()) for (const v of h) if (v.modRev <= meta.revision) refs.push({ key, v });
    const reader = this.openReader();
    try {
      return await encodeSnapshot(meta, refs, reader, this.opts.readBatchSize);
    } finally {
      await reader.close();
    }
  }

  /**
   * The batch that replaces the store's whole contents with a snapshot, not yet written, so that
   * the driver can write it atomically with its own snapshot metadata; commit() after the write
   * switches the in-memory state and ends every watch with COMPACTED. Throws DATA_CORRUPT for a
   * damaged snapshot. No entries may be applied between this call and commit().
   */
  restoreOps(data: Uint8Array): RestorePlan {
    this.assertOpen();
    assertInvariant(!this.applying, 'restoreOps called while entries are being applied');
    const content = decodeSnapshot(data);
    const ops = this.replacementOps(content);
    const before = this.meta;
    this.restoresPending++;
    let committed = false;
    return {
      ops,
      commit: () => {
        if (committed) return;
        committed = true;
        this.restoresPending--;
        assertInvariant(this.meta === before && !this.applying, 'the store changed between restoreOps and commit');
        this.install(content);
      },
    };
  }

  private replacementOps(content: SnapshotContent): BatchOp[] {
    const ops: BatchOp[] = [];
    const written = new Set<string>();
    for (const r of content.records) {
      const dbKey = recordKey(r.key, r.v.modRev);
      written.add(dbKey);
      ops.push({ type: 'put', key: dbKey, value: encodeRecord(dbKey, r.v.createRev, r.v.version, r.value) });
    }
    for (const [key, h] of this.index.entries()) {
      for (const v of h) {
        const dbKey = recordKey(key, v.modRev);
        if (!written.has(dbKey)) ops.push({ type: 'del', key: dbKey });
      }
    }
    for (const dbKey of this.pendingDeletes) if (!written.has(dbKey)) ops.push({ type: 'del', key: dbKey });
    for (const op of metaOps(content.meta)) ops.push(op);
    return ops;
  }

  private install(content: SnapshotContent): void {
    this.index = KeyIndex.fromHistories(content.histories);
    this.meta = content.meta;
    this.pendingDeletes = [];
    this.replacements++;
    const { applied, revision, compacted } = content.meta;
    this.log.info({ applied, revision, compacted, keys: this.index.keyCount }, 'store replaced by a snapshot');
    this.hub.failAll(
      new BerthError(
        'COMPACTED',
        `the store was replaced by a snapshot at revision ${revision}; list again and watch from the list's revision + 1`,
        { details: { revision, compactedRevision: compacted } },
      ),
    );
  }

  /** Writes restoreOps(data) itself and commits: a restore outside the Raft driver (tests, tools). */
  restore(data: Uint8Array): Promise<void> {
    return this.serialize(async () => {
      const plan = this.restoreOps(data);
      await this.write(plan.ops, true);
      plan.commit();
    });
  }

  /** Waits for the apply in progress, ends every watch (UNAVAILABLE). Does not close the database. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.tail;
    this.closed = true;
    this.hub.failAll(new BerthError('UNAVAILABLE', 'the store is closing; watch another replica'));
  }
}
