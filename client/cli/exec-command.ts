// `berth exec`: runs a command in a container. Its stdout and stderr go to the CLI's as they
// come, and the CLI exits with the command's exit code, as kubectl does. With -i, the CLI's
// standard input (read whole first, at most MAX_EXEC_STDIN_BYTES) is the command's.
import { StringDecoder } from 'node:string_decoder';
import { BerthError } from '../index.js';
import { UsageError, stringFlag } from './args.js';
import type { CliIo, CommandContext, LeafCommand } from './command.js';
import { podArg } from './logs-command.js';
import { durationFlag, nodeCalls } from './node-commands.js';
import { namespaceFlag } from './object-common.js';

/** The most standard input `exec -i` sends. */
export const MAX_EXEC_STDIN_BYTES = 1 << 20;

/** The exit code of a CLI whose exec was interrupted with Ctrl-C (128 + SIGINT), as a shell has it. */
const INTERRUPTED_EXIT_CODE = 130;

const USAGE = 'exec POD [-c CONTAINER] [-n NS] [-i] [--timeout 60s] -- COMMAND [ARGS...]';

/** The command: everything after `--`, which must follow exactly one POD. */
function commandOf(ctx: CommandContext): string[] {
  const dash = ctx.argv.indexOf('--');
  if (dash < 0) throw new UsageError(`exec: put the command after --; usage: berth ${USAGE}`);
  const command = ctx.argv.slice(dash + 1);
  if (command.length === 0) throw new UsageError(`exec: missing COMMAND after --; usage: berth ${USAGE}`);
  const before = ctx.positionals.length - command.length;
  if (before > 1) throw new UsageError(`exec: unexpected argument ${JSON.stringify(ctx.positionals[1])} before --; usage: berth ${USAGE}`);
  return command;
}

/** Standard input for -i, whole; over MAX_EXEC_STDIN_BYTES is an error. */
async function stdinOf(io: CliIo): Promise<Buffer> {
  let data: Buffer;
  if (io.readStdinBytes !== undefined) data = Buffer.from(await io.readStdinBytes(MAX_EXEC_STDIN_BYTES));
  else if (io.readStdin !== undefined) data = Buffer.from(await io.readStdin(), 'utf8');
  else throw new UsageError('-i/--stdin: there is no standard input to read here');
  if (data.length > MAX_EXEC_STDIN_BYTES) {
    throw new BerthError('TOO_LARGE', `-i/--stdin: standard input is over ${MAX_EXEC_STDIN_BYTES} bytes (1 MiB), more than exec sends`, {
      details: { maxBytes: MAX_EXEC_STDIN_BYTES },
    });
  }
  return data;
}

/** Writes raw bytes to stderr; an io without stderrBytes gets them decoded (split characters kept whole). */
function stderrWriter(io: CliIo): (data: Buffer) => void {
  if (io.stderrBytes !== undefined) return (data) => io.stderrBytes?.(data);
  const decoder = new StringDecoder('utf8');
  return (data) => {
    const text = decoder.write(data);
    if (text !== '') io.stderr(text);
  };
}

export const execCommand: LeafCommand = {
  name: 'exec',
  summary: 'Run a command in a container',
  usage: USAGE,
  help: `  -c, --container NAME       the container (needed when the pod has more than one)
  -n, --namespace NS         the pod's namespace (default: "default")
  -i, --stdin                send this terminal's standard input (read to its end first, at
                             most 1 MiB) to the command
  --timeout DURATION         how long the command may run (default: the server's)

POD may also be written pod/POD. The command's stdout and stderr are written as they come, and
berth exits with the command's exit code. A command is run once: it is never sent again after
it reached the leader, whatever happens to the connection.`,
  options: {
    container: { type: 'string', short: 'c' },
    namespace: { type: 'string', short: 'n' },
    stdin: { type: 'boolean', short: 'i' },
    timeout: { type: 'string' },
  },
  args: ['POD', '[COMMAND...]'],
  async run(ctx) {
    const pod = podArg(ctx.positionals[0], 'exec');
    const command = commandOf(ctx);
    const container = stringFlag('-c/--container', ctx.values['container']);
    if (container === '') throw new UsageError('-c/--container: needs a container name');
    const timeoutMs = durationFlag('timeout', ctx.values['timeout']);
    const namespace = namespaceFlag(ctx);
    const stdin = ctx.values['stdin'] === true ? await stdinOf(ctx.io) : undefined;
    const abort = new AbortController();
    const output = nodeCalls(ctx).exec(pod, command, {
      ...(namespace !== undefined ? { namespace } : {}),
      ...(container !== undefined ? { container } : {}),
      ...(stdin !== undefined ? { stdin } : {}),
      ...(timeoutMs !== undefined ? { timeoutSeconds: Math.ceil(timeoutMs / 1000) } : {}),
      signal: abort.signal,
    });
    const writeStderr = stderrWriter(ctx.io);
    const stop = ctx.io.onInterrupt(() => abort.abort());
    let exitCode: number | undefined;
    try {
      for await (const piece of output) {
        if (piece.stdout !== undefined) ctx.io.stdout(piece.stdout);
        if (piece.stderr !== undefined) writeStderr(piece.stderr);
        if (piece.exitCode !== undefined) exitCode = piece.exitCode;
      }
    } catch (err) {
      if (abort.signal.aborted) return INTERRUPTED_EXIT_CODE;
      throw err;
    } finally {
      stop();
    }
    if (exitCode === undefined) throw new BerthError('INTERNAL', `exec in pod ${pod}: the server ended the call without the command's exit code`);
    return exitCode;
  },
};
