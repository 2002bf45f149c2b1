// Node liveness, on the leader, in memory. A heartbeat only updates a timestamp here: a steady
// heartbeat costs no Raft write. The store is written only on a transition — a node that went
// silent for notReadyAfterMs (or whose stream closed and stayed closed for
// disconnectedNotReadyAfterMs) becomes Ready=Unknown with the unreachable NoExecute taint (and its
// pods Ready=False); a node heard from again becomes Ready=True — and when pods of a node that
// stays NotReady past their toleration are evicted (graceful delete; their controllers replace
// them elsewhere). A replica that becomes leader starts every node's clock afresh, so that no node
// is judged on the silence of an election.
import type { KubeObject } from '../../client/index.js';
import { isBerthError, resolveKind } from '../../client/index.js';
import type { ObjectRegistry } from '../api/index.js';
import { leads, listObjects, recordEvent, timestamp } from '../api/index.js';
import type { CompiledNodeServiceOptions } from './options.js';
import { evictionDelayMs, podNotReady, readyNode, readyStatus, unreachableNode } from './node-state.js';
import type { PodUsageReport, UsageReport } from './usage.js';

const NODE = resolveKind('Node');
const POD = resolveKind('Pod');
/** How often the leader re-reads the node list, to notice nodes no agent registered this term. */
const NODE_RELIST_MS = 10_000;

interface Entry {
  lastHeardMs: number;
  heardAt?: Date;
  /** As last written or read: whether the store says Ready=True. */
  ready: boolean;
  notReadySinceMs: number;
  /** Next time a pod of this NotReady node may be due for eviction. */
  evictAtMs: number;
  connected: boolean;
  /** When this term's stream of the node's agent ended, if it did and was not replaced since. */
  disconnectedAtMs: number | undefined;
  busy: boolean;
  usage?: UsageReport;
}

export class NodeLiveness {
  private readonly entries = new Map<string, Entry>();
  private term = -1;
  private relistAtMs = 0;
  private timer: NodeJS.Timeout | undefined;
  private ticking = false;

  constructor(
    private readonly reg: ObjectRegistry,
    private readonly opts: CompiledNodeServiceOptions,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.tick(), this.opts.livenessCheckIntervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
  }

  /** An agent registered (its Node was just written Ready=True) or heartbeated. */
  heard(name: string, usage?: UsageReport, registered = false): void {
    const now = this.opts.now();
    const e = this.entry(name, now);
    e.lastHeardMs = now;
    e.heardAt = new Date(now);
    e.connected = true;
    e.disconnectedAtMs = undefined;
    if (registered) e.ready = true;
    if (usage !== undefined) e.usage = usage;
  }

  disconnected(name: string): void {
    const e = this.entries.get(name);
    if (e === undefined) return;
    e.connected = false;
    e.disconnectedAtMs = this.opts.now();
  }

  /** What the last heartbeats said, for NodeService.Usage. */
  usage(): { name: string; heardAt?: Date; usage?: UsageReport }[] {
    return [...this.entries].map(([name, e]) => ({ name, ...(e.heardAt ? { heardAt: e.heardAt } : {}), ...(e.usage ? { usage: e.usage } : {}) }));
  }

  podUsage(): PodUsageReport[] {
    return [...this.entries].flatMap(([node, e]) => (e.usage?.pods ?? []).map((p) => ({ ...p, node })));
  }

  private entry(name: string, now: number): Entry {
    let e = this.entries.get(name);
    if (e === undefined) {
      e = { lastHeardMs: now, ready: true, notReadySinceMs: now, evictAtMs: now, connected: false, disconnectedAtMs: undefined, busy: false };
      this.entries.set(name, e);
    }
    return e;
  }

  private async tick(): Promise<void> {
    if (this.ticking) return;
    if (!leads(this.reg.node)) {
      this.entries.clear();
      this.term = -1;
      return;
    }
    this.ticking = true;
    try {
      const now = this.opts.now();
      const { term } = this.reg.node.termAndLeader();
      if (term !== this.term || now >= this.relistAtMs) await this.relist(term !== this.term, now);
      this.term = term;
      for (const [name, e] of this.entries) if (!e.busy) void this.judge(name, e, now);
    } catch (err) {
      this.reg.opts.logger.debug({ component: 'node-lifecycle', err }, 'liveness check failed; retrying');
    } finally {
      this.ticking = false;
    }
  }

  /** Reads the stored nodes; on a new term every node gets a fresh grace period. */
  private async relist(fresh: boolean, now: number): Promise<void> {
    if (fresh) this.entries.clear();
    const page = await listObjects(this.reg, NODE, { namespace: '', labelSelector: '', fieldSelector: '', limit: 0, continueToken: '', stale: true });
    const names = new Set<string>();
    for (const node of page.items) {
      const name = String(node.metadata.name);
      names.add(name);
      if (this.entries.has(name)) continue;
      const e = this.entry(name, now);
      e.ready = readyStatus(node) === 'True';
    }
    for (const name of [...this.entries.keys()]) {
      if (names.has(name) || this.entries.get(name)!.connected) continue;
      this.entries.delete(name);
      if (!fresh) await this.collectPodsOf(name);
    }
    this.relistAtMs = now + NODE_RELIST_MS;
  }

  /**
   * A Node that existed was deleted: its pods cannot be stopped by anyone, so they are removed
   * (force-deleted), as Kubernetes' pod garbage collector does, and their controllers replace them.
   */
  private async collectPodsOf(node: string): Promise<void> {
    for (const pod of await this.podsOn(node)) {
      const ns = pod.metadata.namespace;
      const name = String(pod.metadata.name);
      try {
        await this.reg.delete(POD, ns, name, { uid: pod.metadata.uid ?? '' }, false, 0);
        this.reg.opts.logger.warn({ component: 'node-lifecycle', node, pod: `${ns}/${name}` }, 'removed a pod of a deleted node');
        void recordEvent(this.reg, { object: pod, reason: 'NodeDeleted', type: 'Warning', component: 'node-lifecycle', message: `Deleted Pod ${ns}/${name}: its node ${node} no longer exists` });
      } catch (err) {
        if (!isBerthError(err, 'NOT_FOUND') && !isBerthError(err, 'CONFLICT')) throw err;
      }
    }
  }

  private async judge(name: string, e: Entry, now: number): Promise<void> {
    const silentMs = now - e.lastHeardMs;
    const gone = e.disconnectedAtMs !== undefined && now - e.disconnectedAtMs > this.opts.disconnectedNotReadyAfterMs;
    const silent = silentMs > this.opts.notReadyAfterMs || gone;
    const due = (e.ready && silent) || (!e.ready && !silent && e.connected) || (!e.ready && silent && now >= e.evictAtMs);
    if (!due) return;
    e.busy = true;
    try {
      if (e.ready && silent) await this.markUnreachable(name, e, now, silentMs, gone);
      else if (!e.ready && !silent) await this.markReady(name, e);
      else await this.evict(name, e, now);
    } catch (err) {
      if (isBerthError(err, 'NOT_FOUND')) this.entries.delete(name);
      else this.reg.opts.logger.debug({ component: 'node-lifecycle', node: name, err }, 'node transition failed; retrying');
    } finally {
      e.busy = false;
    }
  }

  private async markUnreachable(name: string, e: Entry, now: number, silentMs: number, disconnected: boolean): Promise<void> {
    const at = timestamp(new Date(now));
    const res = await this.reg.modify(NODE, undefined, name, {}, (cur) => (readyStatus(cur) === 'True' ? unreachableNode(cur, at, silentMs) : cur));
    e.ready = false;
    e.notReadySinceMs = now;
    e.evictAtMs = now;
    if (!res.changed) return;
    const why = disconnected
      ? `its agent's connection closed and did not come back; no heartbeat for ${(silentMs / 1000).toFixed(1)}s`
      : `no heartbeat for ${(silentMs / 1000).toFixed(1)}s`;
    this.reg.opts.logger.warn({ component: 'node-lifecycle', node: name, silentMs, disconnected }, 'node is NotReady');
    void recordEvent(this.reg, { object: res.object, reason: 'NodeNotReady', type: 'Warning', component: 'node-lifecycle', message: `Node ${name} status is now: NodeNotReady (${why})` });
    for (const pod of await this.podsOn(name)) {
      await this.reg.modify(POD, pod.metadata.namespace, String(pod.metadata.name), { uid: pod.metadata.uid ?? '' }, (cur) => podNotReady(cur, at)).catch(() => undefined);
    }
  }

  private async markReady(name: string, e: Entry): Promise<void> {
    const at = timestamp(new Date(this.opts.now()));
    const res = await this.reg.modify(NODE, undefined, name, {}, (cur) => (readyStatus(cur) === 'True' ? cur : readyNode(cur, at)));
    e.ready = true;
    if (res.changed) {
      this.reg.opts.logger.info({ component: 'node-lifecycle', node: name }, 'node is Ready again');
      void recordEvent(this.reg, { object: res.object, reason: 'NodeReady', component: 'node-lifecycle', message: `Node ${name} status is now: NodeReady` });
    }
  }

  /** Evicts the pods whose toleration of the unreachable node has run out. */
  private async evict(name: string, e: Entry, now: number): Promise<void> {
    let next = Infinity;
    let started = 0;
    for (const pod of await this.podsOn(name)) {
      if (pod.metadata.deletionTimestamp !== undefined) continue;
      const dueMs = e.notReadySinceMs + evictionDelayMs(pod, this.opts.evictAfterMs);
      if (dueMs > now || started >= this.opts.maxEvictionsPerCheck) {
        next = Math.min(next, Math.max(dueMs, now + this.opts.livenessCheckIntervalMs));
        continue;
      }
      started++;
      await this.evictPod(name, pod);
    }
    e.evictAtMs = Math.min(next, now + NODE_RELIST_MS);
  }

  private async evictPod(node: string, pod: KubeObject): Promise<void> {
    const ns = pod.metadata.namespace;
    const podName = String(pod.metadata.name);
    try {
      await this.reg.delete(POD, ns, podName, { uid: pod.metadata.uid ?? '' });
    } catch (err) {
      if (isBerthError(err, 'NOT_FOUND') || isBerthError(err, 'CONFLICT')) return;
      throw err;
    }
    this.reg.opts.logger.warn({ component: 'node-lifecycle', node, pod: `${ns}/${podName}` }, 'evicted pod of an unreachable node');
    void recordEvent(this.reg, { object: pod, reason: 'TaintManagerEviction', component: 'node-lifecycle', message: `Marking for deletion Pod ${ns}/${podName}: node ${node} is unreachable` });
  }

  private async podsOn(node: string): Promise<KubeObject[]> {
    const page = await listObjects(this.reg, POD, { namespace: '', labelSelector: '', fieldSelector: `spec.nodeName=${node}`, limit: 0, continueToken: '', stale: true });
    return page.items;
  }
}
