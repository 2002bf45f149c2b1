// The object calls of the SDK (ObjectService), which Client exposes as its own methods.
//
// Retries follow client/retry.ts: get, list and watch are reads; apply is idempotent (it brings
// the object in line with the manifest however often it runs), so it is retried like a read,
// and a retry after a lost answer may report "unchanged" for an apply that in fact created or
// configured the object. create, update, patch and delete are writes, retried only when they
// provably never reached the Raft log. A dry run writes nothing, so it is retried like a read.
// Every attempt has its own deadline of timeoutMs.
import type { ApiObject } from '../../proto/gen/berth/objects/v1/ApiObject.js';
import type { ApplyResponse__Output } from '../../proto/gen/berth/v1/ApplyResponse.js';
import type { DeleteResponse__Output } from '../../proto/gen/berth/v1/DeleteResponse.js';
import type { ListResponse__Output } from '../../proto/gen/berth/v1/ListResponse.js';
import type { ObjectResponse__Output } from '../../proto/gen/berth/v1/ObjectResponse.js';
import type { ObjectServiceClient } from '../../proto/gen/berth/v1/ObjectService.js';
import { unaryCall } from '../call.js';
import type { UnaryInvoker } from '../call.js';
import type { EndpointPool } from '../endpoints.js';
import type { CompiledConnectOptions } from '../options.js';
import { backoffMs, withRetry } from '../retry.js';
import type { CallKind } from '../retry.js';
import { objectToWire } from './codec.js';
import { CachingInformer } from './informer.js';
import { resolveKind } from './kinds.js';
import type { KindInfo } from './kinds.js';
import {
  applyOutcome,
  checkGracePeriod,
  checkLimit,
  checkName,
  checkResourceVersion,
  decodeObject,
  mergePatchText,
  namespaceFor,
  selectionNamespace,
  toKubeList,
  withDefaultNamespace,
} from './object-requests.js';
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
} from './types.js';
import { GrpcWatchSource } from './watch-grpc.js';
import type { WatchTarget } from './watch-grpc.js';
import { ResumingWatch } from './watch-resume.js';
import type { ResumingWatchOptions } from './watch-resume.js';

type Invoke<R> = (stub: ObjectServiceClient) => UnaryInvoker<R>;

export class ObjectClient implements ObjectApi {
  /** Open watches and informers, closed with the client. */
  private readonly live = new Set<{ close(): void } | { stop(): void }>();

  constructor(
    private readonly pool: EndpointPool,
    private readonly opts: CompiledConnectOptions,
  ) {}

  async create<T extends KubeObject = KubeObject>(obj: T, options: WriteOptions = {}): Promise<T> {
    const { wire, warnings } = objectToWire(withDefaultNamespace(obj));
    const dryRun = options.dryRun ?? false;
    const res = await this.call<ObjectResponse__Output>(writeKind(dryRun), (s) => (md, o, cb) => s.Create({ object: wire as ApiObject, dryRun }, md, o, cb));
    this.warn(warnings, res.warnings);
    return decodeObject(res.object, 'Create') as T;
  }

  async get<T extends KubeObject = KubeObject>(kind: string, name: string, options: ReadOptions = {}): Promise<T> {
    const k = resolveKind(kind);
    const request = { kind: k.kind, namespace: namespaceFor(k, options.namespace), name: checkName(name), stale: options.stale ?? false };
    const res = await this.call<ObjectResponse__Output>('read', (s) => (md, o, cb) => s.Get(request, md, o, cb));
    return decodeObject(res.object, 'Get') as T;
  }

  async list<T extends KubeObject = KubeObject>(kind: string, options: ListOptions = {}): Promise<KubeList<T>> {
    const k = resolveKind(kind);
    const request = {
      kind: k.kind,
      namespace: selectionNamespace(k, options.namespace),
      labelSelector: options.labelSelector ?? '',
      fieldSelector: options.fieldSelector ?? '',
      limit: checkLimit(options.limit),
      continue: options.continue ?? '',
      stale: options.stale ?? false,
    };
    const res = await this.call<ListResponse__Output>('read', (s) => (md, o, cb) => s.List(request, md, o, cb));
    return toKubeList<T>(k, res);
  }

  update<T extends KubeObject = KubeObject>(obj: T, options: WriteOptions = {}): Promise<T> {
    return this.replace(obj, '', options);
  }

  updateStatus<T extends KubeObject = KubeObject>(obj: T, options: WriteOptions = {}): Promise<T> {
    return this.replace(obj, 'status', options);
  }

  private async replace<T extends KubeObject>(obj: T, subresource: '' | 'status', options: WriteOptions): Promise<T> {
    const { wire, warnings } = objectToWire(withDefaultNamespace(obj));
    const dryRun = options.dryRun ?? false;
    const request = { object: wire as ApiObject, subresource, dryRun };
    const res = await this.call<ObjectResponse__Output>(writeKind(dryRun), (s) => (md, o, cb) => s.Update(request, md, o, cb));
    this.warn(warnings, res.warnings);
    return decodeObject(res.object, 'Update') as T;
  }

  async apply<T extends KubeObject = KubeObject>(obj: T, options: ApplyOptions = {}): Promise<ApplyResult<T>> {
    const { wire, warnings } = objectToWire(withDefaultNamespace(obj), { strict: options.strict ?? false });
    const request = { object: wire as ApiObject, fieldManager: options.fieldManager ?? 'berth', dryRun: options.dryRun ?? false };
    const res = await this.call<ApplyResponse__Output>('read', (s) => (md, o, cb) => s.Apply(request, md, o, cb));
    return { object: decodeObject(res.object, 'Apply') as T, result: applyOutcome(res.result), warnings: [...warnings, ...res.warnings] };
  }

  async patch<T extends KubeObject = KubeObject>(kind: string, name: string, patch: Record<string, unknown>, options: PatchOptions = {}): Promise<T> {
    const k = resolveKind(kind);
    const dryRun = options.dryRun ?? false;
    const request = {
      kind: k.kind,
      namespace: namespaceFor(k, options.namespace),
      name: checkName(name),
      mergePatch: mergePatchText(patch),
      subresource: options.subresource ?? '',
      dryRun,
    };
    const res = await this.call<ObjectResponse__Output>(writeKind(dryRun), (s) => (md, o, cb) => s.Patch(request, md, o, cb));
    this.warn([], res.warnings);
    return decodeObject(res.object, 'Patch') as T;
  }

  async delete<T extends KubeObject = KubeObject>(kind: string, name: string, options: DeleteOptions = {}): Promise<DeleteResult<T>> {
    const k = resolveKind(kind);
    const dryRun = options.dryRun ?? false;
    const grace = checkGracePeriod(options.gracePeriodSeconds);
    const request = {
      kind: k.kind,
      namespace: namespaceFor(k, options.namespace),
      name: checkName(name),
      preconditionResourceVersion: options.preconditions?.resourceVersion ?? '',
      preconditionUid: options.preconditions?.uid ?? '',
      propagationPolicy: options.propagationPolicy ?? '',
      dryRun,
      ...(grace === undefined ? {} : { gracePeriodSeconds: grace }),
    };
    const res = await this.call<DeleteResponse__Output>(writeKind(dryRun), (s) => (md, o, cb) => s.Delete(request, md, o, cb));
    return { object: decodeObject(res.object, 'Delete') as T, pending: res.pending };
  }

  watch<T extends KubeObject = KubeObject>(kind: string, options: WatchObjectsOptions = {}): ObjectWatch<T> {
    const k = resolveKind(kind);
    const resourceVersion = checkResourceVersion(options.resourceVersion);
    const watch: ResumingWatch<T> = new ResumingWatch<T>(this.source(k, options), {
      ...this.watchLimits(),
      resourceVersion,
      sendInitialEvents: options.sendInitialEvents ?? false,
      onClosed: () => this.live.delete(watch),
    });
    this.live.add(watch);
    return watch;
  }

  informer<T extends KubeObject = KubeObject>(kind: string, options: InformerOptions = {}): Informer<T> {
    const k = resolveKind(kind);
    const { initialBackoffMs, maxBackoffMs } = this.opts.retry;
    const informer: CachingInformer<T> = new CachingInformer<T>(
      this.source(k, options),
      { namespaced: k.namespaced, watch: this.watchLimits(), backoffMs: (n) => backoffMs(n, initialBackoffMs, maxBackoffMs) },
      () => this.live.delete(informer),
    );
    this.live.add(informer);
    return informer;
  }

  /** Ends every watch and informer of this client. */
  close(): void {
    for (const item of [...this.live]) {
      if ('close' in item) item.close();
      else item.stop();
    }
    this.live.clear();
  }

  private watchLimits(): Pick<ResumingWatchOptions, 'idleTimeoutMs' | 'maxReconnects' | 'bufferEvents' | 'backoffMs'> {
    const { initialBackoffMs, maxBackoffMs } = this.opts.retry;
    return {
      idleTimeoutMs: this.opts.watchIdleTimeoutMs,
      maxReconnects: this.opts.watchMaxReconnects,
      bufferEvents: this.opts.watchBufferEvents,
      backoffMs: (n) => backoffMs(n, initialBackoffMs, maxBackoffMs),
    };
  }

  /** The watch source of one selection; a re-list lists the same selection, every page at once. */
  private source(kind: KindInfo, options: { namespace?: string; labelSelector?: string; fieldSelector?: string }): GrpcWatchSource {
    const target: WatchTarget = {
      kind: kind.kind,
      namespace: selectionNamespace(kind, options.namespace),
      labelSelector: options.labelSelector ?? '',
      fieldSelector: options.fieldSelector ?? '',
    };
    return new GrpcWatchSource(this.pool, target, async () => {
      const list = await this.list(kind.kind, { namespace: target.namespace, labelSelector: target.labelSelector, fieldSelector: target.fieldSelector });
      return { items: list.items, resourceVersion: list.metadata.resourceVersion };
    });
  }

  private call<R>(kind: CallKind, invoke: Invoke<R>): Promise<R> {
    return withRetry(this.pool, this.opts, kind, (ep) => unaryCall(invoke(ep.objects), this.opts.timeoutMs));
  }

  private warn(local: readonly string[], remote: readonly string[]): void {
    const hear = this.opts.onWarning;
    if (hear === undefined) return;
    for (const w of [...local, ...remote]) hear(w);
  }
}

/** A dry run writes nothing, so it is as safe to send again as a read. */
function writeKind(dryRun: boolean): CallKind {
  return dryRun ? 'read' : 'write';
}
