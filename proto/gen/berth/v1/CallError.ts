// Original file: proto/berth/v1/kv.proto


/**
 * What the unary method would have ended its call with.
 */
export interface CallError {
  /**
   * The gRPC status code.
   */
  'grpcCode'?: (number);
  'message'?: (string);
  /**
   * berth's error code and JSON details (the berth-code and berth-details trailers of a unary call).
   */
  'berthCode'?: (string);
  'berthDetails'?: (string);
}

/**
 * What the unary method would have ended its call with.
 */
export interface CallError__Output {
  /**
   * The gRPC status code.
   */
  'grpcCode': (number);
  'message': (string);
  /**
   * berth's error code and JSON details (the berth-code and berth-details trailers of a unary call).
   */
  'berthCode': (string);
  'berthDetails': (string);
}
