// Flag parsing for the CLI: node:util parseArgs in strict mode, with every refusal turned into a
// UsageError that names the flag and shows what was given. Usage errors exit with code 2.
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export type OptionSpecs = NonNullable<ParseArgsConfig['options']>;

/** What a flag parses to: a string, a boolean, every value of a repeatable flag, or nothing. */
export type FlagValue = string | boolean | string[] | undefined;

/** Flags every command takes. */
export const GLOBAL_OPTIONS = {
  server: { type: 'string' },
  config: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies OptionSpecs;

export interface Parsed {
  readonly values: Record<string, FlagValue>;
  readonly positionals: string[];
}

/**
 * parseArgs with berth's habits: strict, positionals allowed, errors as UsageError. Like kubectl,
 * a boolean flag also takes an explicit `--flag=true` or `--flag=false`, and a short flag `-o=json`.
 */
export function parseFlags(argv: readonly string[], options: OptionSpecs): Parsed {
  const specs: OptionSpecs = { ...GLOBAL_OPTIONS, ...options };
  const explicit: Record<string, boolean> = {};
  const rest: string[] = [];
  const shortStrings = new Set(Object.values(specs).filter((o) => o.type === 'string' && o.short !== undefined).map((o) => o.short));
  for (const [i, a] of argv.entries()) {
    const afterDashes = argv.slice(0, i).includes('--');
    const m = /^--([^=]+)=(true|false)$/.exec(a);
    const short = /^-([A-Za-z])=(.*)$/.exec(a);
    if (m !== null && specs[m[1] as string]?.type === 'boolean' && !afterDashes) explicit[m[1] as string] = m[2] === 'true';
    // kubectl also takes `-o=json`; parseArgs would read the value as "=json".
    else if (short !== null && shortStrings.has(short[1]) && !afterDashes) rest.push(`-${short[1]}`, short[2] as string);
    else rest.push(a);
  }
  try {
    const { values, positionals } = parseArgs({ args: rest, options: specs, strict: true, allowPositionals: true });
    return { values: { ...(values as Record<string, FlagValue>), ...explicit }, positionals };
  } catch (err) {
    throw new UsageError(describeParseError(err));
  }
}

/** parseArgs' messages, shortened to name the flag and the problem. */
function describeParseError(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const code = (err as { code?: string }).code;
  // parseArgs quotes the flag first: '--foo', '--server <value>' or '-o, --output <value>'.
  const flag = (/'([^']*)'/.exec(message)?.[1] ?? '').replace(/ <value>$/, '').replace(', ', '/');
  if (flag === '') return message;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `${flag}: unknown flag (see --help)`;
  if (message.includes('argument missing')) return `${flag}: needs a value`;
  if (message.includes('does not take an argument')) return `${flag}: takes no value`;
  if (message.includes('ambiguous')) return `${flag}: a value that starts with "-" goes after "=": ${flag.split('/').at(-1) ?? flag}=VALUE`;
  return message;
}

/** The one value of a string flag; the last one wins when it was given more than once. */
export function stringFlag(name: string, value: FlagValue): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.at(-1);
  throw new UsageError(`${name}: needs a value`);
}

/** Every value of a repeatable flag (`-f a -f b`), each also split at commas when `commas`. */
export function listFlag(value: FlagValue, commas = false): string[] {
  const all = value === undefined || typeof value === 'boolean' ? [] : Array.isArray(value) ? value : [value];
  return commas ? all.flatMap((v) => v.split(',')).filter((v) => v !== '') : all;
}

export function intFlag(name: string, value: FlagValue, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min) throw new UsageError(`--${name}: must be an integer >= ${min} (got ${JSON.stringify(value)})`);
  return n;
}

export function choiceFlag<T extends string>(name: string, value: FlagValue, choices: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (choices as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${name}: must be one of ${choices.join(', ')} (got ${JSON.stringify(value)})`);
}

const ADDRESS = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/;

/** The --server list: comma-separated host:port addresses. */
export function parseServers(value: string): string[] {
  const list = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (list.length === 0) throw new UsageError('--server: must list at least one host:port');
  for (const a of list) if (!ADDRESS.test(a)) throw new UsageError(`--server: each address must be host:port (got ${JSON.stringify(a)})`);
  return list;
}

/**
 * Checks the count of positional arguments against the command's usage line. A name in
 * brackets ("[NAME]") is optional and one ending in "..." takes any number of arguments; the
 * required names come first.
 */
export function expectArgs(positionals: readonly string[], names: readonly string[], usage: string): void {
  const required = names.filter((n) => !n.startsWith('['));
  const variadic = names.some((n) => n.replace(/]$/, '').endsWith('...'));
  if (positionals.length < required.length) {
    throw new UsageError(`missing ${required.slice(positionals.length).join(' ')}; usage: ${usage}`);
  }
  if (!variadic && positionals.length > names.length) {
    throw new UsageError(`unexpected argument ${JSON.stringify(positionals[names.length])}; usage: ${usage}`);
  }
}
