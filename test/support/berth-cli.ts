// Runs the `berth` CLI as a user runs it (`node client/cli/bin.js ...` as a child process), for
// integration tests: exit code, signal and output, killed after a timeout.
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

/** The repository root, from the sources or from dist/ (as berth-cluster.ts finds it). */
export const ROOT = resolve(new URL('../../', import.meta.url).pathname.replace(/\/dist\/$/, '/'));
export const BERTH_BIN = join(ROOT, 'client/cli/bin.js');

export interface CliRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  readonly stdin?: string;
  /** The child's environment; default: ours without BERTH_SERVER and BERTH_CONFIG, HOME = `home`. */
  readonly env?: NodeJS.ProcessEnv;
  /** HOME for the default environment (so that no user config file is read). */
  readonly home?: string;
  /** Appended as `--server LIST` when given. */
  readonly servers?: string;
  /** @default 20000 */
  readonly timeoutMs?: number;
}

export function cliEnv(home: string | undefined): NodeJS.ProcessEnv {
  const { BERTH_SERVER: _s, BERTH_CONFIG: _c, ...env } = process.env;
  return home === undefined ? env : { ...env, HOME: home };
}

/** Runs `berth ARGS`; resolves with how it ended. */
export function runBerth(args: readonly string[], options: CliOptions = {}): Promise<CliRun> {
  const argv = [BERTH_BIN, ...args, ...(options.servers === undefined ? [] : ['--server', options.servers])];
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, argv, { cwd: ROOT, env: options.env ?? cliEnv(options.home), stdio: ['pipe', 'pipe', 'pipe'], timeout: options.timeoutMs ?? 20_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.once('error', fail);
    child.once('close', (code, signal) => done({ code, signal, stdout, stderr }));
    child.stdin.on('error', () => undefined); // a CLI that never reads stdin may close it first
    child.stdin.end(options.stdin ?? '');
  });
}

/** The run, for assertion messages. */
export function shownRun(r: CliRun): string {
  return `exit ${String(r.code)}${r.signal !== null ? ` (${r.signal})` : ''}\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}`;
}
