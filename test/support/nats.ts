// A real nats-server (the Debian package's binary) for integration tests and benchmarks: JetStream
// on, bound to 127.0.0.1 on a port chosen at run time, its store in a temp dir and its log in a
// file, and registered in the caller's Resources so that it is stopped and its dir removed at
// the end — also on Ctrl-C and on errors. A test can kill -9 it and start it again on the same
// port and store, as an operator restarting a crashed NATS would.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { ManagedProcess, Resources } from './procs.js';
import { LOOPBACK, WaitAborted, canConnect, freePort, waitFor } from './procs.js';

export interface StartNatsOptions {
  /** The nats-server executable. @default 'nats-server' (on PATH) */
  readonly binary?: string;
  /** Enable JetStream (`-js`, store in the temp dir). @default true */
  readonly jetstream?: boolean;
  /** How long nats-server may take to accept connections. @default 15_000 */
  readonly readyTimeoutMs?: number;
  /** Starts on a new free port after a failed one (another process took the port first). @default 3 */
  readonly maxAttempts?: number;
  /** Extra nats-server flags, e.g. ['--max_payload', '2MB']. @default [] */
  readonly extraArgs?: readonly string[];
}

export interface NatsServer {
  /** nats://127.0.0.1:PORT */
  readonly url: string;
  readonly port: number;
  /** The running process's PID (a new one after restart()). */
  readonly pid: number;
  /** The temp dir with the JetStream store and the log (removed by the Resources' cleanup). */
  readonly dir: string;
  readonly logFile: string;
  /** SIGTERM, then SIGKILL after a grace period; resolves once the process has exited. */
  stop(): Promise<void>;
  /** kill -9; resolves once the process has exited. */
  kill(): Promise<void>;
  /** Starts it again (after stop() or kill()) on the same port with the same store and log. */
  restart(): Promise<void>;
}

const DEFAULT_BINARY = 'nats-server';
/** How long stop() waits after SIGTERM before SIGKILL. */
const STOP_GRACE_MS = 3_000;

/** Whether `binary` runs here (`nats-server --version` succeeds); tests skip themselves when not. */
export function natsAvailable(binary = DEFAULT_BINARY): boolean {
  const result = spawnSync(binary, ['--version'], { stdio: 'ignore', timeout: 10_000 });
  return result.error === undefined && result.status === 0;
}

function natsArgs(port: number, dir: string, options: StartNatsOptions): string[] {
  const js = options.jetstream ?? true;
  return ['-a', LOOPBACK, '-p', String(port), ...(js ? ['-js', '--store_dir', join(dir, 'store')] : []), ...(options.extraArgs ?? [])];
}

async function waitReady(proc: ManagedProcess, port: number, timeoutMs: number): Promise<void> {
  await waitFor(
    async () => {
      if (!proc.running) throw new WaitAborted(`nats-server exited while starting; log tail:\n${proc.logTail()}`);
      return canConnect(port);
    },
    { what: `nats-server to accept connections on ${LOOPBACK}:${port}`, timeoutMs, intervalMs: 50 },
  );
}

/**
 * Starts nats-server and resolves once its client port accepts connections. Rejects with the
 * log's tail if it cannot start (after `maxAttempts` ports).
 */
export async function startNats(resources: Resources, options: StartNatsOptions = {}): Promise<NatsServer> {
  const dir = await resources.tempDir('berth-nats-');
  const logFile = join(dir, 'nats-server.log');
  const attempts = options.maxAttempts ?? 3;
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const port = await freePort();
    const spawn = (): ManagedProcess => resources.spawn({ name: 'nats-server', command: options.binary ?? DEFAULT_BINARY, args: natsArgs(port, dir, options), logFile });
    let proc = spawn();
    try {
      await waitReady(proc, port, options.readyTimeoutMs ?? 15_000);
    } catch (err) {
      lastError = err;
      await proc.stop(STOP_GRACE_MS);
      // Only a process that died (e.g. its port was taken meanwhile) is worth another port.
      if (!(err instanceof WaitAborted)) break;
      continue;
    }
    return {
      url: `nats://${LOOPBACK}:${port}`,
      port,
      get pid() {
        return proc.pid;
      },
      dir,
      logFile,
      stop: () => proc.stop(STOP_GRACE_MS),
      kill: () => proc.kill(),
      async restart() {
        if (proc.running) throw new Error(`nats-server (pid ${proc.pid}) is still running; stop or kill it first`);
        proc = spawn();
        await waitReady(proc, port, options.readyTimeoutMs ?? 15_000);
      },
    };
  }
  throw new Error(`cannot start nats-server (${attempts} attempts at most); log: ${logFile}`, { cause: lastError });
}
