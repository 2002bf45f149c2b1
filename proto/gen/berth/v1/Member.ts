// Original file: proto/berth/v1/api.proto


// Original file: proto/berth/v1/api.proto

export const _berth_v1_Member_Role = {
  ROLE_UNSPECIFIED: 'ROLE_UNSPECIFIED',
  VOTER: 'VOTER',
  LEARNER: 'LEARNER',
} as const;

export type _berth_v1_Member_Role =
  | 'ROLE_UNSPECIFIED'
  | 0
  | 'VOTER'
  | 1
  | 'LEARNER'
  | 2

export type _berth_v1_Member_Role__Output = typeof _berth_v1_Member_Role[keyof typeof _berth_v1_Member_Role]

export interface Member {
  'id'?: (string);
  /**
   * host:port of its gRPC server (Raft and the API share it).
   */
  'address'?: (string);
  'role'?: (_berth_v1_Member_Role);
}

export interface Member__Output {
  'id': (string);
  /**
   * host:port of its gRPC server (Raft and the API share it).
   */
  'address': (string);
  'role': (_berth_v1_Member_Role__Output);
}
