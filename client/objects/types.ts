// The SDK's object types: objects are plain JSON in Kubernetes' shape (what `berth get -o json`
// prints and what a manifest holds). The typed message types of each kind are generated from
// proto/berth/objects/v1/objects.proto; these are the shapes every kind shares.

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  /** The store revision of the object's last change, as a decimal string. */
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
}

/** Any object: apiVersion, kind, metadata, and the kind's own fields (spec, status, data, ...). */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
  [field: string]: unknown;
}

/** What list() returns: Kubernetes' List shape (`kind: "PodList"`). */
export interface KubeList<T extends KubeObject = KubeObject> {
  apiVersion: string;
  kind: string;
  metadata: {
    /** The revision the list reflects: watch from it to see every later change. */
    resourceVersion: string;
    /** Set when more items match: pass it as ListOptions.continue. */
    continue?: string;
  };
  items: T[];
}

export interface ReadOptions {
  /** For namespaced kinds. @default "default" */
  namespace?: string;
  /** Serve from the answering replica's copy without confirming with the leader (may be behind). */
  stale?: boolean;
}

export interface ListOptions {
  /** A namespace, or omitted/"" for every namespace. */
  namespace?: string;
  /** `app=web,tier in (fe,be),!canary` */
  labelSelector?: string;
  /** `metadata.name=web`, `spec.nodeName=n1`, `status.phase!=Running` */
  fieldSelector?: string;
  /** Most items per page; the result's metadata.continue fetches the next. 0: all. */
  limit?: number;
  continue?: string;
  stale?: boolean;
}

export interface WriteOptions {
  /** Validate and default, but write nothing. */
  dryRun?: boolean;
}

export interface ApplyOptions extends WriteOptions {
  /** Fields berth does not know are errors instead of warnings. @default false */
  strict?: boolean;
  /** Recorded with the last-applied configuration. @default "berth" */
  fieldManager?: string;
}

export interface ApplyResult<T extends KubeObject = KubeObject> {
  object: T;
  result: 'created' | 'configured' | 'unchanged';
  /** Fields berth does not support (named by path) and other things the server noticed. */
  warnings: string[];
}

export interface PatchOptions extends WriteOptions {
  namespace?: string;
  /** "status" patches the status subresource. */
  subresource?: 'status';
}

export interface DeleteOptions extends WriteOptions {
  namespace?: string;
  /** Delete only if the object still has this resourceVersion / uid. */
  preconditions?: { resourceVersion?: string; uid?: string };
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Orphan' | 'Background' | 'Foreground';
}

export interface DeleteResult<T extends KubeObject = KubeObject> {
  object: T;
  /** True while finalizers keep the object (it has a deletionTimestamp). */
  pending: boolean;
}

export interface WatchObjectsOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** Changes after this revision (e.g. a list's metadata.resourceVersion). Omitted: from now on. */
  resourceVersion?: string;
  /** First the current objects as ADDED events, then the changes ("list then watch" in one call). */
  sendInitialEvents?: boolean;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface ObjectWatchEvent<T extends KubeObject = KubeObject> {
  type: WatchEventType;
  object: T;
}

/** An async iterator of changes that resumes by itself; close() ends it. */
export interface ObjectWatch<T extends KubeObject = KubeObject> extends AsyncIterable<ObjectWatchEvent<T>> {
  /** The revision of the last event delivered (or reached by a bookmark). */
  readonly resourceVersion: string;
  close(): void;
}

export interface InformerHandlers<T extends KubeObject = KubeObject> {
  add?(obj: T): void;
  update?(oldObj: T, newObj: T): void;
  delete?(obj: T): void;
}

/** A local cache of one kind's objects, kept current by list + watch. */
export interface Informer<T extends KubeObject = KubeObject> {
  /** Lists, then watches; resolves once the cache holds the listed objects. */
  start(): Promise<void>;
  readonly synced: boolean;
  /** Cached objects (optionally of one namespace). */
  list(namespace?: string): T[];
  get(name: string, namespace?: string): T | undefined;
  /** Adds handlers; returns a function that removes them. */
  on(handlers: InformerHandlers<T>): () => void;
  stop(): void;
}

export interface InformerOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

/** What the member calls of a cluster report, one entry per member (see ClusterClient.status). */
export interface ClusterMemberStatus {
  id: string;
  /** host:port */
  address: string;
  role: 'leader' | 'follower' | 'learner' | 'candidate' | 'unknown';
  /** Answered within the call's deadline. */
  healthy: boolean;
  commitIndex: number;
  appliedIndex: number;
}

export interface ClusterOverview {
  /** Id of the leader, "" when none is known. */
  leader: string;
  term: number;
  members: ClusterMemberStatus[];
}

/**
 * The object calls of the SDK, which Client implements. `kind` is a kind, plural or short name
 * ("Deployment", "deployments", "deploy"). Namespaced kinds default to namespace "default".
 */
export interface ObjectApi {
  create<T extends KubeObject = KubeObject>(obj: T, options?: WriteOptions): Promise<T>;
  get<T extends KubeObject = KubeObject>(kind: string, name: string, options?: ReadOptions): Promise<T>;
  list<T extends KubeObject = KubeObject>(kind: string, options?: ListOptions): Promise<KubeList<T>>;
  /** Replaces the object; with metadata.resourceVersion set, fails with ConflictError unless current. */
  update<T extends KubeObject = KubeObject>(obj: T, options?: WriteOptions): Promise<T>;
  updateStatus<T extends KubeObject = KubeObject>(obj: T, options?: WriteOptions): Promise<T>;
  apply<T extends KubeObject = KubeObject>(obj: T, options?: ApplyOptions): Promise<ApplyResult<T>>;
  /** A JSON merge patch (RFC 7386): null removes a field. */
  patch<T extends KubeObject = KubeObject>(kind: string, name: string, patch: Record<string, unknown>, options?: PatchOptions): Promise<T>;
  delete<T extends KubeObject = KubeObject>(kind: string, name: string, options?: DeleteOptions): Promise<DeleteResult<T>>;
  watch<T extends KubeObject = KubeObject>(kind: string, options?: WatchObjectsOptions): ObjectWatch<T>;
  informer<T extends KubeObject = KubeObject>(kind: string, options?: InformerOptions): Informer<T>;
}
