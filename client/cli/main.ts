// The `berth` CLI: subcommand dispatch, help on every level, one client per run. It is built on
// the public SDK only. Commands that live in server/ (`berth server`, `berth up`) are passed in
// by the real entry point as `extra`, because client/ must not import server/.
//
// Exit codes: 0 success, 1 the command failed ("error: <message>" on stderr), 2 usage error.
import { isBerthError } from '../index.js';
import type { Client } from '../index.js';
import { connect } from '../index.js';
import { UsageError, expectArgs, parseFlags, parseServers } from './args.js';
import { clusterGroup } from './cluster-commands.js';
import type { CliCommand, CliIo, CommandGroup, LeafCommand } from './command.js';
import { kvGroup } from './kv-commands.js';

export type { CliCommand, CliIo } from './command.js';
export { UsageError } from './args.js';

/** Where commands connect when neither --server nor BERTH_SERVER says. */
export const DEFAULT_SERVER = '127.0.0.1:7001';

const GROUPS: readonly CommandGroup[] = [kvGroup, clusterGroup];

const GLOBAL_HELP = `Global flags:
  --server ADDRS       replicas to talk to, comma-separated host:port
                       (default: $BERTH_SERVER, else ${DEFAULT_SERVER})
  -h, --help           help for any command`;

export function processIo(): CliIo {
  return {
    stdout: (data) => void process.stdout.write(data),
    stderr: (text) => void process.stderr.write(text),
    env: process.env,
    onInterrupt(handler) {
      process.once('SIGINT', handler);
      return () => process.off('SIGINT', handler);
    },
  };
}

function topHelp(extra: Readonly<Record<string, CliCommand>>): string {
  const rows: [string, string][] = [...GROUPS.map((g): [string, string] => [g.name, g.summary]), ...Object.entries(extra).map(([n, c]): [string, string] => [n, c.summary])];
  const width = Math.max(...rows.map(([n]) => n.length));
  return `berth: a small container orchestrator

Usage: berth [--server ADDRS] COMMAND [ARGS] [flags]

Commands:
${rows.map(([n, s]) => `  ${n.padEnd(width)}  ${s}`).join('\n')}

${GLOBAL_HELP}

Run "berth COMMAND --help" for more.
`;
}

function groupHelp(g: CommandGroup): string {
  const width = Math.max(...g.commands.map((c) => c.name.length));
  return `${g.summary}

Usage: berth ${g.name} COMMAND [ARGS] [flags]

Commands:
${g.commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

${GLOBAL_HELP}

Run "berth ${g.name} COMMAND --help" for more.
`;
}

function leafHelp(c: LeafCommand): string {
  return `${c.summary}

Usage: berth ${c.usage}
${c.help !== '' ? `\n${c.help}\n` : ''}
${GLOBAL_HELP}
`;
}

/** Reads --server and --help given before the command name. */
function splitGlobals(argv: readonly string[]): { server: string | undefined; help: boolean; rest: string[] } {
  let server: string | undefined;
  let help = false;
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i] as string;
    if (!a.startsWith('-')) break;
    if (a === '-h' || a === '--help') help = true;
    else if (a === '--server') server = argv[++i] ?? '';
    else if (a.startsWith('--server=')) server = a.slice('--server='.length);
    else throw new UsageError(`${a.split('=')[0]}: unknown flag before the command (see berth --help)`);
  }
  return { server, help, rest: argv.slice(i) };
}

async function runLeaf(leaf: LeafCommand, argv: string[], globalServer: string | undefined, io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(argv, leaf.options);
  if (values['help'] === true) {
    io.stdout(leafHelp(leaf));
    return 0;
  }
  expectArgs(positionals, leaf.args, `berth ${leaf.usage}`);
  const flagServer = typeof values['server'] === 'string' ? values['server'] : undefined;
  const endpoints = parseServers(flagServer ?? globalServer ?? io.env['BERTH_SERVER'] ?? DEFAULT_SERVER);
  let client: Client | undefined;
  try {
    return await leaf.run({ values, positionals, io, client: () => (client ??= connect({ endpoints })) });
  } finally {
    client?.close();
  }
}

async function runGroup(group: CommandGroup, argv: string[], globalServer: string | undefined, io: CliIo): Promise<number> {
  const [verb, ...rest] = argv;
  if (verb === undefined) {
    io.stderr(groupHelp(group));
    throw new UsageError(`berth ${group.name} needs a command (${group.commands.map((c) => c.name).join(', ')})`);
  }
  if (verb === '-h' || verb === '--help' || verb === 'help') {
    io.stdout(groupHelp(group));
    return 0;
  }
  const leaf = group.commands.find((c) => c.name === verb);
  if (leaf === undefined) {
    throw new UsageError(`unknown command "${group.name} ${verb}" (commands: ${group.commands.map((c) => c.name).join(', ')})`);
  }
  return runLeaf(leaf, rest, globalServer, io);
}

/**
 * Runs the CLI on `argv` (without node and the script) and returns the exit code. `extra` adds
 * top-level commands that parse their own arguments; a UsageError thrown by one exits with 2.
 */
export async function runCli(argv: string[], extra: Readonly<Record<string, CliCommand>> = {}, io: CliIo = processIo()): Promise<number> {
  try {
    const { server, help, rest } = splitGlobals(argv);
    const [name, ...args] = rest;
    if (name === undefined && !help) {
      io.stderr(topHelp(extra));
      throw new UsageError('a command is needed');
    }
    if (name === undefined || name === 'help') {
      io.stdout(topHelp(extra));
      return 0;
    }
    const group = GROUPS.find((g) => g.name === name);
    if (group !== undefined) return await runGroup(group, help ? ['--help'] : args, server, io);
    const command = extra[name];
    if (command !== undefined) return await command.run(help ? ['--help', ...args] : args);
    throw new UsageError(`unknown command "${name}" (see berth --help)`);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`error: ${err.message}\n`);
      return 2;
    }
    io.stderr(`error: ${isBerthError(err) || err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}
