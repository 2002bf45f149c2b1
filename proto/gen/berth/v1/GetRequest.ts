// Original file: proto/berth/v1/api.proto


export interface GetRequest {
  'kind'?: (string);
  'namespace'?: (string);
  'name'?: (string);
  /**
   * Serve from this replica's copy without confirming with the leader (may be behind).
   */
  'stale'?: (boolean);
}

export interface GetRequest__Output {
  'kind': (string);
  'namespace': (string);
  'name': (string);
  /**
   * Serve from this replica's copy without confirming with the leader (may be behind).
   */
  'stale': (boolean);
}
