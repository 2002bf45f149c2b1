// Restart back-off of one container, and the timer seam the pod worker schedules through. The
// wait doubles with each crash up to a maximum, as the kubelet's CrashLoopBackOff does; a
// container that ran long enough before it ended starts over from the first wait.

/** Timers as the pod worker uses them; tests pass a fake clock. */
export interface PodTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: PodTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class RestartBackoff {
  private currentMs = 0;

  constructor(
    private readonly initialMs: number,
    private readonly maxMs: number,
    private readonly resetAfterMs: number,
  ) {}

  /** The wait before restarting a container that ran for `ranMs` before it ended. */
  next(ranMs: number): number {
    if (ranMs >= this.resetAfterMs) this.currentMs = 0;
    this.currentMs = this.currentMs === 0 ? this.initialMs : Math.min(this.currentMs * 2, this.maxMs);
    return this.currentMs;
  }

  /** The wait the last next() returned (0 before any). */
  get lastMs(): number {
    return this.currentMs;
  }
}

/** "4s", "1m0s", "500ms": durations as Go prints them in the kubelet's back-off message. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  const s = ms / 1000;
  if (s < 60) return `${Number.isInteger(s) ? s : s.toFixed(1)}s`;
  const m = Math.floor(s / 60);
  const rest = s - m * 60;
  return `${m}m${Number.isInteger(rest) ? rest : rest.toFixed(1)}s`;
}
