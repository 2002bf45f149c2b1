// How a pod's containers stop: when the pod is deleted (with its grace period) or outlives
// activeDeadlineSeconds, every running container gets SIGTERM and SIGKILL after the grace, probes
// and timers stop, and the final status is published once. quiesce() is the part shared with the
// agent shutting down, which stops the worker but leaves the processes running.
import { stopProbes } from './container-record.js';
import { publish } from './pod-report.js';
import type { WorkerState } from './worker-state.js';

const DEADLINE_MESSAGE = 'Pod was active on the node longer than the specified deadline';

/** The pod's terminationGracePeriodSeconds, or the agent's default. */
export function podGraceSeconds(s: WorkerState): number {
  const g = s.spec.terminationGracePeriodSeconds;
  return typeof g === 'number' && g >= 0 ? g : s.deps.options.defaultGracePeriodSeconds;
}

/** Whether activeDeadlineSeconds has run out; if not, a pass is asked for when it will. */
export function deadlinePassed(s: WorkerState): boolean {
  const seconds = s.pod.spec?.activeDeadlineSeconds;
  if (typeof seconds !== 'number' || seconds <= 0 || s.startTime === undefined) return false;
  const at = Date.parse(s.startTime) + seconds * 1000;
  if (s.now() >= at) return true;
  s.wakeAt(at);
  return false;
}

/** Stops the pod as DeadlineExceeded (not awaited: the stop waits for the pass that calls this). */
export function stopAtDeadline(s: WorkerState): void {
  s.log.info({ activeDeadlineSeconds: s.spec.activeDeadlineSeconds }, 'active deadline exceeded; stopping the pod');
  s.terminating ??= stopAll(s, podGraceSeconds(s), { reason: 'DeadlineExceeded', message: DEADLINE_MESSAGE });
}

export async function stopAll(s: WorkerState, graceSeconds: number, terminal: { reason?: string; message?: string }): Promise<void> {
  s.stopping = true;
  s.terminal ??= terminal;
  for (const c of s.all) stopProbes(c);
  s.wakes.clear();
  await s.loop?.catch(() => undefined);
  const graceMs = Math.max(0, graceSeconds) * 1000;
  s.log.info({ graceSeconds }, 'stopping the pod');
  await Promise.all(
    s.all.map(async (c) => {
      if (c.instance?.state.state !== 'running') return;
      try {
        const i = await s.deps.runtime.stop(c.instance.id, graceMs);
        if (i.state.state === 'exited') c.instance = i;
      } catch (err) {
        s.log.error({ err, container: c.name }, 'stopping a container failed');
      }
    }),
  );
  for (const c of s.all) if (c.instance !== undefined) c.waiting = undefined;
  publish(s);
  quiesce(s);
}

/** Stops probes, timers and subscriptions; the processes are left as they are. */
export function quiesce(s: WorkerState): void {
  for (const c of s.all) stopProbes(c);
  s.wakes.clear();
  for (const off of s.unsubscribe.splice(0)) off();
}
