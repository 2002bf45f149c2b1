// Which endpoint the next connection of a NodePort goes to: round-robin over the ready endpoints,
// passing over one that refused a connection a moment ago while others are there (a pod that is
// Ready on paper but not yet, or no longer, listening).
import type { ServiceEndpoint } from '../../client/index.js';

/** Endpoints remembered as having refused; the oldest is forgotten first beyond this. */
export const MAX_REFUSED_ENTRIES = 1024;

export const endpointKey = (e: ServiceEndpoint): string => `${e.address}|${e.port}`;

export class EndpointPicker {
  private turn = 0;
  /** Endpoint key -> until when (ms, on `now`'s clock) it is passed over. */
  private readonly refused = new Map<string, number>();

  constructor(
    private readonly skipMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The next endpoint among `endpoints` not in `tried`, or undefined when none is left. */
  pick(endpoints: readonly ServiceEndpoint[], tried: ReadonlySet<string> = new Set()): ServiceEndpoint | undefined {
    const candidates = endpoints.filter((e) => !tried.has(endpointKey(e)));
    if (candidates.length === 0) return undefined;
    const t = this.now();
    const willing = candidates.filter((e) => (this.refused.get(endpointKey(e)) ?? -Infinity) <= t);
    const pool = willing.length > 0 ? willing : candidates;
    const chosen = pool[this.turn % pool.length]!;
    this.turn = (this.turn + 1) % Number.MAX_SAFE_INTEGER;
    return chosen;
  }

  /** `e` refused (or did not answer): pass over it for a while. */
  refusedBy(e: ServiceEndpoint): void {
    const t = this.now();
    for (const [k, until] of this.refused) if (until <= t) this.refused.delete(k);
    if (this.refused.size >= MAX_REFUSED_ENTRIES) this.refused.delete(this.refused.keys().next().value!);
    this.refused.delete(endpointKey(e));
    this.refused.set(endpointKey(e), t + this.skipMs);
  }
}
