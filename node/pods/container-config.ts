// What the runtime needs to start one container instance, built from the container's spec and
// the prepared pod: its command line, environment (resolved from ConfigMaps, Secrets and the
// downward API), mounts of the pod's volumes, ports, working directory and limits. A spec the
// process runtime can never run is a CreateContainerError; a missing source or volume is a
// CreateContainerConfigError, which container-start.ts retries.
import { mkdir } from 'node:fs/promises';
import { availableParallelism, totalmem } from 'node:os';
import { isAbsolute, join } from 'node:path';
import type { ContainerConfig, ContainerMount } from '../runtime/index.js';
import { CONFIG_ERROR, CREATE_ERROR } from './container-record.js';
import type { Container } from './container-record.js';
import { berthEnv, containerArgv, containerLimits, resolveEnv } from './env.js';
import type { WorkerState } from './worker-state.js';

export type ContainerConfigResult = { ok: true; config: ContainerConfig } | { ok: false; reason: string; message: string };

export async function containerConfig(s: WorkerState, c: Container): Promise<ContainerConfigResult> {
  const spec = c.spec;
  if ((spec.command ?? []).length === 0) {
    const message = `container "${c.name}" has no command: the process runtime runs a container's command (and args); image "${spec.image ?? ''}" alone cannot be run`;
    return { ok: false, reason: CREATE_ERROR, message };
  }
  const mounts: ContainerMount[] = [];
  const volumeEnv = new Map<string, string>();
  for (const m of spec.volumeMounts ?? []) {
    const v = s.volumes.get(m.name ?? '');
    if (v === undefined) return { ok: false, reason: CONFIG_ERROR, message: `volume "${m.name ?? ''}" is not a volume of the pod` };
    const sub = m.subPath ?? '';
    if (isAbsolute(sub) || sub.split(/[\\/]/).includes('..')) return { ok: false, reason: CONFIG_ERROR, message: `volumeMount "${m.name ?? ''}": subPath must be relative without ".." (got ${JSON.stringify(sub)})` };
    mounts.push({ name: v.name, hostPath: sub === '' ? v.hostPath : join(v.hostPath, sub), mountPath: m.mountPath ?? '', readOnly: m.readOnly === true });
    volumeEnv.set(v.name, v.hostPath);
  }
  const ports = s.ports?.get(c.name) ?? [];
  const base = berthEnv({ pod: s.pod, nodeName: s.deps.nodeName, nodeAddress: s.deps.nodeAddress, ports, volumes: volumeEnv });
  let env;
  try {
    env = await resolveEnv({
      pod: s.pod,
      container: spec,
      containers: s.all.map((x) => x.spec),
      nodeName: s.deps.nodeName,
      nodeAddress: s.deps.nodeAddress,
      nodeAllocatable: { cpuCores: availableParallelism(), memoryBytes: totalmem() },
      base,
      lookup: (kind, name) => s.lookup(kind, name),
    });
  } catch (err) {
    return { ok: false, reason: CONFIG_ERROR, message: `reading the container's environment: ${err instanceof Error ? err.message : String(err)}` };
  }
  if (!env.ok) return { ok: false, reason: CONFIG_ERROR, message: env.message };
  const ownDir = join(s.podDir, 'containers', c.name);
  await mkdir(ownDir, { recursive: true });
  const wd = spec.workingDir ?? '';
  const config: ContainerConfig = {
    podUid: s.uid,
    namespace: s.pod.metadata.namespace ?? '',
    podName: s.pod.metadata.name ?? '',
    name: c.name,
    attempt: c.nextAttempt,
    init: c.init,
    image: spec.image ?? '',
    argv: containerArgv(spec, env.env),
    env: env.env,
    workingDir: wd === '' ? ownDir : isAbsolute(wd) ? wd : join(ownDir, wd),
    mounts,
    ports,
    ...containerLimits(spec),
  };
  return { ok: true, config };
}
