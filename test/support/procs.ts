// Helpers for tests and benchmarks that run real processes on this machine: free ports on
// 127.0.0.1, child processes whose output goes to a log file, bounded waits for readiness,
// kills by PID of only the processes we started, and temp directories that are removed at the
// end — also on Ctrl-C and on errors. Integration tests and test/bench/ share this file.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import type { Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** The only host tests and benchmarks talk to. */
export const LOOPBACK = '127.0.0.1';

// --- ports ---------------------------------------------------------------------------------

function listenEphemeral(): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ host: LOOPBACK, port: 0, exclusive: true }, () => resolve(server));
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

/**
 * `count` distinct free TCP ports on 127.0.0.1. All are held open until every one is chosen,
 * so they differ from each other; another process could still take one before the caller
 * binds it, which is rare enough for tests (a failed bind shows in the process's log).
 */
export async function freePorts(count: number): Promise<number[]> {
  const servers: Server[] = [];
  try {
    for (let i = 0; i < count; i++) servers.push(await listenEphemeral());
    return servers.map((s) => {
      const address = s.address();
      if (address === null || typeof address === 'string') throw new Error('freePorts: no TCP address');
      return address.port;
    });
  } finally {
    await Promise.all(servers.map(closeServer));
  }
}

export async function freePort(): Promise<number> {
  const [port] = await freePorts(1);
  if (port === undefined) throw new Error('freePort: no port chosen');
  return port;
}

// --- waiting -------------------------------------------------------------------------------

export interface WaitOptions {
  /** What is being waited for, for the error message. */
  readonly what: string;
  /** @default 20_000 */
  readonly timeoutMs?: number;
  /** @default 50 */
  readonly intervalMs?: number;
}

/** Thrown by a waitFor check to stop waiting at once (e.g. the process being waited on exited). */
export class WaitAborted extends Error {
  override readonly name = 'WaitAborted';
}

/**
 * Calls `check` until it returns true; an error it throws counts as "not yet", except
 * WaitAborted, which is rethrown at once. Gives up after `timeoutMs` with an error naming
 * `what` and the last error `check` threw.
 */
export async function waitFor(check: () => Promise<boolean> | boolean, options: WaitOptions): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const intervalMs = options.intervalMs ?? 50;
  const deadline = performance.now() + timeoutMs;
  const maxAttempts = Math.ceil(timeoutMs / Math.max(1, intervalMs)) + 1;
  let lastError: unknown;
  for (let attempt = 0; attempt < maxAttempts && performance.now() < deadline; attempt++) {
    try {
      if (await check()) return;
    } catch (err) {
      if (err instanceof WaitAborted) throw err;
      lastError = err;
    }
    await sleep(intervalMs);
  }
  const suffix = lastError === undefined ? '' : `; last error: ${errorText(lastError)}`;
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${options.what}${suffix}`, { cause: lastError });
}

/** Resolves true when a TCP connection to host:port is accepted, false when refused. */
export function canConnect(port: number, host = LOOPBACK, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export function waitForPort(port: number, options: Partial<WaitOptions> = {}): Promise<void> {
  return waitFor(() => canConnect(port), { what: `127.0.0.1:${port} to accept connections`, ...options });
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

// --- processes -----------------------------------------------------------------------------

export interface SpawnOptions {
  /** A short name for messages, e.g. 'etcd-1' or 'r2'. */
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  /** stdout and stderr of the child are appended to this file (the parent does not read them). */
  readonly logFile: string;
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
}

export interface ExitInfo {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** A child process we started. Signals go to its PID only, and only while it has not exited. */
export class ManagedProcess {
  readonly name: string;
  readonly pid: number;
  readonly logFile: string;
  /** Resolves when the process has exited (never rejects). */
  readonly exited: Promise<ExitInfo>;
  private exitInfo: ExitInfo | undefined;

  constructor(
    private readonly child: ChildProcess,
    options: SpawnOptions,
  ) {
    if (child.pid === undefined) throw new Error(`${options.name}: spawn of ${options.command} failed (no pid)`);
    this.name = options.name;
    this.pid = child.pid;
    this.logFile = options.logFile;
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exitInfo = { code, signal };
        resolve(this.exitInfo);
      });
    });
  }

  get running(): boolean {
    return this.exitInfo === undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Sends `signal` to this process's PID if it is still running; returns whether it sent. */
  signal(signal: NodeJS.Signals): boolean {
    if (!this.running) return false;
    try {
      return process.kill(this.pid, signal);
    } catch {
      return false;
    }
  }

  /** kill -9, then wait for the exit (bounded). */
  async kill(timeoutMs = 5_000): Promise<void> {
    this.signal('SIGKILL');
    await this.waitExit(timeoutMs);
  }

  /** SIGTERM, then SIGKILL after `graceMs` if it is still running. */
  async stop(graceMs = 3_000): Promise<void> {
    if (!this.signal('SIGTERM')) return;
    if (await this.waitExit(graceMs)) return;
    await this.kill();
  }

  /** Whether the process exited within `timeoutMs`. */
  async waitExit(timeoutMs: number): Promise<boolean> {
    if (!this.running) return true;
    const timer = sleep(timeoutMs, false, { ref: false });
    return Promise.race([this.exited.then(() => true), timer]);
  }

  /** The log so far (for readiness checks and error messages). */
  readLog(): string {
    try {
      return readFileSync(this.logFile, 'utf8');
    } catch {
      return '';
    }
  }

  /** The last `lines` lines of the log, for error messages. */
  logTail(lines = 20): string {
    return this.readLog().split('\n').slice(-lines - 1).join('\n');
  }

  /** Waits until the log contains a line matching `pattern`; fails early if the process exits. */
  async waitForLog(pattern: RegExp, options: Partial<WaitOptions> = {}): Promise<void> {
    await waitFor(
      () => {
        if (pattern.test(this.readLog())) return true;
        if (!this.running) throw new WaitAborted(`${this.name} exited; log tail:\n${this.logTail()}`);
        return false;
      },
      { what: `${this.name} to log ${String(pattern)}`, ...options },
    );
  }
}

/** Starts a process with stdin closed and stdout+stderr appended to `options.logFile`. */
export function spawnProcess(options: SpawnOptions): ManagedProcess {
  const fd = openSync(options.logFile, 'a');
  try {
    const child = spawn(options.command, [...options.args], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', fd, fd],
    });
    // Spawn errors (ENOENT) arrive as an 'error' event; without a listener they would crash us.
    child.once('error', () => undefined);
    return new ManagedProcess(child, options);
  } finally {
    closeSync(fd);
  }
}

// --- cleanup -------------------------------------------------------------------------------

/**
 * Owns what a test or benchmark started: processes and temp directories. `cleanup()` stops the
 * processes (SIGTERM, then SIGKILL) and removes the directories. `installSignalHandlers()` makes
 * Ctrl-C and SIGTERM run the cleanup, and a last synchronous pass on 'exit' kills what is left.
 */
export class Resources {
  private readonly processes = new Set<ManagedProcess>();
  private readonly dirs = new Set<string>();
  private signalHandler: ((signal: NodeJS.Signals) => void) | undefined;
  private readonly exitHandler = (): void => this.cleanupSync();

  spawn(options: SpawnOptions): ManagedProcess {
    const proc = spawnProcess(options);
    this.processes.add(proc);
    void proc.exited.then(() => this.processes.delete(proc));
    return proc;
  }

  async tempDir(prefix: string): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), prefix));
    this.dirs.add(dir);
    return dir;
  }

  tempDirSync(prefix: string): string {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    this.dirs.add(dir);
    return dir;
  }

  async cleanup(graceMs = 3_000): Promise<void> {
    await Promise.all([...this.processes].map((p) => p.stop(graceMs)));
    await Promise.all([...this.dirs].map((d) => rm(d, { recursive: true, force: true })));
    this.dirs.clear();
    this.removeSignalHandlers();
  }

  /** Kills every process we started with SIGKILL and removes the temp dirs, synchronously. */
  cleanupSync(): void {
    for (const p of this.processes) p.signal('SIGKILL');
    for (const d of this.dirs) rmSync(d, { recursive: true, force: true });
    this.dirs.clear();
  }

  installSignalHandlers(onSignal?: (signal: NodeJS.Signals) => void): void {
    if (this.signalHandler !== undefined) return;
    this.signalHandler = (signal) => {
      onSignal?.(signal);
      void this.cleanup(1_000).finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    };
    process.once('SIGINT', this.signalHandler);
    process.once('SIGTERM', this.signalHandler);
    process.once('exit', this.exitHandler);
  }

  private removeSignalHandlers(): void {
    if (this.signalHandler === undefined) return;
    process.off('SIGINT', this.signalHandler);
    process.off('SIGTERM', this.signalHandler);
    process.off('exit', this.exitHandler);
    this.signalHandler = undefined;
  }
}
