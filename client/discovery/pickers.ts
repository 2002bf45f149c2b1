// Client-side load balancing over a Service's ready endpoints. A picker reads the discovery cache
// on every pick (a synchronous lookup that allocates nothing), so it follows the Service's changes
// without a subscription of its own: a new pod is picked from the next call on, a gone one never.
import { UnavailableError } from '../errors.js';
import type { ServiceEndpoint } from './wire.js';

/** The ready endpoints of the picker's Service now; throws when the Service is unknown. */
export type ReadyLookup = () => readonly ServiceEndpoint[];

/** One request's endpoint; call done() when the request ends (more calls are ignored). */
export interface OutstandingPick {
  readonly endpoint: ServiceEndpoint;
  done(): void;
}

/** The turn counter wraps here, well inside the safe integers. */
const MAX_TURN = 2 ** 30;

function noneReady(what: string): UnavailableError {
  return new UnavailableError(`${what} has no ready endpoints`, { details: { reason: 'no ready endpoints' } });
}

/** Each ready endpoint in turn. */
export class RoundRobinPicker {
  private turn = 0;

  /** `what` names the Service in errors: 'service "web" in namespace "default"'. */
  constructor(
    private readonly lookup: ReadyLookup,
    private readonly what: string,
  ) {}

  /** The next endpoint; UNAVAILABLE when none is ready, NOT_FOUND when the Service is unknown. */
  pick(): ServiceEndpoint {
    const ready = this.lookup();
    if (ready.length === 0) throw noneReady(this.what);
    const endpoint = ready[this.turn % ready.length]!;
    this.turn = (this.turn + 1) % MAX_TURN;
    return endpoint;
  }
}

/** The endpoint with the fewest requests in flight (of this picker); ties are taken in turn. */
export class LeastOutstandingPicker {
  private turn = 0;
  /** Requests in flight by address:port; an endpoint with none has no entry, so this stays small. */
  private readonly inFlight = new Map<string, number>();
  /** address:port of each endpoint object, worked out once per set. */
  private readonly keys = new WeakMap<ServiceEndpoint, string>();

  constructor(
    private readonly lookup: ReadyLookup,
    private readonly what: string,
  ) {}

  /** Requests in flight to `endpoint` through this picker. */
  outstanding(endpoint: Pick<ServiceEndpoint, 'address' | 'port'>): number {
    return this.inFlight.get(`${endpoint.address}:${endpoint.port}`) ?? 0;
  }

  pick(): OutstandingPick {
    const ready = this.lookup();
    const n = ready.length;
    if (n === 0) throw noneReady(this.what);
    const start = this.turn % n;
    this.turn = (this.turn + 1) % MAX_TURN;
    let best = ready[start]!;
    let bestKey = this.keyOf(best);
    let bestCount = this.inFlight.get(bestKey) ?? 0;
    for (let i = 1; i < n && bestCount > 0; i++) {
      const e = ready[(start + i) % n]!;
      const key = this.keyOf(e);
      const count = this.inFlight.get(key) ?? 0;
      if (count >= bestCount) continue;
      best = e;
      bestKey = key;
      bestCount = count;
    }
    this.inFlight.set(bestKey, bestCount + 1);
    let finished = false;
    return {
      endpoint: best,
      done: () => {
        if (finished) return;
        finished = true;
        const left = (this.inFlight.get(bestKey) ?? 1) - 1;
        if (left <= 0) this.inFlight.delete(bestKey);
        else this.inFlight.set(bestKey, left);
      },
    };
  }

  private keyOf(e: ServiceEndpoint): string {
    let key = this.keys.get(e);
    if (key === undefined) this.keys.set(e, (key = `${e.address}:${e.port}`));
    return key;
  }
}
