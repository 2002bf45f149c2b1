// Original file: proto/berth/v1/raft.proto

import type { RaftMessage as _berth_v1_RaftMessage, RaftMessage__Output as _berth_v1_RaftMessage__Output } from '../../berth/v1/RaftMessage.js';

/**
 * A batch of messages from one replica to one peer.
 */
export interface RaftEnvelope {
  'clusterId'?: (string);
  'from'?: (string);
  'messages'?: (_berth_v1_RaftMessage)[];
}

/**
 * A batch of messages from one replica to one peer.
 */
export interface RaftEnvelope__Output {
  'clusterId': (string);
  'from': (string);
  'messages': (_berth_v1_RaftMessage__Output)[];
}
