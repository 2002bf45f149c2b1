// What every API handler does the same way: build the response header, convert the store's
// key-values to their wire form, and end a unary call with a result or a mapped error.
import type { handleUnaryCall, ServerUnaryCall, ServerWritableStream } from '@grpc/grpc-js';
import type { Logger } from 'pino';
import { isBerthError } from '../../client/index.js';
import type { KeyValue as ProtoKeyValue } from '../../proto/gen/berth/v1/KeyValue.js';
import type { ResponseHeader } from '../../proto/gen/berth/v1/ResponseHeader.js';
import type { KeyValue } from '../store/index.js';
import type { ApiNode } from './backend.js';
import { toErrorStatus, withDetails } from './errors.js';
import type { ErrorStatus } from './errors.js';

export function responseHeader(node: ApiNode, clusterId: string, revision: number): ResponseHeader {
  const st = node.termAndLeader();
  return { clusterId, memberId: node.id, revision, raftTerm: st.term, leader: st.leader };
}

export function toProtoKv(kv: KeyValue): ProtoKeyValue {
  return {
    key: kv.key,
    value: kv.value,
    createRevision: kv.createRevision,
    modRevision: kv.modRevision,
    version: kv.version,
  };
}

/** Adapts an async handler to gRPC's callback style; every failure goes through the error table. */
export function unary<Req, Res>(log: Logger, method: string, fn: (req: Req, call: ServerUnaryCall<Req, Res>) => Promise<Res>): handleUnaryCall<Req, Res> {
  return (call, callback) => {
    // Sending can throw (a response gRPC cannot serialize); that must fail this call, never
    // escape as an unhandled rejection that ends the process.
    const send = (err: ErrorStatus | null, res?: Res): void => {
      try {
        if (err === null) callback(null, res);
        else callback(err);
      } catch (sendErr) {
        log.error({ err: sendErr, method }, 'sending a reply failed');
        if (err === null) send(toErrorStatus(sendErr, log, method));
      }
    };
    fn(call.request, call).then(
      (res) => send(null, res),
      (err: unknown) => send(toErrorStatus(err, log, method)),
    );
  };
}

/** Ends a server stream with the mapped error, once. */
export function failStream(call: ServerWritableStream<unknown, unknown>, err: unknown, log: Logger, method: string): void {
  if (call.writableEnded || call.destroyed) return;
  // 'error' (not destroy) lets gRPC send the status after the messages already written.
  try {
    call.emit('error', toErrorStatus(err, log, method));
  } catch (sendErr) {
    log.error({ err: sendErr, method }, 'ending a stream with an error failed');
    call.destroy();
  }
}

/**
 * Marks an error that proves the write never entered the Raft log, so that a client may retry
 * it elsewhere: details.proposed = false. RaftNode refuses a proposal while no leader is known
 * with UNAVAILABLE and details.leader; it may mark others itself with proposed = false.
 */
export function markNotProposed(err: unknown): unknown {
  if (!isBerthError(err) || err.details['proposed'] === false) return err;
  if (err.code === 'UNAVAILABLE' && typeof err.details['leader'] === 'string') return withDetails(err, { proposed: false });
  return err;
}
