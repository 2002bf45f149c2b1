// The `process` runtime: each container instance is a process group on the host. This file is
// the Runtime seam's face for it: the ProcessRuntime class, the state its parts share
// (runtime-context.ts) and its two timers; the work is in the files it delegates to.
//
// - Starting: instance-start.ts checks and prepares (mount symlinks in mount-links.ts, argv[0]
//   resolved and, with cgroups, a cgroup-attaching shell in spawn-target.ts), instance-spawn.ts
//   spawns the process detached with its output on an O_APPEND log file, never a pipe to the
//   agent, so an agent that dies or restarts does not block or kill its containers.
// - With cgroups (cgroups.ts) limits, usage, OOM detection and "kill everything" come from the
//   cgroup; without them, usage comes from /proc and killing is by process group
//   (process-group.ts, instance-usage.ts).
// - Exits (instance-exit.ts) kill what is left of an instance, record the exit and notify.
// - State (state.ts) is written at start and at exit, so a restarted agent adopts what still runs
//   (watching it by polling, since it is no longer our child) and reports what ended meanwhile
//   (recovery.ts).
// - Stop and remove are instance-stop.ts; logs instance-logs.ts; exec exec-session.ts.
import type { Logger } from 'pino';
import type { CgroupSystem } from './cgroups.js';
import { detectCgroups } from './cgroups.js';
import { startExec } from './exec-session.js';
import { toInstance } from './instance-entry.js';
import { readLogs, rotateRunningLogs } from './instance-logs.js';
import { startInstance } from './instance-start.js';
import { removeInstance, removePod, stopInstance } from './instance-stop.js';
import { instanceUsage } from './instance-usage.js';
import { compileProcessRuntimeOptions } from './options.js';
import type { CompiledProcessRuntimeOptions, ProcessRuntimeOptions } from './options.js';
import { finishGoneAdopted, recoverInstances } from './recovery.js';
import { requireEntry } from './runtime-context.js';
import type { RuntimeContext } from './runtime-context.js';
import type { ContainerConfig, ContainerInstance, ExecOptions, ExecSession, LogOptions, Runtime, Usage } from './types.js';

export const PROCESS_RUNTIME_NAME = 'process';
export const PROCESS_RUNTIME_VERSION = '0.1.0';

/** The cgroup system to use: none when turned off, not usable, or when detection fails (logged). */
async function detect(opts: CompiledProcessRuntimeOptions, log: Logger): Promise<CgroupSystem | undefined> {
  if (opts.cgroupRoot === 'off') return undefined;
  try {
    const sys = await detectCgroups(opts.cgroupRoot);
    if (sys === undefined) log.info({ cgroupRoot: opts.cgroupRoot }, 'no usable cgroups: running without limits');
    else log.info({ cgroups: sys }, 'using cgroups');
    return sys;
  } catch (err) {
    log.warn({ err }, 'cgroup detection failed: running without limits');
    return undefined;
  }
}

export class ProcessRuntime implements Runtime {
  readonly name = PROCESS_RUNTIME_NAME;
  readonly version = PROCESS_RUNTIME_VERSION;
  private readonly ctx: RuntimeContext;
  private readonly timers: NodeJS.Timeout[] = [];
  private rotating = false;
  private polling = false;

  constructor(options: CompiledProcessRuntimeOptions) {
    const log = options.logger.child({ component: 'process-runtime' });
    this.ctx = { opts: options, log, entries: new Map(), listeners: new Set(), cgroups: detect(options, log), closed: false };
    // Neither timer may keep the agent alive; both swallow their errors (they log them).
    this.timers.push(setInterval(() => void this.rotateLogs(), options.logCheckIntervalMs).unref());
    this.timers.push(setInterval(() => void this.pollAdopted(), options.adoptedPollMs).unref());
  }

  /** The cgroup system in use, or undefined (for tests and diagnostics). */
  cgroupSystem(): Promise<CgroupSystem | undefined> {
    return this.ctx.cgroups;
  }

  start(config: ContainerConfig): Promise<ContainerInstance> {
    return startInstance(this.ctx, config);
  }

  /**
   * Fires once per exit of an instance that ran (ours or adopted), after the exit is on disk. A
   * StartError is not an exit: start() already returned it. Nor are exits that recover() finds.
   */
  onExit(listener: (instance: ContainerInstance) => void): () => void {
    this.ctx.listeners.add(listener);
    return () => this.ctx.listeners.delete(listener);
  }

  stop(id: string, graceMs: number): Promise<ContainerInstance> {
    return stopInstance(this.ctx, id, graceMs);
  }

  remove(id: string): Promise<void> {
    return removeInstance(this.ctx, id);
  }

  removePod(podUid: string): Promise<void> {
    return removePod(this.ctx, podUid);
  }

  async recover(): Promise<ContainerInstance[]> {
    await recoverInstances(this.ctx);
    return this.list();
  }

  status(id: string): ContainerInstance | undefined {
    const e = this.ctx.entries.get(id);
    return e === undefined ? undefined : toInstance(e.record);
  }

  list(): ContainerInstance[] {
    return [...this.ctx.entries.values()].map((e) => toInstance(e.record));
  }

  logs(podUid: string, container: string, options: LogOptions): AsyncGenerator<Buffer> {
    return readLogs(this.ctx, podUid, container, options);
  }

  exec(id: string, argv: readonly string[], options: ExecOptions): ExecSession {
    return startExec(requireEntry(this.ctx, id).record, argv, options, this.ctx.opts.execMaxBufferedBytes, this.ctx.log);
  }

  usage(id: string): Promise<Usage | undefined> {
    return instanceUsage(this.ctx, id);
  }

  /** Stops the timers; running instances keep running for the next agent process to adopt. */
  close(): Promise<void> {
    this.ctx.closed = true;
    for (const t of this.timers) clearInterval(t);
    this.timers.length = 0;
    return Promise.resolve();
  }

  /** Copytruncate for every running instance's log above logMaxBytes; one round at a time. */
  private async rotateLogs(): Promise<void> {
    if (this.rotating || this.ctx.closed) return;
    this.rotating = true;
    try {
      await rotateRunningLogs(this.ctx);
    } finally {
      this.rotating = false;
    }
  }

  /** Adopted instances are not our children: no exit event, so look for them every adoptedPollMs. */
  private async pollAdopted(): Promise<void> {
    if (this.polling || this.ctx.closed) return;
    this.polling = true;
    try {
      await finishGoneAdopted(this.ctx);
    } catch (err) {
      this.ctx.log.error({ err }, 'polling adopted containers failed');
    } finally {
      this.polling = false;
    }
  }
}

/** Compiles the options and creates the runtime. */
export function createProcessRuntime(options: ProcessRuntimeOptions): ProcessRuntime {
  return new ProcessRuntime(compileProcessRuntimeOptions(options));
}
