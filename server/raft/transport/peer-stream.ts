// Everything this replica sends to one peer: a bounded queue of messages, one long-lived Send
// stream that carries them in envelopes, reopened with backoff after it fails, and at most one
// InstallSnapshot stream at a time.
import type { ClientWritableStream } from '@grpc/grpc-js';
import { status as grpcStatus } from '@grpc/grpc-js';
import type { Logger } from 'pino';
import type { Message, NodeId } from '../core/index.js';
import type { RaftEnvelope } from '../../../proto/gen/berth/v1/RaftEnvelope.js';
import type { RaftMessage } from '../../../proto/gen/berth/v1/RaftMessage.js';
import type { RaftServiceClient } from '../../../proto/gen/berth/v1/RaftService.js';
import { backoffDelayMs } from './backoff.js';
import { encodeMessage, estimateMessageBytes } from './codec.js';
import type { CompiledGrpcTransportOptions } from './options.js';
import { peerChannelOptions } from './options.js';
import { raftProto } from './proto.js';
import { sendSnapshot } from './snapshot-sender.js';
import type { SnapshotSend } from './snapshot-sender.js';

/** How the peer stream tells its transport what happened; the transport defers and coalesces. */
export interface PeerReports {
  unreachable(peer: NodeId): void;
  snapshotStatus(peer: NodeId, ok: boolean): void;
}

/** Room left in a gRPC message for the envelope's own fields. */
const ENVELOPE_OVERHEAD_BYTES = 1024;

interface GrpcError {
  readonly code?: number;
  readonly details?: string;
  readonly message?: string;
}

export class PeerStream {
  private readonly client: RaftServiceClient;
  private readonly logger: Logger;
  private queue: Message[] = [];
  private call: ClientWritableStream<RaftEnvelope> | undefined;
  private callOpenedAtMs = 0;
  private waitingForDrain = false;
  private flushScheduled = false;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private failures = 0;
  private dropping = false;
  private snapshot: SnapshotSend | undefined;
  private closed = false;

  constructor(
    readonly peer: NodeId,
    readonly address: string,
    private readonly options: CompiledGrpcTransportOptions,
    private readonly reports: PeerReports,
    logger: Logger,
  ) {
    this.logger = logger.child({ peer, address });
    const RaftService = raftProto().RaftService;
    this.client = new RaftService(address, options.credentials, peerChannelOptions(options));
  }

  /** Messages waiting in this replica's queue (not those already handed to gRPC). */
  queuedMessages(): number {
    return this.queue.length;
  }

  enqueue(message: Message): void {
    if (this.closed) return;
    if (this.queue.length >= this.options.maxQueuedMessagesPerPeer) {
      this.drop(`its queue holds ${this.options.maxQueuedMessagesPerPeer} messages (maxQueuedMessagesPerPeer)`);
      return;
    }
    this.dropping = false;
    this.queue.push(message);
    this.scheduleFlush();
  }

  /** Logs the first drop of a run of drops, and reports the peer unreachable for each. */
  private drop(reason: string): void {
    if (!this.dropping) this.logger.warn({ reason }, 'dropping messages to peer');
    this.dropping = true;
    this.reports.unreachable(this.peer);
  }

  // Messages queued in the same turn of the event loop go out together in as few envelopes as
  // possible: the flush runs after the current turn, not per message.
  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    if (this.closed || this.queue.length === 0 || this.reconnectTimer !== undefined) return;
    const call = this.call ?? this.openCall();
    while (!this.waitingForDrain && this.queue.length > 0) {
      const messages = this.takeBatch();
      if (messages.length === 0) continue;
      const envelope: RaftEnvelope = { clusterId: this.options.clusterId, from: this.options.selfId, messages };
      if (!call.write(envelope)) {
        this.waitingForDrain = true;
        call.once('drain', () => {
          if (this.call !== call) return;
          this.waitingForDrain = false;
          this.flush();
        });
      }
    }
  }

  /** Up to maxBatchMessages from the queue that fit in one gRPC message; drops one that never fits. */
  private takeBatch(): RaftMessage[] {
    const budget = this.options.maxMessageBytes - ENVELOPE_OVERHEAD_BYTES;
    const batch: RaftMessage[] = [];
    let bytes = 0;
    let taken = 0;
    for (const message of this.queue) {
      if (batch.length >= this.options.maxBatchMessages) break;
      const size = estimateMessageBytes(message);
      if (batch.length > 0 && bytes + size > budget) break;
      taken++;
      if (size > budget) {
        this.logger.error({ type: message.type, index: message.index, bytes: size }, 'message larger than maxMessageBytes dropped');
        this.reports.unreachable(this.peer);
        break;
      }
      batch.push(encodeMessage(message));
      bytes += size;
    }
    this.queue.splice(0, taken);
    return batch;
  }

  private openCall(): ClientWritableStream<RaftEnvelope> {
    const call = this.client.Send((err) => this.onCallEnded(call, err));
    this.call = call;
    this.callOpenedAtMs = Date.now();
    return call;
  }

  private onCallEnded(call: ClientWritableStream<RaftEnvelope>, err: GrpcError | null): void {
    if (this.call !== call) return;
    this.call = undefined;
    this.waitingForDrain = false;
    if (this.closed) return;
    // A stream that lived through a whole maximal backoff was healthy: start over from min.
    if (Date.now() - this.callOpenedAtMs >= this.options.reconnectBackoffMaxMs) this.failures = 0;
    this.failures++;
    const delayMs = backoffDelayMs(this.options, this.failures);
    this.logStreamEnd(err, delayMs);
    this.reports.unreachable(this.peer);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.flush();
    }, delayMs);
  }

  private logStreamEnd(err: GrpcError | null, retryInMs: number): void {
    const fields = { code: err?.code, details: err?.details ?? err?.message, failures: this.failures, retryInMs };
    if (err?.code === grpcStatus.FAILED_PRECONDITION) this.logger.error(fields, 'peer refused the stream');
    else if (this.failures === 1) this.logger.warn(fields, 'stream to peer ended');
    else this.logger.debug(fields, 'stream to peer still down');
  }

  sendSnapshot(message: Message): void {
    if (this.closed) return;
    if (this.snapshot !== undefined) {
      this.logger.warn({ index: message.snapshot?.meta.index }, 'a snapshot is already being sent to this peer; dropping another');
      this.reports.snapshotStatus(this.peer, false);
      return;
    }
    const meta = message.snapshot?.meta;
    const bytes = message.snapshot?.data.byteLength ?? 0;
    this.logger.info({ index: meta?.index, term: meta?.term, bytes }, 'sending snapshot');
    const send = sendSnapshot(this.client, message, this.options);
    this.snapshot = send;
    send.done.then(
      () => this.onSnapshotDone(send, undefined),
      (err: unknown) => this.onSnapshotDone(send, err as GrpcError),
    );
  }

  private onSnapshotDone(send: SnapshotSend, err: GrpcError | undefined): void {
    if (this.snapshot === send) this.snapshot = undefined;
    if (this.closed) return;
    if (err === undefined) this.logger.info('snapshot delivered');
    else this.logger.warn({ code: err.code, details: err.details ?? err.message }, 'snapshot not delivered');
    this.reports.snapshotStatus(this.peer, err === undefined);
  }

  close(): void {
    this.closed = true;
    this.queue = [];
    if (this.reconnectTimer !== undefined) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    this.call?.cancel();
    this.call = undefined;
    this.snapshot?.cancel();
    this.snapshot = undefined;
    this.client.close();
  }
}
