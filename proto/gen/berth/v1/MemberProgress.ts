// Original file: proto/berth/v1/api.proto

import type { Long } from '@grpc/proto-loader';

// Original file: proto/berth/v1/api.proto

export const _berth_v1_MemberProgress_State = {
  STATE_UNSPECIFIED: 'STATE_UNSPECIFIED',
  PROBE: 'PROBE',
  REPLICATE: 'REPLICATE',
  SNAPSHOT: 'SNAPSHOT',
} as const;

export type _berth_v1_MemberProgress_State =
  | 'STATE_UNSPECIFIED'
  | 0
  | 'PROBE'
  | 1
  | 'REPLICATE'
  | 2
  | 'SNAPSHOT'
  | 3

export type _berth_v1_MemberProgress_State__Output = typeof _berth_v1_MemberProgress_State[keyof typeof _berth_v1_MemberProgress_State]

/**
 * How a leader sees one follower's log.
 */
export interface MemberProgress {
  'id'?: (string);
  /**
   * Highest log index known to be on that member.
   */
  'match'?: (number | string | Long);
  /**
   * Next index to send it.
   */
  'next'?: (number | string | Long);
  'state'?: (_berth_v1_MemberProgress_State);
  'learner'?: (boolean);
  /**
   * Heard from within the last election timeout.
   */
  'recentActive'?: (boolean);
  /**
   * Append messages sent and not yet acknowledged.
   */
  'inflight'?: (number);
}

/**
 * How a leader sees one follower's log.
 */
export interface MemberProgress__Output {
  'id': (string);
  /**
   * Highest log index known to be on that member.
   */
  'match': (number);
  /**
   * Next index to send it.
   */
  'next': (number);
  'state': (_berth_v1_MemberProgress_State__Output);
  'learner': (boolean);
  /**
   * Heard from within the last election timeout.
   */
  'recentActive': (boolean);
  /**
   * Append messages sent and not yet acknowledged.
   */
  'inflight': (number);
}
