// The pod worker's sync loop, level-triggered as the kubelet's is: a kick (an exit, a timer, a
// probe result, a ConfigMap change, a pod update) runs a pass that moves the pod one step closer
// to its spec, in a fixed order: the active deadline, then volumes and ports, then init containers
// in order, each to completion (sidecars: started), then the app containers. Passes never overlap:
// a kick during a pass asks for one more. Each pass ends by publishing the status; an error in a
// pass is logged and the loop goes on.
import { instanceExit } from './container-record.js';
import { advance } from './container-start.js';
import { prepare } from './pod-prepare.js';
import { publish } from './pod-report.js';
import { deadlinePassed, stopAtDeadline } from './pod-termination.js';
import type { WorkerState } from './worker-state.js';

/** Runs a sync pass now, or one more after the pass under way. */
export function kick(s: WorkerState): void {
  if (s.closed || !s.begun) return;
  if (s.loop !== undefined) {
    s.again = true;
    return;
  }
  s.loop = passes(s).finally(() => (s.loop = undefined));
}

async function passes(s: WorkerState): Promise<void> {
  do {
    s.again = false;
    try {
      await syncOnce(s);
    } catch (err) {
      s.log.error({ err }, 'pod sync failed');
    }
    publish(s);
  } while (s.again && !s.closed);
}

async function syncOnce(s: WorkerState): Promise<void> {
  if (s.stopping || s.closed) return;
  if (deadlinePassed(s)) {
    stopAtDeadline(s);
    return;
  }
  if (!(await prepare(s))) return;
  if (!(await runInits(s))) return;
  s.initDone = true;
  for (const c of s.apps) await advance(s, c);
}

/** Init containers in order; true once all are done (sidecars: started). */
async function runInits(s: WorkerState): Promise<boolean> {
  if (s.initDone) {
    for (const c of s.inits) if (c.sidecar) await advance(s, c);
    return true;
  }
  for (const [i, c] of s.inits.entries()) {
    if (c.sidecar && c.everStarted) {
      await advance(s, c);
      continue;
    }
    if (!c.sidecar && instanceExit(c.instance)?.exitCode === 0) continue;
    await advance(s, c);
    if (c.sidecar ? c.everStarted : instanceExit(c.instance)?.exitCode === 0) continue;
    for (const later of [...s.inits.slice(i + 1), ...s.apps]) {
      if (later.instance === undefined && !later.blocked) later.waiting = { reason: 'PodInitializing' };
    }
    return false;
  }
  return true;
}
