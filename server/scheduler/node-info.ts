// One node as the scheduler sees it: what the Node object says (allocatable parsed once per
// version, labels, taints split by effect, Ready, cordoned), and what the pods bound to it (or
// assumed to be) take: summed requests, host ports, pod count, the pods themselves (for inter-pod
// affinity), counts by owner (for spreading a ReplicaSet), and memoized counts of pods matching a
// topology spread selector. Kept incrementally: a pod is added or removed, never recounted.
//
// The numbers every decision reads for hundreds of nodes (allocatable and requested cpu, memory
// and pods, and whether the node is plainly usable) live in a NodeTable: one typed array per
// field, a slot per node, so that filtering and scoring a node touches a few cache lines shared
// by all nodes instead of several scattered objects per node (that was most of a decision's time).
import type { KubeObject } from '../../client/index.js';
import type { HostPort, PodInfo } from './pod-info.js';
import type { Allocatable } from './resources.js';
import { nodeAllocatable } from './resources.js';
import type { Taint } from '../api/objects/index.js';
import { parseTaints } from '../api/objects/index.js';

type Rec = Record<string, unknown>;

const NO_ALLOCATABLE: Allocatable = { milliCpu: 0, memory: 0, ephemeralStorage: 0, scalar: undefined, pods: 0, hasEphemeralStorage: false };

function readyOf(status: Rec | undefined): boolean {
  const conditions = status?.['conditions'];
  if (!Array.isArray(conditions)) return false;
  for (const c of conditions as Rec[]) if (c !== null && typeof c === 'object' && c['type'] === 'Ready') return c['status'] === 'True';
  return false;
}

/** What of a Node object scheduling depends on, as one comparable string. */
function schedulingSignature(node: KubeObject): string {
  const status = node.status as Rec | undefined;
  const spec = node.spec as Rec | undefined;
  return JSON.stringify([status?.['allocatable'], status?.['capacity'], node.metadata.labels, spec?.['taints'], spec?.['unschedulable'], readyOf(status)]);
}

/** The hot numbers of many nodes, struct-of-arrays, a slot per node. */
export class NodeTable {
  allocCpu: Float64Array;
  allocMem: Float64Array;
  allocPods: Float64Array;
  cpu: Float64Array;
  mem: Float64Array;
  nzCpu: Float64Array;
  nzMem: Float64Array;
  pods: Float64Array;
  /** 1 when the node is Ready, not cordoned and has no NoSchedule/NoExecute taint. */
  plain: Uint8Array;
  /** 1 when the node has PreferNoSchedule taints. */
  softTainted: Uint8Array;
  /** Pods nominated to the node (waiting for room they preempted). */
  nominated: Int32Array;
  /** Pods with required anti-affinity, and with any inter-pod affinity, per node. */
  anti: Int32Array;
  affinity: Int32Array;
  /** Those two summed over the table's nodes. */
  totalAnti = 0;
  totalAffinity = 0;
  /** Per controlling owner uid: pods per slot. */
  readonly owners = new Map<string, Map<number, number>>();
  private readonly free: number[] = [];
  private used = 0;

  constructor(capacity = 16) {
    const n = Math.max(1, capacity);
    this.allocCpu = new Float64Array(n);
    this.allocMem = new Float64Array(n);
    this.allocPods = new Float64Array(n);
    this.cpu = new Float64Array(n);
    this.mem = new Float64Array(n);
    this.nzCpu = new Float64Array(n);
    this.nzMem = new Float64Array(n);
    this.pods = new Float64Array(n);
    this.plain = new Uint8Array(n);
    this.softTainted = new Uint8Array(n);
    this.nominated = new Int32Array(n);
    this.anti = new Int32Array(n);
    this.affinity = new Int32Array(n);
  }

  alloc(): number {
    const slot = this.free.pop();
    if (slot !== undefined) return slot;
    if (this.used === this.cpu.length) this.grow(this.used * 2);
    return this.used++;
  }

  /** Frees a slot (its node is gone and has no pods). */
  release(slot: number): void {
    for (const a of [this.allocCpu, this.allocMem, this.allocPods, this.cpu, this.mem, this.nzCpu, this.nzMem, this.pods]) a[slot] = 0;
    for (const a of [this.plain, this.softTainted]) a[slot] = 0;
    for (const a of [this.nominated, this.anti, this.affinity]) a[slot] = 0;
    this.free.push(slot);
  }

  private grow(n: number): void {
    const f = (a: Float64Array): Float64Array => {
      const b = new Float64Array(n);
      b.set(a);
      return b;
    };
    const u = (a: Uint8Array): Uint8Array => {
      const b = new Uint8Array(n);
      b.set(a);
      return b;
    };
    const i = (a: Int32Array): Int32Array => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    this.allocCpu = f(this.allocCpu);
    this.allocMem = f(this.allocMem);
    this.allocPods = f(this.allocPods);
    this.cpu = f(this.cpu);
    this.mem = f(this.mem);
    this.nzCpu = f(this.nzCpu);
    this.nzMem = f(this.nzMem);
    this.pods = f(this.pods);
    this.plain = u(this.plain);
    this.softTainted = u(this.softTainted);
    this.nominated = i(this.nominated);
    this.anti = i(this.anti);
    this.affinity = i(this.affinity);
  }

  addOwner(owner: string, slot: number, delta: number): void {
    let m = this.owners.get(owner);
    if (m === undefined) {
      if (delta <= 0) return;
      m = new Map();
      this.owners.set(owner, m);
    }
    const n = (m.get(slot) ?? 0) + delta;
    if (n > 0) m.set(slot, n);
    else m.delete(slot);
    if (m.size === 0) this.owners.delete(owner);
  }
}

export class NodeInfo {
  /** The Node object; undefined while pods name a node the scheduler has not seen (or that is gone). */
  node: KubeObject | undefined;
  labels: Readonly<Record<string, string>> = {};
  allocatable: Allocatable = NO_ALLOCATABLE;
  ready = false;
  unschedulable = false;
  /** NoSchedule and NoExecute taints: a pod must tolerate them to be placed here. */
  hardTaints: readonly Taint[] = [];
  /** PreferNoSchedule taints: scoring avoids them. */
  softTaints: readonly Taint[] = [];
  private signature = '';
  readonly slot: number;

  ephemeralStorage = 0;
  scalar: Map<string, number> | undefined;
  /** Pods by uid. */
  readonly pods = new Map<string, PodInfo>();
  /** Host IPs in use per "protocol/port". */
  readonly ports = new Map<string, string[]>();
  /** Counts of pods matching a spread selector, by selector key; cleared when the pods change. */
  private matchMemo: Map<string, number> | undefined;
  /** Bumped on every change of the node or its pods. */
  generation = 0;

  /** `table`: where the node's hot numbers live; a table of its own by default (a what-if copy). */
  constructor(
    readonly name: string,
    readonly table: NodeTable = new NodeTable(1),
  ) {
    this.slot = table.alloc();
  }

  get milliCpu(): number {
    return this.table.cpu[this.slot] ?? 0;
  }

  get memory(): number {
    return this.table.mem[this.slot] ?? 0;
  }

  get nonZeroMilliCpu(): number {
    return this.table.nzCpu[this.slot] ?? 0;
  }

  get nonZeroMemory(): number {
    return this.table.nzMem[this.slot] ?? 0;
  }

  get podCount(): number {
    return this.table.pods[this.slot] ?? 0;
  }

  /** Pods here with required anti-affinity terms. */
  get withRequiredAntiAffinity(): number {
    return this.table.anti[this.slot] ?? 0;
  }

  /** Pods here with any inter-pod affinity at all. */
  get withAffinity(): number {
    return this.table.affinity[this.slot] ?? 0;
  }

  /** How many of `owner`'s pods are here. */
  ownerCount(owner: string): number {
    return this.table.owners.get(owner)?.get(this.slot) ?? 0;
  }

  /** Takes the Node object's new version; true when something scheduling reads changed. */
  setNode(node: KubeObject): boolean {
    this.node = node;
    const sig = schedulingSignature(node);
    if (sig === this.signature) return false;
    this.signature = sig;
    const status = node.status as Rec | undefined;
    const spec = node.spec as Rec | undefined;
    this.labels = node.metadata.labels ?? {};
    this.allocatable = nodeAllocatable(status as { allocatable?: unknown; capacity?: unknown } | undefined);
    this.ready = readyOf(status);
    this.unschedulable = spec?.['unschedulable'] === true;
    const taints = parseTaints(spec?.['taints']);
    this.hardTaints = taints.filter((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute');
    this.softTaints = taints.filter((t) => t.effect === 'PreferNoSchedule');
    this.writeNodeFields();
    this.generation++;
    return true;
  }

  private writeNodeFields(): void {
    const t = this.table;
    const s = this.slot;
    const a = this.node === undefined ? NO_ALLOCATABLE : this.allocatable;
    t.allocCpu[s] = a.milliCpu;
    t.allocMem[s] = a.memory;
    t.allocPods[s] = a.pods;
    t.plain[s] = this.node !== undefined && this.ready && !this.unschedulable && this.hardTaints.length === 0 ? 1 : 0;
    t.softTainted[s] = this.softTaints.length > 0 ? 1 : 0;
  }

  /** The Node object is gone; what is left are pods that still name it. */
  clearNode(): void {
    this.node = undefined;
    this.signature = '';
    this.writeNodeFields();
    this.generation++;
  }

  /** Gives the slot back: the node is gone and has no pods. */
  release(): void {
    this.table.release(this.slot);
  }

  addPod(p: PodInfo): void {
    if (this.pods.has(p.uid)) this.removePod(p.uid);
    this.pods.set(p.uid, p);
    this.apply(p, 1);
  }

  removePod(uid: string): PodInfo | undefined {
    const p = this.pods.get(uid);
    if (p === undefined) return undefined;
    this.pods.delete(uid);
    this.apply(p, -1);
    return p;
  }

  private apply(p: PodInfo, sign: 1 | -1): void {
    const r = p.requests;
    const t = this.table;
    const s = this.slot;
    t.cpu[s] = (t.cpu[s] ?? 0) + sign * r.milliCpu;
    t.mem[s] = (t.mem[s] ?? 0) + sign * r.memory;
    t.nzCpu[s] = (t.nzCpu[s] ?? 0) + sign * r.nonZeroMilliCpu;
    t.nzMem[s] = (t.nzMem[s] ?? 0) + sign * r.nonZeroMemory;
    t.pods[s] = (t.pods[s] ?? 0) + sign;
    this.ephemeralStorage += sign * r.ephemeralStorage;
    if (r.scalar !== undefined) {
      this.scalar ??= new Map();
      for (const [k, v] of r.scalar) this.scalar.set(k, (this.scalar.get(k) ?? 0) + sign * v);
    }
    for (const hp of p.hostPorts) (sign > 0 ? this.usePort : this.freePort).call(this, hp);
    if (p.ownerUid !== undefined) t.addOwner(p.ownerUid, s, sign);
    if (p.requiredAntiAffinity.length > 0) {
      t.anti[s] = (t.anti[s] ?? 0) + sign;
      t.totalAnti += sign;
    }
    if (p.requiredAffinity.length + p.requiredAntiAffinity.length + p.preferredAffinity.length + p.preferredAntiAffinity.length > 0) {
      t.affinity[s] = (t.affinity[s] ?? 0) + sign;
      t.totalAffinity += sign;
    }
    this.matchMemo = undefined;
    this.generation++;
  }

  private usePort(hp: HostPort): void {
    const key = `${hp.protocol}/${hp.port}`;
    const ips = this.ports.get(key);
    if (ips === undefined) this.ports.set(key, [hp.hostIP]);
    else ips.push(hp.hostIP);
  }

  private freePort(hp: HostPort): void {
    const key = `${hp.protocol}/${hp.port}`;
    const ips = this.ports.get(key);
    if (ips === undefined) return;
    const i = ips.indexOf(hp.hostIP);
    if (i >= 0) ips.splice(i, 1);
    if (ips.length === 0) this.ports.delete(key);
  }

  /**
   * Whether a pod's host port collides with one in use here: the same protocol and port on the
   * same host IP, where 0.0.0.0 (every IP) collides with any IP.
   */
  portConflict(hp: HostPort): boolean {
    if (this.ports.size === 0) return false;
    const ips = this.ports.get(`${hp.protocol}/${hp.port}`);
    if (ips === undefined || ips.length === 0) return false;
    if (hp.hostIP === '0.0.0.0') return true;
    for (const ip of ips) if (ip === '0.0.0.0' || ip === hp.hostIP) return true;
    return false;
  }

  /** Pods here in `namespace` (not being deleted) that `matches`, memoized per selector key until the pods change. */
  countMatching(selectorKey: string, namespace: string, matches: (p: PodInfo) => boolean): number {
    const memo = this.matchMemo?.get(selectorKey);
    if (memo !== undefined) return memo;
    let n = 0;
    for (const p of this.pods.values()) if (!p.terminating && p.namespace === namespace && matches(p)) n++;
    this.matchMemo ??= new Map();
    this.matchMemo.set(selectorKey, n);
    return n;
  }

  /** A copy whose pods can be changed without touching this one (for preemption's what-ifs). */
  clone(): NodeInfo {
    const c = new NodeInfo(this.name);
    c.node = this.node;
    c.labels = this.labels;
    c.allocatable = this.allocatable;
    c.ready = this.ready;
    c.unschedulable = this.unschedulable;
    c.hardTaints = this.hardTaints;
    c.softTaints = this.softTaints;
    c.signature = this.signature;
    c.writeNodeFields();
    for (const p of this.pods.values()) c.addPod(p);
    return c;
  }
}
