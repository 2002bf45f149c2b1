// Original file: proto/berth/v1/raft.proto

import type { RaftMessageType as _berth_v1_RaftMessageType, RaftMessageType__Output as _berth_v1_RaftMessageType__Output } from '../../berth/v1/RaftMessageType.js';
import type { RaftEntry as _berth_v1_RaftEntry, RaftEntry__Output as _berth_v1_RaftEntry__Output } from '../../berth/v1/RaftEntry.js';
import type { RaftSnapshotMetadata as _berth_v1_RaftSnapshotMetadata, RaftSnapshotMetadata__Output as _berth_v1_RaftSnapshotMetadata__Output } from '../../berth/v1/RaftSnapshotMetadata.js';
import type { Long } from '@grpc/proto-loader';

export interface RaftMessage {
  'type'?: (_berth_v1_RaftMessageType);
  'from'?: (string);
  'to'?: (string);
  'term'?: (number | string | Long);
  'logTerm'?: (number | string | Long);
  'index'?: (number | string | Long);
  'entries'?: (_berth_v1_RaftEntry)[];
  'commit'?: (number | string | Long);
  'reject'?: (boolean);
  'rejectHint'?: (number | string | Long);
  'context'?: (Buffer | Uint8Array | string);
  /**
   * Only on a 'snap' message; its data travels in the chunks of InstallSnapshot.
   */
  'snapshot'?: (_berth_v1_RaftSnapshotMetadata | null);
}

export interface RaftMessage__Output {
  'type': (_berth_v1_RaftMessageType__Output);
  'from': (string);
  'to': (string);
  'term': (number);
  'logTerm': (number);
  'index': (number);
  'entries': (_berth_v1_RaftEntry__Output)[];
  'commit': (number);
  'reject': (boolean);
  'rejectHint': (number);
  'context': (Buffer);
  /**
   * Only on a 'snap' message; its data travels in the chunks of InstallSnapshot.
   */
  'snapshot': (_berth_v1_RaftSnapshotMetadata__Output | null);
}
