// What the parts of the `process` runtime share: its compiled options, its logger, the instances
// it knows and its exit listeners, the cgroup system in use, and whether it is closed. The
// ProcessRuntime class (process-runtime.ts) owns one and passes it to the functions in the
// instance-*.ts, recovery.ts and exec files. Also the three things several of them do with it:
// look an instance up, write its record, prune its container's old logs.
import type { Logger } from 'pino';
import { BerthError } from '../../client/index.js';
import type { CgroupSystem } from './cgroups.js';
import type { Entry } from './instance-entry.js';
import { containerLogDir, pruneLogs } from './log-files.js';
import type { CompiledProcessRuntimeOptions } from './options.js';
import { writeRecord } from './state.js';
import type { InstanceRecord } from './state.js';
import type { ContainerInstance } from './types.js';

export interface RuntimeContext {
  readonly opts: CompiledProcessRuntimeOptions;
  readonly log: Logger;
  readonly entries: Map<string, Entry>;
  readonly listeners: Set<(instance: ContainerInstance) => void>;
  readonly cgroups: Promise<CgroupSystem | undefined>;
  /** close() was called: exits are left to the next agent process, and the timers do nothing. */
  closed: boolean;
}

/** The instance with this id, or NOT_FOUND. */
export function requireEntry(ctx: RuntimeContext, id: string): Entry {
  const e = ctx.entries.get(id);
  if (e === undefined) throw new BerthError('NOT_FOUND', `container instance ${id} not found`);
  return e;
}

/** Writes the instance's record; a failure is logged, not thrown (the instance runs on regardless). */
export async function persist(ctx: RuntimeContext, record: InstanceRecord): Promise<void> {
  await writeRecord(ctx.opts.dataDir, record).catch((err: unknown) => ctx.log.error({ err, id: record.id }, 'writing instance state failed'));
}

/** Keeps the newest instancesKeptPerContainer attempts' logs, and always those still running. */
export async function pruneContainerLogs(ctx: RuntimeContext, podUid: string, name: string): Promise<void> {
  const running = new Set([...ctx.entries.values()].filter((e) => e.record.podUid === podUid && e.record.name === name && e.record.exited === undefined).map((e) => e.record.attempt));
  await pruneLogs(containerLogDir(ctx.opts.dataDir, podUid, name), ctx.opts.instancesKeptPerContainer, running).catch((err: unknown) => ctx.log.warn({ err, pod: podUid, container: name }, 'pruning logs failed'));
}
