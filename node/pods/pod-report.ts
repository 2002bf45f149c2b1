// The pod's status as the worker reports it: the facts of each container record, turned into a
// PodStatus by status.ts, and published to onStatus only when it differs from the last one sent
// (a sync pass that changed nothing reports nothing). A failing onStatus is logged, never thrown.
import { isDeepStrictEqual } from 'node:util';
import type { Container } from './container-record.js';
import { podStatus } from './status.js';
import type { ContainerFacts, PodStatus } from './status.js';
import type { WorkerState } from './worker-state.js';

function facts(s: WorkerState, c: Container): ContainerFacts {
  const hasReadiness = c.spec.readinessProbe !== undefined;
  return {
    name: c.name,
    image: c.spec.image ?? '',
    ...(c.instance !== undefined ? { instance: c.instance } : {}),
    ...(c.previous !== undefined ? { previous: c.previous } : {}),
    ...(c.waiting !== undefined ? { waiting: c.waiting } : {}),
    // A regular init container is ready once it has completed (status.ts), never while it runs.
    ready: c.init && !c.sidecar ? false : c.started && (hasReadiness ? c.probeReady : true),
    started: c.started,
    restartCount: c.instance?.attempt ?? 0,
    ports: s.ports?.get(c.name) ?? [],
    init: c.init,
    sidecar: c.sidecar,
  };
}

export function computeStatus(s: WorkerState): PodStatus {
  return podStatus({
    spec: s.spec,
    hostIP: s.deps.nodeAddress,
    ...(s.startTime !== undefined ? { startTime: s.startTime } : {}),
    init: s.inits.map((c) => facts(s, c)),
    containers: s.apps.map((c) => facts(s, c)),
    ...(s.terminal !== undefined ? { terminal: s.terminal } : {}),
    exitMessages: s.exitMessages,
    nowMs: s.now(),
    ...(s.previousStatus !== undefined ? { previous: s.previousStatus } : {}),
  });
}

export function publish(s: WorkerState): void {
  const status = computeStatus(s);
  if (s.lastStatus !== undefined && isDeepStrictEqual(status, s.lastStatus)) return;
  s.lastStatus = status;
  s.previousStatus = status;
  const md = s.pod.metadata;
  try {
    s.deps.onStatus({ apiVersion: 'v1', kind: 'Pod', metadata: { namespace: md.namespace ?? '', name: md.name ?? '', uid: s.uid }, status });
  } catch (err) {
    s.log.error({ err }, 'reporting pod status failed');
  }
}
