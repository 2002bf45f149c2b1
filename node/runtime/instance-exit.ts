// What happens when an instance ends, however its end was found (an exit event from our child,
// the adopted-instance poller, or recovery finding it gone): what is left of it is killed, the
// exit is written next to its start record, its log gets a last rotation check, and the onExit
// listeners hear of it. This runs once per instance.
import { killCgroup, oomKilled, removeCgroup } from './cgroups.js';
import { signalExitCode } from './exit-codes.js';
import type { Entry } from './instance-entry.js';
import { toInstance } from './instance-entry.js';
import { logPath, rotateIfNeeded } from './log-files.js';
import { signalGroup } from './process-group.js';
import { persist } from './runtime-context.js';
import type { RuntimeContext } from './runtime-context.js';
import type { ExitRecord, InstanceRecord } from './state.js';
import type { ContainerInstance } from './types.js';

/** How a spawned child ended, as its 'exit' event tells it. */
export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Turns our child's exit event into the instance's exit: Completed, Error or OOMKilled. */
export async function onChildExit(ctx: RuntimeContext, entry: Entry, { code, signal }: ChildExit): Promise<void> {
  // A closed runtime leaves its instances to the next agent process, which adopts them.
  if (ctx.closed) return;
  try {
    await entry.persisted;
    const exitCode = code ?? signalExitCode(signal);
    const cgroup = entry.record.cgroup;
    const oom = signal === 'SIGKILL' && cgroup !== undefined && (await oomKilled(cgroup));
    const reason = oom ? 'OOMKilled' : exitCode === 0 ? 'Completed' : 'Error';
    await finishExit(ctx, entry, { exitCode, reason, finishedAt: new Date().toISOString(), ...(signal !== null ? { signal } : {}) });
  } catch (err) {
    ctx.log.error({ err, id: entry.record.id }, 'handling a container exit failed');
  }
}

/**
 * Once per instance: kills what is left of it (the rest of its process group, its cgroup),
 * records the exit, then tells the listeners.
 */
export async function finishExit(ctx: RuntimeContext, entry: Entry, exit: ExitRecord, notify = true): Promise<void> {
  if (entry.finishing) return;
  entry.finishing = true;
  await killLeftovers(ctx, entry.record);
  entry.record = { ...entry.record, exited: exit };
  if (!entry.removed) {
    await persist(ctx, entry.record);
    const path = logPath(ctx.opts.dataDir, entry.record.podUid, entry.record.name, entry.record.attempt);
    await rotateIfNeeded(path, ctx.opts.logMaxBytes, ctx.opts.logMaxFiles).catch(() => undefined);
  }
  entry.markExited();
  ctx.log.info({ id: entry.record.id, exitCode: exit.exitCode, reason: exit.reason, signal: exit.signal }, 'container exited');
  if (notify) notifyListeners(ctx, toInstance(entry.record));
}

/** A listener that throws is logged; the others still hear of the exit. */
function notifyListeners(ctx: RuntimeContext, instance: ContainerInstance): void {
  for (const listener of ctx.listeners) {
    try {
      listener(instance);
    } catch (err) {
      ctx.log.error({ err, id: instance.id }, 'an onExit listener threw');
    }
  }
}

/** No orphan outlives its instance: SIGKILL to the rest of the group and the cgroup, then rmdir. */
async function killLeftovers(ctx: RuntimeContext, record: InstanceRecord): Promise<void> {
  try {
    await signalGroup(record.pgid, record.startTimeTicks, 'SIGKILL');
    if (record.cgroup !== undefined) {
      await killCgroup(record.cgroup);
      await removeCgroup(record.cgroup);
    }
  } catch (err) {
    ctx.log.warn({ err, id: record.id }, 'cleaning up after a container failed');
  }
}
