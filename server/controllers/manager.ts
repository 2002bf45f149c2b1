// The controller manager: runs the controllers and the scheduler on the leader, and only there.
// On becoming leader it confirms it has applied everything committed (a linearizable read), writes
// its leadership epoch (the fence of every controller write), lists every kind the controllers read
// into shared informers, and then starts each controller with a full look at its objects. The
// instant this replica stops leading (or the term changes) the whole session is torn down: queues
// dropped, informers closed; a write still in flight fails against the next leader's epoch.
import type { Logger } from 'pino';
import type { KindInfo } from '../../client/index.js';
import { isBerthError } from '../../client/index.js';
import type { ObjectRegistry, WatchCaches } from '../api/index.js';
import { leads } from '../api/index.js';
import { claimEpoch, FencedRegistry } from './fence.js';
import { Informer } from './informer.js';
import type { CompiledControllerOptions, ControllerOptions } from './options.js';
import { compileControllerOptions } from './options.js';
import { WorkQueue } from './queue.js';
import { EventRecorder } from './recorder.js';
import type { ControllerContext, ControllerSpec, InformerView, PodSignals, Reconciler, ScalingSink } from './types.js';
import { keyOf, NO_SCALING_SINK, NO_SIGNALS } from './types.js';

/** How often leadership is checked besides the leader-change notifications. */
const LEADERSHIP_POLL_MS = 100;
/** Longest wait, after a reconcile, for the informers to show its writes. */
const SETTLE_TIMEOUT_MS = 5000;

export interface ControllerDeps {
  readonly reg: ObjectRegistry;
  readonly caches: WatchCaches;
  /** Pods' usage and custom metrics (for autoscaling). @default NO_SIGNALS */
  readonly signals?: PodSignals;
  /** Where scaling decisions are published. @default NO_SCALING_SINK */
  readonly scaling?: ScalingSink;
}

export interface ControllerManager {
  /** Whether controllers are running here now (this replica leads and has started them). */
  readonly running: boolean;
  /** Resolves when every controller's queue is empty and no reconcile runs (for tests). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

interface Running {
  readonly spec: ControllerSpec;
  readonly queue: WorkQueue;
  readonly reconciler: Reconciler;
}

/** One term of leadership: the informers, queues and controllers of that term. */
class Session {
  private readonly informers = new Map<string, Informer>();
  /** Per kind plural: the revision of the last write the controllers made to it. */
  private readonly lastWrite = new Map<string, number>();
  private readonly running: Running[] = [];
  private resyncTimer: NodeJS.Timeout | undefined;
  stopped = false;

  constructor(
    private readonly deps: ControllerDeps,
    private readonly specs: readonly ControllerSpec[],
    private readonly opts: CompiledControllerOptions,
    private readonly logger: Logger,
    readonly term: number,
  ) {}

  async start(): Promise<void> {
    const { reg, caches } = this.deps;
    await reg.node.linearizableRead();
    if (this.stopped) return;
    const epoch = await claimEpoch(reg, this.term);
    if (this.stopped) return;
    const fenced = new FencedRegistry(reg, epoch, (key, rev) => {
      const plural = key.split('/')[2] ?? '';
      if ((this.lastWrite.get(plural) ?? 0) < rev) this.lastWrite.set(plural, rev);
    });
    const kinds = new Map<string, KindInfo>();
    for (const s of this.specs) for (const k of s.kinds) kinds.set(k.kind, k);
    for (const k of kinds.values()) this.informers.set(k.plural, new Informer(k, reg, caches));
    await Promise.all([...this.informers.values()].map((i) => i.start()));
    if (this.stopped) return;
    const views = {
      of: (kind: KindInfo): InformerView => {
        const i = this.informers.get(kind.plural);
        if (i === undefined) throw new Error(`no informer of ${kind.kind}: name it in the controller's kinds`);
        return i;
      },
    };
    for (const spec of this.specs) {
      const component = `${spec.name}-controller`;
      const log = this.logger.child({ component });
      // Filled in once spec.create returns; the queue hands out no key before start().
      const slot: { reconciler?: Reconciler } = {};
      const queue = new WorkQueue(
        { workers: spec.workers ?? this.opts.workers, retryMinMs: this.opts.retryMinMs, retryMaxMs: this.opts.retryMaxMs },
        async (key) => {
          if (this.stopped) return undefined;
          const out = await slot.reconciler!.reconcile(key);
          await this.settle();
          return out === undefined ? undefined : out.requeueAfterMs;
        },
        (key, err, retryMs) => {
          if (this.stopped) return;
          if (isBerthError(err, 'CONFLICT') || isBerthError(err, 'NOT_FOUND') || isBerthError(err, 'UNAVAILABLE')) log.debug({ key, err: String(err), retryMs }, 'reconcile failed; retrying');
          else log.warn({ key, err, retryMs }, 'reconcile failed; retrying');
        },
        Date.now,
        false,
      );
      const ctx: ControllerContext = {
        reg: fenced,
        informers: views,
        queue,
        events: new EventRecorder(fenced, component, this.opts, log),
        logger: log,
        options: this.opts,
        signals: this.deps.signals ?? NO_SIGNALS,
        scaling: this.deps.scaling ?? NO_SCALING_SINK,
        now: () => reg.opts.now(),
      };
      const reconciler = spec.create(ctx);
      slot.reconciler = reconciler;
      this.running.push({ spec, queue, reconciler });
    }
    for (const r of this.running) r.queue.start();
    this.resyncTimer = setInterval(() => this.resync(), this.opts.resyncIntervalMs);
    this.resyncTimer.unref();
    this.logger.info({ term: this.term, controllers: this.specs.map((s) => s.name) }, 'controllers started on this leader');
  }

  /** Queues every object of each controller's own kind (its first kind) again. */
  private resync(): void {
    for (const r of this.running) {
      const own = r.spec.kinds[0];
      if (own === undefined) continue;
      for (const o of this.informers.get(own.plural)?.list() ?? []) r.queue.add(keyOf(o));
    }
  }

  /** Waits until every informer shows the controllers' writes to its kind. */
  private async settle(): Promise<void> {
    const waits: Promise<void>[] = [];
    for (const [plural, rev] of this.lastWrite) {
      const inf = this.informers.get(plural);
      if (inf !== undefined && inf.revision < rev) waits.push(inf.waitFor(rev));
    }
    if (waits.length === 0) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(waits), new Promise((r) => (timer = setTimeout(r, SETTLE_TIMEOUT_MS)))]);
    clearTimeout(timer);
  }

  async idle(): Promise<void> {
    for (let round = 0; round < 2; round++) for (const r of this.running) await r.queue.idle();
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.resyncTimer !== undefined) clearInterval(this.resyncTimer);
    for (const r of this.running) {
      r.queue.stop();
      try {
        r.reconciler.close?.();
      } catch (err) {
        this.logger.error({ controller: r.spec.name, err }, 'closing a controller failed');
      }
    }
    for (const i of this.informers.values()) i.stop();
    this.logger.info({ term: this.term }, 'controllers stopped');
  }
}

/** Runs `specs` whenever this replica leads. */
export function startControllers(deps: ControllerDeps, specs: readonly ControllerSpec[], raw: ControllerOptions = {}): ControllerManager {
  const opts = compileControllerOptions(raw);
  const logger = opts.logger;
  const enabled = specs.filter((s) => opts.enabled === undefined || opts.enabled.has(s.name));
  let session: Session | undefined;
  let starting: Promise<void> | undefined;
  let closed = false;

  const check = (): void => {
    if (closed) return;
    const node = deps.reg.node;
    const leading = leads(node);
    const term = node.termAndLeader().term;
    if (session !== undefined && (!leading || session.term !== term || session.stopped)) {
      session.stop();
      session = undefined;
    }
    if (!leading || session !== undefined || starting !== undefined) return;
    const s = new Session(deps, enabled, opts, logger, term);
    session = s;
    starting = s
      .start()
      .catch((err: unknown) => {
        logger.warn({ err: String(err) }, 'starting the controllers failed; trying again');
        s.stop();
        if (session === s) session = undefined;
      })
      .finally(() => (starting = undefined));
  };

  const unsubscribe = deps.reg.node.onLeaderChange(() => check());
  const timer = setInterval(check, LEADERSHIP_POLL_MS);
  timer.unref();
  check();

  return {
    get running() {
      return session !== undefined && starting === undefined && !session.stopped;
    },
    async idle() {
      while (starting !== undefined) await starting;
      await session?.idle();
    },
    async close() {
      closed = true;
      clearInterval(timer);
      unsubscribe();
      await starting;
      session?.stop();
      session = undefined;
    },
  };
}
