// What a pod needs before any of its containers can start: its directory, its host ports and its
// volumes (emptyDir, hostPath, ConfigMap, Secret, persistentVolumeClaim; volumes.ts makes them).
// Until all are there, every container not yet started waits with CreateContainerConfigError and
// the step is retried; once prepared, only volumes whose ConfigMap or Secret changed are written
// again, and a failed rewrite keeps the files as they were.
import { mkdir } from 'node:fs/promises';
import { CONFIG_ERROR } from './container-record.js';
import { allocatePorts } from './ports.js';
import { claimsDirOf, prepareVolume } from './volumes.js';
import type { VolumeSpec } from './volumes.js';
import type { WorkerState } from './worker-state.js';

/** Makes the pod directory, ports and volumes; false while something is missing. */
export async function prepare(s: WorkerState): Promise<boolean> {
  if (s.prepared && s.dirtyVolumes.size === 0) return true;
  if (!s.prepared && s.now() < s.prepareRetryAt) {
    s.wakeAt(s.prepareRetryAt);
    return false;
  }
  const problems: string[] = [];
  try {
    await mkdir(s.podDir, { recursive: true });
    s.ports ??= await allocatePorts(
      s.all.map((c) => c.spec),
      s.deps.nodeAddress,
    );
  } catch (err) {
    problems.push(`preparing the pod: ${err instanceof Error ? err.message : String(err)}`);
  }
  const specs = (s.spec.volumes as VolumeSpec[] | undefined) ?? [];
  const todo = problems.length > 0 ? [] : s.prepared ? specs.filter((v) => s.dirtyVolumes.has(v.name ?? '')) : specs;
  s.dirtyVolumes.clear();
  for (const v of todo) {
    const r = await prepareVolume(v, {
      podDir: s.podDir,
      namespace: s.pod.metadata.namespace ?? '',
      claimsDir: claimsDirOf(s.deps.podsDir),
      lookup: (kind, name) => s.lookup(kind, name),
      maxFiles: s.deps.options.maxVolumeFiles,
    });
    if (r.ok) {
      if (r.volume.note !== undefined && !s.volumes.has(r.volume.name)) s.log.info({ volume: r.volume.name }, r.volume.note);
      s.volumes.set(r.volume.name, r.volume);
    } else problems.push(r.message);
  }
  if (s.prepared) {
    // A rewrite that fails keeps the files as they were, as the kubelet does.
    for (const p of problems) s.log.warn({ problem: p }, 'could not rewrite a volume; its files stay as they were');
    return true;
  }
  if (problems.length > 0) {
    const message = s.clip(problems.join('; '));
    for (const c of s.all) if (c.instance === undefined) c.waiting = { reason: CONFIG_ERROR, message };
    s.prepareRetryAt = s.now() + s.deps.options.volumeRetryMs;
    s.wakeAt(s.prepareRetryAt);
    return false;
  }
  s.prepared = true;
  for (const c of s.all) if (c.instance === undefined && c.waiting?.reason === CONFIG_ERROR) c.waiting = undefined;
  return true;
}
