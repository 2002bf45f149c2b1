// What one pod worker knows, shared by its parts: the sync loop (pod-sync.ts), preparation
// (pod-prepare.ts), container starts (container-start.ts), probes (probe-schedule.ts), events
// (pod-events.ts), termination (pod-termination.ts), adoption (pod-adoption.ts) and status
// (pod-report.ts). Those parts are functions over this one object, so each lives in its own file
// and none imports another in a circle; the sync pass reaches them all through `kick`, which the
// PodWorker passes in. The few operations here are the ones every part uses.
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { KubeObject } from '../../client/index.js';
import type { ContainerInstance, ContainerPortBinding, Runtime } from '../runtime/index.js';
import { realTimers } from './backoff.js';
import type { PodTimers } from './backoff.js';
import { makeContainer, podPolicy } from './container-record.js';
import type { Container } from './container-record.js';
import type { ContainerSpec } from './env.js';
import type { CompiledPodWorkerOptions } from './options.js';
import type { PodSources, SourceKind } from './sources.js';
import type { PodStatus } from './status.js';
import type { PreparedVolume } from './volumes.js';
import { WakeTimers } from './wake-timers.js';

export interface PodWorkerDeps {
  readonly runtime: Runtime;
  readonly sources: PodSources;
  /** `<agent data>/pods`; the pod's directory is `<podsDir>/<uid>`. */
  readonly podsDir: string;
  readonly nodeName: string;
  /** The pod's hostIP and podIP (pods share the host's network). */
  readonly nodeAddress: string;
  readonly options: CompiledPodWorkerOptions;
  readonly logger: Logger;
  /** Milliseconds since the epoch. @default Date.now */
  readonly now?: () => number;
  /** Where the worker's timers run. @default the global setTimeout/clearTimeout */
  readonly timers?: PodTimers;
  /** The pod's status, each time it changed: {apiVersion, kind, metadata: {namespace, name, uid}, status}. */
  readonly onStatus: (pod: KubeObject) => void;
}

export class WorkerState {
  readonly uid: string;
  pod: KubeObject;
  /** The spec the pod was created with: berth ignores later spec changes except activeDeadlineSeconds. */
  readonly spec: Record<string, unknown>;
  readonly inits: Container[];
  readonly apps: Container[];
  readonly log: Logger;
  readonly now: () => number;
  readonly timers: PodTimers;
  readonly podDir: string;
  readonly wakes: WakeTimers;
  readonly unsubscribe: (() => void)[] = [];
  /** Exits the runtime reported before start() resolved with the instance. */
  readonly earlyExits = new Map<string, ContainerInstance>();
  /** Why the worker stopped an instance (a failed probe), by instance id, for its terminated state. */
  readonly exitMessages = new Map<string, string>();
  ports: Map<string, ContainerPortBinding[]> | undefined;
  readonly volumes = new Map<string, PreparedVolume>();
  prepared = false;
  prepareRetryAt = 0;
  readonly dirtyVolumes = new Set<string>();
  initDone = false;
  startTime: string | undefined;
  begun = false;
  closed = false;
  stopping = false;
  terminal: { reason?: string; message?: string } | undefined;
  terminating: Promise<void> | undefined;
  loop: Promise<void> | undefined;
  /** A kick came during a pass: run one more. */
  again = false;
  lastStatus: PodStatus | undefined;
  previousStatus: Record<string, unknown> | undefined;

  constructor(
    pod: KubeObject,
    readonly deps: PodWorkerDeps,
    /** Asks for a sync pass (pod-sync.ts's kick, passed in so the parts a pass runs can ask too). */
    readonly kick: () => void,
  ) {
    this.pod = pod;
    this.uid = pod.metadata.uid ?? '';
    this.spec = pod.spec ?? {};
    this.now = deps.now ?? Date.now;
    this.timers = deps.timers ?? realTimers;
    this.podDir = join(deps.podsDir, this.uid);
    this.log = deps.logger.child({ component: 'pod', pod: `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`, uid: this.uid });
    this.wakes = new WakeTimers(this.timers, this.now, kick);
    const policy = podPolicy(this.spec);
    this.inits = ((this.spec.initContainers as ContainerSpec[] | undefined) ?? []).map((c) => makeContainer(c, true, policy, deps.options));
    this.apps = ((this.spec.containers as ContainerSpec[] | undefined) ?? []).map((c) => makeContainer(c, false, policy, deps.options));
    const st = pod.status;
    if (typeof st?.startTime === 'string') this.startTime = st.startTime;
    if (st !== undefined) this.previousStatus = st;
  }

  get all(): Container[] {
    return [...this.inits, ...this.apps];
  }

  /** Runs a sync pass at `at` (ms), unless the worker is closed or stopping. */
  wakeAt(at: number): void {
    if (this.closed || this.stopping) return;
    this.wakes.at(at);
  }

  /** A ConfigMap or Secret of the pod's namespace. */
  lookup(kind: SourceKind, name: string): Promise<KubeObject | undefined> {
    return this.deps.sources.get(kind, this.pod.metadata.namespace ?? '', name);
  }

  /** Has the runtime remove an instance the pod no longer reports. */
  forget(id: string): void {
    this.exitMessages.delete(id);
    this.deps.runtime.remove(id).catch((err: unknown) => this.log.warn({ err, instance: id }, 'removing an old instance failed'));
  }

  /** A message cut to the status's bound. */
  clip(message: string): string {
    const max = this.deps.options.maxStatusMessageChars;
    return message.length <= max ? message : `${message.slice(0, max - 3)}...`;
  }
}
