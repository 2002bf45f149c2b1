// The `process` runtime: each container instance is a process group on the host.
//
// - The process is spawned detached (its own process group), with exactly the instance's env and
//   its working directory; argv[0] is looked up in the env's PATH by us first, so that a missing
//   or non-executable command is a StartError with a message and not a crash.
// - Its stdout and stderr are one O_APPEND log file (log-files.ts), never a pipe to the agent: an
//   agent that dies or restarts does not block or kill its containers.
// - With cgroups (cgroups.ts) the child is started as `/bin/sh -c 'echo $$ > cgroup.procs…; exec
//   "$@"'`, so it is in its cgroup before the program runs. Limits, usage, OOM detection and
//   "kill everything" come from the cgroup; without cgroups, usage comes from /proc and killing
//   is by process group.
// - Volumes: without mount namespaces a path cannot be mounted where the container expects it.
//   Each mount appears as a symlink `<containerDir>/<mountPath without its leading "/">` →
//   hostPath, and nothing else is done here (the pod worker puts the host path into the env).
//   `readOnly` is not enforced.
// - State (state.ts) is written at start and at exit, so a restarted agent adopts what still runs
//   (watching it by polling, since it is no longer our child) and reports what ended meanwhile.
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { accessSync, closeSync, constants as fsConstants, openSync, statSync } from 'node:fs';
import { lstat, mkdir, rm, stat, symlink, unlink } from 'node:fs/promises';
import { constants as osConstants } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { BerthError } from '../../client/index.js';
import type { CgroupPaths, CgroupSystem } from './cgroups.js';
import { applyLimits, cgroupUsage, createCgroup, detectCgroups, killCgroup, oomKilled, procsFiles, removeCgroup, removePodCgroups } from './cgroups.js';
import { containerLogDir, followLog, limitBytes, logAttempts, logPath, logSegments, podDir, pruneLogs, readRange, rotateIfNeeded } from './log-files.js';
import { compileProcessRuntimeOptions, DEFAULT_CONTAINER_PATH } from './options.js';
import type { CompiledProcessRuntimeOptions, ProcessRuntimeOptions } from './options.js';
import { isSameProcessAlive, processGroupAlive, processGroupUsage, readProcStatSync } from './proc.js';
import { deleteRecord, readRecords, STATE_FORMAT_VERSION, writeRecord } from './state.js';
import type { CorruptRecord, ExitRecord, InstanceRecord } from './state.js';
import type { ContainerConfig, ContainerInstance, ExecOptions, ExecSession, InstanceState, LogOptions, Runtime, Usage } from './types.js';

export const PROCESS_RUNTIME_NAME = 'process';
export const PROCESS_RUNTIME_VERSION = '0.1.0';

/** Exit code of an instance that could not start (as Docker reports it). */
export const START_ERROR_EXIT_CODE = 128;
/** Exit code reported when the real one is unknown (as the kubelet reports it). */
export const UNKNOWN_EXIT_CODE = 137;
/** Exit code of the cgroup-attaching shell when it cannot write cgroup.procs. */
export const CGROUP_ATTACH_FAILED_EXIT_CODE = 125;
export const EXEC_TIMEOUT_EXIT_CODE = 124;
export const EXEC_ABORTED_EXIT_CODE = 137;
export const EXEC_NOT_FOUND_EXIT_CODE = 127;
export const EXEC_NOT_EXECUTABLE_EXIT_CODE = 126;

const EXITED_UNOBSERVED = 'the container exited while the agent was not running; its exit code is unknown';
const EXITED_ADOPTED = 'the container was started by an earlier agent process; its exit code is unknown';
/** Pod uids and container names become path segments: nothing that could climb out of a directory. */
const SAFE_SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** An instance the runtime knows, and how it watches it. */
interface Entry {
  record: InstanceRecord;
  /** Not our child (recovered after an agent restart): its exit is found by polling. */
  readonly adopted: boolean;
  /** Settles when the start record is on disk; exit handling waits for it. */
  persisted: Promise<void>;
  readonly exited: Promise<void>;
  readonly markExited: () => void;
  /** Exit handling has begun (it must run once). */
  finishing: boolean;
  /** removePod has it: nothing more is written for it. */
  removed: boolean;
  lastUsage?: { cpuNanos: number; atMs: number };
}

function newEntry(record: InstanceRecord, adopted: boolean): Entry {
  let markExited = (): void => undefined;
  const exited = new Promise<void>((res) => (markExited = res));
  if (record.exited !== undefined) markExited();
  return { record, adopted, persisted: Promise.resolve(), exited, markExited, finishing: record.exited !== undefined, removed: false };
}

function stateOf(r: InstanceRecord): InstanceState {
  const startedAt = r.startedAt === undefined ? undefined : new Date(r.startedAt);
  if (r.exited === undefined) return { state: 'running', pid: r.pid, startedAt: startedAt ?? new Date(0) };
  const e = r.exited;
  return {
    state: 'exited',
    exitCode: e.exitCode,
    reason: e.reason,
    finishedAt: new Date(e.finishedAt),
    ...(e.signal !== undefined ? { signal: e.signal } : {}),
    ...(e.message !== undefined ? { message: e.message } : {}),
    ...(startedAt !== undefined ? { startedAt } : {}),
  };
}

function toInstance(r: InstanceRecord): ContainerInstance {
  return { id: r.id, podUid: r.podUid, name: r.name, attempt: r.attempt, init: r.init, state: stateOf(r) };
}

export function instanceId(podUid: string, name: string, attempt: number): string {
  return `${podUid}/${name}/${attempt}`;
}

function checkSegment(field: string, value: string): void {
  if (!SAFE_SEGMENT.test(value)) throw new BerthError('INVALID_ARGUMENT', `${field}: must be letters, digits, ".", "_" or "-" (got ${JSON.stringify(value)})`);
}

function isErrno(err: unknown, code: string): boolean {
  return (err as NodeJS.ErrnoException | undefined)?.code === code;
}

/** Quotes a string for /bin/sh. */
function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Why `path` cannot be executed, or undefined when it can. */
function notExecutable(path: string): string | undefined {
  try {
    if (statSync(path).isDirectory()) return 'is a directory';
    accessSync(path, fsConstants.X_OK);
    return undefined;
  } catch (err) {
    return isErrno(err, 'ENOENT') || isErrno(err, 'ENOTDIR') ? 'no such file or directory' : 'permission denied';
  }
}

/** Finds argv[0] as execvp would, with the messages Docker gives when it cannot. */
export function resolveExecutable(cmd: string, pathEnv: string, cwd: string): { file: string } | { error: string; notFound: boolean } {
  if (cmd.includes('/')) {
    const file = resolve(cwd, cmd);
    const why = notExecutable(file);
    return why === undefined ? { file } : { error: `exec: "${cmd}": ${why}`, notFound: why === 'no such file or directory' };
  }
  if (cmd !== '') {
    for (const dir of pathEnv.split(':')) {
      const file = resolve(cwd, dir === '' ? '.' : dir, cmd);
      if (notExecutable(file) === undefined) return { file };
    }
  }
  return { error: `exec: "${cmd}": executable file not found in $PATH`, notFound: true };
}

/** The program to spawn: argv itself, or a shell that first moves itself into the cgroup. */
function spawnTarget(file: string, argv: readonly string[], cgroup: CgroupPaths | undefined): { file: string; args: string[]; argv0: string } {
  const rest = argv.slice(1);
  if (cgroup === undefined) return { file, args: rest, argv0: argv[0] ?? file };
  const attach = procsFiles(cgroup)
    .map((f) => `echo $$ > ${shellQuote(f)}`)
    .join(' && ');
  const script = `${attach} || exit ${CGROUP_ATTACH_FAILED_EXIT_CODE}; exec "$@"`;
  return { file: '/bin/sh', args: ['-c', script, 'sh', file, ...rest], argv0: 'sh' };
}

function signalExitCode(signal: NodeJS.Signals | null): number {
  return 128 + (signal === null ? 0 : (osConstants.signals[signal] ?? 0));
}

/**
 * SIGNALs a process group, but only while a member that started no earlier than the instance
 * is alive: a group whose members are all gone frees its id for reuse by an unrelated program.
 */
async function signalGroup(pgid: number, minStartTicks: number, signal: NodeJS.Signals): Promise<void> {
  if (pgid <= 0 || !(await processGroupAlive(pgid, minStartTicks))) return;
  try {
    process.kill(-pgid, signal);
  } catch (err) {
    if (!isErrno(err, 'ESRCH')) throw err;
  }
}

export class ProcessRuntime implements Runtime {
  readonly name = PROCESS_RUNTIME_NAME;
  readonly version = PROCESS_RUNTIME_VERSION;
  private readonly opts: CompiledProcessRuntimeOptions;
  private readonly log: Logger;
  private readonly entries = new Map<string, Entry>();
  private readonly listeners = new Set<(instance: ContainerInstance) => void>();
  private readonly cgroups: Promise<CgroupSystem | undefined>;
  private readonly timers: NodeJS.Timeout[] = [];
  private closed = false;
  private rotating = false;
  private polling = false;

  constructor(options: CompiledProcessRuntimeOptions) {
    this.opts = options;
    this.log = options.logger.child({ component: 'process-runtime' });
    this.cgroups = this.detect();
    // Neither timer may keep the agent alive; both swallow their errors (they log them).
    this.timers.push(setInterval(() => void this.rotateLogs(), options.logCheckIntervalMs).unref());
    this.timers.push(setInterval(() => void this.pollAdopted(), options.adoptedPollMs).unref());
  }

  private async detect(): Promise<CgroupSystem | undefined> {
    if (this.opts.cgroupRoot === 'off') return undefined;
    try {
      const sys = await detectCgroups(this.opts.cgroupRoot);
      if (sys === undefined) this.log.info({ cgroupRoot: this.opts.cgroupRoot }, 'no usable cgroups: running without limits');
      else this.log.info({ cgroups: sys }, 'using cgroups');
      return sys;
    } catch (err) {
      this.log.warn({ err }, 'cgroup detection failed: running without limits');
      return undefined;
    }
  }

  /** The cgroup system in use, or undefined (for tests and diagnostics). */
  cgroupSystem(): Promise<CgroupSystem | undefined> {
    return this.cgroups;
  }

  // --- start ---------------------------------------------------------------------------------

  async start(config: ContainerConfig): Promise<ContainerInstance> {
    checkSegment('podUid', config.podUid);
    checkSegment('name', config.name);
    const id = instanceId(config.podUid, config.name, config.attempt);
    if (this.entries.has(id)) throw new BerthError('ALREADY_EXISTS', `instance ${id} exists: remove it, or start attempt ${config.attempt + 1}`);
    const containerDir = this.containerDir(config.podUid, config.name);
    await mkdir(containerDir, { recursive: true });
    await mkdir(containerLogDir(this.opts.dataDir, config.podUid, config.name), { recursive: true });
    // The log file exists even for a StartError, so attempts (and --previous) stay in step.
    closeSync(openSync(logPath(this.opts.dataDir, config.podUid, config.name, config.attempt), 'a'));
    await this.pruneContainerLogs(config.podUid, config.name);
    const problem = (await this.checkWorkingDir(config)) ?? (await this.linkMounts(config, containerDir));
    if (problem !== undefined) return this.startError(config, problem);
    const exe = resolveExecutable(config.argv[0] ?? '', config.env.PATH ?? DEFAULT_CONTAINER_PATH, config.workingDir);
    if ('error' in exe) return this.startError(config, exe.error);
    const cgroup = await this.instanceCgroup(config);
    if (typeof cgroup === 'string') return this.startError(config, cgroup);
    return this.spawnInstance(config, exe.file, cgroup);
  }

  private containerDir(podUid: string, name: string): string {
    return join(podDir(this.opts.dataDir, podUid), 'containers', name);
  }

  private async checkWorkingDir(config: ContainerConfig): Promise<string | undefined> {
    const s = await stat(config.workingDir).catch(() => undefined);
    if (s === undefined) return `chdir ${config.workingDir}: no such file or directory`;
    return s.isDirectory() ? undefined : `chdir ${config.workingDir}: not a directory`;
  }

  /** Makes each mount a symlink in the container directory; returns a problem, if any. */
  private async linkMounts(config: ContainerConfig, containerDir: string): Promise<string | undefined> {
    for (const m of config.mounts) {
      const rel = m.mountPath.replace(/^\/+/, '');
      const link = resolve(containerDir, rel);
      if (rel === '' || !link.startsWith(containerDir + sep)) return `mount ${m.name}: mountPath ${JSON.stringify(m.mountPath)} is not a path below /`;
      try {
        await mkdir(dirname(link), { recursive: true });
        const existing = await lstat(link).catch(() => undefined);
        if (existing?.isSymbolicLink() === true) await unlink(link);
        else if (existing !== undefined) return `mount ${m.name}: ${link} exists and is not a symlink`;
        await symlink(m.hostPath, link);
      } catch (err) {
        return `mount ${m.name}: ${(err as Error).message}`;
      }
    }
    return undefined;
  }

  /** The instance's cgroup with its limits; undefined without cgroups; a string: why it failed. */
  private async instanceCgroup(config: ContainerConfig): Promise<CgroupPaths | undefined | string> {
    const sys = await this.cgroups;
    if (sys === undefined) return undefined;
    const rel = join(this.opts.cgroupParent, config.podUid, `${config.name}-${config.attempt}`);
    try {
      const paths = await createCgroup(sys, rel);
      await applyLimits(paths, config);
      return paths;
    } catch (err) {
      this.log.error({ err, pod: config.podUid, container: config.name }, 'creating the cgroup failed');
      return `cgroup ${rel}: ${(err as Error).message}`;
    }
  }

  private async startError(config: ContainerConfig, message: string): Promise<ContainerInstance> {
    const record: InstanceRecord = {
      ...this.baseRecord(config),
      pid: 0,
      pgid: 0,
      startTimeTicks: 0,
      exited: { exitCode: START_ERROR_EXIT_CODE, reason: 'StartError', message, finishedAt: new Date().toISOString() },
    };
    this.entries.set(record.id, newEntry(record, false));
    await this.persist(record);
    this.log.info({ pod: config.podUid, container: config.name, attempt: config.attempt, message }, 'container could not start');
    return toInstance(record);
  }

  private baseRecord(config: ContainerConfig): Pick<InstanceRecord, 'version' | 'id' | 'podUid' | 'name' | 'attempt' | 'init' | 'config'> {
    const { podUid, name, attempt, init } = config;
    return { version: STATE_FORMAT_VERSION, id: instanceId(podUid, name, attempt), podUid, name, attempt, init, config };
  }

  private async persist(record: InstanceRecord): Promise<void> {
    await writeRecord(this.opts.dataDir, record).catch((err: unknown) => this.log.error({ err, id: record.id }, 'writing instance state failed'));
  }

  private async spawnInstance(config: ContainerConfig, file: string, cgroup: CgroupPaths | undefined): Promise<ContainerInstance> {
    const target = spawnTarget(file, config.argv, cgroup);
    const fd = openSync(logPath(this.opts.dataDir, config.podUid, config.name, config.attempt), 'a');
    let child: ChildProcess;
    try {
      child = spawn(target.file, target.args, { argv0: target.argv0, cwd: config.workingDir, env: { ...config.env }, detached: true, stdio: ['ignore', fd, fd] });
    } catch (err) {
      if (cgroup !== undefined) await removeCgroup(cgroup).catch(() => undefined);
      return this.startError(config, `exec: "${config.argv[0] ?? ''}": ${(err as Error).message}`);
    } finally {
      // The child has its own copy; ours would only keep the file open.
      closeSync(fd);
    }
    const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) => child.once('exit', (code, signal) => res({ code, signal })));
    const spawnError = await new Promise<Error | undefined>((res) => {
      child.once('spawn', () => res(undefined));
      child.once('error', (err) => res(err));
    });
    if (spawnError !== undefined || child.pid === undefined) {
      if (cgroup !== undefined) await removeCgroup(cgroup).catch(() => undefined);
      return this.startError(config, `exec: "${config.argv[0] ?? ''}": ${spawnError?.message ?? 'spawn failed'}`);
    }
    child.on('error', (err) => this.log.warn({ err, pid: child.pid }, 'container process error'));
    child.unref();
    return this.track(config, child.pid, cgroup, exit);
  }

  /** Starts watching a spawned instance; resolves once its record is on disk, so a crash right after start still finds it. */
  private async track(config: ContainerConfig, pid: number, cgroup: CgroupPaths | undefined, exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>): Promise<ContainerInstance> {
    const record: InstanceRecord = {
      ...this.baseRecord(config),
      pid,
      pgid: pid,
      startTimeTicks: readProcStatSync(pid)?.startTimeTicks ?? 0,
      startedAt: new Date().toISOString(),
      ...(cgroup !== undefined ? { cgroup } : {}),
    };
    const entry = newEntry(record, false);
    entry.persisted = this.persist(record);
    this.entries.set(record.id, entry);
    void exit.then(({ code, signal }) => this.onChildExit(entry, code, signal));
    this.log.info({ pod: config.podUid, container: config.name, attempt: config.attempt, pid }, 'container started');
    await entry.persisted;
    return toInstance(record);
  }

  // --- exits ---------------------------------------------------------------------------------

  private async onChildExit(entry: Entry, code: number | null, signal: NodeJS.Signals | null): Promise<void> {
    // A closed runtime leaves its instances to the next agent process, which adopts them.
    if (this.closed) return;
    try {
      await entry.persisted;
      const exitCode = code ?? signalExitCode(signal);
      const cgroup = entry.record.cgroup;
      const oom = signal === 'SIGKILL' && cgroup !== undefined && (await oomKilled(cgroup));
      const reason = oom ? 'OOMKilled' : exitCode === 0 ? 'Completed' : 'Error';
      await this.finishExit(entry, { exitCode, reason, finishedAt: new Date().toISOString(), ...(signal !== null ? { signal } : {}) });
    } catch (err) {
      this.log.error({ err, id: entry.record.id }, 'handling a container exit failed');
    }
  }

  /**
   * Once per instance: kills what is left of it (the rest of its process group, its cgroup),
   * records the exit, then tells the listeners.
   */
  private async finishExit(entry: Entry, exit: ExitRecord, notify = true): Promise<void> {
    if (entry.finishing) return;
    entry.finishing = true;
    await this.killLeftovers(entry.record);
    entry.record = { ...entry.record, exited: exit };
    if (!entry.removed) {
      await this.persist(entry.record);
      const path = logPath(this.opts.dataDir, entry.record.podUid, entry.record.name, entry.record.attempt);
      await rotateIfNeeded(path, this.opts.logMaxBytes, this.opts.logMaxFiles).catch(() => undefined);
    }
    entry.markExited();
    this.log.info({ id: entry.record.id, exitCode: exit.exitCode, reason: exit.reason, signal: exit.signal }, 'container exited');
    if (notify) this.notify(toInstance(entry.record));
  }

  private notify(instance: ContainerInstance): void {
    for (const listener of this.listeners) {
      try {
        listener(instance);
      } catch (err) {
        this.log.error({ err, id: instance.id }, 'an onExit listener threw');
      }
    }
  }

  /** No orphan outlives its instance: SIGKILL to the rest of the group and the cgroup, then rmdir. */
  private async killLeftovers(record: InstanceRecord): Promise<void> {
    try {
      await signalGroup(record.pgid, record.startTimeTicks, 'SIGKILL');
      if (record.cgroup !== undefined) {
        await killCgroup(record.cgroup);
        await removeCgroup(record.cgroup);
      }
    } catch (err) {
      this.log.warn({ err, id: record.id }, 'cleaning up after a container failed');
    }
  }

  /** Adopted instances are not our children: no exit event, so look for them every adoptedPollMs. */
  private async pollAdopted(): Promise<void> {
    if (this.polling || this.closed) return;
    this.polling = true;
    try {
      for (const e of this.entries.values()) {
        if (!e.adopted || e.record.exited !== undefined || isSameProcessAlive(e.record.pid, e.record.startTimeTicks)) continue;
        await this.finishExit(e, { exitCode: UNKNOWN_EXIT_CODE, reason: 'ContainerStatusUnknown', message: EXITED_ADOPTED, finishedAt: new Date().toISOString() });
      }
    } catch (err) {
      this.log.error({ err }, 'polling adopted containers failed');
    } finally {
      this.polling = false;
    }
  }

  /**
   * Fires once per exit of an instance that ran (ours or adopted), after the exit is on disk. A
   * StartError is not an exit: start() already returned it. Nor are exits that recover() finds.
   */
  onExit(listener: (instance: ContainerInstance) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // --- stop and remove -----------------------------------------------------------------------

  private entry(id: string): Entry {
    const e = this.entries.get(id);
    if (e === undefined) throw new BerthError('NOT_FOUND', `container instance ${id} not found`);
    return e;
  }

  /** Signals a running instance's group (and on SIGKILL its cgroup); a gone adopted one is left to the poller. */
  private async signal(e: Entry, signal: NodeJS.Signals): Promise<void> {
    const r = e.record;
    if (r.exited !== undefined || r.pid <= 0) return;
    if (e.adopted && !isSameProcessAlive(r.pid, r.startTimeTicks)) return;
    try {
      await signalGroup(r.pgid, r.startTimeTicks, signal);
      if (signal === 'SIGKILL' && r.cgroup !== undefined) await killCgroup(r.cgroup);
    } catch (err) {
      this.log.warn({ err, id: r.id, signal }, 'signalling a container failed');
    }
  }

  async stop(id: string, graceMs: number): Promise<ContainerInstance> {
    const e = this.entry(id);
    if (e.record.exited !== undefined) return toInstance(e.record);
    await e.persisted;
    await this.signal(e, 'SIGTERM');
    const timer = setTimeout(() => void this.signal(e, 'SIGKILL'), Math.max(0, graceMs));
    try {
      await e.exited;
    } finally {
      clearTimeout(timer);
    }
    return toInstance(e.record);
  }

  async remove(id: string): Promise<void> {
    const e = this.entries.get(id);
    if (e === undefined) return;
    if (e.record.exited === undefined) throw new BerthError('FAILED_PRECONDITION', `container instance ${id} is running: stop it before removing it`);
    this.entries.delete(id);
    await deleteRecord(this.opts.dataDir, e.record.podUid, e.record.name, e.record.attempt);
    await this.pruneContainerLogs(e.record.podUid, e.record.name);
  }

  /** Keeps the newest instancesKeptPerContainer attempts' logs, and always those still running. */
  private async pruneContainerLogs(podUid: string, name: string): Promise<void> {
    const running = new Set([...this.entries.values()].filter((e) => e.record.podUid === podUid && e.record.name === name && e.record.exited === undefined).map((e) => e.record.attempt));
    await pruneLogs(containerLogDir(this.opts.dataDir, podUid, name), this.opts.instancesKeptPerContainer, running).catch((err: unknown) => this.log.warn({ err, pod: podUid, container: name }, 'pruning logs failed'));
  }

  async removePod(podUid: string): Promise<void> {
    checkSegment('podUid', podUid);
    const mine = [...this.entries.values()].filter((e) => e.record.podUid === podUid);
    for (const e of mine) e.removed = true;
    await Promise.all(mine.map((e) => e.persisted));
    await Promise.all(mine.map((e) => this.signal(e, 'SIGKILL')));
    const waited = await Promise.race([Promise.all(mine.map((e) => e.exited)).then(() => true), sleep(this.opts.removePodWaitMs, false, { ref: false })]);
    if (!waited) this.log.warn({ pod: podUid }, 'containers still running after SIGKILL; deleting the pod anyway');
    for (const e of mine) this.entries.delete(e.record.id);
    const sys = await this.cgroups;
    if (sys !== undefined) await removePodCgroups(sys, join(this.opts.cgroupParent, podUid)).catch((err: unknown) => this.log.warn({ err, pod: podUid }, 'removing pod cgroups failed'));
    await rm(podDir(this.opts.dataDir, podUid), { recursive: true, force: true });
  }

  // --- recovery ------------------------------------------------------------------------------

  async recover(): Promise<ContainerInstance[]> {
    const { records, corrupt } = await readRecords(this.opts.dataDir);
    for (const r of records) {
      if (this.entries.has(r.id)) continue;
      if (r.exited !== undefined) {
        this.entries.set(r.id, newEntry(r, false));
      } else if (r.pid > 0 && isSameProcessAlive(r.pid, r.startTimeTicks)) {
        this.entries.set(r.id, newEntry(r, true));
        this.log.info({ id: r.id, pid: r.pid }, 'adopted a running container');
      } else {
        const e = newEntry(r, false);
        this.entries.set(r.id, e);
        await this.finishExit(e, { exitCode: UNKNOWN_EXIT_CODE, reason: 'ContainerStatusUnknown', message: EXITED_UNOBSERVED, finishedAt: new Date().toISOString() }, false);
      }
    }
    for (const c of corrupt) this.recoverCorrupt(c);
    return this.list();
  }

  /** An unreadable state file: reported as an instance whose fate is unknown; remove() deletes the file. */
  private recoverCorrupt(c: CorruptRecord): void {
    this.log.warn({ file: c.file, error: c.error }, 'unreadable instance state file: reporting the instance as exited with unknown status');
    const id = instanceId(c.podUid, c.name, c.attempt);
    if (this.entries.has(id)) return;
    const config: ContainerConfig = { podUid: c.podUid, namespace: '', podName: '', name: c.name, attempt: c.attempt, init: false, image: '', argv: [], env: {}, workingDir: '', mounts: [], ports: [] };
    const message = `the instance's state file is unreadable (${c.error}); its status is unknown`;
    const record: InstanceRecord = { ...this.baseRecord(config), pid: 0, pgid: 0, startTimeTicks: 0, exited: { exitCode: UNKNOWN_EXIT_CODE, reason: 'ContainerStatusUnknown', message, finishedAt: new Date().toISOString() } };
    this.entries.set(id, newEntry(record, false));
  }

  status(id: string): ContainerInstance | undefined {
    const e = this.entries.get(id);
    return e === undefined ? undefined : toInstance(e.record);
  }

  list(): ContainerInstance[] {
    return [...this.entries.values()].map((e) => toInstance(e.record));
  }

  // --- logs ----------------------------------------------------------------------------------

  async *logs(podUid: string, container: string, options: LogOptions): AsyncGenerator<Buffer> {
    checkSegment('podUid', podUid);
    checkSegment('container', container);
    const attempts = await logAttempts(containerLogDir(this.opts.dataDir, podUid, container));
    if (attempts.length === 0) throw new BerthError('NOT_FOUND', `container "${container}" in pod ${podUid} not found`);
    const attempt = options.previous ? attempts[attempts.length - 2] : attempts[attempts.length - 1];
    if (attempt === undefined) throw new BerthError('NOT_FOUND', `previous terminated container "${container}" in pod ${podUid} not found`);
    const path = logPath(this.opts.dataDir, podUid, container, attempt);
    const segments = await logSegments(path, this.opts.logMaxFiles, options.tailLines);
    const end = segments[segments.length - 1]?.end ?? 0;
    const follow = options.follow && !options.previous;
    yield* limitBytes(this.logStream(segments, follow ? { podUid, container, attempt, offset: end } : undefined, options.signal), options.limitBytes);
  }

  private async *logStream(segments: { path: string; start: number; end: number }[], follow: { podUid: string; container: string; attempt: number; offset: number } | undefined, signal: AbortSignal): AsyncGenerator<Buffer> {
    for (const s of segments) {
      for await (const chunk of readRange(s.path, s.start, s.end)) {
        if (signal.aborted) return;
        yield chunk;
      }
    }
    if (follow === undefined) return;
    const opts = { dataDir: this.opts.dataDir, podUid: follow.podUid, name: follow.container, maxFiles: this.opts.logMaxFiles, pollMs: this.opts.logFollowPollMs, signal };
    yield* followLog(follow.attempt, follow.offset, opts);
  }

  /** Copytruncate for every running instance's log above logMaxBytes. */
  private async rotateLogs(): Promise<void> {
    if (this.rotating || this.closed) return;
    this.rotating = true;
    try {
      for (const e of this.entries.values()) {
        if (e.record.exited !== undefined) continue;
        const path = logPath(this.opts.dataDir, e.record.podUid, e.record.name, e.record.attempt);
        await rotateIfNeeded(path, this.opts.logMaxBytes, this.opts.logMaxFiles).catch((err: unknown) => this.log.warn({ err, path }, 'rotating a log failed'));
      }
    } finally {
      this.rotating = false;
    }
  }

  // --- exec and usage ------------------------------------------------------------------------

  exec(id: string, argv: readonly string[], options: ExecOptions): ExecSession {
    const e = this.entry(id);
    const r = e.record;
    if (r.exited !== undefined) throw new BerthError('FAILED_PRECONDITION', `container "${r.name}" is not running`);
    if (argv.length === 0) throw new BerthError('INVALID_ARGUMENT', 'command: must not be empty (got [])');
    const exe = resolveExecutable(argv[0] ?? '', r.config.env.PATH ?? DEFAULT_CONTAINER_PATH, r.config.workingDir);
    if ('error' in exe) return failedExec(`${exe.error}\n`, exe.notFound ? EXEC_NOT_FOUND_EXIT_CODE : EXEC_NOT_EXECUTABLE_EXIT_CODE);
    const target = spawnTarget(exe.file, argv, r.cgroup);
    let child: ChildProcess;
    try {
      child = spawn(target.file, target.args, { argv0: target.argv0, cwd: r.config.workingDir, env: { ...r.config.env }, detached: true, stdio: 'pipe' });
    } catch (err) {
      return failedExec(`exec: "${argv[0] ?? ''}": ${(err as Error).message}\n`, EXEC_NOT_FOUND_EXIT_CODE);
    }
    return runExec(child, options, this.opts.execMaxBufferedBytes, this.log);
  }

  async usage(id: string): Promise<Usage | undefined> {
    const e = this.entries.get(id);
    if (e === undefined || e.record.exited !== undefined) return undefined;
    const r = e.record;
    const raw = r.cgroup !== undefined ? await cgroupUsage(r.cgroup) : await processGroupUsage(r.pgid, r.startTimeTicks);
    if (raw === undefined) return undefined;
    const now = Date.now();
    // The first measurement covers the time since the instance started.
    const prev = e.lastUsage ?? { cpuNanos: 0, atMs: r.startedAt === undefined ? now : Date.parse(r.startedAt) };
    e.lastUsage = { cpuNanos: raw.cpuNanos, atMs: now };
    const wallNanos = (now - prev.atMs) * 1e6;
    const cpuMillicores = wallNanos > 0 ? Math.max(0, ((raw.cpuNanos - prev.cpuNanos) / wallNanos) * 1000) : 0;
    return { cpuMillicores, memoryBytes: raw.memoryBytes };
  }

  /** Stops the timers; running instances keep running for the next agent process to adopt. */
  close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers) clearInterval(t);
    this.timers.length = 0;
    return Promise.resolve();
  }
}

// --- exec sessions ---------------------------------------------------------------------------

type ExecChunk = { readonly stream: 'stdout' | 'stderr'; readonly data: Buffer };

/** A session for a command that could not be started: its message on stderr, then its code. */
function failedExec(message: string, exitCode: number): ExecSession {
  async function* output(): AsyncGenerator<ExecChunk> {
    yield { stream: 'stderr', data: Buffer.from(message) };
  }
  return { output: output(), exitCode: Promise.resolve(exitCode) };
}

/**
 * Output of an exec as an async iterable. At most maxBuffered bytes wait for the consumer: above
 * that the child's pipes are paused, so a slow reader slows the command instead of filling memory.
 */
class ExecOutput {
  private readonly queue: ExecChunk[] = [];
  private queued = 0;
  private paused = false;
  private ended = false;
  private discard = false;
  private wake: (() => void) | undefined;

  constructor(
    private readonly child: ChildProcess,
    private readonly maxBuffered: number,
  ) {
    child.stdout?.on('data', (data: Buffer) => this.push({ stream: 'stdout', data }));
    child.stderr?.on('data', (data: Buffer) => this.push({ stream: 'stderr', data }));
  }

  push(chunk: ExecChunk): void {
    if (this.discard) return;
    this.queue.push(chunk);
    this.queued += chunk.data.length;
    if (this.queued > this.maxBuffered && !this.paused) this.setPaused(true);
    this.signal();
  }

  end(): void {
    this.ended = true;
    this.signal();
  }

  private signal(): void {
    const w = this.wake;
    this.wake = undefined;
    w?.();
  }

  private setPaused(paused: boolean): void {
    this.paused = paused;
    for (const s of [this.child.stdout, this.child.stderr]) {
      if (paused) s?.pause();
      else s?.resume();
    }
  }

  async *iterate(): AsyncGenerator<ExecChunk> {
    try {
      for (;;) {
        const next = this.queue.shift();
        if (next !== undefined) {
          this.queued -= next.data.length;
          if (this.paused && this.queued <= this.maxBuffered) this.setPaused(false);
          yield next;
        } else if (this.ended) {
          return;
        } else {
          await new Promise<void>((res) => (this.wake = res));
        }
      }
    } finally {
      // A consumer that stops reading must not leave the command blocked on a full pipe.
      this.discard = true;
      this.queue.length = 0;
      this.setPaused(false);
    }
  }
}

function runExec(child: ChildProcess, options: ExecOptions, maxBuffered: number, log: Logger): ExecSession {
  const out = new ExecOutput(child, maxBuffered);
  const startTicks = child.pid === undefined ? 0 : (readProcStatSync(child.pid)?.startTimeTicks ?? 0);
  let ended: 'timeout' | 'aborted' | undefined;
  const kill = (why: 'timeout' | 'aborted'): void => {
    ended ??= why;
    if (child.pid !== undefined) void signalGroup(child.pid, startTicks, 'SIGKILL').catch((err: unknown) => log.warn({ err }, 'killing an exec failed'));
  };
  const timer = options.timeoutMs > 0 ? setTimeout(() => kill('timeout'), options.timeoutMs) : undefined;
  const onAbort = (): void => kill('aborted');
  options.signal.addEventListener('abort', onAbort, { once: true });
  if (options.signal.aborted) onAbort();
  child.stdin?.on('error', () => undefined);
  child.stdin?.end(options.stdin ?? Buffer.alloc(0));
  // Whatever the command left running in its group goes with it.
  child.once('exit', () => {
    if (child.pid !== undefined) void signalGroup(child.pid, startTicks, 'SIGKILL').catch(() => undefined);
  });
  const exitCode = new Promise<number>((res) => {
    const finish = (code: number): void => {
      if (timer !== undefined) clearTimeout(timer);
      options.signal.removeEventListener('abort', onAbort);
      out.end();
      res(code);
    };
    child.once('error', (err) => {
      if (child.pid !== undefined) return;
      out.push({ stream: 'stderr', data: Buffer.from(`exec: ${err.message}\n`) });
      finish(EXEC_NOT_FOUND_EXIT_CODE);
    });
    child.once('close', (code, signal) => {
      finish(ended === 'timeout' ? EXEC_TIMEOUT_EXIT_CODE : ended === 'aborted' ? EXEC_ABORTED_EXIT_CODE : (code ?? signalExitCode(signal)));
    });
  });
  return { output: out.iterate(), exitCode };
}

/** Compiles the options and creates the runtime. */
export function createProcessRuntime(options: ProcessRuntimeOptions): ProcessRuntime {
  return new ProcessRuntime(compileProcessRuntimeOptions(options));
}
