// The client end of KV.Call: one long-lived stream per endpoint carries every KV request, each
// answered by id. Failures look exactly like those of a unary call (a gRPC status, with berth's
// code and details), so the retry rules in retry.ts apply unchanged: a request that was written
// to a stream that then broke has an unknown outcome, like a unary call whose connection broke.
import { Metadata, status } from '@grpc/grpc-js';
import type { ClientDuplexStream, ServiceError } from '@grpc/grpc-js';
import type { KVClient } from '../proto/gen/berth/v1/KV.js';
import type { KvCall } from '../proto/gen/berth/v1/KvCall.js';
import type { KvReply__Output } from '../proto/gen/berth/v1/KvReply.js';
import { BERTH_CODE_METADATA, BERTH_DETAILS_METADATA, BerthError } from './errors.js';

export type KvKind = 'range' | 'put' | 'deleteRange' | 'txn' | 'compact';

interface Pending {
  readonly resolve: (value: unknown) => void;
  readonly reject: (err: ServiceError) => void;
  readonly timer: NodeJS.Timeout;
}

function serviceError(code: status, details: string, metadata = new Metadata()): ServiceError {
  return Object.assign(new Error(`${code} ${status[code]}: ${details}`), { code, details, metadata });
}

export class KvMux {
  private stream: ClientDuplexStream<KvCall, KvReply__Output> | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(
    private readonly kv: KVClient,
    private readonly address: string,
    /** Requests in flight on the stream before calls fail fast with RESOURCE_EXHAUSTED. */
    private readonly maxInFlight: number,
  ) {}

  /** Sends one request; resolves with its response message or rejects with a gRPC-shaped error. */
  call<Res>(kind: KvKind, request: unknown, timeoutMs: number): Promise<Res> {
    if (this.pending.size >= this.maxInFlight) {
      return Promise.reject(
        new BerthError('RESOURCE_EXHAUSTED', `${this.maxInFlight} requests already in flight to ${this.address}`, {
          details: { endpoint: this.address, connected: false },
        }),
      );
    }
    const stream = this.stream ?? this.open();
    const id = this.nextId++;
    return new Promise<Res>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(serviceError(status.DEADLINE_EXCEEDED, `no answer from ${this.address} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
      stream.write({ id, [kind]: request } as KvCall);
    });
  }

  private open(): ClientDuplexStream<KvCall, KvReply__Output> {
    const stream = this.kv.Call();
    this.stream = stream;
    stream.on('data', (reply: KvReply__Output) => this.answer(reply));
    stream.on('error', (err: ServiceError) => this.failAll(stream, err));
    stream.on('end', () => this.failAll(stream, serviceError(status.UNAVAILABLE, `${this.address} ended the stream`)));
    return stream;
  }

  private answer(reply: KvReply__Output): void {
    const id = Number(reply.id);
    const p = this.pending.get(id);
    if (p === undefined || reply.response === undefined) return;
    this.pending.delete(id);
    clearTimeout(p.timer);
    if (reply.response !== 'error') {
      p.resolve(reply[reply.response]);
      return;
    }
    const e = reply.error!;
    const metadata = new Metadata();
    if (e.berthCode !== '') metadata.set(BERTH_CODE_METADATA, e.berthCode);
    if (e.berthDetails !== '') metadata.set(BERTH_DETAILS_METADATA, e.berthDetails);
    p.reject(serviceError(e.grpcCode as status, e.message, metadata));
  }

  /** The stream broke: everything in flight on it fails like a unary call whose connection broke. */
  private failAll(stream: ClientDuplexStream<KvCall, KvReply__Output>, err: ServiceError): void {
    if (this.stream === stream) this.stream = undefined;
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      this.pending.delete(id);
      p.reject(err);
    }
  }

  close(): void {
    const stream = this.stream;
    this.stream = undefined;
    if (stream !== undefined) this.failAll(stream, serviceError(status.CANCELLED, 'the client is closed'));
    stream?.cancel();
  }
}
