// Original file: proto/berth/v1/node.proto


export interface UsageRequest {
  /**
   * Pods of this namespace only; empty: every namespace.
   */
  'namespace'?: (string);
}

export interface UsageRequest__Output {
  /**
   * Pods of this namespace only; empty: every namespace.
   */
  'namespace': (string);
}
