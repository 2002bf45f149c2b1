// An in-process Transport for driver unit tests: transports attached to one MemoryNetwork hand
// each other deep copies of their messages on a later turn of the event loop, in order per link,
// and the test can cut links with partition(a, b) and restore them with heal().
import type { Message, NodeId } from '../core/index.js';
import type { Transport, TransportHandler } from './transport.js';

export interface MemoryNetworkOptions {
  /** Messages in flight on one directed link; more are dropped and reported unreachable. @default 4096 */
  maxInFlightPerLink?: number;
}

export type CompiledMemoryNetworkOptions = Readonly<Required<MemoryNetworkOptions>>;

export function compileMemoryNetworkOptions(raw: MemoryNetworkOptions = {}): CompiledMemoryNetworkOptions {
  const maxInFlightPerLink = raw.maxInFlightPerLink ?? 4096;
  if (!Number.isSafeInteger(maxInFlightPerLink) || maxInFlightPerLink < 1) {
    throw new RangeError(`memoryNetwork.maxInFlightPerLink: must be an integer >= 1 (got ${String(maxInFlightPerLink)})`);
  }
  return { maxInFlightPerLink };
}

function copyBytes(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes);
}

/** A copy that shares no array or byte buffer with `m`, as if it had crossed a wire. */
export function copyMessage(m: Message): Message {
  const copy: Message = {
    ...m,
    entries: m.entries.map((e) => ({ ...e, data: copyBytes(e.data) })),
    context: copyBytes(m.context),
  };
  if (m.snapshot === undefined) return copy;
  const { meta, data } = m.snapshot;
  return {
    ...copy,
    snapshot: { meta: { ...meta, conf: { voters: [...meta.conf.voters], learners: [...meta.conf.learners] } }, data: copyBytes(data) },
  };
}

function linkKey(from: NodeId, to: NodeId): string {
  return `${from}\u0000${to}`;
}

export class MemoryNetwork {
  readonly options: CompiledMemoryNetworkOptions;
  private readonly nodes = new Map<NodeId, MemoryTransport>();
  private readonly cut = new Set<string>();
  private readonly inFlight = new Map<string, number>();

  constructor(options: MemoryNetworkOptions = {}) {
    this.options = compileMemoryNetworkOptions(options);
  }

  /** A transport for replica `id` that may talk to `peers` (more with addPeer). */
  attach(id: NodeId, handler: TransportHandler, peers: Iterable<NodeId> = []): MemoryTransport {
    if (this.nodes.has(id)) throw new Error(`memory network: ${id} is already attached`);
    const transport = new MemoryTransport(this, id, handler, peers);
    this.nodes.set(id, transport);
    return transport;
  }

  /** Cuts the link between `a` and `b` in both directions; messages in flight are lost. */
  partition(a: NodeId, b: NodeId): void {
    this.cut.add(linkKey(a, b));
    this.cut.add(linkKey(b, a));
  }

  /** Restores every link. */
  heal(): void {
    this.cut.clear();
  }

  /** @internal */
  detach(id: NodeId): void {
    this.nodes.delete(id);
  }

  private reachable(from: NodeId, to: NodeId): MemoryTransport | undefined {
    return this.cut.has(linkKey(from, to)) ? undefined : this.nodes.get(to);
  }

  /**
   * Schedules delivery of a copy of `m`; false when it cannot leave (no such node, a cut link,
   * a full link). `delivered` runs after the receiver got it (or with false if it got lost).
   */
  route(from: NodeId, m: Message, delivered?: (ok: boolean) => void): boolean {
    const key = linkKey(from, m.to);
    const inFlight = this.inFlight.get(key) ?? 0;
    if (this.reachable(from, m.to) === undefined || inFlight >= this.options.maxInFlightPerLink) return false;
    this.inFlight.set(key, inFlight + 1);
    const copy = copyMessage(m);
    setImmediate(() => {
      const left = (this.inFlight.get(key) ?? 1) - 1;
      if (left === 0) this.inFlight.delete(key);
      else this.inFlight.set(key, left);
      const target = this.reachable(from, m.to);
      if (target !== undefined) target.receive(copy);
      delivered?.(target !== undefined);
    });
    return true;
  }
}

export class MemoryTransport implements Transport {
  private readonly peers: Set<NodeId>;
  private closed = false;

  constructor(
    private readonly network: MemoryNetwork,
    readonly id: NodeId,
    private readonly handler: TransportHandler,
    peers: Iterable<NodeId>,
  ) {
    this.peers = new Set(peers);
  }

  send(messages: readonly Message[]): void {
    for (const m of messages) {
      if (this.closed) return;
      const isSnap = m.type === 'snap';
      const onDelivered = isSnap ? (ok: boolean) => this.report(() => this.handler.onSnapshotStatus(m.to, ok)) : undefined;
      const sent = this.peers.has(m.to) && this.network.route(this.id, m, onDelivered);
      if (sent) continue;
      if (isSnap) this.report(() => this.handler.onSnapshotStatus(m.to, false));
      else this.report(() => this.handler.onUnreachable(m.to));
    }
  }

  /** Like GrpcTransport, reports reach the handler after send() returned. */
  private report(fn: () => void): void {
    queueMicrotask(() => {
      if (!this.closed) fn();
    });
  }

  /** @internal Called by the network with a message addressed to this transport. */
  receive(m: Message): void {
    if (!this.closed) this.handler.onMessage(m);
  }

  addPeer(id: NodeId, _address: string): void {
    if (id !== this.id) this.peers.add(id);
  }

  removePeer(id: NodeId): void {
    this.peers.delete(id);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.network.detach(this.id);
    await Promise.resolve();
  }
}
