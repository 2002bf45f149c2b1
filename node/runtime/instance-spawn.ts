// Spawning an instance once start (instance-start.ts) has checked everything it can. The process
// is spawned detached (its own process group), with exactly the instance's env and its working
// directory. Its stdout and stderr are one O_APPEND log file (log-files.ts), never a pipe to the
// agent: an agent that dies or restarts does not block or kill its containers. The start record
// is on disk before start() returns, so an agent that crashes right after still finds it; a start
// that fails is recorded as an instance that exited with a StartError.
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import type { CgroupPaths } from './cgroups.js';
import { removeCgroup } from './cgroups.js';
import { START_ERROR_EXIT_CODE } from './exit-codes.js';
import { baseRecord, newEntry, toInstance } from './instance-entry.js';
import { onChildExit } from './instance-exit.js';
import type { ChildExit } from './instance-exit.js';
import { logPath } from './log-files.js';
import { readProcStatSync } from './proc.js';
import { persist } from './runtime-context.js';
import type { RuntimeContext } from './runtime-context.js';
import { spawnTarget } from './spawn-target.js';
import type { InstanceRecord } from './state.js';
import type { ContainerConfig, ContainerInstance } from './types.js';

/** Records an instance that could not start: exited at once with START_ERROR_EXIT_CODE and the reason. */
export async function startError(ctx: RuntimeContext, config: ContainerConfig, message: string): Promise<ContainerInstance> {
  const record: InstanceRecord = {
    ...baseRecord(config),
    pid: 0,
    pgid: 0,
    startTimeTicks: 0,
    exited: { exitCode: START_ERROR_EXIT_CODE, reason: 'StartError', message, finishedAt: new Date().toISOString() },
  };
  ctx.entries.set(record.id, newEntry(record, false));
  await persist(ctx, record);
  ctx.log.info({ pod: config.podUid, container: config.name, attempt: config.attempt, message }, 'container could not start');
  return toInstance(record);
}

/** Spawns the resolved executable `file` with its stdout and stderr on the attempt's log file. */
export async function spawnInstance(ctx: RuntimeContext, config: ContainerConfig, file: string, cgroup: CgroupPaths | undefined): Promise<ContainerInstance> {
  const target = spawnTarget(file, config.argv, cgroup);
  const fd = openSync(logPath(ctx.opts.dataDir, config.podUid, config.name, config.attempt), 'a');
  let child: ChildProcess;
  try {
    child = spawn(target.file, target.args, { argv0: target.argv0, cwd: config.workingDir, env: { ...config.env }, detached: true, stdio: ['ignore', fd, fd] });
  } catch (err) {
    if (cgroup !== undefined) await removeCgroup(cgroup).catch(() => undefined);
    return startError(ctx, config, `exec: "${config.argv[0] ?? ''}": ${(err as Error).message}`);
  } finally {
    // The child has its own copy; ours would only keep the file open.
    closeSync(fd);
  }
  const exit = new Promise<ChildExit>((res) => child.once('exit', (code, signal) => res({ code, signal })));
  const spawnError = await new Promise<Error | undefined>((res) => {
    child.once('spawn', () => res(undefined));
    child.once('error', (err) => res(err));
  });
  if (spawnError !== undefined || child.pid === undefined) {
    if (cgroup !== undefined) await removeCgroup(cgroup).catch(() => undefined);
    return startError(ctx, config, `exec: "${config.argv[0] ?? ''}": ${spawnError?.message ?? 'spawn failed'}`);
  }
  child.on('error', (err) => ctx.log.warn({ err, pid: child.pid }, 'container process error'));
  child.unref();
  return track(ctx, config, child.pid, cgroup, exit);
}

/** Starts watching a spawned instance; resolves once its record is on disk, so a crash right after start still finds it. */
async function track(ctx: RuntimeContext, config: ContainerConfig, pid: number, cgroup: CgroupPaths | undefined, exit: Promise<ChildExit>): Promise<ContainerInstance> {
  const record: InstanceRecord = {
    ...baseRecord(config),
    pid,
    pgid: pid,
    startTimeTicks: readProcStatSync(pid)?.startTimeTicks ?? 0,
    startedAt: new Date().toISOString(),
    ...(cgroup !== undefined ? { cgroup } : {}),
  };
  const entry = newEntry(record, false);
  entry.persisted = persist(ctx, record);
  ctx.entries.set(record.id, entry);
  void exit.then((childExit) => onChildExit(ctx, entry, childExit));
  ctx.log.info({ pod: config.podUid, container: config.name, attempt: config.attempt, pid }, 'container started');
  await entry.persisted;
  return toInstance(record);
}
