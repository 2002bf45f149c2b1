// A bounded record of what happened in a run, printed when a seed fails. Recording never draws
// randomness or calls into the core, so a verbose replay takes exactly the same path.

/** Lines kept for the tail printed on failure. */
const TRACE_TAIL_LINES = 400;

export class Trace {
  private readonly lines: string[] = [];
  private next = 0;

  constructor(
    /** Record per-step detail (messages, Readys), not only notable events. */
    readonly detailed: boolean,
    /** Print notable events as they happen. */
    private readonly live: ((line: string) => void) | undefined,
  ) {}

  /** A notable event: a fault, a membership change, a new leader. */
  event(now: number, text: string): void {
    const line = `[${now}] ${text}`;
    this.keep(line);
    this.live?.(line);
  }

  /** Per-step detail; the caller builds the text only when `detailed` is set. */
  detail(now: number, text: string): void {
    this.keep(`[${now}]   ${text}`);
  }

  private keep(line: string): void {
    if (this.lines.length < TRACE_TAIL_LINES) this.lines.push(line);
    else this.lines[this.next] = line;
    this.next = (this.next + 1) % TRACE_TAIL_LINES;
  }

  tail(): string[] {
    if (this.lines.length < TRACE_TAIL_LINES) return this.lines.slice();
    return [...this.lines.slice(this.next), ...this.lines.slice(0, this.next)];
  }
}
