// The `berth` CLI: subcommand dispatch, help on every level, one client per run. It is built on
// the public SDK only. Commands that live in server/ (`berth server`, `berth up`) are passed in
// by the real entry point as `extra`, because client/ must not import server/.
//
// Exit codes: 0 success, 1 the command failed ("error: <message>" on stderr), 2 usage error.
import { homedir } from 'node:os';
import { Client } from '../index.js';
import { UsageError, expectArgs, parseFlags, parseServers, stringFlag } from './args.js';
import { clusterGroup } from './cluster-commands.js';
import type { CliClient, CliCommand, CliIo, CommandGroup, ConnectTarget, LeafCommand } from './command.js';
import { execCommand } from './exec-command.js';
import { kvGroup } from './kv-commands.js';
import { logsCommand } from './logs-command.js';
import { nodeCommands } from './node-commands.js';
import { createGroup, objectCommands } from './object-commands.js';
import { reportError } from './output.js';
import { resolveCommand } from './resolve-command.js';
import { rolloutGroup } from './rollout-command.js';
import { scaleCommand } from './scale-command.js';
import { versionCommand } from './version-command.js';

export type { CliClient, CliClusterApi, CliCommand, CliIo, CliNodeApi, ConnectTarget } from './command.js';
export { UsageError } from './args.js';

const GROUPS: readonly CommandGroup[] = [createGroup, rolloutGroup, kvGroup, clusterGroup];

/** The groups listed with the object commands in the top-level help; the others are cluster commands. */
const OBJECT_GROUPS: readonly CommandGroup[] = [createGroup, rolloutGroup];

/** The verbs about pods' containers, nodes and Services: logs, exec, top, cordon, uncordon, drain, resolve. */
const WORKLOAD_VERBS: readonly LeafCommand[] = [logsCommand, execCommand, ...nodeCommands, resolveCommand];

/** Verbs at the top level, kubectl's way: `berth get pods`. */
const VERBS: readonly LeafCommand[] = [...objectCommands, scaleCommand, ...WORKLOAD_VERBS, versionCommand];

const GLOBAL_HELP = `Global flags:
  --server ADDRS       replicas to talk to, comma-separated host:port (default: $BERTH_SERVER)
  --config FILE        the client config file, which lists the servers (default: $BERTH_CONFIG,
                       else ~/.berth/config). A flag wins over the environment: --server, else
                       --config, else $BERTH_SERVER, else $BERTH_CONFIG
  -h, --help           help for any command`;

export interface RunCliOptions {
  /**
   * Makes the client of a run, on first use. @default the SDK's connect(). Tests pass one that
   * returns an in-memory client.
   */
  connect?(target: ConnectTarget): CliClient;
}

export function processIo(): CliIo {
  return {
    stdout: (data) => void process.stdout.write(data),
    stderr: (text) => void process.stderr.write(text),
    stderrIsTTY: process.stderr.isTTY === true,
    env: process.env,
    onInterrupt(handler) {
      process.once('SIGINT', handler);
      return () => process.off('SIGINT', handler);
    },
    async readStdin() {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    async readStdinBytes(maxBytes) {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of process.stdin) {
        chunks.push(chunk as Buffer);
        size += (chunk as Buffer).length;
        // Past the bound, the rest is not read: the caller refuses the input anyway.
        if (size > maxBytes) break;
      }
      return Buffer.concat(chunks);
    },
    stderrBytes: (data) => void process.stderr.write(data),
    now: () => Date.now(),
  };
}

function rowsOf(entries: readonly { name: string; summary: string }[]): string {
  const width = Math.max(...entries.map((e) => e.name.length));
  return entries.map((e) => `  ${e.name.padEnd(width)}  ${e.summary}`).join('\n');
}

function topHelp(extra: Readonly<Record<string, CliCommand>>): string {
  const cluster = [...GROUPS.filter((g) => !OBJECT_GROUPS.includes(g)), versionCommand, ...Object.entries(extra).map(([name, c]) => ({ name, summary: c.summary }))];
  return `berth: a small container orchestrator

Usage: berth [--server ADDRS] COMMAND [ARGS] [flags]

Object commands:
${rowsOf([...objectCommands, scaleCommand, ...OBJECT_GROUPS])}

Pod and node commands:
${rowsOf(WORKLOAD_VERBS)}

Cluster commands:
${rowsOf(cluster)}

${GLOBAL_HELP}

Run "berth COMMAND --help" for more.
`;
}

function groupHelp(g: CommandGroup): string {
  return `${g.summary}

Usage: berth ${g.name} COMMAND [ARGS] [flags]

Commands:
${rowsOf(g.commands)}

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

interface Globals {
  readonly server: string | undefined;
  readonly config: string | undefined;
}

/** Reads --server, --config and --help given before the command name. */
function splitGlobals(argv: readonly string[]): Globals & { help: boolean; rest: string[] } {
  const found: Record<'server' | 'config', string | undefined> = { server: undefined, config: undefined };
  let help = false;
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i] as string;
    if (!a.startsWith('-')) break;
    const name = a.slice(2).split('=')[0] as string;
    if (a === '-h' || a === '--help') help = true;
    else if (name !== 'server' && name !== 'config') throw new UsageError(`${a.split('=')[0]}: unknown flag before the command (see berth --help)`);
    else if (a.includes('=')) found[name] = a.slice(a.indexOf('=') + 1);
    else found[name] = argv[++i] ?? '';
  }
  return { ...found, help, rest: argv.slice(i) };
}

/**
 * Where to connect. A flag wins over the environment: --server, else (unless --config is given)
 * $BERTH_SERVER; --config, else $BERTH_CONFIG. With neither, connect() reads ~/.berth/config.
 */
export function connectTarget(flags: Globals, env: Readonly<Record<string, string | undefined>>): ConnectTarget {
  const envServer = env['BERTH_SERVER'] !== undefined && env['BERTH_SERVER'] !== '' ? env['BERTH_SERVER'] : undefined;
  const envConfig = env['BERTH_CONFIG'] !== undefined && env['BERTH_CONFIG'] !== '' ? env['BERTH_CONFIG'] : undefined;
  const server = flags.server ?? (flags.config === undefined ? envServer : undefined);
  const config = flags.config ?? envConfig;
  return { ...(server !== undefined ? { servers: parseServers(server) } : {}), ...(config !== undefined ? { config } : {}) };
}

/**
 * The SDK's client for a target the CLI has resolved. The SDK would also look at BERTH_SERVER
 * and BERTH_CONFIG, before the config option; it gets an environment without them, so that
 * --config wins over $BERTH_SERVER as connectTarget decided. Warnings of writes go to stderr.
 */
function sdkConnect(io: CliIo): (target: ConnectTarget) => CliClient {
  const { BERTH_SERVER: _server, BERTH_CONFIG: _config, ...env } = io.env;
  return (target) => new Client({ ...target, onWarning: (w) => io.stderr(`Warning: ${w}\n`) }, { env, homeDir: homedir() });
}

async function runLeaf(leaf: LeafCommand, argv: string[], globals: Globals, io: CliIo, options: RunCliOptions): Promise<number> {
  const { values, positionals } = parseFlags(argv, leaf.options);
  if (values['help'] === true) {
    io.stdout(leafHelp(leaf));
    return 0;
  }
  expectArgs(positionals, leaf.args, `berth ${leaf.usage}`);
  const flags: Globals = {
    server: stringFlag('--server', values['server']) ?? globals.server,
    config: stringFlag('--config', values['config']) ?? globals.config,
  };
  const target = connectTarget(flags, io.env);
  const open = options.connect ?? sdkConnect(io);
  let client: CliClient | undefined;
  try {
    return await leaf.run({ values, positionals, argv, io, client: () => (client ??= open(target)) });
  } finally {
    client?.close();
  }
}

async function runGroup(group: CommandGroup, argv: string[], globals: Globals, io: CliIo, options: RunCliOptions): Promise<number> {
  const [verb, ...rest] = argv;
  if (verb === undefined) {
    io.stderr(groupHelp(group));
    throw new UsageError(`berth ${group.name} needs a command (${group.commands.map((c) => c.name).join(', ')})`);
  }
  if (verb === '-h' || verb === '--help' || verb === 'help') {
    io.stdout(groupHelp(group));
    return 0;
  }
  const leaf = group.commands.find((c) => c.name === verb || (c.aliases ?? []).includes(verb));
  if (leaf === undefined) {
    throw new UsageError(`unknown command "${group.name} ${verb}" (commands: ${group.commands.map((c) => c.name).join(', ')})`);
  }
  return runLeaf(leaf, rest, globals, io, options);
}

/**
 * Runs the CLI on `argv` (without node and the script) and returns the exit code. `extra` adds
 * top-level commands that parse their own arguments; a UsageError thrown by one exits with 2.
 */
export async function runCli(
  argv: string[],
  extra: Readonly<Record<string, CliCommand>> = {},
  io: CliIo = processIo(),
  options: RunCliOptions = {},
): Promise<number> {
  try {
    const { help, rest, ...globals } = splitGlobals(argv);
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
    if (group !== undefined) return await runGroup(group, help ? ['--help'] : args, globals, io, options);
    const verb = VERBS.find((v) => v.name === name);
    if (verb !== undefined) return await runLeaf(verb, help ? ['--help'] : args, globals, io, options);
    const command = extra[name];
    if (command !== undefined) return await command.run(help ? ['--help', ...args] : args);
    throw new UsageError(`unknown command "${name}" (see berth --help)`);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`error: ${err.message}\n`);
      return 2;
    }
    reportError(io, err);
    return 1;
  }
}
