// Which probes run for a running container instance, and what their results do, as the kubelet
// orders them: a startup probe first, and only once it succeeds the liveness and readiness probes.
// Readiness only marks the container ready or not; a failed startup or liveness probe stops the
// instance, and its exit then restarts it per restartPolicy. Results for an instance that is no
// longer the container's, or after the worker stopped, are dropped. probes.ts runs the checks.
import type { ContainerInstance } from '../runtime/index.js';
import { stopProbes } from './container-record.js';
import type { Container } from './container-record.js';
import { instanceExited } from './pod-events.js';
import { podGraceSeconds } from './pod-termination.js';
import { ProbeRunner, probeAction, probeTiming } from './probes.js';
import type { ProbeKind, ProbeSpec } from './probes.js';
import type { WorkerState } from './worker-state.js';

/** Starts the probes of a new running instance, replacing those of the one before. */
export function startProbes(s: WorkerState, c: Container, inst: ContainerInstance): void {
  stopProbes(c);
  c.started = false;
  c.probeReady = false;
  if (c.init && !c.sidecar) {
    // Init containers have no probes (the API refuses them); one that runs has started.
    c.started = true;
    return;
  }
  const startup = c.spec.startupProbe as ProbeSpec | undefined;
  if (startup === undefined) {
    markStarted(c);
    startLiveness(s, c, inst);
    return;
  }
  const runner = runProbe(s, c, inst, 'startup', startup, (ok, message) => {
    if (!ok) return probeKill(s, c, inst, 'Startup', message, startup);
    runner.stop();
    markStarted(c);
    startLiveness(s, c, inst);
  });
}

function markStarted(c: Container): void {
  c.started = true;
  c.everStarted = true;
}

function startLiveness(s: WorkerState, c: Container, inst: ContainerInstance): void {
  const liveness = c.spec.livenessProbe as ProbeSpec | undefined;
  const readiness = c.spec.readinessProbe as ProbeSpec | undefined;
  if (liveness !== undefined) runProbe(s, c, inst, 'liveness', liveness, (ok, message) => (ok ? undefined : probeKill(s, c, inst, 'Liveness', message, liveness)));
  if (readiness !== undefined) {
    runProbe(s, c, inst, 'readiness', readiness, (ok) => {
      c.probeReady = ok;
    });
  }
}

function runProbe(s: WorkerState, c: Container, inst: ContainerInstance, kind: ProbeKind, spec: ProbeSpec, onResult: (ok: boolean, message: string) => void): ProbeRunner {
  const action = probeAction(spec, {
    instanceId: inst.id,
    nodeAddress: s.deps.nodeAddress,
    ports: s.ports?.get(c.name) ?? [],
    runtime: s.deps.runtime,
    maxOutputBytes: s.deps.options.maxProbeOutputBytes,
  });
  const runner = new ProbeRunner(
    kind,
    probeTiming(spec),
    action,
    s.timers,
    (ok, message) => {
      if (c.instance?.id !== inst.id || s.stopping || s.closed) return;
      s.log.info({ container: c.name, probe: kind, ok, message }, `${kind} probe ${ok ? 'succeeded' : 'failed'}`);
      onResult(ok, message);
      s.kick();
    },
    (err) => s.log.error({ err, container: c.name, probe: kind }, 'probe failed to run'),
  );
  c.probes.push(runner);
  runner.start();
  return runner;
}

/** A failed liveness or startup probe: stop the instance; the exit restarts it per policy. */
function probeKill(s: WorkerState, c: Container, inst: ContainerInstance, what: string, message: string, spec: ProbeSpec): void {
  stopProbes(c);
  s.exitMessages.set(inst.id, s.clip(`${what} probe failed: ${message}`));
  const grace = typeof spec.terminationGracePeriodSeconds === 'number' ? spec.terminationGracePeriodSeconds : podGraceSeconds(s);
  s.log.info({ container: c.name, instance: inst.id, graceSeconds: grace }, `${what.toLowerCase()} probe failed; stopping the container`);
  s.deps.runtime.stop(inst.id, grace * 1000).then(
    (i) => instanceExited(s, i),
    (err: unknown) => s.log.error({ err, instance: inst.id }, 'stopping a container after a failed probe failed'),
  );
}
