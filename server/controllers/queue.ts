// A controller's work queue, after client-go's: a key is queued at most once, is never handed to
// two workers at once (a key changed while being worked on is queued again when its worker is
// done), can be queued for later (addAfter), and a key whose reconcile failed comes back after a
// per-key exponential back-off. The queue holds keys, not objects, so its size is bounded by the
// number of objects; delayed keys are bounded the same way (one timer entry per key).

export interface WorkQueueOptions {
  readonly workers: number;
  readonly retryMinMs: number;
  readonly retryMaxMs: number;
}

export class WorkQueue {
  private readonly queued = new Set<string>();
  private readonly order: string[] = [];
  private head = 0;
  private readonly active = new Set<string>();
  /** Keys changed while active: queued again when their worker finishes. */
  private readonly dirty = new Set<string>();
  private readonly failures = new Map<string, number>();
  /** Delayed keys: due time, and one timer for the earliest. */
  private readonly delayed = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private timerDue = Infinity;
  private stopped = false;
  /** Keys are taken but not worked on until start(): the controller is still being set up. */
  private started = false;

  constructor(
    private readonly opts: WorkQueueOptions,
    private readonly work: (key: string) => Promise<number | undefined>,
    private readonly onError: (key: string, err: unknown, retryMs: number) => void,
    private readonly now: () => number = Date.now,
    autoStart = true,
  ) {
    this.started = autoStart;
  }

  get length(): number {
    return this.order.length - this.head + this.delayed.size;
  }

  /** Keys being reconciled right now. */
  get busy(): number {
    return this.active.size;
  }

  add(key: string): void {
    if (this.stopped) return;
    if (this.active.has(key)) {
      this.dirty.add(key);
      return;
    }
    if (this.queued.has(key)) return;
    this.queued.add(key);
    this.order.push(key);
    this.pump();
  }

  addAfter(key: string, ms: number): void {
    if (this.stopped) return;
    if (ms <= 0) {
      this.add(key);
      return;
    }
    const due = this.now() + ms;
    const cur = this.delayed.get(key);
    if (cur !== undefined && cur <= due) return;
    this.delayed.set(key, due);
    this.arm();
  }

  /** Begins handing keys to workers. */
  start(): void {
    this.started = true;
    this.pump();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.queued.clear();
    this.order.length = 0;
    this.head = 0;
    this.delayed.clear();
    this.dirty.clear();
  }

  /** Resolves when nothing is queued, delayed for less than `withinMs`, or being worked on. */
  async idle(withinMs = 0): Promise<void> {
    for (;;) {
      const soon = [...this.delayed.values()].some((d) => d - this.now() <= withinMs);
      if (this.order.length - this.head === 0 && this.active.size === 0 && !soon) return;
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  private pump(): void {
    while (this.started && !this.stopped && this.active.size < this.opts.workers && this.head < this.order.length) {
      const key = this.order[this.head++]!;
      if (this.head > 1024 && this.head * 2 > this.order.length) {
        this.order.splice(0, this.head);
        this.head = 0;
      }
      this.queued.delete(key);
      this.active.add(key);
      void this.run(key);
    }
  }

  private async run(key: string): Promise<void> {
    let retryMs: number | undefined;
    try {
      const after = await this.work(key);
      this.failures.delete(key);
      if (after !== undefined) this.addAfter(key, after);
    } catch (err) {
      const n = (this.failures.get(key) ?? 0) + 1;
      this.failures.set(key, n);
      retryMs = Math.min(this.opts.retryMaxMs, this.opts.retryMinMs * 2 ** Math.min(n - 1, 30));
      this.onError(key, err, retryMs);
    }
    this.active.delete(key);
    if (this.stopped) return;
    if (retryMs !== undefined) this.addAfter(key, retryMs);
    if (this.dirty.delete(key)) this.add(key);
    this.pump();
  }

  private arm(): void {
    let earliest = Infinity;
    for (const d of this.delayed.values()) earliest = Math.min(earliest, d);
    if (earliest === Infinity || earliest >= this.timerDue) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timerDue = earliest;
    this.timer = setTimeout(() => this.fire(), Math.max(0, earliest - this.now()));
    this.timer.unref();
  }

  private fire(): void {
    this.timer = undefined;
    this.timerDue = Infinity;
    if (this.stopped) return;
    const now = this.now();
    for (const [key, due] of [...this.delayed]) {
      if (due > now) continue;
      this.delayed.delete(key);
      this.add(key);
    }
    this.arm();
  }
}
