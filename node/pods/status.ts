// The pod's status as Kubernetes shows it, computed from what the worker knows and nothing else
// (no clock, no I/O: `nowMs` and the previous status come in). Phase and conditions follow the
// kubelet's getPhase and its condition generators; a condition keeps its lastTransitionTime
// while its status stays the same, so an unchanged pod yields an identical status.
import type { ContainerInstance, ContainerPortBinding, InstanceState } from '../runtime/index.js';
import { parseQuantity } from './env.js';
import type { ContainerSpec } from './env.js';
import { constants } from 'node:os';

export interface ContainerFacts {
  readonly name: string;
  readonly image: string;
  /** The latest instance, if one was started. */
  readonly instance?: ContainerInstance;
  /** The instance before it (lastState while the latest runs or has ended). */
  readonly previous?: ContainerInstance;
  /** Set while the container waits to be started or restarted. */
  readonly waiting?: { readonly reason: string; readonly message?: string };
  readonly ready: boolean;
  readonly started: boolean;
  readonly restartCount: number;
  readonly ports: readonly ContainerPortBinding[];
  /** An init container: ready once it has completed. */
  readonly init?: boolean;
  /** A restartable init container (a sidecar): it counts as initialized once it has started. */
  readonly sidecar?: boolean;
}

export interface PodFacts {
  readonly spec: Readonly<Record<string, unknown>>;
  readonly hostIP: string;
  readonly startTime?: string;
  readonly init: readonly ContainerFacts[];
  readonly containers: readonly ContainerFacts[];
  /** The pod was stopped for good (deleted, or past its deadline); reason/message go on the pod. */
  readonly terminal?: { readonly reason?: string; readonly message?: string };
  /** Messages that replace an ended instance's own, by instance id (e.g. why a probe killed it). */
  readonly exitMessages?: ReadonlyMap<string, string>;
  readonly nowMs: number;
  /** The status reported before, for the conditions' lastTransitionTime. */
  readonly previous?: Readonly<Record<string, unknown>>;
}

export type PodStatus = Record<string, unknown>;

/** RFC 3339 with whole seconds, as Kubernetes writes times: 2026-11-22T07:25:00Z. */
export function rfc3339(ms: number | Date): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function signalNumber(name: string | undefined): number | undefined {
  if (name === undefined) return undefined;
  return (constants.signals as Record<string, number | undefined>)[name];
}

type Exited = Extract<InstanceState, { state: 'exited' }>;

function exitOf(i: ContainerInstance | undefined): Exited | undefined {
  return i?.state.state === 'exited' ? i.state : undefined;
}

function terminated(i: ContainerInstance, s: Exited, messages: ReadonlyMap<string, string> | undefined): Record<string, unknown> {
  const signal = signalNumber(s.signal);
  const message = messages?.get(i.id) ?? s.message;
  return {
    exitCode: s.exitCode,
    ...(signal !== undefined ? { signal } : {}),
    reason: s.reason,
    ...(message !== undefined && message !== '' ? { message } : {}),
    ...(s.startedAt !== undefined ? { startedAt: rfc3339(s.startedAt) } : {}),
    finishedAt: rfc3339(s.finishedAt),
    containerID: `process://${i.id}`,
  };
}

/** One entry of containerStatuses or initContainerStatuses. */
export function containerStatus(c: ContainerFacts, messages?: ReadonlyMap<string, string>): Record<string, unknown> {
  const latest = c.instance;
  const latestExit = exitOf(latest);
  const previousExit = exitOf(c.previous);
  let state: Record<string, unknown>;
  let last: Record<string, unknown> = {};
  if (c.waiting !== undefined) {
    state = { waiting: { reason: c.waiting.reason, ...(c.waiting.message !== undefined ? { message: c.waiting.message } : {}) } };
    if (latest !== undefined && latestExit !== undefined) last = { terminated: terminated(latest, latestExit, messages) };
    else if (c.previous !== undefined && previousExit !== undefined) last = { terminated: terminated(c.previous, previousExit, messages) };
  } else if (latest !== undefined && latest.state.state === 'running') {
    state = { running: { startedAt: rfc3339(latest.state.startedAt) } };
    if (c.previous !== undefined && previousExit !== undefined) last = { terminated: terminated(c.previous, previousExit, messages) };
  } else if (latest !== undefined && latestExit !== undefined) {
    state = { terminated: terminated(latest, latestExit, messages) };
    if (c.previous !== undefined && previousExit !== undefined) last = { terminated: terminated(c.previous, previousExit, messages) };
  } else {
    state = { waiting: { reason: 'ContainerCreating' } };
  }
  const running = latest?.state.state === 'running';
  return {
    name: c.name,
    state,
    lastState: last,
    ready: (running && c.ready) || (c.init === true && c.sidecar !== true && c.waiting === undefined && latestExit?.exitCode === 0),
    restartCount: c.restartCount,
    image: c.image,
    imageID: '',
    ...(latest !== undefined ? { containerID: `process://${latest.id}` } : {}),
    started: running && c.started,
    ...(c.ports.length > 0 ? { allocatedPorts: c.ports.map((p) => ({ name: p.name, containerPort: p.containerPort, protocol: p.protocol })) } : {}),
  };
}

/** The exit a container last had: its terminated state, or the one before a restart it waits for. */
function lastExitCode(c: ContainerFacts): number | undefined {
  const latest = exitOf(c.instance);
  return c.instance?.state.state === 'running' ? undefined : latest?.exitCode;
}

function restartPolicy(spec: Readonly<Record<string, unknown>>): string {
  return typeof spec.restartPolicy === 'string' && spec.restartPolicy !== '' ? spec.restartPolicy : 'Always';
}

interface InitCounts {
  readonly pending: string[];
  readonly failed: number;
}

function initCounts(init: readonly ContainerFacts[]): InitCounts {
  const pending: string[] = [];
  let failed = 0;
  for (const c of init) {
    if (c.sidecar === true) {
      if (!(c.instance?.state.state === 'running' && c.started)) pending.push(c.name);
      continue;
    }
    const code = lastExitCode(c);
    if (code === 0 && c.waiting === undefined) continue;
    pending.push(c.name);
    if (code !== undefined && code !== 0) failed++;
  }
  return { pending, failed };
}

/** The kubelet's getPhase. */
export function podPhase(f: PodFacts): string {
  if (f.terminal !== undefined) {
    if (f.terminal.reason === 'DeadlineExceeded') return 'Failed';
    return f.containers.every((c) => c.waiting === undefined && lastExitCode(c) === 0) ? 'Succeeded' : 'Failed';
  }
  const policy = restartPolicy(f.spec);
  const init = initCounts(f.init);
  if (init.failed > 0 && policy === 'Never') return 'Failed';
  if (init.pending.length > 0) return 'Pending';
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const c of f.containers) {
    if (c.instance?.state.state === 'running' && c.waiting === undefined) running++;
    else if (c.waiting === undefined && c.instance !== undefined) {
      stopped++;
      if (lastExitCode(c) === 0) succeeded++;
    } else if (c.waiting !== undefined && exitOf(c.instance) !== undefined) stopped++;
    else waiting++;
  }
  if (waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  if (stopped === 0) return 'Pending';
  if (policy === 'Always') return 'Running';
  if (stopped === succeeded) return 'Succeeded';
  return policy === 'Never' ? 'Failed' : 'Running';
}

/** Guaranteed, Burstable or BestEffort, from the containers' cpu and memory requests and limits. */
export function qosClass(spec: Readonly<Record<string, unknown>>): string {
  const all = [...((spec.initContainers as ContainerSpec[] | undefined) ?? []), ...((spec.containers as ContainerSpec[] | undefined) ?? [])];
  let any = false;
  let guaranteed = true;
  for (const c of all) {
    for (const r of ['cpu', 'memory']) {
      const limit = parseQuantity(c.resources?.limits?.[r]);
      const request = parseQuantity(c.resources?.requests?.[r]) ?? limit;
      if ((limit ?? 0) > 0 || (request ?? 0) > 0) any = true;
      if (limit === undefined || limit <= 0 || request !== limit) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

interface Condition {
  type: string;
  status: 'True' | 'False';
  reason?: string;
  message?: string;
}

function conditions(f: PodFacts, phase: string): Condition[] {
  const init = initCounts(f.init);
  const completed = phase === 'Succeeded';
  const initialized: Condition =
    init.pending.length === 0 || completed
      ? { type: 'Initialized', status: 'True', ...(completed && f.init.length > 0 ? { reason: 'PodCompleted' } : {}) }
      : { type: 'Initialized', status: 'False', reason: 'ContainersNotInitialized', message: `containers with incomplete status: [${init.pending.join(' ')}]` };
  const counted = [...f.init.filter((c) => c.sidecar === true), ...f.containers];
  const unready = counted.filter((c) => !(c.instance?.state.state === 'running' && c.ready && c.waiting === undefined)).map((c) => c.name);
  const ready = (type: string): Condition => {
    if (completed) return { type, status: 'False', reason: 'PodCompleted' };
    if (unready.length === 0 && init.pending.length === 0) return { type, status: 'True' };
    if (unready.length === 0) return { type, status: 'False', reason: 'ContainersNotInitialized', message: initialized.message ?? '' };
    return { type, status: 'False', reason: 'ContainersNotReady', message: `containers with unready status: [${unready.join(' ')}]` };
  };
  return [initialized, ready('Ready'), ready('ContainersReady'), { type: 'PodScheduled', status: 'True' }];
}

/** Adds lastTransitionTime: kept from the previous status while the condition's status is the same. */
function withTransitions(list: Condition[], previous: unknown, now: string): Record<string, unknown>[] {
  const before = Array.isArray(previous) ? (previous as Record<string, unknown>[]) : [];
  return list.map((c) => {
    const old = before.find((p) => p.type === c.type);
    const keep = old !== undefined && old.status === c.status && typeof old.lastTransitionTime === 'string';
    return { ...c, lastTransitionTime: keep ? (old.lastTransitionTime as string) : now };
  });
}

/** The whole status. */
export function podStatus(f: PodFacts): PodStatus {
  const phase = podPhase(f);
  const reason = f.terminal?.reason;
  return {
    phase,
    conditions: withTransitions(conditions(f, phase), f.previous?.conditions, rfc3339(f.nowMs)),
    ...(reason !== undefined ? { reason } : {}),
    ...(f.terminal?.message !== undefined ? { message: f.terminal.message } : {}),
    hostIP: f.hostIP,
    hostIPs: [{ ip: f.hostIP }],
    podIP: f.hostIP,
    podIPs: [{ ip: f.hostIP }],
    ...(f.startTime !== undefined ? { startTime: f.startTime } : {}),
    ...(f.init.length > 0 ? { initContainerStatuses: f.init.map((c) => containerStatus(c, f.exitMessages)) } : {}),
    containerStatuses: f.containers.map((c) => containerStatus(c, f.exitMessages)),
    qosClass: qosClass(f.spec),
  };
}
