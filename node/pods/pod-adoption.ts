// Taking over the instances a previous agent process left for this pod (running or exited): the
// latest of each container becomes its current instance and the one before its previous; older
// ones are forgotten. A running one gets its probes again, and an adopted app container means
// the init containers already completed, so they are not run again.
import type { ContainerInstance } from '../runtime/index.js';
import { startProbes } from './probe-schedule.js';
import type { WorkerState } from './worker-state.js';

export function adopt(s: WorkerState, adopted: readonly ContainerInstance[]): void {
  for (const c of s.all) {
    const mine = adopted.filter((i) => i.podUid === s.uid && i.name === c.name && i.init === c.init).sort((a, b) => a.attempt - b.attempt);
    const latest = mine.at(-1);
    if (latest === undefined) continue;
    for (const old of mine.slice(0, -2)) s.forget(old.id);
    const prev = mine.at(-2);
    if (prev !== undefined) c.previous = prev;
    c.instance = s.deps.runtime.status(latest.id) ?? latest;
    c.nextAttempt = latest.attempt + 1;
    s.log.info({ container: c.name, instance: latest.id, state: c.instance.state.state }, 'adopted a container instance');
    if (c.instance.state.state === 'running') startProbes(s, c, c.instance);
    if (!c.init) s.initDone = true;
  }
}
