// The output of an exec session as an async iterable, with a bound on what waits for the reader:
// above it the command's pipes are paused, so a slow reader slows the command down instead of
// filling the agent's memory, and a reader that stops reading does not leave it blocked.
import type { ChildProcess } from 'node:child_process';

export type ExecChunk = { readonly stream: 'stdout' | 'stderr'; readonly data: Buffer };

/**
 * Output of an exec as an async iterable. At most maxBuffered bytes wait for the consumer: above
 * that the child's pipes are paused, so a slow reader slows the command instead of filling memory.
 */
export class ExecOutput {
  private readonly queue: ExecChunk[] = [];
  private queued = 0;
  private paused = false;
  private ended = false;
  private discard = false;
  private wake: (() => void) | undefined;

  constructor(
    private readonly child: ChildProcess,
    private readonly maxBuffered: number,
  ) {
    child.stdout?.on('data', (data: Buffer) => this.push({ stream: 'stdout', data }));
    child.stderr?.on('data', (data: Buffer) => this.push({ stream: 'stderr', data }));
  }

  push(chunk: ExecChunk): void {
    if (this.discard) return;
    this.queue.push(chunk);
    this.queued += chunk.data.length;
    if (this.queued > this.maxBuffered && !this.paused) this.setPaused(true);
    this.signal();
  }

  end(): void {
    this.ended = true;
    this.signal();
  }

  private signal(): void {
    const w = this.wake;
    this.wake = undefined;
    w?.();
  }

  private setPaused(paused: boolean): void {
    this.paused = paused;
    for (const s of [this.child.stdout, this.child.stderr]) {
      if (paused) s?.pause();
      else s?.resume();
    }
  }

  async *iterate(): AsyncGenerator<ExecChunk> {
    try {
      for (;;) {
        const next = this.queue.shift();
        if (next !== undefined) {
          this.queued -= next.data.length;
          if (this.paused && this.queued <= this.maxBuffered) this.setPaused(false);
          yield next;
        } else if (this.ended) {
          return;
        } else {
          await new Promise<void>((res) => (this.wake = res));
        }
      }
    } finally {
      // A consumer that stops reading must not leave the command blocked on a full pipe.
      this.discard = true;
      this.queue.length = 0;
      this.setPaused(false);
    }
  }
}
