// KV.Call: many KV requests over one bidirectional stream. Each request is served by the very
// handler of its unary method, so validation, Raft, linearizability and errors are identical;
// only the framing differs. grpc-js spends most of a small request's CPU on opening and closing
// an HTTP/2 stream, which a busy client avoids this way.
import type * as grpc from '@grpc/grpc-js';
import type { Logger } from 'pino';
import { BERTH_CODE_METADATA, BERTH_DETAILS_METADATA } from '../../client/index.js';
import type { CallError } from '../../proto/gen/berth/v1/CallError.js';
import type { KVHandlers } from '../../proto/gen/berth/v1/KV.js';
import type { KvCall__Output } from '../../proto/gen/berth/v1/KvCall.js';
import type { KvReply } from '../../proto/gen/berth/v1/KvReply.js';

type Kind = NonNullable<KvCall__Output['request']>;
type UnaryHandler = (call: { request: unknown }, callback: (err: grpc.ServerErrorResponse | null, res?: unknown) => void) => void;

const METHOD: Record<Kind, 'Range' | 'Put' | 'DeleteRange' | 'Txn' | 'Compact'> = {
  range: 'Range',
  put: 'Put',
  deleteRange: 'DeleteRange',
  txn: 'Txn',
  compact: 'Compact',
};

/** gRPC status codes used here (grpc.status without importing the runtime value). */
const RESOURCE_EXHAUSTED = 8;
const INVALID_ARGUMENT = 3;

function toCallError(err: Partial<grpc.StatusObject> & { message?: string }): CallError {
  const metadata = err.metadata;
  return {
    grpcCode: err.code ?? 13,
    message: err.details ?? err.message ?? 'internal error',
    berthCode: String(metadata?.get(BERTH_CODE_METADATA)[0] ?? ''),
    berthDetails: String(metadata?.get(BERTH_DETAILS_METADATA)[0] ?? ''),
  };
}

/** The Call handler: dispatches each message to the unary handler of its kind. */
export function callStreamHandler(
  handlers: KVHandlers,
  maxInFlight: number,
  log: Logger,
): grpc.handleBidiStreamingCall<KvCall__Output, KvReply> {
  return (call) => {
    let inFlight = 0;
    let ended = false;
    const reply = (message: KvReply): void => {
      if (!call.destroyed && !call.writableEnded) call.write(message);
    };
    const maybeEnd = (): void => {
      if (ended && inFlight === 0 && !call.writableEnded) call.end();
    };
    call.on('data', (msg: KvCall__Output) => {
      const id = msg.id;
      const kind = msg.request;
      if (kind === undefined) {
        reply({ id, error: { grpcCode: INVALID_ARGUMENT, message: 'call: one of range, put, delete_range, txn, compact is required', berthCode: 'INVALID_ARGUMENT' } });
        return;
      }
      if (inFlight >= maxInFlight) {
        reply({ id, error: { grpcCode: RESOURCE_EXHAUSTED, message: `too many requests in flight on this stream (limit ${maxInFlight}); wait for answers`, berthCode: 'RESOURCE_EXHAUSTED', berthDetails: '{"proposed":false}' } });
        return;
      }
      inFlight++;
      const handler = handlers[METHOD[kind]] as unknown as UnaryHandler;
      handler({ request: msg[kind] }, (err, res) => {
        inFlight--;
        reply(err ? { id, error: toCallError(err) } : ({ id, [kind]: res } as KvReply));
        maybeEnd();
      });
    });
    call.on('end', () => {
      ended = true;
      maybeEnd();
    });
    call.on('error', (err) => log.debug({ err }, 'KV/Call stream ended by the client'));
  };
}
