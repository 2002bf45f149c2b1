// Original file: proto/berth/v1/api.proto

import type { ResponseHeader as _berth_v1_ResponseHeader, ResponseHeader__Output as _berth_v1_ResponseHeader__Output } from '../../berth/v1/ResponseHeader.js';
import type { MemberProgress as _berth_v1_MemberProgress, MemberProgress__Output as _berth_v1_MemberProgress__Output } from '../../berth/v1/MemberProgress.js';
import type { Long } from '@grpc/proto-loader';

// Original file: proto/berth/v1/api.proto

export const _berth_v1_StatusResponse_Role = {
  ROLE_UNSPECIFIED: 'ROLE_UNSPECIFIED',
  FOLLOWER: 'FOLLOWER',
  PRE_CANDIDATE: 'PRE_CANDIDATE',
  CANDIDATE: 'CANDIDATE',
  LEADER: 'LEADER',
} as const;

export type _berth_v1_StatusResponse_Role =
  | 'ROLE_UNSPECIFIED'
  | 0
  | 'FOLLOWER'
  | 1
  | 'PRE_CANDIDATE'
  | 2
  | 'CANDIDATE'
  | 3
  | 'LEADER'
  | 4

export type _berth_v1_StatusResponse_Role__Output = typeof _berth_v1_StatusResponse_Role[keyof typeof _berth_v1_StatusResponse_Role]

export interface StatusResponse {
  'header'?: (_berth_v1_ResponseHeader | null);
  'id'?: (string);
  'leader'?: (string);
  'term'?: (number | string | Long);
  'role'?: (_berth_v1_StatusResponse_Role);
  'commit'?: (number | string | Long);
  'applied'?: (number | string | Long);
  'lastIndex'?: (number | string | Long);
  'firstIndex'?: (number | string | Long);
  'revision'?: (number | string | Long);
  'compactedRevision'?: (number | string | Long);
  'voters'?: (string)[];
  'learners'?: (string)[];
  /**
   * Only on the leader: one per other member, in id order.
   */
  'progress'?: (_berth_v1_MemberProgress)[];
  /**
   * The voter leadership is being handed to, if a transfer is under way.
   */
  'leadTransferee'?: (string);
}

export interface StatusResponse__Output {
  'header': (_berth_v1_ResponseHeader__Output | null);
  'id': (string);
  'leader': (string);
  'term': (number);
  'role': (_berth_v1_StatusResponse_Role__Output);
  'commit': (number);
  'applied': (number);
  'lastIndex': (number);
  'firstIndex': (number);
  'revision': (number);
  'compactedRevision': (number);
  'voters': (string)[];
  'learners': (string)[];
  /**
   * Only on the leader: one per other member, in id order.
   */
  'progress': (_berth_v1_MemberProgress__Output)[];
  /**
   * The voter leadership is being handed to, if a transfer is under way.
   */
  'leadTransferee': (string);
}
