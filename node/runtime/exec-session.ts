// Running a command in a running instance (exec). The command gets the instance's env, working
// directory and cgroup (spawn-target.ts), and its own process group, detached like the instance;
// its output comes back through pipes (exec-output.ts). A timeout or an abort kills the group, and
// so does the command's exit: whatever it left running goes with it. A command that cannot be
// found or run is a session with Docker's message on stderr and exit code 127 or 126.
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import type { Logger } from 'pino';
import { BerthError } from '../../client/index.js';
import { EXEC_ABORTED_EXIT_CODE, EXEC_NOT_EXECUTABLE_EXIT_CODE, EXEC_NOT_FOUND_EXIT_CODE, EXEC_TIMEOUT_EXIT_CODE, signalExitCode } from './exit-codes.js';
import { ExecOutput } from './exec-output.js';
import type { ExecChunk } from './exec-output.js';
import { DEFAULT_CONTAINER_PATH } from './options.js';
import { readProcStatSync } from './proc.js';
import { signalGroup } from './process-group.js';
import { resolveExecutable, spawnTarget } from './spawn-target.js';
import type { InstanceRecord } from './state.js';
import type { ExecOptions, ExecSession } from './types.js';

/** Starts argv in the instance `r` describes; refuses one that has exited. */
export function startExec(r: InstanceRecord, argv: readonly string[], options: ExecOptions, maxBuffered: number, log: Logger): ExecSession {
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
  return runExec(child, options, maxBuffered, log);
}

/** A session for a command that could not be started: its message on stderr, then its code. */
function failedExec(message: string, exitCode: number): ExecSession {
  async function* output(): AsyncGenerator<ExecChunk> {
    yield { stream: 'stderr', data: Buffer.from(message) };
  }
  return { output: output(), exitCode: Promise.resolve(exitCode) };
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
