// What happens to a pod from outside its sync pass: the runtime reports that an instance exited,
// or a ConfigMap or Secret of the pod's namespace changed. Each handler only records the news on
// the container records (or marks volumes to rewrite) and kicks a pass, which decides what to do.
import type { ContainerInstance } from '../runtime/index.js';
import { CONFIG_ERROR, stopProbes } from './container-record.js';
import type { SourceKind } from './sources.js';
import { volumeSource } from './volumes.js';
import type { VolumeSpec } from './volumes.js';
import type { WorkerState } from './worker-state.js';

export function instanceExited(s: WorkerState, i: ContainerInstance): void {
  if (i.podUid !== s.uid || i.state.state !== 'exited') return;
  const c = s.all.find((x) => x.instance?.id === i.id);
  if (c === undefined) {
    // The runtime may report the exit before start() resolved: container-start.ts picks it up.
    if (s.all.some((x) => x.starting && x.name === i.name)) s.earlyExits.set(i.id, i);
    return;
  }
  if (c.instance?.state.state === 'exited') return;
  c.instance = i;
  stopProbes(c);
  c.probeReady = false;
  c.started = false;
  s.log.info({ container: c.name, instance: i.id, exitCode: i.state.exitCode, reason: i.state.reason }, 'container exited');
  s.kick();
}

export function sourceChanged(s: WorkerState, kind: SourceKind, namespace: string, name: string): void {
  if (s.closed || s.stopping || namespace !== (s.pod.metadata.namespace ?? '')) return;
  for (const v of (s.spec.volumes as VolumeSpec[] | undefined) ?? []) {
    const src = volumeSource(v);
    if (src !== undefined && src.kind === kind && src.name === name && s.prepared) s.dirtyVolumes.add(v.name ?? '');
  }
  // Whatever waits for a ConfigMap or Secret tries again now rather than at its next retry.
  s.prepareRetryAt = 0;
  for (const c of s.all) if (c.waiting?.reason === CONFIG_ERROR) c.retryAt = undefined;
  s.kick();
}
