// Reconnect delays: exponential from min to max, with "equal jitter" (half fixed, half random)
// so that replicas that lost a peer at the same instant do not reconnect in lockstep.

export interface BackoffLimits {
  readonly reconnectBackoffMinMs: number;
  readonly reconnectBackoffMaxMs: number;
}

/** The delay before attempt number `failures` (1 after the first failure). */
export function backoffDelayMs(limits: BackoffLimits, failures: number, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(failures - 1, 0), 30);
  const base = Math.min(limits.reconnectBackoffMaxMs, limits.reconnectBackoffMinMs * 2 ** exponent);
  return Math.round(base / 2 + (random() * base) / 2);
}
