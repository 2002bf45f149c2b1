// What a pod asks for and what a node offers, as plain numbers: cpu in millicores, memory and
// ephemeral storage in bytes, other (extended) resources in their own units. Parsed once per pod
// and once per node version, so that filtering and scoring compare numbers only.
import { quantityValue } from '../../client/index.js';

/** Kubernetes' stand-in request of a container without a cpu request, for scoring only. */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
/** Kubernetes' stand-in request of a container without a memory request, for scoring only (200Mi). */
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

export interface Resources {
  milliCpu: number;
  memory: number;
  ephemeralStorage: number;
  /** Other resources by name (extended resources, hugepages); undefined when there are none. */
  scalar: Map<string, number> | undefined;
}

/** A pod's requests: what it needs to fit, and what scoring counts (with the stand-in defaults). */
export interface PodRequests extends Resources {
  readonly nonZeroMilliCpu: number;
  readonly nonZeroMemory: number;
}

export function emptyResources(): Resources {
  return { milliCpu: 0, memory: 0, ephemeralStorage: 0, scalar: undefined };
}

/** A cpu quantity in millicores, rounded up as Kubernetes' MilliValue does ("100m" is 100, not 101). */
export function milliValue(v: unknown): number | undefined {
  const q = quantityValue(v);
  if (q === undefined) return undefined;
  return Math.ceil(Math.round(q * 1e6) / 1000);
}

/** A quantity in whole base units (bytes, devices), rounded up. */
export function unitValue(v: unknown): number | undefined {
  const q = quantityValue(v);
  if (q === undefined) return undefined;
  return Number.isInteger(q) ? q : Math.ceil(Math.round(q * 1000) / 1000);
}

type ResourceMap = Readonly<Record<string, unknown>> | undefined;

function isMap(v: unknown): v is Readonly<Record<string, unknown>> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Adds (or, with `max`, takes the larger of) each resource of `list` into `into`. */
function accumulate(into: Resources, list: ResourceMap, max: boolean): void {
  if (list === undefined) return;
  for (const name in list) {
    if (!Object.hasOwn(list, name)) continue;
    const raw = list[name];
    switch (name) {
      case 'cpu':
        into.milliCpu = combine(into.milliCpu, milliValue(raw) ?? 0, max);
        break;
      case 'memory':
        into.memory = combine(into.memory, unitValue(raw) ?? 0, max);
        break;
      case 'ephemeral-storage':
        into.ephemeralStorage = combine(into.ephemeralStorage, unitValue(raw) ?? 0, max);
        break;
      case 'pods':
        break;
      default: {
        into.scalar ??= new Map();
        into.scalar.set(name, combine(into.scalar.get(name) ?? 0, unitValue(raw) ?? 0, max));
      }
    }
  }
}

function combine(a: number, b: number, max: boolean): number {
  return max ? Math.max(a, b) : a + b;
}

/** `a` raised to at least `b`, resource by resource. */
function raise(a: Resources, b: Resources): void {
  a.milliCpu = Math.max(a.milliCpu, b.milliCpu);
  a.memory = Math.max(a.memory, b.memory);
  a.ephemeralStorage = Math.max(a.ephemeralStorage, b.ephemeralStorage);
  if (b.scalar === undefined) return;
  a.scalar ??= new Map();
  for (const [k, v] of b.scalar) a.scalar.set(k, Math.max(a.scalar.get(k) ?? 0, v));
}

function add(a: Resources, b: Resources): void {
  a.milliCpu += b.milliCpu;
  a.memory += b.memory;
  a.ephemeralStorage += b.ephemeralStorage;
  if (b.scalar === undefined) return;
  a.scalar ??= new Map();
  for (const [k, v] of b.scalar) a.scalar.set(k, (a.scalar.get(k) ?? 0) + v);
}

interface ContainerLike {
  readonly resources?: { readonly requests?: unknown };
  readonly restartPolicy?: string;
}

function requestsOf(c: ContainerLike): Resources {
  const r = emptyResources();
  const requests = c.resources?.requests;
  accumulate(r, isMap(requests) ? requests : undefined, false);
  return r;
}

/** A container's cpu and memory requests for scoring: the stand-ins where it asks for none. */
function nonZeroOf(r: Resources, c: ContainerLike): [number, number] {
  const requests = c.resources?.requests;
  const has = (k: string): boolean => isMap(requests) && Object.hasOwn(requests, k);
  return [has('cpu') ? r.milliCpu : DEFAULT_MILLI_CPU_REQUEST, has('memory') ? r.memory : DEFAULT_MEMORY_REQUEST];
}

export interface PodSpecLike {
  readonly containers?: readonly ContainerLike[];
  readonly initContainers?: readonly ContainerLike[];
  readonly overhead?: unknown;
}

/**
 * Kubernetes' effective pod request, per resource: the larger of what the containers need at once
 * (their sum, plus the sidecars: init containers with restartPolicy Always, which keep running) and
 * what any init container needs while it runs (itself plus the sidecars started before it), plus
 * the pod's overhead. The same for the scoring stand-ins, per container.
 */
export function podRequests(spec: PodSpecLike): PodRequests {
  const run = emptyResources();
  let nzCpu = 0;
  let nzMem = 0;
  for (const c of list(spec.containers)) {
    const r = requestsOf(c);
    add(run, r);
    const [cpu, mem] = nonZeroOf(r, c);
    nzCpu += cpu;
    nzMem += mem;
  }
  const init = emptyResources();
  const sidecars = emptyResources();
  let nzInitCpu = 0;
  let nzInitMem = 0;
  let nzSideCpu = 0;
  let nzSideMem = 0;
  for (const c of list(spec.initContainers)) {
    const r = requestsOf(c);
    const [cpu, mem] = nonZeroOf(r, c);
    if (c.restartPolicy === 'Always') {
      add(sidecars, r);
      raise(init, sidecars);
      nzSideCpu += cpu;
      nzSideMem += mem;
      nzInitCpu = Math.max(nzInitCpu, nzSideCpu);
      nzInitMem = Math.max(nzInitMem, nzSideMem);
    } else {
      const during = emptyResources();
      add(during, sidecars);
      add(during, r);
      raise(init, during);
      nzInitCpu = Math.max(nzInitCpu, nzSideCpu + cpu);
      nzInitMem = Math.max(nzInitMem, nzSideMem + mem);
    }
  }
  add(run, sidecars);
  raise(run, init);
  const overhead = emptyResources();
  accumulate(overhead, isMap(spec.overhead) ? spec.overhead : undefined, false);
  add(run, overhead);
  const nonZeroMilliCpu = Math.max(nzCpu + nzSideCpu, nzInitCpu) + overhead.milliCpu;
  const nonZeroMemory = Math.max(nzMem + nzSideMem, nzInitMem) + overhead.memory;
  return { ...run, nonZeroMilliCpu, nonZeroMemory };
}

function list<T>(v: readonly T[] | undefined): readonly T[] {
  return Array.isArray(v) ? v : [];
}

/** What a node offers pods: status.allocatable (capacity when the node reports no allocatable). */
export interface Allocatable extends Resources {
  readonly pods: number;
  /** Whether the node reports ephemeral storage at all; a node that does not is not checked for it. */
  readonly hasEphemeralStorage: boolean;
}

export function nodeAllocatable(status: { readonly allocatable?: unknown; readonly capacity?: unknown } | undefined): Allocatable {
  const source = isMap(status?.allocatable) && Object.keys(status.allocatable).length > 0 ? status.allocatable : isMap(status?.capacity) ? status.capacity : {};
  const r = emptyResources();
  accumulate(r, source, false);
  return { ...r, pods: unitValue(source['pods']) ?? 0, hasEphemeralStorage: Object.hasOwn(source, 'ephemeral-storage') };
}
