// The declared seam between the Raft driver and the network. GrpcTransport is the real one;
// MemoryTransport serves driver unit tests and the simulator brings its own.
import type { Message, NodeId } from '../core/index.js';

/** Where a transport delivers what it receives and what it learns about its peers. */
export interface TransportHandler {
  /** A message addressed to this replica; a 'snap' message carries the complete snapshot data. */
  onMessage(message: Message): void;
  /** Messages to `peer` were dropped or a stream to it failed: the core should probe it again. */
  onUnreachable(peer: NodeId): void;
  /** The snapshot sent to `peer` was delivered (`ok`) or not; the core resumes replication either way. */
  onSnapshotStatus(peer: NodeId, ok: boolean): void;
}

export interface Transport {
  /**
   * Queues messages for their peers and returns at once. Never blocks and never throws for an
   * operating condition (a peer down, a queue full, an unknown peer): such messages are dropped
   * and reported through onUnreachable / onSnapshotStatus, and Raft retransmits.
   */
  send(messages: readonly Message[]): void;
  /** Starts talking to a new member (or moves an existing one to a new address). */
  addPeer(id: NodeId, address: string): void;
  /** Stops talking to a removed member and drops what is queued for it. */
  removePeer(id: NodeId): void;
  /** Closes every stream; later sends are dropped. */
  close(): Promise<void>;
}
