// A unary gRPC call as a promise, with a deadline.
import { Metadata } from '@grpc/grpc-js';
import type { CallOptions, ServiceError } from '@grpc/grpc-js';

export type UnaryInvoker<Res> = (metadata: Metadata, options: CallOptions, callback: (err: ServiceError | null, res?: Res) => void) => unknown;

export function unaryCall<Res>(invoke: UnaryInvoker<Res>, timeoutMs: number): Promise<Res> {
  return new Promise((resolve, reject) => {
    invoke(new Metadata(), { deadline: Date.now() + timeoutMs }, (err, res) => {
      if (err) reject(err);
      else if (res === undefined) reject(new Error('the server sent no response message'));
      else resolve(res);
    });
  });
}
