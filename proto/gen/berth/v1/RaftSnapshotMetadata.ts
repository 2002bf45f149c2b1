// Original file: proto/berth/v1/raft.proto

import type { RaftConfState as _berth_v1_RaftConfState, RaftConfState__Output as _berth_v1_RaftConfState__Output } from '../../berth/v1/RaftConfState.js';
import type { Long } from '@grpc/proto-loader';

export interface RaftSnapshotMetadata {
  'index'?: (number | string | Long);
  'term'?: (number | string | Long);
  'conf'?: (_berth_v1_RaftConfState | null);
}

export interface RaftSnapshotMetadata__Output {
  'index': (number);
  'term': (number);
  'conf': (_berth_v1_RaftConfState__Output | null);
}
