// Whether a workload's rollout is done, kubectl's way (`kubectl rollout status`): one pure
// function per kind reads the object and says "done", "still waiting, because ...", or throws why
// it never will be; followRollout() reads the object, then follows it with a watch until done.
//
// A Deployment that its controller rolled back by itself carries the annotations
// berth.io/rolled-back-generation (the generation whose rollout failed) and
// berth.io/rollback-reason, and its template is the old one again (which bumps its generation).
// Waiting for a generation at or after the one rolled back is waiting for something that will
// not happen: that fails at once, saying why.
import { aborted, cancelled, checkInt, pause } from './call-options.js';
import { BerthError, InvalidError, NotFoundError } from './errors.js';
import { resolveKind } from './objects/kinds.js';
import type { KindInfo } from './objects/kinds.js';
import type { KubeObject, ObjectApi } from './objects/types.js';

/** The revision number of a Deployment and of each of its ReplicaSets. */
export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
/** Set by the Deployment controller when it rolled a failed rollout back: that generation. */
export const ROLLED_BACK_GENERATION_ANNOTATION = 'berth.io/rolled-back-generation';
/** Set with ROLLED_BACK_GENERATION_ANNOTATION: why the rollout was rolled back. */
export const ROLLBACK_REASON_ANNOTATION = 'berth.io/rollback-reason';

/** The kinds whose rollout can be followed: the three of kubectl, and Jobs until they finish. */
export const ROLLOUT_KINDS: readonly string[] = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job'];

/** How long followRollout waits before it looks again when a watch ended by itself. */
export const ROLLOUT_REWATCH_DELAY_MS = 250;

export type RolloutFailureReason = 'ProgressDeadlineExceeded' | 'RolledBack' | 'Timeout' | 'JobFailed';

/**
 * A rollout that failed, or that was not done in time. `reason` says which; code is TIMEOUT for
 * 'Timeout' and FAILED_PRECONDITION otherwise.
 */
export class RolloutFailedError extends BerthError {
  readonly reason: RolloutFailureReason;
  /** The object's kind, name and namespace. */
  readonly target: { readonly kind: string; readonly name: string; readonly namespace: string };

  constructor(reason: RolloutFailureReason, message: string, target: { kind: string; name: string; namespace: string }) {
    super(reason === 'Timeout' ? 'TIMEOUT' : 'FAILED_PRECONDITION', message, { details: { reason, ...target } });
    this.name = 'RolloutFailedError';
    this.reason = reason;
    this.target = target;
  }
}

/** Where a rollout stands: done, or a sentence on what it waits for. */
export interface RolloutState {
  readonly done: boolean;
  /** kubectl's line, without the newline: `deployment "web" successfully rolled out`. */
  readonly message: string;
}

export interface RolloutProgress extends RolloutState {
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
}

export interface RolloutStatusOptions {
  /** @default "default" */
  namespace?: string;
  /** Follow the object until the rollout is done; false: look once and say where it stands. @default true */
  watch?: boolean;
  /** Give up with RolloutFailedError (reason 'Timeout') after this long; 0: never. @default 0 */
  timeoutMs?: number;
  /** Deployments: fail unless the running revision is this one. */
  revision?: number;
  /**
   * The generation whose rollout is awaited: an automatic rollback of it or of any later one
   * fails the wait (pass the generation a write returned, so that a rollback that happened
   * before the first read still counts). @default the generation at the first read
   */
  generation?: number;
  /** Called with every new state while waiting (not with the final one, which is returned). */
  onProgress?: (p: RolloutProgress) => void;
  /** Aborting stops waiting: status() fails with CANCELLED. */
  signal?: AbortSignal;
}

export interface RolloutStatus extends RolloutState {
  /** The object as last seen. */
  readonly object: KubeObject;
}

/** The object calls rollout status needs. */
export type RolloutStatusApi = Pick<ObjectApi, 'get' | 'watch'>;

type Rec = Record<string, unknown>;

interface Judge {
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  readonly sinceGeneration: number;
  readonly revision: number | undefined;
}

function num(value: unknown, fallback = 0): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function conditionOf(obj: KubeObject, type: string): Rec | undefined {
  const conditions = (obj.status ?? {})['conditions'];
  if (!Array.isArray(conditions)) return undefined;
  return conditions.find((c): c is Rec => c !== null && typeof c === 'object' && (c as Rec)['type'] === type);
}

function waiting(message: string): RolloutState {
  return { done: false, message };
}

function failed(j: Judge, reason: RolloutFailureReason, message: string): RolloutFailedError {
  return new RolloutFailedError(reason, message, { kind: j.kind, name: j.name, namespace: j.namespace });
}

/** Throws when the controller rolled back the generation awaited, or a later one. */
function checkRolledBack(obj: KubeObject, j: Judge): void {
  const annotations = obj.metadata.annotations ?? {};
  const text = annotations[ROLLED_BACK_GENERATION_ANNOTATION];
  if (text === undefined || !/^\d+$/.test(text.trim()) || Number(text) < j.sinceGeneration) return;
  const why = annotations[ROLLBACK_REASON_ANNOTATION] ?? 'no reason given';
  throw failed(j, 'RolledBack', `${j.kind.toLowerCase()} "${j.name}" rollout failed and was rolled back automatically: ${why}`);
}

function checkRevision(obj: KubeObject, j: Judge): void {
  if (j.revision === undefined) return;
  const text = obj.metadata.annotations?.[REVISION_ANNOTATION];
  const running = text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined;
  if (running === j.revision) return;
  throw new BerthError('FAILED_PRECONDITION', `desired revision (${j.revision}) is different from the running revision (${running ?? 'none'})`, {
    details: { kind: j.kind, name: j.name, namespace: j.namespace },
  });
}

function deploymentState(d: KubeObject, j: Judge): RolloutState {
  checkRevision(d, j);
  const spec = d.spec ?? {};
  const st = d.status ?? {};
  if (num(d.metadata.generation) > num(st['observedGeneration'])) return waiting('Waiting for deployment spec update to be observed...');
  if (conditionOf(d, 'Progressing')?.['reason'] === 'ProgressDeadlineExceeded') throw failed(j, 'ProgressDeadlineExceeded', `deployment "${j.name}" exceeded its progress deadline`);
  const replicas = num(spec['replicas'], 1);
  const updated = num(st['updatedReplicas']);
  const total = num(st['replicas']);
  const available = num(st['availableReplicas']);
  const prefix = `Waiting for deployment "${j.name}" rollout to finish:`;
  if (updated < replicas) return waiting(`${prefix} ${updated} out of ${replicas} new replicas have been updated...`);
  if (total > updated) return waiting(`${prefix} ${total - updated} old replicas are pending termination...`);
  if (available < updated) return waiting(`${prefix} ${available} of ${updated} updated replicas are available...`);
  return { done: true, message: `deployment "${j.name}" successfully rolled out` };
}

function rollingUpdateOnly(obj: KubeObject, field: 'strategy' | 'updateStrategy'): Rec {
  const strategy = ((obj.spec ?? {})[field] ?? {}) as Rec;
  const type = strategy['type'] ?? 'RollingUpdate';
  if (type !== 'RollingUpdate') {
    throw new BerthError('FAILED_PRECONDITION', `rollout status is only available for RollingUpdate strategy type (${obj.kind} "${obj.metadata.name ?? ''}" has ${String(type)})`);
  }
  return strategy;
}

function statefulSetState(s: KubeObject, _j: Judge): RolloutState {
  const strategy = rollingUpdateOnly(s, 'updateStrategy');
  const st = s.status ?? {};
  const observed = num(st['observedGeneration']);
  if (observed === 0 || num(s.metadata.generation) > observed) return waiting('Waiting for statefulset spec update to be observed...');
  const replicas = num((s.spec ?? {})['replicas'], 1);
  const ready = num(st['readyReplicas']);
  const updated = num(st['updatedReplicas']);
  if (ready < replicas) return waiting(`Waiting for ${replicas - ready} pods to be ready...`);
  const rolling = strategy['rollingUpdate'] as Rec | undefined;
  if (rolling !== undefined && rolling !== null) {
    const partition = rolling['partition'];
    if (typeof partition === 'number' && updated < replicas - partition) {
      return waiting(`Waiting for partitioned roll out to finish: ${updated} out of ${replicas - partition} new pods have been updated...`);
    }
    return { done: true, message: `partitioned roll out complete: ${updated} new pods have been updated...` };
  }
  const updateRevision = String(st['updateRevision'] ?? '');
  if (updateRevision !== String(st['currentRevision'] ?? '')) {
    return waiting(`waiting for statefulset rolling update to complete ${updated} pods at revision ${updateRevision}...`);
  }
  return { done: true, message: `statefulset rolling update complete ${num(st['currentReplicas'])} pods at revision ${updateRevision}...` };
}

function daemonSetState(d: KubeObject, j: Judge): RolloutState {
  rollingUpdateOnly(d, 'updateStrategy');
  const st = d.status ?? {};
  if (num(d.metadata.generation) > num(st['observedGeneration'])) return waiting('Waiting for daemon set spec update to be observed...');
  const desired = num(st['desiredNumberScheduled']);
  const updated = num(st['updatedNumberScheduled']);
  const available = num(st['numberAvailable']);
  const prefix = `Waiting for daemon set "${j.name}" rollout to finish:`;
  if (updated < desired) return waiting(`${prefix} ${updated} out of ${desired} new pods have been updated...`);
  if (available < desired) return waiting(`${prefix} ${available} of ${desired} updated pods are available...`);
  return { done: true, message: `daemon set "${j.name}" successfully rolled out` };
}

function jobState(job: KubeObject, j: Judge): RolloutState {
  const failure = conditionOf(job, 'Failed');
  if (failure?.['status'] === 'True') {
    const why = [failure['reason'], failure['message']].filter((x) => typeof x === 'string' && x !== '').join(': ');
    throw failed(j, 'JobFailed', `job "${j.name}" failed${why !== '' ? `: ${why}` : ''}`);
  }
  if (conditionOf(job, 'Complete')?.['status'] === 'True') return { done: true, message: `job "${j.name}" completed` };
  const st = job.status ?? {};
  const completions = num((job.spec ?? {})['completions'], 1);
  return waiting(`Waiting for job "${j.name}" to complete: ${num(st['succeeded'])} of ${completions} completions succeeded, ${num(st['active'])} active...`);
}

const JUDGES: Readonly<Record<string, (obj: KubeObject, j: Judge) => RolloutState>> = {
  Deployment: deploymentState,
  StatefulSet: statefulSetState,
  DaemonSet: daemonSetState,
  Job: jobState,
};

/** The kind of a rollout call: one of ROLLOUT_KINDS (of `allowed`), else INVALID_ARGUMENT. */
export function rolloutKind(kind: string, allowed: readonly string[] = ROLLOUT_KINDS, what = 'rollout status'): KindInfo {
  const k = resolveKind(kind);
  if (allowed.includes(k.kind)) return k;
  const names = allowed.map((a) => resolveKind(a).plural);
  throw new InvalidError(`kind: ${what} supports ${names.join(', ')} (got ${k.plural})`, { causes: [{ field: 'kind', message: `must be one of ${names.join(', ')}` }] });
}

/**
 * Where the rollout of `obj` stands. Throws RolloutFailedError when it failed (a Deployment past
 * its progress deadline or rolled back, a failed Job), and FAILED_PRECONDITION when it cannot be
 * followed (a strategy other than RollingUpdate, a revision other than the one asked for).
 */
export function rolloutState(obj: KubeObject, options: { sinceGeneration?: number; revision?: number } = {}): RolloutState {
  const k = rolloutKind(obj.kind);
  const j: Judge = {
    kind: k.kind,
    name: obj.metadata.name ?? '',
    namespace: obj.metadata.namespace ?? '',
    sinceGeneration: options.sinceGeneration ?? num(obj.metadata.generation),
    revision: options.revision,
  };
  checkRolledBack(obj, j);
  const judge = JUDGES[k.kind] as (obj: KubeObject, j: Judge) => RolloutState;
  return judge(obj, j);
}

interface Follow {
  readonly kind: KindInfo;
  readonly name: string;
  readonly namespace: string;
  readonly judge: { sinceGeneration: number; revision?: number };
  readonly options: RolloutStatusOptions;
  /** ms since the epoch; undefined: no limit. */
  readonly deadline: number | undefined;
  last: RolloutStatus;
  /** Set when the deadline passed (and the watch was closed for it). */
  expired: boolean;
}

function progress(f: Follow, obj: KubeObject): RolloutStatus | undefined {
  const state = rolloutState(obj, f.judge);
  const changed = state.message !== f.last.message;
  f.last = { ...state, object: obj };
  if (state.done) return f.last;
  if (changed) f.options.onProgress?.({ ...state, kind: f.kind.kind, name: f.name, namespace: f.namespace });
  return undefined;
}

/** 300000 as "5m", 90000 as "90s", 1500 as "1500ms": the way the timeout was most likely given. */
function describeMs(ms: number): string {
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}

function timedOut(f: Follow): RolloutFailedError {
  const ms = f.options.timeoutMs ?? 0;
  return new RolloutFailedError('Timeout', `timed out after ${describeMs(ms)} waiting for the rollout of ${f.kind.singular} "${f.name}" (${f.last.message})`, {
    kind: f.kind.kind,
    name: f.name,
    namespace: f.namespace,
  });
}

/** Follows the object with one watch from `from`; the result when done, undefined when the watch ended first. */
async function watchOnce(api: RolloutStatusApi, f: Follow, from: string): Promise<RolloutStatus | undefined> {
  const watch = api.watch(f.kind.kind, { namespace: f.namespace, fieldSelector: `metadata.name=${f.name}`, ...(from !== '' ? { resourceVersion: from } : {}) });
  const stop = (): void => watch.close();
  const expire = (): void => {
    f.expired = true;
    watch.close();
  };
  const timer = f.deadline === undefined ? undefined : setTimeout(expire, Math.max(1, f.deadline - Date.now()));
  f.options.signal?.addEventListener('abort', stop, { once: true });
  // A signal that aborted before the listener was added would never call it.
  if (aborted(f.options.signal)) stop();
  try {
    for await (const e of watch) {
      if (e.type === 'DELETED') throw new NotFoundError(`${f.kind.singular} "${f.name}" was deleted while waiting for its rollout`, { details: { kind: f.kind.kind, name: f.name } });
      const done = progress(f, e.object);
      if (done !== undefined) return done;
    }
    return undefined;
  } finally {
    clearTimeout(timer);
    f.options.signal?.removeEventListener('abort', stop);
    watch.close();
  }
}

/**
 * kubectl rollout status: reads the object and, unless its rollout is done (or `watch` is
 * false), follows it with a watch until it is. Resolves with the final state; rejects with
 * RolloutFailedError when the rollout failed or `timeoutMs` passed, NOT_FOUND when the object
 * is (or becomes) missing, CANCELLED when `signal` aborts.
 */
export async function followRollout(api: RolloutStatusApi, kind: string, name: string, options: RolloutStatusOptions = {}): Promise<RolloutStatus> {
  const k = rolloutKind(kind);
  const timeoutMs = checkInt('timeoutMs', options.timeoutMs, 0) ?? 0;
  const revision = checkInt('revision', options.revision, 1);
  if (revision !== undefined && k.kind !== 'Deployment') throw new InvalidError(`revision: only deployments have revisions (got ${k.plural})`, { causes: [{ field: 'revision', message: 'only for deployments' }] });
  const what = `rollout status of ${k.singular} "${name}"`;
  const namespace = options.namespace || 'default';
  const deadline = timeoutMs > 0 ? Date.now() + timeoutMs : undefined;
  let obj = await api.get(k.kind, name, { namespace });
  const judge = { sinceGeneration: checkInt('generation', options.generation, 0) ?? num(obj.metadata.generation), ...(revision !== undefined ? { revision } : {}) };
  if (options.watch === false) return { ...rolloutState(obj, judge), object: obj };
  const f: Follow = { kind: k, name, namespace, judge, options, deadline, last: { done: false, message: '', object: obj }, expired: false };
  for (;;) {
    const done = progress(f, obj);
    if (done !== undefined) return done;
    const result = await watchOnce(api, f, obj.metadata.resourceVersion ?? '');
    if (result !== undefined) return result;
    if (aborted(options.signal)) throw cancelled(what);
    if (f.expired || (deadline !== undefined && Date.now() >= deadline)) throw timedOut(f);
    // The watch ended by itself: look at the object afresh and follow it again.
    await pause(ROLLOUT_REWATCH_DELAY_MS, options.signal, what);
    obj = await api.get(k.kind, name, { namespace });
  }
}
