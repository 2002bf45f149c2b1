// The Raft transport over gRPC. Outgoing: one PeerStream per peer (bounded queue, one long-lived
// Send stream, InstallSnapshot for snapshots). Incoming: the RaftService handlers, which the
// server process registers on its one grpc.Server next to the API services.
import type { sendUnaryData, Server, ServerReadableStream, ServiceDefinition, StatusObject } from '@grpc/grpc-js';
import { status as grpcStatus } from '@grpc/grpc-js';
import type { Logger } from 'pino';
import type { Message, NodeId } from '../core/index.js';
import type { RaftEnvelope__Output } from '../../../proto/gen/berth/v1/RaftEnvelope.js';
import type { RaftServiceHandlers } from '../../../proto/gen/berth/v1/RaftService.js';
import type { SendAck } from '../../../proto/gen/berth/v1/SendAck.js';
import type { SnapshotAck } from '../../../proto/gen/berth/v1/SnapshotAck.js';
import type { SnapshotChunk__Output } from '../../../proto/gen/berth/v1/SnapshotChunk.js';
import { decodeMessage } from './codec.js';
import { compileGrpcTransportOptions } from './options.js';
import type { CompiledGrpcTransportOptions, GrpcTransportOptions } from './options.js';
import { PeerStream } from './peer-stream.js';
import { raftProto } from './proto.js';
import { SnapshotAssembly, wrongClusterDetails } from './snapshot-assembly.js';
import type { Transport, TransportHandler } from './transport.js';

/** A status to end an inbound call with (gRPC's ServerStatusResponse, which it does not export). */
type ServerStatusResponse = Partial<StatusObject>;
type Finish = (error: ServerStatusResponse | null) => void;

/** Unknown peers remembered so that dropping messages to them is logged once each. */
const MAX_WARNED_UNKNOWN_PEERS = 64;

export class GrpcTransport implements Transport {
  readonly options: CompiledGrpcTransportOptions;
  private readonly logger: Logger;
  private readonly peers = new Map<NodeId, PeerStream>();
  /** Open inbound calls, ended with UNAVAILABLE when the transport closes. */
  private readonly inbound = new Set<Finish>();
  private readonly unreachablePending = new Set<NodeId>();
  private readonly warnedUnknownPeers = new Set<NodeId>();
  private inboundSnapshots = 0;
  private closed = false;

  constructor(
    options: GrpcTransportOptions,
    private readonly handler: TransportHandler,
    logger: Logger,
  ) {
    this.options = compileGrpcTransportOptions(options);
    this.logger = logger.child({ component: 'raft-transport', node: this.options.selfId, cluster: this.options.clusterId });
    for (const [id, address] of Object.entries(this.options.peers)) this.addPeer(id, address);
  }

  // --- sending -----------------------------------------------------------------------------

  send(messages: readonly Message[]): void {
    for (const message of messages) {
      if (this.closed) return;
      const peer = this.peers.get(message.to);
      if (peer === undefined) {
        this.warnUnknownPeer(message);
        if (message.type === 'snap') this.reportSnapshotStatus(message.to, false);
        else this.reportUnreachable(message.to);
      } else if (message.type === 'snap') {
        peer.sendSnapshot(message);
      } else {
        peer.enqueue(message);
      }
    }
  }

  // Logged once per unknown peer (a removed member is addressed until the core forgets it).
  private warnUnknownPeer(message: Message): void {
    if (this.warnedUnknownPeers.has(message.to)) return;
    if (this.warnedUnknownPeers.size >= MAX_WARNED_UNKNOWN_PEERS) this.warnedUnknownPeers.clear();
    this.warnedUnknownPeers.add(message.to);
    this.logger.warn({ to: message.to, type: message.type }, 'messages to an unknown peer dropped');
  }

  /**
   * Never throws: an address gRPC cannot parse (it may come from a committed conf change) is
   * logged, and messages to that peer are then dropped as to an unknown peer.
   */
  addPeer(id: NodeId, address: string): void {
    if (this.closed || id === this.options.selfId) return;
    const existing = this.peers.get(id);
    if (existing?.address === address) return;
    existing?.close();
    this.peers.delete(id);
    const reports = {
      unreachable: (peer: NodeId) => this.reportUnreachable(peer),
      snapshotStatus: (peer: NodeId, ok: boolean) => this.reportSnapshotStatus(peer, ok),
    };
    try {
      this.peers.set(id, new PeerStream(id, address, this.options, reports, this.logger));
    } catch (err) {
      this.logger.error({ peer: id, address, err }, 'cannot connect to peer: bad address');
      return;
    }
    this.warnedUnknownPeers.delete(id);
    this.logger.info({ peer: id, address }, existing === undefined ? 'peer added' : 'peer address changed');
  }

  removePeer(id: NodeId): void {
    const peer = this.peers.get(id);
    if (peer === undefined) return;
    peer.close();
    this.peers.delete(id);
    this.logger.info({ peer: id }, 'peer removed');
  }

  /** Messages waiting in the queue for `peer` (0 for an unknown peer). */
  queuedMessages(peer: NodeId): number {
    return this.peers.get(peer)?.queuedMessages() ?? 0;
  }

  // Reports reach the handler after the current call returns, never from inside send(), so the
  // driver is not re-entered while it is handling a Ready. Unreachable reports are coalesced.
  private reportUnreachable(peer: NodeId): void {
    if (this.unreachablePending.has(peer)) return;
    this.unreachablePending.add(peer);
    queueMicrotask(() => {
      this.unreachablePending.delete(peer);
      if (!this.closed) this.handler.onUnreachable(peer);
    });
  }

  private reportSnapshotStatus(peer: NodeId, ok: boolean): void {
    queueMicrotask(() => {
      if (!this.closed) this.handler.onSnapshotStatus(peer, ok);
    });
  }

  // --- receiving ---------------------------------------------------------------------------

  /** RaftService's definition and handlers, for the server process's grpc.Server. */
  service(): { definition: ServiceDefinition; implementation: RaftServiceHandlers } {
    return {
      definition: raftProto().RaftService.service,
      implementation: {
        Send: (call, callback) => this.handleSend(call, callback),
        InstallSnapshot: (call, callback) => this.handleInstallSnapshot(call, callback),
      },
    };
  }

  registerWith(server: Server): void {
    const { definition, implementation } = this.service();
    server.addService(definition, implementation);
  }

  /**
   * Wires the end of an inbound call: `finish` replies once (OK or an error status) and is
   * called on close; a call the client cancelled just stops.
   */
  private track<Req, Res extends object>(call: ServerReadableStream<Req, Res>, callback: sendUnaryData<Res>, ack: Res): Finish {
    let done = false;
    const finish: Finish = (error) => {
      if (done) return;
      done = true;
      this.inbound.delete(finish);
      if (error === null) callback(null, ack);
      else callback(error);
    };
    this.inbound.add(finish);
    call.on('cancelled', () => {
      done = true;
      this.inbound.delete(finish);
    });
    call.on('error', () => finish({ code: grpcStatus.CANCELLED, details: 'stream failed' }));
    return finish;
  }

  private refuseIfClosed(callback: sendUnaryData<object>): boolean {
    if (!this.closed) return false;
    callback({ code: grpcStatus.UNAVAILABLE, details: `replica ${this.options.selfId} is shutting down` });
    return true;
  }

  private handleSend(call: ServerReadableStream<RaftEnvelope__Output, SendAck>, callback: sendUnaryData<SendAck>): void {
    if (this.refuseIfClosed(callback)) return;
    const finish = this.track(call, callback, {});
    call.on('data', (envelope: RaftEnvelope__Output) => {
      if (envelope.clusterId !== this.options.clusterId) {
        finish(this.refuseCluster(envelope.clusterId, envelope.from));
        call.removeAllListeners('data');
        return;
      }
      this.deliverEnvelope(envelope);
    });
    call.on('end', () => finish(null));
  }

  private refuseCluster(theirClusterId: string, from: NodeId): ServerStatusResponse {
    const details = wrongClusterDetails(this.options.clusterId, theirClusterId, from);
    this.logger.error({ from, theirCluster: theirClusterId }, details);
    return { code: grpcStatus.FAILED_PRECONDITION, details };
  }

  private deliverEnvelope(envelope: RaftEnvelope__Output): void {
    for (const wire of envelope.messages) {
      const decoded = decodeMessage(wire);
      if (!decoded.ok) {
        this.logger.warn({ from: envelope.from, problem: decoded.problem }, 'undecodable message dropped');
      } else if (decoded.value.to !== this.options.selfId) {
        this.logger.warn({ from: envelope.from, to: decoded.value.to, type: decoded.value.type }, 'message addressed to another replica dropped');
      } else if (!this.closed) {
        this.handler.onMessage(decoded.value);
      }
    }
  }

  private handleInstallSnapshot(
    call: ServerReadableStream<SnapshotChunk__Output, SnapshotAck>,
    callback: sendUnaryData<SnapshotAck>,
  ): void {
    if (this.refuseIfClosed(callback)) return;
    if (this.inboundSnapshots >= this.options.maxInboundSnapshots) {
      const details = `already receiving ${this.inboundSnapshots} snapshots (maxInboundSnapshots)`;
      this.logger.warn(details);
      callback({ code: grpcStatus.RESOURCE_EXHAUSTED, details });
      return;
    }
    this.inboundSnapshots++;
    const assembly = new SnapshotAssembly(this.options);
    const track = this.track(call, callback, {});
    let released = false;
    const finish: Finish = (error) => {
      if (!released) this.inboundSnapshots--;
      released = true;
      track(error);
    };
    call.on('cancelled', () => finish(null));
    call.on('data', (chunk: SnapshotChunk__Output) => this.onSnapshotChunk(call, assembly, chunk, finish));
    call.on('end', () => finish({ code: grpcStatus.INVALID_ARGUMENT, details: 'snapshot stream ended before its last chunk' }));
  }

  private onSnapshotChunk(call: ServerReadableStream<SnapshotChunk__Output, SnapshotAck>, assembly: SnapshotAssembly, chunk: SnapshotChunk__Output, finish: Finish): void {
    const verdict = assembly.accept(chunk);
    if (verdict.kind === 'more') return;
    call.removeAllListeners('data');
    if (verdict.kind === 'refused') {
      if (verdict.code === grpcStatus.FAILED_PRECONDITION) this.logger.error({ from: chunk.from }, verdict.details);
      else this.logger.warn({ ...assembly.describe(), code: verdict.code }, `snapshot refused: ${verdict.details}`);
      finish({ code: verdict.code, details: verdict.details });
      return;
    }
    const snapshot = verdict.message.snapshot;
    this.logger.info({ from: chunk.from, index: snapshot?.meta.index, term: snapshot?.meta.term, bytes: snapshot?.data.byteLength }, 'snapshot received');
    if (!this.closed) this.handler.onMessage(verdict.message);
    finish(null);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const peer of this.peers.values()) peer.close();
    this.peers.clear();
    for (const finish of [...this.inbound]) {
      finish({ code: grpcStatus.UNAVAILABLE, details: `replica ${this.options.selfId} is shutting down` });
    }
    this.logger.info('transport closed');
    await Promise.resolve();
  }
}
