// The KV service: requests are validated, writes are proposed through Raft (any replica can take
// them: a follower forwards inside Raft), and reads are linearizable unless the client asks for
// a serializable (stale, local) read.
import type * as grpc from '@grpc/grpc-js';
import { BerthError } from '../../client/index.js';
import { kvProto } from '../../proto/load.js';
import type { DeleteRangeResponse } from '../../proto/gen/berth/v1/DeleteRangeResponse.js';
import type { KVHandlers } from '../../proto/gen/berth/v1/KV.js';
import type { RangeRequest__Output } from '../../proto/gen/berth/v1/RangeRequest.js';
import type { RangeResponse } from '../../proto/gen/berth/v1/RangeResponse.js';
import type { ResponseOp } from '../../proto/gen/berth/v1/ResponseOp.js';
import type { TxnResponse } from '../../proto/gen/berth/v1/TxnResponse.js';
import type { CommandResult, OpResponse } from '../store/index.js';
import type { ApiNode, ApiService, WriteCommand } from './backend.js';
import { compileApiOptions } from './options.js';
import type { ApiOptions, CompiledApiOptions } from './options.js';
import { markNotProposed, responseHeader, toProtoKv, unary } from './respond.js';
import { validateCompact, validateDeleteRange, validatePut, validateRange, validateTxn } from './validate.js';
import { WatchSession } from './watch-stream.js';
import { callStreamHandler } from './kv-call-stream.js';

/**
 * Registers KV on `server`, served by `node` (a RaftNode). Call close() on the result before
 * stopping the node and the server: it ends open watches with UNAVAILABLE (their clients resume
 * on another replica), which grpc.Server.tryShutdown would otherwise wait for forever.
 */
export function registerKvService(server: grpc.Server, node: ApiNode, options: ApiOptions): ApiService {
  const service = createKvService(node, compileApiOptions(options));
  server.addService(kvProto().KV.service, service.handlers);
  return { close: () => service.close() };
}

export function createKvService(node: ApiNode, opts: CompiledApiOptions): { handlers: KVHandlers; close(): void } {
  const watches = new Set<WatchSession>();
  const close = (): void => {
    const err = new BerthError('UNAVAILABLE', `replica ${node.id} is shutting down; watch on another replica`);
    for (const w of [...watches]) w.close(err);
  };
  return { handlers: kvHandlers(node, opts, watches), close };
}

function kvHandlers(node: ApiNode, opts: CompiledApiOptions, watches: Set<WatchSession>): KVHandlers {
  const log = opts.logger;
  const header = (revision: number) => responseHeader(node, opts.clusterId, revision);
  const write = async (command: WriteCommand): Promise<CommandResult> => {
    try {
      return await node.propose(command);
    } catch (err) {
      throw markNotProposed(err);
    }
  };
  const handlers: KVHandlers = {
    Call: () => undefined,
    Range: unary(log, 'KV/Range', (req) => range(node, opts, req)),
    Put: unary(log, 'KV/Put', async (req) => {
      const result = await write(validatePut(req, opts));
      const prev = result.prevKvs?.[0];
      return { header: header(result.revision), ...(prev !== undefined ? { prevKv: toProtoKv(prev) } : {}) };
    }),
    DeleteRange: unary(log, 'KV/DeleteRange', async (req) => {
      const result = await write(validateDeleteRange(req, opts));
      return { header: header(result.revision), ...deleteFields(result.deleted, result.prevKvs) };
    }),
    Txn: unary(log, 'KV/Txn', async (req): Promise<TxnResponse> => {
      const result = await write(validateTxn(req, opts));
      return {
        header: header(result.revision),
        succeeded: result.succeeded ?? false,
        responses: (result.responses ?? []).map(toResponseOp),
      };
    }),
    Compact: unary(log, 'KV/Compact', async (req) => {
      const result = await write(validateCompact(req));
      return { header: header(result.revision) };
    }),
    Watch: (call) => {
      void new WatchSession(call, node, opts, watches).start();
    },
  };
  handlers.Call = callStreamHandler(handlers, opts.maxCallsPerStream, log);
  return handlers;
}

async function range(node: ApiNode, opts: CompiledApiOptions, req: RangeRequest__Output): Promise<RangeResponse> {
  const { request, serializable } = validateRange(req, opts);
  if (!serializable) await node.linearizableRead();
  const current = node.store.revision;
  if (request.revision !== undefined && request.revision > current) {
    // After a linearizable read this replica has everything committed: the revision does not
    // exist yet. A serializable read may just be on a replica that lags behind.
    throw serializable
      ? new BerthError('UNAVAILABLE', `range.revision: this replica has applied up to revision ${current}, not ${request.revision} yet; retry, or read without serializable`, {
          details: { field: 'range.revision', revision: request.revision, current },
        })
      : new BerthError('INVALID_ARGUMENT', `range.revision: ${request.revision} is after the current revision ${current}`, {
          details: { field: 'range.revision', revision: request.revision, current },
        });
  }
  const res = await node.store.range(request);
  return {
    header: responseHeader(node, opts.clusterId, res.revision),
    kvs: res.kvs.map(toProtoKv),
    more: res.more,
    count: res.count,
  };
}

function deleteFields(deleted: number | undefined, prevKvs: CommandResult['prevKvs']): Omit<DeleteRangeResponse, 'header'> {
  return { deleted: deleted ?? 0, prevKvs: (prevKvs ?? []).map(toProtoKv) };
}

function toResponseOp(r: OpResponse): ResponseOp {
  switch (r.type) {
    case 'put':
      return { put: r.prevKv !== undefined ? { prevKv: toProtoKv(r.prevKv) } : {} };
    case 'delete':
      return { deleteRange: deleteFields(r.deleted, r.prevKvs) };
    case 'range':
      return { range: { kvs: r.kvs.map(toProtoKv), more: r.more, count: r.count } };
  }
}
