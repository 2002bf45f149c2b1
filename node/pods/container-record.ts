// One container of a pod's spec and what became of it, as the pod worker tracks it: its restart
// policy, back-off, current and previous instance, why it waits, and its probes. Every part of
// the worker reads and moves these records, so the record, how one is made from the spec, and
// the few operations on a record alone live here, below all of those parts.
import type { ContainerInstance, InstanceState } from '../runtime/index.js';
import { RestartBackoff } from './backoff.js';
import type { ContainerSpec } from './env.js';
import type { CompiledPodWorkerOptions } from './options.js';
import type { ProbeRunner } from './probes.js';

export type Policy = 'Always' | 'OnFailure' | 'Never';
export type Waiting = { reason: string; message?: string };

/** What the container reads (a ConfigMap, Secret, volume or its environment) is not right yet: retried. */
export const CONFIG_ERROR = 'CreateContainerConfigError';
/** The container could not be created: retried if the runtime failed, blocked if the spec can never run. */
export const CREATE_ERROR = 'CreateContainerError';

/** One container of the spec and what became of it. */
export interface Container {
  readonly spec: ContainerSpec;
  readonly name: string;
  readonly init: boolean;
  /** An init container with restartPolicy Always: started in order, then kept running. */
  readonly sidecar: boolean;
  readonly policy: Policy;
  readonly backoff: RestartBackoff;
  instance?: ContainerInstance;
  previous?: ContainerInstance;
  nextAttempt: number;
  waiting?: Waiting;
  /** A CreateContainerError: not retried unless the pod changes. */
  blocked: boolean;
  /** After a config error: when to try again (a change of a ConfigMap or Secret tries at once). */
  retryAt?: number;
  /** After an exit that calls for a restart: when the back-off ends. */
  restartAt?: number;
  restartDelayMs: number;
  starting: boolean;
  /** The startup probe succeeded (or there is none) for the running instance. */
  started: boolean;
  /** A sidecar was started once: later init containers no longer wait for it. */
  everStarted: boolean;
  probeReady: boolean;
  probes: ProbeRunner[];
}

export function podPolicy(spec: Record<string, unknown>): Policy {
  const p = spec.restartPolicy;
  return p === 'OnFailure' || p === 'Never' ? p : 'Always';
}

/** A fresh record for a container of the spec; sidecars always restart, other init containers never on success. */
export function makeContainer(c: ContainerSpec, init: boolean, pod: Policy, o: CompiledPodWorkerOptions): Container {
  const sidecar = init && c.restartPolicy === 'Always';
  return {
    spec: c,
    name: c.name ?? '',
    init,
    sidecar,
    policy: sidecar ? 'Always' : init ? (pod === 'Never' ? 'Never' : 'OnFailure') : pod,
    backoff: new RestartBackoff(o.backoffInitialMs, o.backoffMaxMs, o.backoffResetAfterMs),
    nextAttempt: 0,
    blocked: false,
    restartDelayMs: 0,
    starting: false,
    started: false,
    everStarted: false,
    probeReady: false,
    probes: [],
  };
}

export function instanceExit(i: ContainerInstance | undefined): Extract<InstanceState, { state: 'exited' }> | undefined {
  return i?.state.state === 'exited' ? i.state : undefined;
}

export function stopProbes(c: Container): void {
  for (const p of c.probes) p.stop();
  c.probes = [];
}
