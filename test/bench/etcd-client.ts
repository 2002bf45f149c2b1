// A minimal etcd v3 client for the benchmark: Put, Range and Maintenance.Status over
// @grpc/grpc-js, with the messages from test/bench/etcd-kv.proto (loaded at run time with
// @grpc/proto-loader). Each EtcdChannel is one gRPC channel with its own TCP connection.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, credentials, status as grpcStatus } from '@grpc/grpc-js';
import type { ServiceError } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import type { MethodDefinition, PackageDefinition } from '@grpc/proto-loader';

export interface PutRequest {
  readonly key: Buffer;
  readonly value: Buffer;
}

// Responses as proto-loader decodes them: camelCase field names, 64-bit integers as strings.
export interface ResponseHeader {
  readonly clusterId: string;
  readonly memberId: string;
  readonly revision: string;
  readonly raftTerm: string;
}

export interface StatusResponse {
  readonly header: ResponseHeader | null;
  readonly version: string;
  /** Member id of the leader as a decimal string; '0' when there is none. */
  readonly leader: string;
  readonly raftIndex: string;
  readonly raftTerm: string;
}

export interface RangeRequest {
  readonly key: Buffer;
  readonly serializable?: boolean;
}

export interface RangeResponse {
  readonly header: ResponseHeader | null;
  readonly count: string;
}

/** How many directory levels to search upward for the .proto (source tree or dist/). */
const MAX_PROTO_SEARCH_DEPTH = 6;

/** The .proto sits next to the source; when running from dist/ it is found in the repo root. */
function findProto(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < MAX_PROTO_SEARCH_DEPTH; i++) {
    for (const candidate of [join(dir, 'etcd-kv.proto'), join(dir, 'test', 'bench', 'etcd-kv.proto')]) {
      if (existsSync(candidate)) return candidate;
    }
    dir = dirname(dir);
  }
  throw new Error('etcd-kv.proto not found next to etcd-client or in a parent test/bench/ folder');
}

let definition: PackageDefinition | undefined;

function method<Req, Res>(service: string, name: string): MethodDefinition<Req, Res> {
  definition ??= loadSync(findProto(), { longs: String, enums: String, defaults: true, oneofs: true });
  const svc = definition[`etcdserverpb.${service}`];
  // A service entry of a package definition maps method names to method definitions.
  const m = (svc as Record<string, MethodDefinition<Req, Res> | undefined> | undefined)?.[name];
  if (m === undefined || typeof m.path !== 'string') throw new Error(`etcd-kv.proto: no ${service}.${name}`);
  return m;
}

/** One gRPC client of one member. Channel options are grpc-js's defaults, as the berth SDK's are. */
export class EtcdChannel {
  private readonly client: Client;
  private readonly putMethod = method<PutRequest, unknown>('KV', 'Put');
  private readonly rangeMethod = method<RangeRequest, RangeResponse>('KV', 'Range');
  private readonly statusMethod = method<Record<string, never>, StatusResponse>('Maintenance', 'Status');

  /** `endpoint` is host:port of a member's client URL. */
  constructor(readonly endpoint: string) {
    // The same channel options as berth's SDK (channelz off), so both clients cost the same.
    this.client = new Client(endpoint, credentials.createInsecure(), { 'grpc.enable_channelz': 0 });
  }

  put(key: Buffer, value: Buffer, timeoutMs: number): Promise<void> {
    return this.unary(this.putMethod, { key, value }, timeoutMs).then(() => undefined);
  }

  range(key: Buffer, timeoutMs: number): Promise<RangeResponse> {
    return this.unary(this.rangeMethod, { key }, timeoutMs);
  }

  status(timeoutMs: number): Promise<StatusResponse> {
    return this.unary(this.statusMethod, {}, timeoutMs);
  }

  close(): void {
    this.client.close();
  }

  private unary<Req, Res>(m: MethodDefinition<Req, Res>, request: Req, timeoutMs: number): Promise<Res> {
    return new Promise((resolve, reject) => {
      this.client.makeUnaryRequest(
        m.path,
        m.requestSerialize,
        m.responseDeserialize,
        request,
        { deadline: Date.now() + timeoutMs },
        (err: ServiceError | null, value?: Res) => {
          if (err !== null) reject(err);
          else if (value === undefined) reject(new Error(`${m.path}: empty response`));
          else resolve(value);
        },
      );
    });
  }
}

export function isDeadlineExceeded(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === grpcStatus.DEADLINE_EXCEEDED;
}
