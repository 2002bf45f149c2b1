// The shape of a CLI command and what it gets to run: its parsed flags, its arguments, a client
// (connected on first use to the --server addresses) and the terminal.
import type { Client } from '../index.js';
import type { OptionSpecs } from './args.js';

/** Where the CLI reads and writes; tests give their own. */
export interface CliIo {
  stdout(data: string | Uint8Array): void;
  stderr(text: string): void;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Calls `handler` on Ctrl-C; returns a function that stops listening. */
  onInterrupt(handler: () => void): () => void;
}

export interface CommandContext {
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  readonly positionals: readonly string[];
  readonly io: CliIo;
  client(): Client;
}

/** A command of a group, e.g. `kv get`. */
export interface LeafCommand {
  readonly name: string;
  readonly summary: string;
  /** The usage line after "berth", e.g. "kv get KEY [--prefix] [-o json|yaml|table]". */
  readonly usage: string;
  /** Flags and arguments, one per line, and what -o json prints. */
  readonly help: string;
  readonly options: OptionSpecs;
  /** Names of the positional arguments, in order (all required). */
  readonly args: readonly string[];
  run(ctx: CommandContext): Promise<number>;
}

export interface CommandGroup {
  readonly name: string;
  readonly summary: string;
  readonly commands: readonly LeafCommand[];
}

/** A top-level command that parses its own arguments: `berth server`, `berth up`. */
export interface CliCommand {
  readonly summary: string;
  run(argv: string[]): Promise<number>;
}
