// The replicas a client talks to: one gRPC channel per endpoint (opened when first used, shared
// by the KV, ClusterService and ObjectService stubs), and which endpoint is in use. A call goes to the current
// endpoint; a retry moves on to the next one, or to the leader when a reply names it.
import { connectivityState } from '@grpc/grpc-js';
import type { ChannelOptions } from '@grpc/grpc-js';
import type { ClusterServiceClient } from '../proto/gen/berth/v1/ClusterService.js';
import type { KVClient } from '../proto/gen/berth/v1/KV.js';
import type { ObjectServiceClient } from '../proto/gen/berth/v1/ObjectService.js';
import { apiProto, kvProto } from '../proto/load.js';
import { BerthError } from './errors.js';
import { KvMux } from './kv-mux.js';
import type { CompiledConnectOptions } from './options.js';

export interface Endpoint {
  readonly address: string;
  readonly kv: KVClient;
  /** KV requests travel on one multiplexed stream per endpoint (KV.Call). */
  readonly mux: KvMux;
  readonly cluster: ClusterServiceClient;
  readonly objects: ObjectServiceClient;
}

export class EndpointPool {
  private readonly open = new Map<number, Endpoint>();
  /** ClusterService stubs of members that are not among the endpoints (see clusterAt). */
  private readonly others = new Map<string, ClusterServiceClient>();
  private current = 0;
  private closed = false;

  constructor(private readonly opts: CompiledConnectOptions) {}

  get addresses(): readonly string[] {
    return this.opts.endpoints;
  }

  /** The endpoint calls go to now. */
  currentIndex(): number {
    return this.current;
  }

  /** Moves on to the next endpoint, or to `address` when it is one of ours (a named leader). */
  advance(address?: string): void {
    const named = address === undefined ? -1 : this.opts.endpoints.indexOf(address);
    this.current = named >= 0 ? named : (this.current + 1) % this.opts.endpoints.length;
  }

  get isClosed(): boolean {
    return this.closed;
  }



  at(index: number): Endpoint {
    if (this.closed) throw new BerthError('CANCELLED', 'the client is closed');
    let ep = this.open.get(index);
    if (ep === undefined) {
      const address = this.opts.endpoints[index] as string;
      const kv = new (kvProto().KV)(address, this.opts.credentials, channelOptions(this.opts));
      const shared = { channelOverride: kv.getChannel() };
      const cluster = new (apiProto().ClusterService)(address, this.opts.credentials, shared);
      const objects = new (apiProto().ObjectService)(address, this.opts.credentials, shared);
      ep = { address, kv, cluster, objects, mux: new KvMux(kv, address, this.opts.maxInFlightPerEndpoint) };
      this.open.set(index, ep);
    }
    return ep;
  }

  /**
   * The ClusterService stub of the replica at `address`: an endpoint's own, or, for a member the
   * client was not given (cluster.status() asks every member), one on a channel of its own that
   * lives until close().
   */
  clusterAt(address: string): ClusterServiceClient {
    const index = this.opts.endpoints.indexOf(address);
    if (index >= 0) return this.at(index).cluster;
    if (this.closed) throw new BerthError('CANCELLED', 'the client is closed');
    let stub = this.others.get(address);
    if (stub === undefined) {
      stub = new (apiProto().ClusterService)(address, this.opts.credentials, channelOptions(this.opts));
      this.others.set(address, stub);
    }
    return stub;
  }

  /**
   * Waits until the endpoint's channel is connected, and fails as soon as a connection attempt
   * fails (or after connectTimeoutMs). Failing here proves a request was never sent, which is
   * what makes it safe to send a write elsewhere.
   */
  ready(index: number): Promise<Endpoint> {
    const ep = this.at(index);
    const channel = ep.kv.getChannel();
    const deadline = Date.now() + this.opts.connectTimeoutMs;
    return new Promise((resolve, reject) => {
      const fail = (why: string): void =>
        reject(
          new BerthError('UNAVAILABLE', `cannot connect to ${ep.address}: ${why}`, {
            details: { endpoint: ep.address, connected: false },
          }),
        );
      const check = (): void => {
        const state = channel.getConnectivityState(true);
        if (state === connectivityState.READY) return resolve(ep);
        if (state === connectivityState.TRANSIENT_FAILURE) return fail('the connection failed (is a replica listening there?)');
        if (state === connectivityState.SHUTDOWN) return fail('the client is closed');
        channel.watchConnectivityState(state, deadline, (err) => {
          if (err) fail(`no connection within ${this.opts.connectTimeoutMs} ms`);
          else check();
        });
      };
      check();
    });
  }

  close(): void {
    this.closed = true;
    // The cluster and object stubs share the KV stubs' channels: closing those closes all three.
    for (const ep of this.open.values()) {
      ep.mux.close();
      ep.kv.close();
    }
    this.open.clear();
    for (const stub of this.others.values()) stub.close();
    this.others.clear();
  }
}

/** The options of every channel the SDK opens to a replica. */
export function channelOptions(opts: CompiledConnectOptions): ChannelOptions {
  return {
    'grpc.max_receive_message_length': opts.maxReceiveMessageBytes,
    'grpc.initial_reconnect_backoff_ms': opts.retry.initialBackoffMs,
    'grpc.max_reconnect_backoff_ms': opts.retry.maxBackoffMs,
    // Channelz bookkeeping costs CPU on every call and nothing reads it.
    'grpc.enable_channelz': 0,
    // Pings find a connection that died without a reset (and the watches and KV stream on
    // it) in seconds rather than when TCP gives up.
    'grpc.keepalive_time_ms': 10_000,
    'grpc.keepalive_timeout_ms': 5_000,
    'grpc.keepalive_permit_without_calls': 1,
  };
}
