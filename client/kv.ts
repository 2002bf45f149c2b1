// client.kv: reads, writes, txns and watches of the key-value store. Which failures are retried
// on another endpoint, and why writes are retried so rarely, is written in retry.ts.
import type { RangeResponse__Output } from '../proto/gen/berth/v1/RangeResponse.js';
import type { PutResponse__Output } from '../proto/gen/berth/v1/PutResponse.js';
import type { DeleteRangeResponse__Output } from '../proto/gen/berth/v1/DeleteRangeResponse.js';
import type { TxnResponse__Output } from '../proto/gen/berth/v1/TxnResponse.js';
import type { CompactResponse__Output } from '../proto/gen/berth/v1/CompactResponse.js';
import { fromHeader, fromKv, fromResponseOp, toBytes, toCompare, toRequestOp } from './convert.js';
import type { EndpointPool } from './endpoints.js';
import type { CompiledConnectOptions } from './options.js';
import { withRetry } from './retry.js';
import type {
  DeleteOptions,
  DeleteResult,
  KeyValue,
  PutOptions,
  PutResult,
  RangeOptions,
  RangeResult,
  ReadOptions,
  ResponseHeader,
  TxnRequest,
  TxnResult,
  WatchOptions,
} from './types.js';
import { WatchStream } from './watch.js';

export class KvClient {
  constructor(
    private readonly pool: EndpointPool,
    private readonly opts: CompiledConnectOptions,
  ) {}

  /** The current version of `key` (or the one at options.revision), or undefined if there is none. */
  async get(key: string, options: ReadOptions = {}): Promise<KeyValue | undefined> {
    const res = await this.range(key, { ...options, limit: 1 });
    return res.kvs[0];
  }

  /** One key, a prefix (`{ prefix: true }`) or [key, rangeEnd). Linearizable unless serializable. */
  range(key: string, options: RangeOptions = {}): Promise<RangeResult> {
    const req = {
      key,
      rangeEnd: options.rangeEnd ?? '',
      prefix: options.prefix ?? false,
      limit: options.limit ?? 0,
      revision: options.revision ?? 0,
      continueAfter: options.continueAfter ?? '',
      serializable: options.serializable ?? false,
    };
    return withRetry(this.pool, this.opts, 'read', async (ep) => {
      const res = await ep.mux.call<RangeResponse__Output>('range', req, this.opts.timeoutMs);
      const header = fromHeader(res.header);
      return { kvs: res.kvs.map(fromKv), more: res.more, count: res.count, revision: header.revision, header };
    });
  }

  /** Writes `value` (a string is stored as UTF-8) under `key`. */
  put(key: string, value: string | Uint8Array, options: PutOptions = {}): Promise<PutResult> {
    const req = { key, value: toBytes(value), prevKv: options.prevKv ?? false };
    return withRetry(this.pool, this.opts, 'write', async (ep) => {
      const res = await ep.mux.call<PutResponse__Output>('put', req, this.opts.timeoutMs);
      const header = fromHeader(res.header);
      return { revision: header.revision, header, ...(res.prevKv ? { prevKv: fromKv(res.prevKv) } : {}) };
    });
  }

  /** Deletes `key`, a prefix or a range; `deleted` says how many keys went. */
  delete(key: string, options: DeleteOptions = {}): Promise<DeleteResult> {
    const req = { key, rangeEnd: options.rangeEnd ?? '', prefix: options.prefix ?? false, prevKv: options.prevKv ?? false };
    return withRetry(this.pool, this.opts, 'write', async (ep) => {
      const res = await ep.mux.call<DeleteRangeResponse__Output>('deleteRange', req, this.opts.timeoutMs);
      const header = fromHeader(res.header);
      return { revision: header.revision, deleted: res.deleted, prevKvs: res.prevKvs.map(fromKv), header };
    });
  }

  /** Runs `success` if every compare holds, else `failure`, atomically (one revision). */
  txn(request: TxnRequest): Promise<TxnResult> {
    const req = {
      compares: (request.compare ?? []).map(toCompare),
      success: (request.success ?? []).map(toRequestOp),
      failure: (request.failure ?? []).map(toRequestOp),
    };
    return withRetry(this.pool, this.opts, 'write', async (ep) => {
      const res = await ep.mux.call<TxnResponse__Output>('txn', req, this.opts.timeoutMs);
      const header = fromHeader(res.header);
      return { succeeded: res.succeeded, responses: res.responses.map(fromResponseOp), revision: header.revision, header };
    });
  }

  /** Drops the history older than `revision`. */
  compact(revision: number): Promise<ResponseHeader> {
    return withRetry(this.pool, this.opts, 'write', async (ep) => {
      const res = await ep.mux.call<CompactResponse__Output>('compact', { revision }, this.opts.timeoutMs);
      return fromHeader(res.header);
    });
  }

  /**
   * Follows the changes of `key` (or a prefix or range) as batches of events, each batch whole
   * revisions in order. Survives disconnects: it reconnects (to another endpoint if need be) and
   * resumes after the last revision it delivered, so no change is lost or repeated. Ends with
   * COMPACTED if that revision's history is gone (list again, then watch from the list's revision
   * + 1). Stop it with `cancel()` or by leaving a `for await` loop.
   */
  watch(key: string, options: WatchOptions = {}): WatchStream {
    return new WatchStream(this.pool, this.opts, key, options);
  }
}
