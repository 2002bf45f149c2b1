// The scheduler's picture of the cluster: every node with what its pods take, kept from informer
// events plus the pods the scheduler has bound but the informer has not shown yet ("assumed"), so
// that the next decision, made before the binding's write comes back, already counts them. An
// assumption ends when the informer shows the pod bound (it becomes a plain bound pod) or when the
// bind failed (forget). Also the nominations: pods that preempted others and wait for the room
// they made on a node, which lower-priority pods must not take meanwhile.
import type { KubeObject } from '../../client/index.js';
import { NodeInfo, NodeTable } from './node-info.js';
import type { PodInfo } from './pod-info.js';
import { isTerminal, nodeNameOf, podInfoUpdated } from './pod-info.js';

interface PodEntry {
  info: PodInfo;
  node: string;
  assumed: boolean;
}

/** What a pod event did to the picture: room freed (a pod left a node), or a pod newly bound. */
export interface PodChange {
  readonly freed: boolean;
  readonly added: boolean;
}

const NO_CHANGE: PodChange = { freed: false, added: false };
const FREED: PodChange = { freed: true, added: false };
const ADDED: PodChange = { freed: false, added: true };

export interface Nomination {
  readonly info: PodInfo;
  readonly priority: number;
}

/** Slots the node table starts with (it doubles as nodes come). */
const INITIAL_NODE_SLOTS = 1024;

export class SchedulerCache {
  /** The hot numbers of every node, shared by all of them. */
  readonly table = new NodeTable(INITIAL_NODE_SLOTS);
  private readonly nodes = new Map<string, NodeInfo>();
  private listed: NodeInfo[] = [];
  private listedSlots = new Int32Array(0);
  private listDirty = false;
  private readonly pods = new Map<string, PodEntry>();
  private readonly nominations = new Map<string, Map<string, Nomination>>();
  private readonly nominatedNode = new Map<string, string>();

  /** Nodes with a Node object, in a stable order (the order they were first seen). */
  nodeList(): readonly NodeInfo[] {
    if (this.listDirty) {
      this.listed = [...this.nodes.values()].filter((n) => n.node !== undefined);
      this.listedSlots = Int32Array.from(this.listed, (n) => n.slot);
      this.listDirty = false;
    }
    return this.listed;
  }

  /** The table slots of nodeList(), index for index. */
  slots(): Int32Array {
    this.nodeList();
    return this.listedSlots;
  }

  getNode(name: string): NodeInfo | undefined {
    const n = this.nodes.get(name);
    return n?.node === undefined ? undefined : n;
  }

  private nodeInfo(name: string): NodeInfo {
    let n = this.nodes.get(name);
    if (n === undefined) {
      n = new NodeInfo(name, this.table);
      this.nodes.set(name, n);
    }
    return n;
  }

  /** A Node's new version. 'added' and 'changed' (what scheduling reads) can help pending pods. */
  setNode(node: KubeObject): 'added' | 'changed' | 'same' {
    const info = this.nodeInfo(String(node.metadata.name));
    const isNew = info.node === undefined;
    const changed = info.setNode(node);
    if (isNew) {
      this.listDirty = true;
      this.countNominated(info.name);
    }
    return isNew ? 'added' : changed ? 'changed' : 'same';
  }

  removeNode(name: string): void {
    const info = this.nodes.get(name);
    if (info === undefined) return;
    if (info.podCount === 0) this.dropNode(info);
    else info.clearNode();
    this.listDirty = true;
  }

  /** The informer's view of a pod (any version but a deletion). */
  observePod(obj: KubeObject): PodChange {
    const uid = obj.metadata.uid ?? '';
    const prev = this.pods.get(uid);
    const node = nodeNameOf(obj);
    const terminal = isTerminal(obj);
    if (node === '' || terminal) {
      // Unbound in the informer while assumed: the bind's write has not come back yet.
      if (prev === undefined || (prev.assumed && node === '' && !terminal)) return NO_CHANGE;
      this.removeEntry(uid, prev);
      return FREED;
    }
    const info = podInfoUpdated(obj, prev?.info);
    if (prev !== undefined && prev.node === node) {
      const wasAssumed = prev.assumed;
      prev.assumed = false;
      if (info !== prev.info) {
        const n = this.nodeInfo(node);
        n.removePod(uid);
        n.addPod(info);
        prev.info = info;
      }
      return wasAssumed ? NO_CHANGE : ADDED;
    }
    if (prev !== undefined) this.removeEntry(uid, prev);
    this.pods.set(uid, { info, node, assumed: false });
    this.nodeInfo(node).addPod(info);
    return ADDED;
  }

  /** The pod is gone from the store. */
  deletePod(obj: KubeObject): PodChange {
    const uid = obj.metadata.uid ?? '';
    this.clearNomination(uid);
    const prev = this.pods.get(uid);
    if (prev === undefined) return NO_CHANGE;
    this.removeEntry(uid, prev);
    return FREED;
  }

  private removeEntry(uid: string, e: PodEntry): void {
    this.pods.delete(uid);
    const n = this.nodes.get(e.node);
    if (n === undefined) return;
    n.removePod(uid);
    if (n.node === undefined && n.podCount === 0) this.dropNode(n);
  }

  private dropNode(n: NodeInfo): void {
    this.nodes.delete(n.name);
    this.table.nominated[n.slot] = 0;
    n.release();
    this.listDirty = true;
  }

  /** Counts `info` on `node` from now on, before the informer shows it bound. */
  assume(info: PodInfo, node: string): void {
    const prev = this.pods.get(info.uid);
    if (prev !== undefined) this.removeEntry(info.uid, prev);
    this.pods.set(info.uid, { info, node, assumed: true });
    this.nodeInfo(node).addPod(info);
  }

  /** The bind failed: the assumed pod no longer counts. A pod the informer already shows bound stays. */
  forget(uid: string): void {
    const e = this.pods.get(uid);
    if (e !== undefined && e.assumed) this.removeEntry(uid, e);
  }

  isAssumed(uid: string): boolean {
    return this.pods.get(uid)?.assumed === true;
  }

  /** Whether the pod counts on some node (bound or assumed). */
  has(uid: string): boolean {
    return this.pods.has(uid);
  }

  get podCount(): number {
    return this.pods.size;
  }

  /** Records that `info` waits for room on `node` (its status.nominatedNodeName). */
  nominate(info: PodInfo, node: string, priority: number): void {
    this.clearNomination(info.uid);
    let m = this.nominations.get(node);
    if (m === undefined) {
      m = new Map();
      this.nominations.set(node, m);
    }
    m.set(info.uid, { info, priority });
    this.nominatedNode.set(info.uid, node);
    this.countNominated(node);
  }

  /** Mirrors the number of pods nominated to `node` into its table slot (the fast path skips nodes without any). */
  private countNominated(node: string): void {
    const n = this.nodes.get(node);
    if (n !== undefined) this.table.nominated[n.slot] = this.nominations.get(node)?.size ?? 0;
  }

  clearNomination(uid: string): void {
    const node = this.nominatedNode.get(uid);
    if (node === undefined) return;
    this.nominatedNode.delete(uid);
    const m = this.nominations.get(node);
    m?.delete(uid);
    if (m?.size === 0) this.nominations.delete(node);
    this.countNominated(node);
  }

  /** The pods nominated to `node`; undefined when none. */
  nominatedOn(node: string): ReadonlyMap<string, Nomination> | undefined {
    return this.nominations.size === 0 ? undefined : this.nominations.get(node);
  }

  nominatedNodeOf(uid: string): string | undefined {
    return this.nominatedNode.get(uid);
  }
}
