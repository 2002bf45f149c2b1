// Reassembles one InstallSnapshot stream into one complete 'snap' message. Pure: chunks in,
// a verdict out; the gRPC handler around it owns the stream.
import { crc32 } from 'node:zlib';
import { status as grpcStatus } from '@grpc/grpc-js';
import type { Message, NodeId } from '../core/index.js';
import type { RaftMessage__Output } from '../../../proto/gen/berth/v1/RaftMessage.js';
import type { SnapshotChunk__Output } from '../../../proto/gen/berth/v1/SnapshotChunk.js';
import { decodeMessage } from './codec.js';

export type ChunkVerdict =
  | { readonly kind: 'more' }
  | { readonly kind: 'done'; readonly message: Message }
  | { readonly kind: 'refused'; readonly code: grpcStatus; readonly details: string };

export interface AssemblyLimits {
  readonly clusterId: string;
  readonly selfId: NodeId;
  readonly maxSnapshotBytes: number;
}

const MORE: ChunkVerdict = { kind: 'more' };

function refused(code: grpcStatus, details: string): ChunkVerdict {
  return { kind: 'refused', code, details };
}

export function wrongClusterDetails(ownClusterId: string, theirClusterId: string, from: NodeId): string {
  return `wrong cluster: this replica belongs to cluster ${ownClusterId}, the message came from cluster ${theirClusterId} (from ${from})`;
}

export class SnapshotAssembly {
  private header: RaftMessage__Output | undefined;
  private buffer: Buffer | undefined;
  private received = 0;
  private crc = 0;
  private finished = false;

  constructor(private readonly limits: AssemblyLimits) {}

  /** The 'snap' message's term and index once the first chunk arrived, for logs. */
  describe(): { from?: NodeId; index?: number; term?: number; bytes?: number } {
    return { from: this.header?.from, index: this.header?.snapshot?.index, term: this.header?.snapshot?.term, bytes: this.buffer?.byteLength };
  }

  accept(chunk: SnapshotChunk__Output): ChunkVerdict {
    if (chunk.clusterId !== this.limits.clusterId) {
      return refused(grpcStatus.FAILED_PRECONDITION, wrongClusterDetails(this.limits.clusterId, chunk.clusterId, chunk.from));
    }
    if (this.finished) return refused(grpcStatus.INVALID_ARGUMENT, 'snapshot chunk after the last one');
    if (this.buffer === undefined) {
      const problem = this.start(chunk);
      if (problem !== undefined) return problem;
    }
    return this.append(chunk);
  }

  private start(chunk: SnapshotChunk__Output): ChunkVerdict | undefined {
    const header = chunk.header;
    if (header === null || header === undefined || header.snapshot === null || header.snapshot === undefined) {
      return refused(grpcStatus.INVALID_ARGUMENT, 'the first snapshot chunk must carry the snap message with its metadata');
    }
    if (header.type !== 'RAFT_MESSAGE_TYPE_SNAP') {
      return refused(grpcStatus.INVALID_ARGUMENT, `the first snapshot chunk carries a ${header.type} message, not a snap`);
    }
    if (chunk.to !== this.limits.selfId || header.to !== this.limits.selfId) {
      return refused(grpcStatus.INVALID_ARGUMENT, `snapshot addressed to ${header.to}, this replica is ${this.limits.selfId}`);
    }
    if (chunk.totalBytes > this.limits.maxSnapshotBytes) {
      return refused(
        grpcStatus.RESOURCE_EXHAUSTED,
        `snapshot of ${chunk.totalBytes} bytes is over maxSnapshotBytes ${this.limits.maxSnapshotBytes}`,
      );
    }
    try {
      this.buffer = Buffer.allocUnsafe(chunk.totalBytes);
    } catch (err) {
      return refused(grpcStatus.RESOURCE_EXHAUSTED, `cannot allocate ${chunk.totalBytes} bytes for a snapshot: ${String(err)}`);
    }
    this.header = header;
    return undefined;
  }

  private append(chunk: SnapshotChunk__Output): ChunkVerdict {
    const buffer = this.buffer;
    const header = this.header;
    if (buffer === undefined || header === undefined) throw new Error('snapshot assembly: append before start');
    if (chunk.offset !== this.received) {
      return refused(grpcStatus.INVALID_ARGUMENT, `snapshot chunk at offset ${chunk.offset}, expected ${this.received}`);
    }
    if (this.received + chunk.data.byteLength > buffer.byteLength) {
      return refused(grpcStatus.INVALID_ARGUMENT, `snapshot chunks exceed the announced ${buffer.byteLength} bytes`);
    }
    buffer.set(chunk.data, this.received);
    this.received += chunk.data.byteLength;
    this.crc = crc32(chunk.data, this.crc);
    if (!chunk.last) return MORE;
    this.finished = true;
    if (this.received !== buffer.byteLength) {
      return refused(grpcStatus.DATA_LOSS, `snapshot ended after ${this.received} of its ${buffer.byteLength} bytes`);
    }
    if (this.crc !== chunk.crc32) {
      return refused(grpcStatus.DATA_LOSS, `snapshot failed its CRC32 check (sent ${chunk.crc32}, received data has ${this.crc})`);
    }
    const decoded = decodeMessage(header, buffer);
    if (!decoded.ok) return refused(grpcStatus.INVALID_ARGUMENT, decoded.problem);
    this.buffer = undefined;
    return { kind: 'done', message: decoded.value };
  }
}
