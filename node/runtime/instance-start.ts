// Starting an instance: the checks and preparations before its process is spawned
// (instance-spawn.ts). Its id must be new; its container and log directories, its (empty) log
// file, its mount symlinks (mount-links.ts), its working directory, its executable
// (spawn-target.ts) and, with cgroups, its cgroup with the limits applied must all be in place.
// Anything that is not becomes a StartError with a message, never an exception from start().
import { closeSync, openSync } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { BerthError } from '../../client/index.js';
import type { CgroupPaths } from './cgroups.js';
import { applyLimits, createCgroup } from './cgroups.js';
import { checkSegment, instanceId } from './instance-entry.js';
import { spawnInstance, startError } from './instance-spawn.js';
import { containerLogDir, logPath, podDir } from './log-files.js';
import { linkMounts } from './mount-links.js';
import { DEFAULT_CONTAINER_PATH } from './options.js';
import { pruneContainerLogs } from './runtime-context.js';
import type { RuntimeContext } from './runtime-context.js';
import { resolveExecutable } from './spawn-target.js';
import type { ContainerConfig, ContainerInstance } from './types.js';

export async function startInstance(ctx: RuntimeContext, config: ContainerConfig): Promise<ContainerInstance> {
  checkSegment('podUid', config.podUid);
  checkSegment('name', config.name);
  const id = instanceId(config.podUid, config.name, config.attempt);
  if (ctx.entries.has(id)) throw new BerthError('ALREADY_EXISTS', `instance ${id} exists: remove it, or start attempt ${config.attempt + 1}`);
  const containerDir = join(podDir(ctx.opts.dataDir, config.podUid), 'containers', config.name);
  await mkdir(containerDir, { recursive: true });
  await mkdir(containerLogDir(ctx.opts.dataDir, config.podUid, config.name), { recursive: true });
  // The log file exists even for a StartError, so attempts (and --previous) stay in step.
  closeSync(openSync(logPath(ctx.opts.dataDir, config.podUid, config.name, config.attempt), 'a'));
  await pruneContainerLogs(ctx, config.podUid, config.name);
  const problem = (await checkWorkingDir(config)) ?? (await linkMounts(config, containerDir));
  if (problem !== undefined) return startError(ctx, config, problem);
  const exe = resolveExecutable(config.argv[0] ?? '', config.env.PATH ?? DEFAULT_CONTAINER_PATH, config.workingDir);
  if ('error' in exe) return startError(ctx, config, exe.error);
  const cgroup = await instanceCgroup(ctx, config);
  if (typeof cgroup === 'string') return startError(ctx, config, cgroup);
  return spawnInstance(ctx, config, exe.file, cgroup);
}

async function checkWorkingDir(config: ContainerConfig): Promise<string | undefined> {
  const s = await stat(config.workingDir).catch(() => undefined);
  if (s === undefined) return `chdir ${config.workingDir}: no such file or directory`;
  return s.isDirectory() ? undefined : `chdir ${config.workingDir}: not a directory`;
}

/** The instance's cgroup with its limits; undefined without cgroups; a string: why it failed. */
async function instanceCgroup(ctx: RuntimeContext, config: ContainerConfig): Promise<CgroupPaths | undefined | string> {
  const sys = await ctx.cgroups;
  if (sys === undefined) return undefined;
  const rel = join(ctx.opts.cgroupParent, config.podUid, `${config.name}-${config.attempt}`);
  try {
    const paths = await createCgroup(sys, rel);
    await applyLimits(paths, config);
    return paths;
  } catch (err) {
    ctx.log.error({ err, pod: config.podUid, container: config.name }, 'creating the cgroup failed');
    return `cgroup ${rel}: ${(err as Error).message}`;
  }
}
