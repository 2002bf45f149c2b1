// The child processes of `berth up` (replicas, nats-server, later agents): each in its own
// process group with its output appended to a log file, signalled only by its own PID, and
// watched so that one that exits on its own is reported at once.
import { spawn } from 'node:child_process';
import { accessSync, closeSync, constants, openSync, statSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import type { Server } from 'node:net';
import { delimiter, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface ChildSpec {
  /** A short name for messages: "r1", "nats-server". */
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  /** stdout and stderr are appended here; berth up itself never reads them. */
  readonly logFile: string;
}

export interface ExitInfo {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface Child {
  readonly name: string;
  readonly pid: number;
  readonly logFile: string;
  /** Resolves when the process has exited; never rejects. */
  readonly exited: Promise<ExitInfo>;
  readonly running: boolean;
}

export interface UnexpectedExit {
  readonly child: Child;
  readonly info: ExitInfo;
}

/** How often a port is tried while waiting for a process to listen. */
const PORT_POLL_MS = 100;

export function describeExit(info: ExitInfo): string {
  return info.signal !== null ? `killed by ${info.signal}` : `exit code ${info.code ?? '?'}`;
}

/**
 * Starts one child. It gets its own process group (`detached`), so that Ctrl-C in the terminal
 * reaches berth up alone and berth up decides the order of the shutdown; `Children` makes sure
 * none outlives berth up.
 */
function spawnChild(spec: ChildSpec): Child {
  const fd = openSync(spec.logFile, 'a');
  try {
    const proc = spawn(spec.command, [...spec.args], { stdio: ['ignore', fd, fd], detached: true });
    // A failed spawn (ENOENT) is reported as an 'error' event, which must have a listener.
    proc.once('error', () => undefined);
    if (proc.pid === undefined) throw new Error(`${spec.name}: cannot start ${spec.command}`);
    let info: ExitInfo | undefined;
    const exited = new Promise<ExitInfo>((resolve) => proc.once('exit', (code, signal) => resolve((info = { code, signal }))));
    return {
      name: spec.name,
      pid: proc.pid,
      logFile: spec.logFile,
      exited,
      get running() {
        return info === undefined && proc.exitCode === null && proc.signalCode === null;
      },
    };
  } finally {
    closeSync(fd);
  }
}

function signalChild(child: Child, signal: NodeJS.Signals): void {
  if (!child.running) return;
  try {
    process.kill(child.pid, signal);
  } catch {
    // It exited between the check and the signal.
  }
}

async function exitedWithin(child: Child, ms: number): Promise<boolean> {
  if (!child.running) return true;
  return Promise.race([child.exited.then(() => true), sleep(ms, false, { ref: false })]);
}

/** Every process berth up started, and the first of them to exit while not being stopped. */
export class Children {
  private readonly list: Child[] = [];
  private stopping = false;
  private reportExit: (exit: UnexpectedExit) => void = () => undefined;
  private exitListener: ((exit: UnexpectedExit) => void) | undefined;
  /** Resolves when a child exits before stopAll() was called. */
  readonly unexpectedExit: Promise<UnexpectedExit>;
  // A last, synchronous pass: if berth up dies of an error, its children die with it.
  private readonly onProcessExit = (): void => this.killAllSync();

  constructor() {
    this.unexpectedExit = new Promise((resolve) => (this.reportExit = resolve));
    process.once('exit', this.onProcessExit);
  }

  /** Starts a child; refused once stopAll() has begun, so that a late start cannot outlive it. */
  start(spec: ChildSpec): Child {
    if (this.stopping) throw new Error(`not starting ${spec.name}: berth up is stopping`);
    const child = spawnChild(spec);
    this.list.push(child);
    void child.exited.then((info) => {
      if (this.stopping) return;
      this.reportExit({ child, info });
      this.exitListener?.({ child, info });
    });
    return child;
  }

  /** Calls `fn` for every child that exits while not being stopped (unexpectedExit is only the first). */
  onUnexpectedExit(fn: (exit: UnexpectedExit) => void): void {
    this.exitListener = fn;
  }

  all(): readonly Child[] {
    return this.list;
  }

  /** SIGTERM to each child by PID; SIGKILL to those still running after `graceMs`. */
  async stopAll(graceMs: number, killWaitMs: number): Promise<void> {
    this.stopping = true;
    for (const c of this.list) signalChild(c, 'SIGTERM');
    const done = await Promise.all(this.list.map((c) => exitedWithin(c, graceMs)));
    const stuck = this.list.filter((_, i) => done[i] !== true);
    for (const c of stuck) signalChild(c, 'SIGKILL');
    await Promise.all(stuck.map((c) => exitedWithin(c, killWaitMs)));
    process.off('exit', this.onProcessExit);
  }

  killAllSync(): void {
    this.stopping = true;
    for (const c of this.list) signalChild(c, 'SIGKILL');
  }
}

/** The path of an executable `name` on PATH, or undefined. */
export function findOnPath(name: string, path = process.env['PATH'] ?? ''): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (dir === '') continue;
    const file = join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      if (statSync(file).isFile()) return file;
    } catch {
      // Not here.
    }
  }
  return undefined;
}

/** Whether a TCP connection to 127.0.0.1:port is accepted (within `timeoutMs`). */
export function portAccepts(port: number, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Waits until `child` accepts connections on `port`. Fails at once if the child exits, and
 * after `timeoutMs` otherwise; both errors name the child's log.
 */
export async function waitForListening(child: Child, port: number, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (!child.running) throw new Error(`${child.name} exited while starting; see ${child.logFile}`);
    if (await portAccepts(port)) return;
    if (performance.now() > deadline) {
      throw new Error(`${child.name} did not accept connections on 127.0.0.1:${port} within ${timeoutMs} ms; see ${child.logFile}`);
    }
    await sleep(PORT_POLL_MS);
  }
}

function listenEphemeral(): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0, exclusive: true }, () => resolve(server));
  });
}

/**
 * `count` distinct free ports on 127.0.0.1, none of them in `avoid`. All are held open until
 * every one is chosen, so that they differ from each other.
 */
export async function freePorts(count: number, avoid: readonly number[] = []): Promise<number[]> {
  const held: Server[] = [];
  const ports: number[] = [];
  try {
    while (ports.length < count) {
      const server = await listenEphemeral();
      held.push(server);
      const address = server.address();
      if (address === null || typeof address === 'string') throw new Error('freePorts: no TCP address');
      if (!avoid.includes(address.port)) ports.push(address.port);
    }
    return ports;
  } finally {
    await Promise.all(held.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  }
}
