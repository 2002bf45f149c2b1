// Streams one 'snap' message to a peer over InstallSnapshot: the message without its data in the
// first chunk, the data in chunks of snapshotChunkBytes written as the stream drains, and the
// CRC32 of the whole data on the last chunk.
import { crc32 } from 'node:zlib';
import type { ClientWritableStream } from '@grpc/grpc-js';
import type { Message } from '../core/index.js';
import type { RaftServiceClient } from '../../../proto/gen/berth/v1/RaftService.js';
import type { SnapshotChunk } from '../../../proto/gen/berth/v1/SnapshotChunk.js';
import { encodeMessage } from './codec.js';
import type { CompiledGrpcTransportOptions } from './options.js';

export interface SnapshotSend {
  /** Settles when the receiver acknowledged the whole snapshot, or the stream failed. */
  readonly done: Promise<void>;
  cancel(): void;
}

type ChunkOptions = Pick<CompiledGrpcTransportOptions, 'clusterId' | 'selfId' | 'snapshotChunkBytes' | 'snapshotTimeoutMs'>;

export function sendSnapshot(client: RaftServiceClient, message: Message, options: ChunkOptions): SnapshotSend {
  const data = message.snapshot?.data ?? new Uint8Array(0);
  let call: ClientWritableStream<SnapshotChunk> | undefined;
  const done = new Promise<void>((resolve, reject) => {
    const deadline = Date.now() + options.snapshotTimeoutMs;
    call = client.InstallSnapshot({ deadline }, (err) => (err === null ? resolve() : reject(err)));
    pumpChunks(call, message, data, options);
  });
  return { done, cancel: () => call?.cancel() };
}

function pumpChunks(
  call: ClientWritableStream<SnapshotChunk>,
  message: Message,
  data: Uint8Array,
  options: ChunkOptions,
): void {
  const checksum = crc32(data);
  let offset = 0;
  const pump = (): void => {
    for (;;) {
      const first = offset === 0;
      const end = Math.min(offset + options.snapshotChunkBytes, data.byteLength);
      const last = end === data.byteLength;
      const chunk: SnapshotChunk = {
        clusterId: options.clusterId,
        from: options.selfId,
        to: message.to,
        header: first ? encodeMessage(message) : null,
        totalBytes: first ? data.byteLength : 0,
        offset,
        data: data.subarray(offset, end),
        last,
        crc32: last ? checksum : 0,
      };
      offset = end;
      const writable = call.write(chunk);
      if (last) {
        call.end();
        return;
      }
      if (!writable) {
        call.once('drain', pump);
        return;
      }
    }
  };
  pump();
}
