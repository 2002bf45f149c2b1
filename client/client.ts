// connect(): the SDK's entry point. A Client talks to one replica at a time out of the endpoints
// it was given and moves to another when that one fails (see retry.ts).
import { ClusterClient } from './cluster.js';
import { EndpointPool } from './endpoints.js';
import { KvClient } from './kv.js';
import { compileConnectOptions } from './options.js';
import type { CompiledConnectOptions, ConnectOptions } from './options.js';

export class Client {
  readonly kv: KvClient;
  readonly cluster: ClusterClient;
  readonly options: CompiledConnectOptions;
  private readonly pool: EndpointPool;

  constructor(options: ConnectOptions) {
    this.options = compileConnectOptions(options);
    this.pool = new EndpointPool(this.options);
    this.kv = new KvClient(this.pool, this.options);
    this.cluster = new ClusterClient(this.pool, this.options);
  }

  /** Closes every connection; calls in flight fail with CANCELLED or UNAVAILABLE. */
  close(): void {
    this.pool.close();
  }
}

/**
 * A client of the replicas at `endpoints` (host:port). Connections open lazily, on the first
 * call, so connect() itself never fails for an unreachable cluster; it throws INVALID_ARGUMENT
 * for bad options.
 */
export function connect(options: ConnectOptions): Client {
  return new Client(options);
}
