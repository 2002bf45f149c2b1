// The shape of a CLI command and what it gets to run: its parsed flags, its arguments, a client
// (connected on first use to the --server addresses or the config file) and the terminal.
import type { ClusterOverview, ClusterStatus, DiscoveryClient, KvClient, Member, NodeClient, ObjectApi } from '../index.js';
import type { FlagValue, OptionSpecs } from './args.js';

/** Where the CLI reads and writes; tests give their own. */
export interface CliIo {
  stdout(data: string | Uint8Array): void;
  stderr(text: string): void;
  /** Whether stderr is a terminal: progress is then redrawn in place instead of logged line by line. */
  readonly stderrIsTTY?: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Calls `handler` on Ctrl-C; returns a function that stops listening. */
  onInterrupt(handler: () => void): () => void;
  /** All of standard input, for `-f -`. Without it, `-f -` is refused. */
  readStdin?(): Promise<string>;
  /**
   * Standard input as bytes (`exec -i`), reading no more than `maxBytes` + 1 of it: a longer
   * result means there was more. Without it, readStdin is used.
   */
  readStdinBytes?(maxBytes: number): Promise<Uint8Array>;
  /** Raw bytes to standard error (`exec`); without it, they are decoded as UTF-8 for stderr(). */
  stderrBytes?(data: Uint8Array): void;
  /** The clock for ages in tables, in ms since the epoch. @default Date.now */
  now?(): number;
}

/** The cluster calls the CLI makes (a subset of the SDK's client.cluster). */
export interface CliClusterApi {
  /** Every member's view: leader, term, and per member its role, health and indexes. */
  status(): Promise<ClusterOverview>;
  /** The detailed Raft view of the replica that answers. */
  replicaStatus(): Promise<ClusterStatus>;
  members(): Promise<Member[]>;
  addMember(id: string, address: string, onProgress?: (message: string) => void): Promise<void>;
  removeMember(id: string): Promise<void>;
  transferLeader(to: string): Promise<void>;
}

/** The node calls the CLI makes (the SDK's client.nodes). */
export type CliNodeApi = Pick<NodeClient, 'logs' | 'exec' | 'usage' | 'cordon' | 'uncordon' | 'drain'>;

/** The discovery call the CLI makes (the SDK's client.discovery). */
export type CliDiscoveryApi = Pick<DiscoveryClient, 'lookup'>;

/** What commands use of the SDK's Client; tests pass an in-memory one through RunCliOptions. */
export interface CliClient extends ObjectApi {
  readonly kv: Pick<KvClient, 'range' | 'put' | 'delete' | 'watch'>;
  readonly cluster: CliClusterApi;
  /** The SDK's client has it; without it, the node verbs (logs, exec, top, cordon, drain) fail. */
  readonly nodes?: CliNodeApi;
  /** The SDK's client has it; without it, `resolve` computes the set from the Service and its Endpoints. */
  readonly discovery?: CliDiscoveryApi;
  close(): void;
}

/** Where to connect, as the flags and environment say; connect() fills in the rest. */
export interface ConnectTarget {
  servers?: string[];
  config?: string;
}

export interface CommandContext {
  readonly values: Readonly<Record<string, FlagValue>>;
  readonly positionals: readonly string[];
  /** The command's arguments as given (after its name): `exec` finds its `--` there. */
  readonly argv: readonly string[];
  readonly io: CliIo;
  client(): CliClient;
}

/** A command of a group (`kv get`) or a top-level verb (`get`). */
export interface LeafCommand {
  readonly name: string;
  /** Other names it answers to, e.g. "ns" for `create namespace`. */
  readonly aliases?: readonly string[];
  readonly summary: string;
  /** The usage line after "berth", e.g. "kv get KEY [--prefix] [-o json|yaml|table]". */
  readonly usage: string;
  /** Flags and arguments, one per line, and what -o json prints. */
  readonly help: string;
  readonly options: OptionSpecs;
  /** Names of the positional arguments, in order: "[NAME]" is optional, "NAME..." repeats. */
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

/** The clock of a run: io.now when given, else the system clock. */
export function nowOf(io: CliIo): number {
  return io.now?.() ?? Date.now();
}
