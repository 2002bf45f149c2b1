// Read-index requests on the leader, waiting for a quorum of heartbeat acks that prove the
// leader was still the leader when the request arrived (Raft thesis §6.4).
import { NONE, type NodeId } from './types.js';

export interface PendingRead {
  readonly index: number;
  readonly from: NodeId;
  readonly context: Uint8Array;
  readonly acks: Set<NodeId>;
}

/** Contexts are opaque bytes; as map keys they are turned into a (binary) string. */
export function contextKey(context: Uint8Array): string {
  let s = '';
  for (let i = 0; i < context.length; i++) s += String.fromCharCode(context[i]!);
  return s;
}

export class ReadOnlyQueue {
  private readonly pending = new Map<string, PendingRead>();
  private queue: string[] = [];

  get size(): number {
    return this.queue.length;
  }

  add(index: number, from: NodeId, context: Uint8Array): void {
    const key = contextKey(context);
    if (this.pending.has(key)) return;
    this.pending.set(key, { index, from: from === '' ? NONE : from, context, acks: new Set() });
    this.queue.push(key);
  }

  /** Records that `id` acknowledged a heartbeat carrying `context`; returns the ack count. */
  ack(id: NodeId, context: Uint8Array): Set<NodeId> | undefined {
    const req = this.pending.get(contextKey(context));
    if (req === undefined) return undefined;
    req.acks.add(id);
    return req.acks;
  }

  /**
   * Releases the request with `context` and every request queued before it: a quorum that
   * acknowledged a later heartbeat also proves leadership for the earlier requests.
   */
  advance(context: Uint8Array): PendingRead[] {
    const key = contextKey(context);
    const at = this.queue.indexOf(key);
    if (at < 0) return [];
    const released: PendingRead[] = [];
    for (const k of this.queue.slice(0, at + 1)) {
      const req = this.pending.get(k);
      if (req !== undefined) released.push(req);
      this.pending.delete(k);
    }
    this.queue = this.queue.slice(at + 1);
    return released;
  }

  lastContext(): Uint8Array | undefined {
    const key = this.queue[this.queue.length - 1];
    return key === undefined ? undefined : this.pending.get(key)?.context;
  }

  reset(): void {
    this.pending.clear();
    this.queue = [];
  }
}
