// One pod on this node, driven the way the kubelet's pod workers drive theirs: a level-triggered
// sync pass runs whenever something happens (a container exited, a timer fired, a probe result
// changed, a ConfigMap changed, the pod was updated) and moves the pod one step closer to what
// its spec asks: volumes and ports first, then init containers in order, each to completion, then
// the app containers, restarted per restartPolicy with a growing back-off. Passes never overlap
// (a kick during a pass asks for one more). The status is recomputed after each pass and reported
// only when it changed. Nothing thrown in a timer or a pass escapes: it is logged and shows in
// the status.
//
// This file is the worker's public face; the state it shares lives in worker-state.ts and the
// parts work on it from their own files: pod-sync.ts (the loop), pod-prepare.ts, container-start.ts
// with container-config.ts, probe-schedule.ts, pod-events.ts, pod-termination.ts, pod-adoption.ts
// and pod-report.ts.
import type { KubeObject } from '../../client/index.js';
import type { ContainerInstance } from '../runtime/index.js';
import { adopt } from './pod-adoption.js';
import { instanceExited, sourceChanged } from './pod-events.js';
import { computeStatus } from './pod-report.js';
import { kick } from './pod-sync.js';
import { podGraceSeconds, quiesce, stopAll } from './pod-termination.js';
import { rfc3339 } from './status.js';
import type { PodStatus } from './status.js';
import { WorkerState } from './worker-state.js';
import type { PodWorkerDeps } from './worker-state.js';

export type { PodWorkerDeps } from './worker-state.js';

export class PodWorker {
  readonly uid: string;
  private readonly state: WorkerState;

  constructor(
    pod: KubeObject,
    private readonly deps: PodWorkerDeps,
  ) {
    const state: WorkerState = new WorkerState(pod, deps, () => kick(state));
    this.state = state;
    this.uid = state.uid;
  }

  /** Begins; `adopted` are this pod's instances a previous agent process left (running or not). */
  start(adopted: readonly ContainerInstance[]): void {
    const s = this.state;
    if (s.begun || s.closed || s.stopping) return;
    s.begun = true;
    s.unsubscribe.push(this.deps.runtime.onExit((i) => instanceExited(s, i)));
    s.unsubscribe.push(this.deps.sources.onChange((kind, ns, name) => sourceChanged(s, kind, ns, name)));
    s.startTime ??= rfc3339(s.now());
    adopt(s, adopted);
    kick(s);
  }

  /** A newer version of the pod: labels, annotations, activeDeadlineSeconds and deletion count. */
  update(pod: KubeObject): void {
    if (pod.metadata.uid !== undefined && pod.metadata.uid !== this.uid) return;
    this.state.pod = pod;
    if (pod.metadata.deletionTimestamp !== undefined) {
      void this.terminate(pod.metadata.deletionGracePeriodSeconds ?? podGraceSeconds(this.state));
      return;
    }
    kick(this.state);
  }

  /** Stops every container (SIGTERM, SIGKILL after the grace) and everything else; idempotent. */
  terminate(graceSeconds: number): Promise<void> {
    this.state.terminating ??= stopAll(this.state, graceSeconds, {});
    return this.state.terminating;
  }

  status(): PodStatus {
    return this.state.lastStatus ?? computeStatus(this.state);
  }

  /** The latest instance of a container (the first app container by default), for logs and exec. */
  containerInstanceId(container?: string): string | undefined {
    const { apps, inits } = this.state;
    const name = container === undefined || container === '' ? apps[0]?.name : container;
    const c = apps.find((x) => x.name === name) ?? inits.find((x) => x.name === name);
    return c?.instance?.id;
  }

  async usage(): Promise<{ cpuMillicores: number; memoryBytes: number; containers: { name: string; cpuMillicores: number; memoryBytes: number }[] }> {
    const running = this.state.all.filter((c) => c.instance?.state.state === 'running');
    const containers = await Promise.all(
      running.map(async (c) => {
        const u = await this.deps.runtime.usage(c.instance?.id ?? '').catch(() => undefined);
        return { name: c.name, cpuMillicores: u?.cpuMillicores ?? 0, memoryBytes: u?.memoryBytes ?? 0 };
      }),
    );
    return {
      cpuMillicores: containers.reduce((s, c) => s + c.cpuMillicores, 0),
      memoryBytes: containers.reduce((s, c) => s + c.memoryBytes, 0),
      containers,
    };
  }

  /** Stops timers and probes, leaving the processes running (the agent is shutting down). */
  close(): void {
    if (this.state.closed) return;
    this.state.closed = true;
    quiesce(this.state);
  }
}
