// Applying one call's worth of committed entries. Everything the entries change goes into one
// list of LevelDB operations that the store writes as one batch together with the new applied
// index, so that a crash leaves either none or all of them applied. Versions are appended to the
// in-memory index as they are made (later entries of the batch must see them), above the store's
// visible revision: readers cannot see them until the store commits the batch.
import { BerthError } from '../../client/index.js';
import { decodeCommand, peekRequestId } from './command.js';
import { assertInvariant, corrupt } from './errors.js';
import type { KeyIndex, Version } from './key-index.js';
import { isTombstone } from './key-index.js';
import { compareKeys, spanOf } from './keys.js';
import type { Meta } from './layout.js';
import { encodeRecord, metaOps, recordKey } from './layout.js';
import type { CompiledStoreOptions } from './options.js';
import type { StoreDb, VersionRef } from './read.js';
import { decodeValue, EMPTY, planRange, toKeyValue } from './read.js';
import type {
  ApplyEntry,
  ApplyResult,
  BatchOp,
  Command,
  CommandResult,
  Compare,
  CompareOp,
  DeleteOp,
  KeyValue,
  OpResponse,
  PutOp,
  RangeOp,
  RequestOp,
  TxnCommand,
  WatchEvent,
} from './types.js';
import { checkCommand } from './validate.js';

export interface ApplyContext {
  readonly db: StoreDb;
  readonly index: KeyIndex;
  readonly opts: CompiledStoreOptions;
  /** Whether some watcher wants the previous version of a change to this key. */
  readonly wantsPrevKv: (key: string) => boolean;
}

type Outcome = Omit<CommandResult, 'revision'>;
type Decoded = Command | BerthError | null;

function holds(diff: number, op: CompareOp): boolean {
  switch (op) {
    case '=':
      return diff === 0;
    case '!=':
      return diff !== 0;
    case '<':
      return diff < 0;
    case '>':
      return diff > 0;
  }
}

function event(type: WatchEvent['type'], kv: KeyValue, revision: number, prevKv: KeyValue | undefined): WatchEvent {
  return prevKv === undefined ? { type, kv, revision } : { type, kv, prevKv, revision };
}

export class ApplyBatch {
  readonly results: ApplyResult[] = [];
  /** Changes in revision order; one revision's changes in key order. */
  readonly events: WatchEvent[] = [];
  /** Keys that got versions, to undo them if the batch cannot be written. */
  readonly touched = new Set<string>();
  /** Compactions to carry out in memory once the batch is written. */
  readonly compactions: number[] = [];
  private readonly ops: BatchOp[] = [];
  /** Values written by this batch, by record key: LevelDB does not have them yet. */
  private readonly written = new Map<string, Uint8Array>();
  /** Values read ahead from LevelDB, by record key. */
  private readonly prefetched = new Map<string, Uint8Array>();
  private changes: WatchEvent[] = [];
  private applied: number;
  private revision: number;
  private compacted: number;

  constructor(
    private readonly ctx: ApplyContext,
    start: Meta,
  ) {
    this.applied = start.applied;
    this.revision = start.revision;
    this.compacted = start.compacted;
  }

  get meta(): Meta {
    return { applied: this.applied, revision: this.revision, compacted: this.compacted };
  }

  /** The batch to write: the given deletes of compacted history, the changes, the new meta. */
  batchOps(deletes: readonly string[]): BatchOp[] {
    const ops: BatchOp[] = deletes.map((key) => ({ type: 'del', key }));
    for (const op of this.ops) ops.push(op);
    for (const op of metaOps(this.meta)) ops.push(op);
    return ops;
  }

  /**
   * Applies entries in order; the first must follow the applied index, each the one before.
   * Previous values the batch will need are read from LevelDB in one go first: one read per
   * change would make every put wait for a round trip to LevelDB's thread.
   */
  async applyAll(entries: readonly ApplyEntry[]): Promise<void> {
    const decoded = entries.map((e) => this.decode(e));
    await this.prefetch(decoded);
    for (let i = 0; i < entries.length; i++) await this.apply(entries[i] as ApplyEntry, decoded[i] as Decoded);
  }

  /** The entry's command, the error that makes it an error result, or null for a non-command. */
  private decode(entry: ApplyEntry): Decoded {
    if (entry.data === null || entry.data.length === 0) return null;
    try {
      const cmd = decodeCommand(entry.data);
      checkCommand(cmd, this.ctx.opts, entry.data.length);
      return cmd;
    } catch (err) {
      if (err instanceof BerthError) return err;
      throw err;
    }
  }

  private async apply(entry: ApplyEntry, cmd: Decoded): Promise<void> {
    assertInvariant(
      entry.index === this.applied + 1,
      `entry ${entry.index} does not follow the applied index ${this.applied}: committed entries must be applied in order, without gaps`,
    );
    this.applied = entry.index;
    if (cmd === null) return;
    if (cmd instanceof BerthError) {
      this.results.push({ index: entry.index, requestId: peekRequestId(entry.data as Uint8Array), ok: false, error: cmd });
      return;
    }
    if (cmd.type === 'compact') {
      const error = this.compact(cmd.revision);
      this.results.push(
        error === undefined
          ? { index: entry.index, requestId: cmd.requestId, ok: true, result: { revision: this.revision } }
          : { index: entry.index, requestId: cmd.requestId, ok: false, error },
      );
      return;
    }
    const result = await this.execute(cmd, entry.index);
    this.results.push({ index: entry.index, requestId: cmd.requestId, ok: true, result });
  }

  /** Reads the current values of single keys whose previous version the batch's commands will need. */
  private async prefetch(cmds: readonly Decoded[]): Promise<void> {
    const keys = new Set<string>();
    for (const cmd of cmds) {
      if (cmd === null || cmd instanceof BerthError || cmd.type === 'compact') continue;
      const ops = cmd.type === 'txn' ? [...cmd.success, ...cmd.failure] : [cmd];
      for (const op of ops) {
        if (op.type === 'range' || (op.type === 'delete' && op.rangeEnd !== undefined)) continue;
        if (op.prevKv === true || this.ctx.wantsPrevKv(op.key)) keys.add(op.key);
      }
      if (cmd.type === 'txn') for (const c of cmd.compare) if (c.target === 'value') keys.add(c.key);
    }
    const refs: VersionRef[] = [];
    for (const key of keys) {
      const v = this.liveLatest(key);
      if (v !== undefined) refs.push({ key, v });
    }
    const values = await this.readFromDb(refs.map((r) => recordKey(r.key, r.v.modRev)));
    values.forEach((value, dbKey) => this.prefetched.set(dbKey, value));
  }

  private async execute(cmd: Exclude<Command, { type: 'compact' }>, rev: number): Promise<CommandResult> {
    this.changes = [];
    let outcome: Outcome;
    if (cmd.type === 'put') {
      const prev = await this.put(cmd, rev);
      outcome = cmd.prevKv === true ? { prevKvs: prev === undefined ? [] : [prev] } : {};
    } else if (cmd.type === 'delete') {
      const res = await this.delete(cmd, rev);
      outcome = res.prevKvs === undefined ? { deleted: res.deleted } : { deleted: res.deleted, prevKvs: res.prevKvs };
    } else {
      outcome = await this.txn(cmd, rev);
    }
    if (this.changes.length > 0) {
      this.changes.sort((a, b) => compareKeys(a.kv.key, b.kv.key));
      for (const e of this.changes) this.events.push(e);
      this.revision = rev;
    }
    return { revision: this.revision, ...outcome };
  }

  /** A compaction of the future is refused; one at or below the compacted revision is a no-op. */
  private compact(rev: number): BerthError | undefined {
    if (rev > this.revision) {
      return new BerthError(
        'INVALID_ARGUMENT',
        `compact: revision ${rev} is in the future (the store is at revision ${this.revision})`,
        { details: { field: 'compact.revision', revision: this.revision } },
      );
    }
    if (rev > this.compacted) {
      this.compacted = rev;
      this.compactions.push(rev);
    }
    return undefined;
  }

  private write(key: string, v: Version, value: Uint8Array): void {
    const dbKey = recordKey(key, v.modRev);
    this.ops.push({ type: 'put', key: dbKey, value: encodeRecord(dbKey, v.createRev, v.version, value) });
    if (!isTombstone(v)) this.written.set(dbKey, value);
    this.ctx.index.append(key, v);
    this.touched.add(key);
  }

  private liveLatest(key: string): Version | undefined {
    const cur = this.ctx.index.latest(key);
    return cur === undefined || isTombstone(cur) ? undefined : cur;
  }

  private async put(op: PutOp, rev: number): Promise<KeyValue | undefined> {
    const cur = this.liveLatest(op.key);
    const wantPrev = cur !== undefined && (op.prevKv === true || this.ctx.wantsPrevKv(op.key));
    const prev = wantPrev ? (await this.readKvs([{ key: op.key, v: cur }]))[0] : undefined;
    const size = op.value.length;
    const v: Version =
      cur === undefined
        ? { modRev: rev, createRev: rev, version: 1, size }
        : { modRev: rev, createRev: cur.createRev, version: cur.version + 1, size };
    this.write(op.key, v, op.value);
    this.changes.push(event('put', toKeyValue(op.key, v, op.value), rev, prev));
    return prev;
  }

  private async delete(op: DeleteOp, rev: number): Promise<{ deleted: number; prevKvs?: KeyValue[] }> {
    const targets: VersionRef[] = [];
    for (const key of this.ctx.index.keysIn(spanOf(op.key, op.rangeEnd))) {
      const cur = this.liveLatest(key);
      if (cur !== undefined) targets.push({ key, v: cur });
    }
    const wanted = targets.filter((t) => op.prevKv === true || this.ctx.wantsPrevKv(t.key));
    const prevs = new Map((await this.readKvs(wanted)).map((kv) => [kv.key, kv]));
    const tombstone: Version = { modRev: rev, createRev: 0, version: 0, size: 0 };
    for (const t of targets) {
      this.write(t.key, tombstone, EMPTY);
      const kv = { key: t.key, value: EMPTY, createRevision: 0, modRevision: rev, version: 0 };
      this.changes.push(event('delete', kv, rev, prevs.get(t.key)));
    }
    return op.prevKv === true ? { deleted: targets.length, prevKvs: [...prevs.values()] } : { deleted: targets.length };
  }

  private async range(op: RangeOp): Promise<OpResponse> {
    const { index, opts } = this.ctx;
    const limit = op.limit === undefined || op.limit === 0 ? opts.maxRangeLimit : op.limit;
    const plan = planRange(index, spanOf(op.key, op.rangeEnd), Number.MAX_SAFE_INTEGER, limit, opts.maxRangeBytes);
    const kvs = await this.readKvs(plan.refs);
    return { type: 'range', kvs, more: plan.count > kvs.length, count: plan.count };
  }

  private async txn(cmd: TxnCommand, rev: number): Promise<Outcome> {
    let succeeded = true;
    for (const c of cmd.compare) {
      if (!(await this.compare(c))) {
        succeeded = false;
        break;
      }
    }
    const responses: OpResponse[] = [];
    for (const op of succeeded ? cmd.success : cmd.failure) responses.push(await this.op(op, rev));
    return { succeeded, responses };
  }

  private async op(op: RequestOp, rev: number): Promise<OpResponse> {
    switch (op.type) {
      case 'put': {
        const prev = await this.put(op, rev);
        return op.prevKv === true && prev !== undefined ? { type: 'put', revision: rev, prevKv: prev } : { type: 'put', revision: rev };
      }
      case 'delete': {
        const res = await this.delete(op, rev);
        return { type: 'delete', ...res };
      }
      case 'range':
        return this.range(op);
    }
  }

  private async compare(c: Compare): Promise<boolean> {
    const cur = this.liveLatest(c.key);
    switch (c.target) {
      case 'exists':
        return (cur !== undefined) === c.value;
      case 'value': {
        if (cur === undefined) return false;
        const [kv] = await this.readKvs([{ key: c.key, v: cur }]);
        return holds(Buffer.compare((kv as KeyValue).value, c.value), c.op);
      }
      case 'createRevision':
        return holds((cur?.createRev ?? 0) - c.value, c.op);
      case 'modRevision':
        return holds((cur?.modRev ?? 0) - c.value, c.op);
      case 'version':
        return holds((cur?.version ?? 0) - c.value, c.op);
    }
  }

  /**
   * Reads versions as of this batch: values it wrote come from memory, older ones from LevelDB
   * directly (applies are serialized, so LevelDB holds every earlier batch; compacted history is
   * deleted only for versions already gone from the index).
   */
  private async readKvs(refs: readonly VersionRef[]): Promise<KeyValue[]> {
    const values: Uint8Array[] = refs.map(() => EMPTY);
    const fromDb: { i: number; dbKey: string }[] = [];
    refs.forEach((r, i) => {
      if (isTombstone(r.v)) return;
      const dbKey = recordKey(r.key, r.v.modRev);
      const known = this.written.get(dbKey) ?? this.prefetched.get(dbKey);
      if (known !== undefined) values[i] = known;
      else fromDb.push({ i, dbKey });
    });
    const read = await this.readFromDb(fromDb.map((f) => f.dbKey));
    for (const f of fromDb) values[f.i] = read.get(f.dbKey) as Uint8Array;
    return refs.map((r, i) => toKeyValue(r.key, r.v, values[i] as Uint8Array));
  }

  /** Values of records from LevelDB, by record key; every one must be there. */
  private async readFromDb(dbKeys: readonly string[]): Promise<Map<string, Uint8Array>> {
    const { db, opts } = this.ctx;
    const out = new Map<string, Uint8Array>();
    for (let at = 0; at < dbKeys.length; at += opts.readBatchSize) {
      const chunk = dbKeys.slice(at, at + opts.readBatchSize);
      const found = (await db.getMany(chunk)) as (Uint8Array | undefined)[];
      chunk.forEach((dbKey, j) => {
        const data = found[j];
        if (data === undefined) throw corrupt(db.location, dbKey, 'the record is missing but the index has it');
        out.set(dbKey, decodeValue(db.location, dbKey, data));
      });
    }
    return out;
  }
}
