// Pod status from agents, written to the store. Reports for the same pod coalesce (only the
// newest is written), writes in flight are bounded, and a report is written only when it
// changes the stored status (the registry skips identical writes), so that a quiet node costs
// nothing. A node can only write the status of pods bound to it.
import type { KubeObject } from '../../client/index.js';
import { BerthError, isBerthError, resolveKind } from '../../client/index.js';
import type { ObjectRegistry } from '../api/index.js';
import { leads } from '../api/index.js';
import type { CompiledNodeServiceOptions } from './options.js';

const POD = resolveKind('Pod');
/** Most pods with a report waiting; beyond, reports are dropped (the agent resends on reconnect). */
const MAX_PENDING_REPORTS = 65_536;
/** Wait before writing again a report that failed for a transient reason. */
const RETRY_DELAY_MS = 500;

interface Report {
  readonly node: string;
  readonly pod: KubeObject;
  /** The newest stored version the caller has seen, if any: the write starts from it. */
  readonly known: KubeObject | undefined;
}

export class PodStatusWriter {
  private readonly pending = new Map<string, Report>();
  /** Pods whose status is being written: their next report waits, so that an older one never lands last. */
  private readonly writing = new Set<string>();
  private inFlight = 0;
  private dropped = 0;

  constructor(
    private readonly reg: ObjectRegistry,
    private readonly opts: CompiledNodeServiceOptions,
  ) {}

  submit(node: string, pod: KubeObject, known?: KubeObject): void {
    // A deposed leader's reports are stale; the agent resends them to the new one.
    if (!leads(this.reg.node)) return;
    const uid = pod.metadata.uid ?? '';
    if (!this.pending.has(uid) && this.pending.size >= MAX_PENDING_REPORTS) {
      if (this.dropped++ % 1000 === 0) this.opts.logger.warn({ node, dropped: this.dropped }, 'pod status reports dropped: too many waiting');
      return;
    }
    // Delete first so that the newest report goes to the back of the queue.
    this.pending.delete(uid);
    this.pending.set(uid, { node, pod, known });
    this.pump();
  }

  private pump(): void {
    if (this.inFlight >= this.opts.maxStatusWritesInFlight || this.pending.size === 0) return;
    if (!leads(this.reg.node)) {
      this.pending.clear();
      return;
    }
    for (const [uid, report] of this.pending) {
      if (this.inFlight >= this.opts.maxStatusWritesInFlight) return;
      if (this.writing.has(uid)) continue;
      this.pending.delete(uid);
      this.writing.add(uid);
      this.inFlight++;
      void this.write(report).finally(() => {
        this.writing.delete(uid);
        this.inFlight--;
        this.pump();
      });
    }
  }

  private async write({ node, pod, known }: Report): Promise<void> {
    const md = pod.metadata;
    const change = (cur: KubeObject): KubeObject => {
      const bound = ((cur.spec ?? {}) as { nodeName?: string }).nodeName;
      if (bound !== node) throw new BerthError('PERMISSION_DENIED', `node ${node} cannot report the status of pod ${String(md.namespace)}/${String(md.name)}, which is bound to ${bound ?? 'no node'}`);
      return { ...cur, status: { ...(cur.status ?? {}), ...(pod.status ?? {}) } };
    };
    try {
      // From the version the node's feed last sent (one Raft round, no read) when it is this pod's;
      // a stale copy loses its compare and the write goes on from a read.
      // "Nothing to change" decided on that copy is not trusted: the store may have moved on.
      const fromKnown = known !== undefined && known.metadata.uid === md.uid ? await this.reg.modifyFrom(POD, known, change) : undefined;
      const res = fromKnown?.changed === true ? fromKnown : await this.reg.modify(POD, md.namespace, String(md.name), { uid: md.uid ?? '' }, change);
      this.opts.logger.trace({ node, pod: `${String(md.namespace)}/${String(md.name)}`, changed: res.changed }, 'pod status written');
    } catch (err) {
      const gone = isBerthError(err, 'NOT_FOUND') || isBerthError(err, 'CONFLICT') || isBerthError(err, 'PERMISSION_DENIED');
      if (isBerthError(err, 'UNAVAILABLE') || isBerthError(err, 'TIMEOUT')) {
        // Transient: try again unless a newer report came in meanwhile.
        setTimeout(() => {
          if (!this.pending.has(md.uid ?? '')) this.submit(node, pod);
        }, RETRY_DELAY_MS).unref();
      }
      this.opts.logger[gone ? 'debug' : 'warn']({ node, pod: `${String(md.namespace)}/${String(md.name)}`, err }, 'pod status not written');
    }
  }
}
