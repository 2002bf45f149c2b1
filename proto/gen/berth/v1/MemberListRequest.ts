// Original file: proto/berth/v1/api.proto


export interface MemberListRequest {
  /**
   * Serve from this replica's state without confirming with the leader.
   */
  'serializable'?: (boolean);
}

export interface MemberListRequest__Output {
  /**
   * Serve from this replica's state without confirming with the leader.
   */
  'serializable': (boolean);
}
