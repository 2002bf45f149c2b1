// The agent's NodePort proxy: on this node's address, one TCP listener per nodePort of every
// NodePort Service the EndpointSource knows, each forwarding to that Service port's ready
// endpoints on any node. It follows the source: a change to a Service's nodePorts (not to its
// endpoints, which each connection reads afresh) re-derives the set of listeners (bursts of
// changes are coalesced into one pass), opens the new ones and closes those no longer wanted;
// connections already open through a closed listener finish on their own.
import type { Logger } from 'pino';
import type { EndpointSet, EndpointSource } from '../../client/index.js';
import { NodePortListener } from './listener.js';
import type { CompiledNodePortProxyOptions } from './options.js';
import { nodePortFingerprint, nodePortTargets, sameTarget } from './targets.js';
import type { NodePortTarget } from './targets.js';

/** Conflicting nodePort claims remembered (to warn once each); beyond this the memory starts over. */
const MAX_REMEMBERED_CONFLICTS = 256;

const describe = (t: NodePortTarget): string => `${t.namespace}/${t.service}:${t.portName === '' ? '(unnamed)' : t.portName}`;

export class NodePortProxy {
  private readonly listeners = new Map<number, NodePortListener>();
  private readonly warned = new Set<string>();
  /** Per Service ("namespace/service") with nodePorts: their fingerprint at the last change seen. */
  private readonly fingerprints = new Map<string, string>();
  private unsubscribe: (() => void) | undefined;
  private pending: ReturnType<typeof setImmediate> | undefined;
  private stopped = false;
  private readonly log: Logger;

  constructor(
    private readonly source: EndpointSource,
    private readonly opts: CompiledNodePortProxyOptions,
    logger: Logger,
  ) {
    this.log = logger.child({ component: 'nodeport' });
  }

  /** Opens the listeners the source calls for now, and follows its changes. */
  start(): void {
    this.unsubscribe = this.source.onChange((set) => {
      if (this.remember(set)) this.schedule();
    });
    for (const set of this.source.all()) this.remember(set);
    this.reconcile();
  }

  /** Closes every listener and drops their connections. */
  stop(): void {
    this.stopped = true;
    this.unsubscribe?.();
    if (this.pending !== undefined) clearImmediate(this.pending);
    for (const l of this.listeners.values()) l.destroy();
    this.listeners.clear();
  }

  /** The nodePorts this proxy serves (listening or waiting to retry), ascending. */
  get nodePorts(): number[] {
    return [...this.listeners.keys()].sort((a, b) => a - b);
  }

  /** Whether `nodePort` is bound now. */
  listening(nodePort: number): boolean {
    return this.listeners.get(nodePort)?.listening ?? false;
  }

  /** Notes the nodePorts of `set`; whether they changed (and the listeners need a pass). */
  private remember(set: EndpointSet): boolean {
    const key = `${set.namespace}/${set.service}`;
    const fp = nodePortFingerprint(set);
    if (fp === (this.fingerprints.get(key) ?? '')) return false;
    if (fp === '') this.fingerprints.delete(key);
    else this.fingerprints.set(key, fp);
    return true;
  }

  private schedule(): void {
    if (this.pending !== undefined || this.stopped) return;
    this.pending = setImmediate(() => {
      this.pending = undefined;
      if (!this.stopped) this.reconcile();
    });
  }

  private reconcile(): void {
    const { targets, conflicts } = nodePortTargets(this.source.all());
    this.warnConflicts(conflicts, targets);
    for (const [port, l] of this.listeners) {
      const t = targets.get(port);
      if (t === undefined) {
        l.close();
        this.listeners.delete(port);
        this.log.info({ nodePort: port }, 'NodePort closed (its Service or port is gone)');
      } else {
        l.retarget(t);
      }
    }
    for (const [port, t] of targets) {
      if (this.listeners.has(port)) continue;
      const l = new NodePortListener(t, this.source, this.opts, this.log);
      this.listeners.set(port, l);
      l.open();
    }
  }

  private warnConflicts(conflicts: readonly NodePortTarget[], targets: ReadonlyMap<number, NodePortTarget>): void {
    for (const c of conflicts) {
      const owner = targets.get(c.nodePort)!;
      const key = `${describe(c)} ${describe(owner)} ${c.nodePort}`;
      if (this.warned.has(key) || sameTarget(c, owner)) continue;
      if (this.warned.size >= MAX_REMEMBERED_CONFLICTS) this.warned.clear();
      this.warned.add(key);
      this.log.warn({ nodePort: c.nodePort, kept: describe(owner), ignored: describe(c) }, 'two Services claim one nodePort; the first keeps it');
    }
  }
}
