// Namespaces on the leader: the namespaces every cluster has (default, berth-system) are made
// when a replica becomes leader, and a namespace being deleted (deletionTimestamp set,
// Terminating) is emptied — objects without finalizers deleted, the others marked — and removed
// once nothing is left in it. Level-triggered: each sweep looks at the store as it is, so a new
// leader finishes what an old one started.
import { BerthError, KINDS, isBerthError, resolveKind } from '../../../client/index.js';
import type { KindInfo, KubeObject } from '../../../client/index.js';
import { leads } from '../backend.js';
import { objectKey } from './keys.js';
import { listObjects } from './list.js';
import type { ObjectRegistry } from './registry.js';
import { PROTECTED_NAMESPACES } from './registry.js';

const NAMESPACE = resolveKind('Namespace');
/** Objects handled per kind per sweep, so that one huge namespace does not stall the others. */
const PURGE_BATCH = 200;

export class NamespaceLifecycle {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private defaultsTerm = -1;
  private stopped = false;

  constructor(
    private readonly reg: ObjectRegistry,
    private readonly intervalMs = 1000,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) clearInterval(this.timer);
  }

  private async tick(): Promise<void> {
    if (this.running || this.stopped || !leads(this.reg.node)) return;
    this.running = true;
    try {
      const { term } = this.reg.node.termAndLeader();
      if (this.defaultsTerm !== term) {
        await this.ensureDefaults();
        this.defaultsTerm = term;
      }
      await this.sweep();
    } catch (err) {
      const level = isBerthError(err) && ['UNAVAILABLE', 'TIMEOUT', 'NOT_LEADER', 'CONFLICT'].includes(err.code) ? 'debug' : 'warn';
      this.reg.opts.logger[level]({ component: 'namespaces', err }, 'namespace sweep failed; retrying');
    } finally {
      this.running = false;
    }
  }

  private async ensureDefaults(): Promise<void> {
    for (const name of PROTECTED_NAMESPACES) {
      try {
        await this.reg.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
        this.reg.opts.logger.info({ component: 'namespaces', namespace: name }, 'created namespace');
      } catch (err) {
        if (!isBerthError(err, 'ALREADY_EXISTS')) throw err;
      }
    }
  }

  private async sweep(): Promise<void> {
    const page = await listObjects(this.reg, NAMESPACE, { namespace: '', labelSelector: '', fieldSelector: '', limit: 0, continueToken: '', stale: false });
    for (const ns of page.items) {
      if (ns.metadata.deletionTimestamp !== undefined && leads(this.reg.node)) await this.purge(ns);
    }
  }

  /** Deletes what is in namespace `ns`; removes the namespace once it is empty. */
  private async purge(ns: KubeObject): Promise<void> {
    const name = ns.metadata.name ?? '';
    let remaining = 0;
    for (const kind of KINDS) {
      if (!kind.namespaced) continue;
      const page = await listObjects(this.reg, kind, { namespace: name, labelSelector: '', fieldSelector: '', limit: PURGE_BATCH, continueToken: '', stale: false });
      remaining += page.items.length;
      for (const obj of page.items) await this.deleteQuietly(kind, name, obj);
    }
    if (remaining > 0 || (ns.metadata.finalizers ?? []).length > 0) return;
    const key = objectKey(NAMESPACE, '', name);
    const res = await this.reg.txn([{ key, target: 'modRevision', op: '=', value: Number(ns.metadata.resourceVersion) }], [{ type: 'delete', key }]);
    if (res.succeeded === true) this.reg.opts.logger.info({ component: 'namespaces', namespace: name }, 'namespace deleted');
  }

  private async deleteQuietly(kind: KindInfo, namespace: string, obj: KubeObject): Promise<void> {
    if (obj.metadata.deletionTimestamp !== undefined) return;
    try {
      await this.reg.delete(kind, namespace, obj.metadata.name ?? '', {});
    } catch (err) {
      if (!(err instanceof BerthError) || err.code !== 'NOT_FOUND') throw err;
    }
  }
}
