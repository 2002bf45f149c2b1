// What a restarted agent finds: the instance records an earlier agent process left on disk
// (state.ts). An instance whose process still runs is adopted; since it is no longer our child it
// sends no exit event, so the runtime's timer looks for its end (finishGoneAdopted). One that ended meanwhile is reported
// as exited with an unknown code, and so is one whose state file cannot be read.
import { UNKNOWN_EXIT_CODE } from './exit-codes.js';
import { baseRecord, instanceId, newEntry } from './instance-entry.js';
import { finishExit } from './instance-exit.js';
import { isSameProcessAlive } from './proc.js';
import type { RuntimeContext } from './runtime-context.js';
import { readRecords } from './state.js';
import type { CorruptRecord, InstanceRecord } from './state.js';
import type { ContainerConfig } from './types.js';

const EXITED_UNOBSERVED = 'the container exited while the agent was not running; its exit code is unknown';
const EXITED_ADOPTED = 'the container was started by an earlier agent process; its exit code is unknown';

/** Reads the records on disk into ctx.entries: exited ones as they are, running ones adopted, vanished ones finished. */
export async function recoverInstances(ctx: RuntimeContext): Promise<void> {
  const { records, corrupt } = await readRecords(ctx.opts.dataDir);
  for (const r of records) {
    if (ctx.entries.has(r.id)) continue;
    if (r.exited !== undefined) {
      ctx.entries.set(r.id, newEntry(r, false));
    } else if (r.pid > 0 && isSameProcessAlive(r.pid, r.startTimeTicks)) {
      ctx.entries.set(r.id, newEntry(r, true));
      ctx.log.info({ id: r.id, pid: r.pid }, 'adopted a running container');
    } else {
      const e = newEntry(r, false);
      ctx.entries.set(r.id, e);
      await finishExit(ctx, e, { exitCode: UNKNOWN_EXIT_CODE, reason: 'ContainerStatusUnknown', message: EXITED_UNOBSERVED, finishedAt: new Date().toISOString() }, false);
    }
  }
  for (const c of corrupt) recoverCorrupt(ctx, c);
}

/** An unreadable state file: reported as an instance whose fate is unknown; remove() deletes the file. */
function recoverCorrupt(ctx: RuntimeContext, c: CorruptRecord): void {
  ctx.log.warn({ file: c.file, error: c.error }, 'unreadable instance state file: reporting the instance as exited with unknown status');
  const id = instanceId(c.podUid, c.name, c.attempt);
  if (ctx.entries.has(id)) return;
  const config: ContainerConfig = { podUid: c.podUid, namespace: '', podName: '', name: c.name, attempt: c.attempt, init: false, image: '', argv: [], env: {}, workingDir: '', mounts: [], ports: [] };
  const message = `the instance's state file is unreadable (${c.error}); its status is unknown`;
  const record: InstanceRecord = { ...baseRecord(config), pid: 0, pgid: 0, startTimeTicks: 0, exited: { exitCode: UNKNOWN_EXIT_CODE, reason: 'ContainerStatusUnknown', message, finishedAt: new Date().toISOString() } };
  ctx.entries.set(id, newEntry(record, false));
}

/** One poll: every adopted instance whose process is gone is finished with an unknown exit code. */
export async function finishGoneAdopted(ctx: RuntimeContext): Promise<void> {
  for (const e of ctx.entries.values()) {
    if (!e.adopted || e.record.exited !== undefined || isSameProcessAlive(e.record.pid, e.record.startTimeTicks)) continue;
    await finishExit(ctx, e, { exitCode: UNKNOWN_EXIT_CODE, reason: 'ContainerStatusUnknown', message: EXITED_ADOPTED, finishedAt: new Date().toISOString() });
  }
}
