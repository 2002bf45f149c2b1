// Original file: proto/berth/v1/raft.proto

import type { RaftMessage as _berth_v1_RaftMessage, RaftMessage__Output as _berth_v1_RaftMessage__Output } from '../../berth/v1/RaftMessage.js';
import type { Long } from '@grpc/proto-loader';

export interface SnapshotChunk {
  'clusterId'?: (string);
  'from'?: (string);
  'to'?: (string);
  /**
   * First chunk only: the 'snap' message, without the snapshot's data.
   */
  'header'?: (_berth_v1_RaftMessage | null);
  /**
   * Where this chunk's data starts in the whole snapshot.
   */
  'offset'?: (number | string | Long);
  'data'?: (Buffer | Uint8Array | string);
  'last'?: (boolean);
  /**
   * Last chunk only: the CRC32 of the whole snapshot data.
   */
  'crc32'?: (number);
  /**
   * First chunk only: the size of the whole snapshot data, so the receiver can refuse an
   * oversized snapshot before reading it and allocate its buffer once.
   */
  'totalBytes'?: (number | string | Long);
}

export interface SnapshotChunk__Output {
  'clusterId': (string);
  'from': (string);
  'to': (string);
  /**
   * First chunk only: the 'snap' message, without the snapshot's data.
   */
  'header': (_berth_v1_RaftMessage__Output | null);
  /**
   * Where this chunk's data starts in the whole snapshot.
   */
  'offset': (number);
  'data': (Buffer);
  'last': (boolean);
  /**
   * Last chunk only: the CRC32 of the whole snapshot data.
   */
  'crc32': (number);
  /**
   * First chunk only: the size of the whole snapshot data, so the receiver can refuse an
   * oversized snapshot before reading it and allocate its buffer once.
   */
  'totalBytes': (number);
}
