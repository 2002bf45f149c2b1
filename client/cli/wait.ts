// Waiting for workloads from the CLI: the --timeout flag of the waiting verbs, and `apply --wait`,
// which follows every Deployment, StatefulSet, DaemonSet and Job it applied with the SDK's
// rollout status (the code behind `berth rollout status` too) and shows one line per object on
// stderr: redrawn in place on a terminal, printed whenever it changes otherwise.
import { ROLLOUT_KINDS, RolloutClient, RolloutFailedError, findKind } from '../index.js';
import type { KubeObject } from '../index.js';
import { UsageError, stringFlag } from './args.js';
import type { FlagValue } from './args.js';
import type { CliIo, CommandContext } from './command.js';
import { reportError } from './output.js';
import { parseDuration } from './printers/age.js';
import { objectRef } from './printers/index.js';

/** How long `apply --wait` waits for everything it applied, unless --timeout says otherwise. */
export const DEFAULT_WAIT_TIMEOUT = '5m';
/** Objects `apply --wait` follows at once (one watch each); the others wait their turn. */
export const MAX_PARALLEL_WAITS = 16;

/** --timeout: a duration (90s, 5m, 1h), 0 for no limit, `fallback` when not given. */
export function timeoutFlag(value: FlagValue, fallback: string): WaitTimeout {
  const text = stringFlag('--timeout', value) ?? fallback;
  const ms = parseDuration(text);
  if (ms === undefined || ms < 0) throw new UsageError(`--timeout: must be a duration such as 90s, 5m or 1h, or 0 for no limit (got ${JSON.stringify(text)})`);
  return { ms, text };
}

/** The SDK's rollout calls over a run's client. */
export function rolloutsOf(ctx: CommandContext): RolloutClient {
  return new RolloutClient(ctx.client());
}

/** Whether `apply --wait` waits for an object of this kind. */
export function isWaitable(obj: KubeObject): boolean {
  const k = findKind(obj.kind);
  return k !== undefined && ROLLOUT_KINDS.includes(k.kind);
}

/** One line per object on stderr, "REF: STATE". */
export class ProgressLines {
  private readonly order: string[] = [];
  private readonly text = new Map<string, string>();
  /** Lines drawn on the terminal so far, which the next redraw goes back over. */
  private drawn = 0;

  constructor(private readonly io: CliIo) {}

  get(ref: string): string | undefined {
    return this.text.get(ref);
  }

  set(ref: string, state: string): void {
    if (this.text.get(ref) === state) return;
    if (!this.text.has(ref)) this.order.push(ref);
    this.text.set(ref, state);
    if (this.io.stderrIsTTY !== true) {
      this.io.stderr(`${ref}: ${state}\n`);
      return;
    }
    // Back to the first line drawn, then every line again, each cleared first.
    let out = this.drawn > 0 ? `\x1b[${this.drawn}A` : '';
    for (const r of this.order) out += `\r\x1b[2K${r}: ${this.text.get(r) ?? ''}\n`;
    this.drawn = this.order.length;
    this.io.stderr(out);
  }
}

interface Failure {
  readonly ref: string;
  readonly err: unknown;
}

/** How long to wait, in ms (0: no limit), and as the user gave it, for messages. */
export interface WaitTimeout {
  readonly ms: number;
  readonly text: string;
}

/**
 * Why waiting for `obj` failed. A timeout is told with the time as the user gave it: the SDK
 * only saw what was left of it when this object's turn came.
 */
function failureOf(err: unknown, obj: KubeObject, timeout: WaitTimeout, last: string | undefined): Error {
  if (!(err instanceof RolloutFailedError) || err.reason !== 'Timeout') return err instanceof Error ? err : new Error(String(err));
  const k = findKind(obj.kind);
  const state = last !== undefined ? ` (${last})` : '';
  return new Error(`timed out after ${timeout.text} waiting for the rollout of ${k?.singular ?? obj.kind} "${obj.metadata.name ?? ''}"${state}`);
}

/**
 * Follows each object until its rollout is done (a Job: until it completed), at most
 * MAX_PARALLEL_WAITS at once, all within `timeout` (0 ms: no limit). Each failure is reported on
 * stderr, naming the object; returns whether every one succeeded. Ctrl-C stops waiting.
 */
export async function waitForObjects(ctx: CommandContext, objects: readonly KubeObject[], timeout: WaitTimeout): Promise<boolean> {
  const rollouts = rolloutsOf(ctx);
  const lines = new ProgressLines(ctx.io);
  const deadline = timeout.ms > 0 ? Date.now() + timeout.ms : undefined;
  const interrupted = new AbortController();
  const stop = ctx.io.onInterrupt(() => interrupted.abort());
  const failures: Failure[] = [];
  const queue = [...objects];
  const worker = async (): Promise<void> => {
    for (let obj = queue.shift(); obj !== undefined; obj = queue.shift()) {
      const ref = objectRef(obj);
      try {
        const res = await rollouts.status(obj.kind, obj.metadata.name ?? '', {
          namespace: obj.metadata.namespace ?? 'default',
          timeoutMs: deadline === undefined ? 0 : Math.max(1, deadline - Date.now()),
          ...(obj.metadata.generation !== undefined ? { generation: obj.metadata.generation } : {}),
          signal: interrupted.signal,
          onProgress: (p) => lines.set(ref, p.message),
        });
        lines.set(ref, res.message);
      } catch (err) {
        const failure = failureOf(err, obj, timeout, lines.get(ref));
        lines.set(ref, `failed: ${failure.message}`);
        failures.push({ ref, err: failure });
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(MAX_PARALLEL_WAITS, queue.length) }, worker));
  } finally {
    stop();
  }
  for (const f of failures) reportError(ctx.io, f.err, f.ref);
  return failures.length === 0;
}
