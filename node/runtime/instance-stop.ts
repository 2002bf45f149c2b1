// Stopping and removing instances. Stop is SIGTERM to the instance's process group, then SIGKILL
// (to the group and, with cgroups, to everything in its cgroup) once the grace period is over; the
// exit itself is handled where it is observed (instance-exit.ts). Removing deletes an exited
// instance's record; removing a pod kills all of its instances and deletes its directory and
// cgroups.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { BerthError } from '../../client/index.js';
import { killCgroup, removePodCgroups } from './cgroups.js';
import type { Entry } from './instance-entry.js';
import { checkSegment, toInstance } from './instance-entry.js';
import { podDir } from './log-files.js';
import { isSameProcessAlive } from './proc.js';
import { signalGroup } from './process-group.js';
import { pruneContainerLogs, requireEntry } from './runtime-context.js';
import type { RuntimeContext } from './runtime-context.js';
import { deleteRecord } from './state.js';
import type { ContainerInstance } from './types.js';

/** Signals a running instance's group (and on SIGKILL its cgroup); a gone adopted one is left to the poller. */
async function signalInstance(ctx: RuntimeContext, e: Entry, signal: NodeJS.Signals): Promise<void> {
  const r = e.record;
  if (r.exited !== undefined || r.pid <= 0) return;
  if (e.adopted && !isSameProcessAlive(r.pid, r.startTimeTicks)) return;
  try {
    await signalGroup(r.pgid, r.startTimeTicks, signal);
    if (signal === 'SIGKILL' && r.cgroup !== undefined) await killCgroup(r.cgroup);
  } catch (err) {
    ctx.log.warn({ err, id: r.id, signal }, 'signalling a container failed');
  }
}

export async function stopInstance(ctx: RuntimeContext, id: string, graceMs: number): Promise<ContainerInstance> {
  const e = requireEntry(ctx, id);
  if (e.record.exited !== undefined) return toInstance(e.record);
  await e.persisted;
  await signalInstance(ctx, e, 'SIGTERM');
  const timer = setTimeout(() => void signalInstance(ctx, e, 'SIGKILL'), Math.max(0, graceMs));
  try {
    await e.exited;
  } finally {
    clearTimeout(timer);
  }
  return toInstance(e.record);
}

export async function removeInstance(ctx: RuntimeContext, id: string): Promise<void> {
  const e = ctx.entries.get(id);
  if (e === undefined) return;
  if (e.record.exited === undefined) throw new BerthError('FAILED_PRECONDITION', `container instance ${id} is running: stop it before removing it`);
  ctx.entries.delete(id);
  await deleteRecord(ctx.opts.dataDir, e.record.podUid, e.record.name, e.record.attempt);
  await pruneContainerLogs(ctx, e.record.podUid, e.record.name);
}

export async function removePod(ctx: RuntimeContext, podUid: string): Promise<void> {
  checkSegment('podUid', podUid);
  const mine = [...ctx.entries.values()].filter((e) => e.record.podUid === podUid);
  for (const e of mine) e.removed = true;
  await Promise.all(mine.map((e) => e.persisted));
  await Promise.all(mine.map((e) => signalInstance(ctx, e, 'SIGKILL')));
  const waited = await Promise.race([Promise.all(mine.map((e) => e.exited)).then(() => true), sleep(ctx.opts.removePodWaitMs, false, { ref: false })]);
  if (!waited) ctx.log.warn({ pod: podUid }, 'containers still running after SIGKILL; deleting the pod anyway');
  for (const e of mine) ctx.entries.delete(e.record.id);
  const sys = await ctx.cgroups;
  if (sys !== undefined) await removePodCgroups(sys, join(ctx.opts.cgroupParent, podUid)).catch((err: unknown) => ctx.log.warn({ err, pod: podUid }, 'removing pod cgroups failed'));
  await rm(podDir(ctx.opts.dataDir, podUid), { recursive: true, force: true });
}
