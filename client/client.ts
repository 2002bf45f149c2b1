// connect(): the SDK's entry point. A Client talks to one replica at a time out of the servers
// it was given and moves to another when that one fails (see retry.ts). Besides `kv`, `cluster`,
// `nodes`, `rollouts` and `discovery`, it has the object calls (create, get, list, ..., watch,
// informer, scale) as its own methods.
import { homedir } from 'node:os';
import { ClusterClient } from './cluster.js';
import { DiscoveryCache } from './discovery/cache.js';
import { DiscoveryClient } from './discovery/discovery-client.js';
import { EndpointPool } from './endpoints.js';
import { KvClient } from './kv.js';
import { NodeClient } from './nodes.js';
import { ObjectClient } from './objects/object-client.js';
import type {
  ApplyOptions,
  ApplyResult,
  DeleteOptions,
  DeleteResult,
  Informer,
  InformerOptions,
  KubeList,
  KubeObject,
  ListOptions,
  ObjectApi,
  ObjectWatch,
  PatchOptions,
  ReadOptions,
  WatchObjectsOptions,
  WriteOptions,
} from './objects/types.js';
import { compileConnectOptions } from './options.js';
import type { CompiledConnectOptions, ConnectEnvironment, ConnectOptions } from './options.js';
import { RolloutClient, scaleWorkload } from './rollout.js';
import type { ScaleOptions } from './rollout.js';

/** This process's environment variables and home folder, which connect() reads. */
export function processEnvironment(): ConnectEnvironment {
  return { env: process.env, homeDir: homedir() };
}

export class Client implements ObjectApi {
  readonly kv: KvClient;
  readonly cluster: ClusterClient;
  /** Logs, exec, usage, cordon and drain (see nodes.ts). */
  readonly nodes: NodeClient;
  /** Rollout status, history, undo, pause, resume and restart of workloads (see rollout.ts). */
  readonly rollouts: RolloutClient;
  readonly options: CompiledConnectOptions;
  private readonly pool: EndpointPool;
  private readonly objects: ObjectClient;
  private discoveryClient: DiscoveryClient | undefined;

  /** `environment` is where servers are looked up when the options name none (tests pass their own). */
  constructor(options: ConnectOptions = {}, environment: ConnectEnvironment = processEnvironment()) {
    this.options = compileConnectOptions(options, environment);
    this.pool = new EndpointPool(this.options);
    this.kv = new KvClient(this.pool, this.options);
    this.cluster = new ClusterClient(this.pool, this.options);
    this.objects = new ObjectClient(this.pool, this.options);
    this.nodes = new NodeClient(this.pool, this.options, this.objects);
    this.rollouts = new RolloutClient(this.objects);
  }

  /**
   * Service discovery (see client/discovery/): the ready endpoints of Services, from NATS when
   * the options name one, else (and while NATS is away) from the control plane's watches. Made on
   * first use, started by the first lookup, closed by close().
   */
  get discovery(): DiscoveryClient {
    if (this.discoveryClient === undefined) {
      const { nats, cluster, discovery } = this.options;
      this.discoveryClient = new DiscoveryClient(new DiscoveryCache({ ...discovery, nats, cluster, fallback: this }));
    }
    return this.discoveryClient;
  }

  create<T extends KubeObject = KubeObject>(obj: T, options?: WriteOptions): Promise<T> {
    return this.objects.create(obj, options);
  }

  get<T extends KubeObject = KubeObject>(kind: string, name: string, options?: ReadOptions): Promise<T> {
    return this.objects.get<T>(kind, name, options);
  }

  list<T extends KubeObject = KubeObject>(kind: string, options?: ListOptions): Promise<KubeList<T>> {
    return this.objects.list<T>(kind, options);
  }

  update<T extends KubeObject = KubeObject>(obj: T, options?: WriteOptions): Promise<T> {
    return this.objects.update(obj, options);
  }

  updateStatus<T extends KubeObject = KubeObject>(obj: T, options?: WriteOptions): Promise<T> {
    return this.objects.updateStatus(obj, options);
  }

  apply<T extends KubeObject = KubeObject>(obj: T, options?: ApplyOptions): Promise<ApplyResult<T>> {
    return this.objects.apply(obj, options);
  }

  patch<T extends KubeObject = KubeObject>(kind: string, name: string, patch: Record<string, unknown>, options?: PatchOptions): Promise<T> {
    return this.objects.patch<T>(kind, name, patch, options);
  }

  delete<T extends KubeObject = KubeObject>(kind: string, name: string, options?: DeleteOptions): Promise<DeleteResult<T>> {
    return this.objects.delete<T>(kind, name, options);
  }

  watch<T extends KubeObject = KubeObject>(kind: string, options?: WatchObjectsOptions): ObjectWatch<T> {
    return this.objects.watch<T>(kind, options);
  }

  informer<T extends KubeObject = KubeObject>(kind: string, options?: InformerOptions): Informer<T> {
    return this.objects.informer<T>(kind, options);
  }

  /**
   * Sets spec.replicas of a Deployment, ReplicaSet or StatefulSet; with `currentReplicas` or
   * `resourceVersion`, only if the object has those now (else ConflictError). See rollout.ts.
   */
  scale<T extends KubeObject = KubeObject>(kind: string, name: string, replicas: number, options?: ScaleOptions): Promise<T> {
    return scaleWorkload<T>(this.objects, kind, name, replicas, options);
  }

  /**
   * Closes every connection, watch and informer, and discovery (its NATS connection closes in the
   * background); calls in flight fail with CANCELLED or UNAVAILABLE.
   */
  close(): void {
    void this.discoveryClient?.close();
    this.objects.close();
    this.nodes.close();
    this.pool.close();
  }
}

/**
 * A client of the replicas at `servers` (host:port), or, when the options name none, those of
 * BERTH_SERVER, of the config file (option `config`, BERTH_CONFIG, ~/.berth/config). Connections
 * open lazily, on the first call, so connect() itself never fails for an unreachable cluster; it
 * throws INVALID_ARGUMENT for bad options or a missing or bad config file.
 */
export function connect(options: ConnectOptions = {}): Client {
  return new Client(options);
}
