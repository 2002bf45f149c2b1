// ObjectService: the gRPC face of the object registry. Requests are decoded from their typed
// messages into Kubernetes-shaped JSON, handled by the registry (registry/), and the objects in
// replies are encoded back. Any replica serves any call; see registry/registry.ts for how writes
// stay correct from followers.
import type * as grpc from '@grpc/grpc-js';
import { InvalidError, UnavailableError, objectFromWire, objectToWire, resolveKind } from '../../client/index.js';
import type { KindInfo, KubeObject } from '../../client/index.js';
import type { ObjectServiceHandlers } from '../../proto/gen/berth/v1/ObjectService.js';
import type { ApiNode, ApiService } from './backend.js';
import type { ApiOptions } from './options.js';
import { compileApiOptions } from './options.js';
import { applyObject, patchObject, updateObject } from './registry/apply.js';
import { listObjects } from './registry/list.js';
import { NamespaceLifecycle } from './registry/namespace-lifecycle.js';
import type { RegistryOptions } from './registry/options.js';
import { compileRegistryOptions } from './registry/options.js';
import { ObjectRegistry } from './registry/registry.js';
import type { PropagationPolicy } from './registry/registry.js';
import { WatchCaches } from './registry/watch-cache.js';
import { markNotProposed, responseHeader, unary } from './respond.js';
import { startObjectWatch } from './object-watch.js';
import { objectServiceDefinition } from './watch-encoding.js';
import type { WatchSession } from './registry/watch-session.js';

export type ObjectServiceOptions = ApiOptions & { registry?: Omit<RegistryOptions, 'logger'> };

/** The wire form of an object in a reply. */
export function toWire(obj: KubeObject): Record<string, unknown> {
  return objectToWire(obj).wire;
}

function fromRequest(wire: unknown, field = 'object'): KubeObject {
  if (wire === null || wire === undefined || (typeof wire === 'object' && (wire as { object?: unknown }).object === undefined)) {
    throw new InvalidError(`${field}: required`, { causes: [{ field, message: 'required' }] });
  }
  return objectFromWire(wire);
}

function kindOf(name: string): KindInfo {
  return resolveKind(name, 'kind');
}

const PROPAGATION = ['', 'Orphan', 'Background', 'Foreground'];

function checkDelete(policy: string, grace: number | undefined): void {
  if (!PROPAGATION.includes(policy)) {
    const message = `must be Orphan, Background or Foreground (got ${JSON.stringify(policy)})`;
    throw new InvalidError(`propagation_policy: ${message}`, { causes: [{ field: 'propagation_policy', message }] });
  }
  if (grace !== undefined && (!Number.isSafeInteger(grace) || grace < 0)) {
    const message = `must be >= 0 (got ${grace})`;
    throw new InvalidError(`grace_period_seconds: ${message}`, { causes: [{ field: 'grace_period_seconds', message }] });
  }
}

/** What registerObjectService returns: the service, and the registry other services build on. */
export interface ObjectServiceHandle extends ApiService {
  readonly registry: ObjectRegistry;
  readonly caches: WatchCaches;
}

/** Registers ObjectService; close() ends open watches (their clients resume elsewhere). */
export function registerObjectService(server: grpc.Server, node: ApiNode, options: ObjectServiceOptions): ObjectServiceHandle {
  const opts = compileApiOptions(options);
  const reg = new ObjectRegistry(node, compileRegistryOptions({ ...options.registry, logger: opts.logger }));
  const caches = new WatchCaches(reg);
  const sessions = new Set<WatchSession>();
  const lifecycle = new NamespaceLifecycle(reg);
  lifecycle.start();
  const log = opts.logger;
  const header = (revision: number) => responseHeader(node, opts.clusterId, revision);
  const write = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      throw markNotProposed(err);
    }
  };
  const rev = (obj: KubeObject): number => Number(obj.metadata.resourceVersion ?? 0);
  const handlers: ObjectServiceHandlers = {
    Create: unary(log, 'ObjectService/Create', async (req) => {
      const obj = await write(() => reg.create(fromRequest(req.object), req.dryRun));
      return { header: header(rev(obj)), object: toWire(obj), warnings: [] };
    }),
    Get: unary(log, 'ObjectService/Get', async (req) => {
      const obj = await reg.get(kindOf(req.kind), req.namespace, req.name, req.stale);
      return { header: header(rev(obj)), object: toWire(obj), warnings: [] };
    }),
    List: unary(log, 'ObjectService/List', async (req) => {
      const page = await listObjects(reg, kindOf(req.kind), {
        namespace: req.namespace,
        labelSelector: req.labelSelector,
        fieldSelector: req.fieldSelector,
        limit: req.limit,
        continueToken: req.continue,
        stale: req.stale,
      });
      return { header: header(page.revision), items: page.items.map(toWire), resourceVersion: String(page.revision), continue: page.continueToken };
    }),
    Update: unary(log, 'ObjectService/Update', async (req) => {
      const res = await write(() => updateObject(reg, fromRequest(req.object), req.subresource, req.dryRun));
      return { header: header(rev(res.object)), object: toWire(res.object), warnings: [] };
    }),
    Apply: unary(log, 'ObjectService/Apply', async (req) => {
      const res = await write(() => applyObject(reg, fromRequest(req.object), req.dryRun));
      return { header: header(rev(res.object)), object: toWire(res.object), result: res.result, warnings: [] };
    }),
    Patch: unary(log, 'ObjectService/Patch', async (req) => {
      const res = await write(() => patchObject(reg, kindOf(req.kind), req.namespace, req.name, req.mergePatch, req.subresource, req.dryRun));
      return { header: header(rev(res.object)), object: toWire(res.object), warnings: [] };
    }),
    Delete: unary(log, 'ObjectService/Delete', async (req) => {
      const grace = req.gracePeriodSeconds ?? undefined;
      checkDelete(req.propagationPolicy, grace);
      const pre = { resourceVersion: req.preconditionResourceVersion, uid: req.preconditionUid };
      const policy = req.propagationPolicy === '' ? undefined : (req.propagationPolicy as PropagationPolicy);
      const res = await write(() => reg.delete(kindOf(req.kind), req.namespace, req.name, pre, req.dryRun, grace, policy));
      return { header: header(rev(res.object)), object: toWire(res.object), pending: res.pending };
    }),
    Watch: (call) => startObjectWatch(call, reg, caches, sessions, log),
  };
  server.addService(objectServiceDefinition(), handlers);
  return {
    registry: reg,
    caches,
    close: () => {
      lifecycle.stop();
      for (const s of [...sessions]) s.fail(new UnavailableError(`replica ${node.id} is shutting down; watch on another replica`));
      caches.close();
    },
  };
}
