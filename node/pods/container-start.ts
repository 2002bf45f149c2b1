// One step for one container in a sync pass: leave it while it runs; otherwise decide per
// restartPolicy whether it starts (again), and when, with the growing back-off after an exit
// (CrashLoopBackOff) and a fixed retry after a config error or a failed start. A started instance
// replaces the current one, which becomes the previous (the one before that is forgotten), and
// its probes begin.
import type { ContainerInstance } from '../runtime/index.js';
import { formatDuration } from './backoff.js';
import { containerConfig } from './container-config.js';
import { CREATE_ERROR, instanceExit } from './container-record.js';
import type { Container } from './container-record.js';
import { startProbes } from './probe-schedule.js';
import type { WorkerState } from './worker-state.js';

/** One step for one container: nothing while it runs; start, restart or wait for the back-off. */
export async function advance(s: WorkerState, c: Container): Promise<void> {
  if (c.starting || s.stopping || s.closed) return;
  const inst = c.instance;
  if (inst?.state.state === 'running') {
    c.waiting = undefined;
    return;
  }
  if (c.blocked) return;
  const now = s.now();
  if (c.retryAt !== undefined && now < c.retryAt) {
    s.wakeAt(c.retryAt);
    return;
  }
  const exit = instanceExit(inst);
  if (inst !== undefined && exit !== undefined) {
    const restart = c.policy === 'Always' || (c.policy === 'OnFailure' && exit.exitCode !== 0);
    if (!restart || (c.init && !c.sidecar && exit.exitCode === 0)) {
      c.waiting = undefined;
      return;
    }
    if (c.restartAt === undefined) {
      const ranMs = exit.startedAt === undefined ? 0 : exit.finishedAt.getTime() - exit.startedAt.getTime();
      c.restartDelayMs = c.backoff.next(ranMs);
      c.restartAt = now + c.restartDelayMs;
    }
    if (now < c.restartAt) {
      const podName = s.pod.metadata.name ?? '';
      c.waiting = { reason: 'CrashLoopBackOff', message: `back-off ${formatDuration(c.restartDelayMs)} restarting failed container=${c.name} pod=${podName}` };
      s.wakeAt(c.restartAt);
      return;
    }
  }
  await startContainer(s, c);
}

async function startContainer(s: WorkerState, c: Container): Promise<void> {
  c.starting = true;
  try {
    const built = await containerConfig(s, c);
    if (s.stopping || s.closed) return;
    if (!built.ok) {
      const message = s.clip(built.message);
      if (c.waiting?.message !== message) s.log.warn({ container: c.name, reason: built.reason, message }, 'cannot start the container');
      c.waiting = { reason: built.reason, message };
      if (built.reason === CREATE_ERROR) c.blocked = true;
      else retryLater(s, c);
      return;
    }
    c.retryAt = undefined;
    const inst = await s.deps.runtime.start(built.config);
    recordStarted(s, c, inst);
  } catch (err) {
    s.log.error({ err, container: c.name }, 'starting a container failed');
    c.waiting = { reason: CREATE_ERROR, message: s.clip(err instanceof Error ? err.message : String(err)) };
    retryLater(s, c);
  } finally {
    c.starting = false;
  }
}

function retryLater(s: WorkerState, c: Container): void {
  c.retryAt = s.now() + s.deps.options.volumeRetryMs;
  s.wakeAt(c.retryAt);
}

/** Records a new instance; the one two back is forgotten by the runtime (its log stays). */
function recordStarted(s: WorkerState, c: Container, inst: ContainerInstance): void {
  // An exit the runtime reported before start() resolved (pod-events.ts kept it) wins.
  const latest = s.earlyExits.get(inst.id) ?? s.deps.runtime.status(inst.id) ?? inst;
  s.earlyExits.clear();
  if (c.instance !== undefined) {
    const old = c.previous;
    c.previous = c.instance;
    if (old !== undefined) s.forget(old.id);
  }
  c.instance = latest;
  c.nextAttempt = inst.attempt + 1;
  c.restartAt = undefined;
  c.waiting = undefined;
  s.log.info({ container: c.name, instance: inst.id, attempt: inst.attempt }, 'container started');
  if (latest.state.state === 'running') startProbes(s, c, latest);
  // It exited already: one more pass handles the exit.
  else s.again = true;
}
