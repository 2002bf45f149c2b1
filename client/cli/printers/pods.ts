// The pod table: READY counts ready containers, STATUS is the most telling reason (a waiting or
// terminated container's reason, Init:..., Terminating) as kubectl derives it.
import type { KubeObject } from '../../index.js';
import { age, timeOf } from './age.js';
import { at, containers, list, num, str } from './fields.js';
import type { KindPrinter } from './printer.js';
import { nameOf } from './printer.js';

/** The reason of one container's state, if it says more than "running". */
function stateReason(status: unknown): string | undefined {
  const waiting = str(at(status, 'state', 'waiting', 'reason'));
  if (waiting !== undefined && waiting !== '') return waiting;
  const terminated = at(status, 'state', 'terminated');
  if (terminated === undefined) return undefined;
  const reason = str(at(terminated, 'reason'));
  if (reason !== undefined && reason !== '') return reason;
  const signal = num(at(terminated, 'signal'));
  return signal !== undefined && signal !== 0 ? `Signal:${signal}` : `ExitCode:${num(at(terminated, 'exitCode')) ?? 0}`;
}

/** Init:N/M, Init:<reason>, or undefined once every init container has succeeded. */
function initStatus(pod: KubeObject): string | undefined {
  const statuses = list(at(pod, 'status', 'initContainerStatuses'));
  const total = list(at(pod, 'spec', 'initContainers')).length || statuses.length;
  for (const [i, s] of statuses.entries()) {
    const terminated = at(s, 'state', 'terminated');
    if (terminated !== undefined && num(at(terminated, 'exitCode')) === 0) continue;
    const reason = stateReason(s);
    if (terminated !== undefined || (reason !== undefined && reason !== 'PodInitializing')) return `Init:${reason ?? 'Error'}`;
    return `Init:${i}/${total}`;
  }
  return undefined;
}

/** kubectl's STATUS column of a pod. */
export function podStatus(pod: KubeObject): string {
  let reason = str(at(pod, 'status', 'reason')) || str(at(pod, 'status', 'phase')) || 'Unknown';
  const init = initStatus(pod);
  if (init !== undefined) reason = init;
  else {
    let running = false;
    for (const s of [...list(at(pod, 'status', 'containerStatuses'))].reverse()) {
      const r = stateReason(s);
      if (r !== undefined) reason = r;
      else if (at(s, 'ready') === true && at(s, 'state', 'running') !== undefined) running = true;
    }
    if (reason === 'Completed' && running) reason = 'Running';
  }
  return pod.metadata?.deletionTimestamp !== undefined ? 'Terminating' : reason;
}

function readyCell(pod: KubeObject): string {
  const statuses = list(at(pod, 'status', 'containerStatuses'));
  const total = containers(pod.spec).length || statuses.length;
  return `${statuses.filter((s) => at(s, 'ready') === true).length}/${total}`;
}

/** RESTARTS: the sum over containers, and how long ago the last one was (`3 (5m ago)`). */
function restartsCell(pod: KubeObject, now: number): string {
  const statuses = list(at(pod, 'status', 'containerStatuses'));
  const restarts = statuses.reduce<number>((n, s) => n + (num(at(s, 'restartCount')) ?? 0), 0);
  const last = Math.max(...statuses.map((s) => timeOf(at(s, 'lastState', 'terminated', 'finishedAt')) ?? -Infinity));
  return restarts > 0 && Number.isFinite(last) ? `${restarts} (${age(new Date(last).toISOString(), now)} ago)` : String(restarts);
}

export const podPrinter: KindPrinter = {
  headers: ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
  row: (pod, now) => [nameOf(pod), readyCell(pod), podStatus(pod), restartsCell(pod, now), age(pod.metadata?.creationTimestamp, now)],
  wideHeaders: ['IP', 'NODE'],
  wide: (pod) => [str(at(pod, 'status', 'podIP')) || '<none>', str(at(pod, 'spec', 'nodeName')) || '<none>'],
};
