// Flag parsing for the CLI: node:util parseArgs in strict mode, with every refusal turned into a
// UsageError that names the flag and shows what was given. Usage errors exit with code 2.
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export type OptionSpecs = NonNullable<ParseArgsConfig['options']>;

/** Flags every command takes. */
export const GLOBAL_OPTIONS = {
  server: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies OptionSpecs;

export interface Parsed {
  readonly values: Record<string, string | boolean | undefined>;
  readonly positionals: string[];
}

/** parseArgs with berth's habits: strict, positionals allowed, errors as UsageError. */
export function parseFlags(argv: readonly string[], options: OptionSpecs): Parsed {
  try {
    const { values, positionals } = parseArgs({ args: [...argv], options: { ...GLOBAL_OPTIONS, ...options }, strict: true, allowPositionals: true });
    return { values: values as Record<string, string | boolean | undefined>, positionals };
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
  return message;
}

export function intFlag(name: string, value: string | boolean | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min) throw new UsageError(`--${name}: must be an integer >= ${min} (got ${JSON.stringify(value)})`);
  return n;
}

export function choiceFlag<T extends string>(name: string, value: string | boolean | undefined, choices: readonly T[], fallback: T): T {
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

/** Checks the count of positional arguments against the command's usage line. */
export function expectArgs(positionals: readonly string[], names: readonly string[], usage: string): void {
  if (positionals.length < names.length) {
    throw new UsageError(`missing ${names.slice(positionals.length).join(' ')}; usage: ${usage}`);
  }
  if (positionals.length > names.length) {
    throw new UsageError(`unexpected argument ${JSON.stringify(positionals[names.length])}; usage: ${usage}`);
  }
}
