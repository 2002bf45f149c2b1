// Original file: proto/berth/v1/node.proto


/**
 * Output of a Logs or Exec request the leader sent down.
 */
export interface StreamData {
  'requestId'?: (string);
  'stdout'?: (Buffer | Uint8Array | string);
  'stderr'?: (Buffer | Uint8Array | string);
  /**
   * Last message of the request.
   */
  'end'?: (boolean);
  'exitCode'?: (number);
  /**
   * When the request failed: a berth error code (NOT_FOUND, INVALID_ARGUMENT, ...) and message.
   */
  'errorCode'?: (string);
  'error'?: (string);
  '_exitCode'?: "exitCode";
}

/**
 * Output of a Logs or Exec request the leader sent down.
 */
export interface StreamData__Output {
  'requestId': (string);
  'stdout': (Buffer);
  'stderr': (Buffer);
  /**
   * Last message of the request.
   */
  'end': (boolean);
  'exitCode'?: (number);
  /**
   * When the request failed: a berth error code (NOT_FOUND, INVALID_ARGUMENT, ...) and message.
   */
  'errorCode': (string);
  'error': (string);
  '_exitCode'?: "exitCode";
}
