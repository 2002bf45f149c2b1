// Original file: proto/berth/objects/v1/objects.proto

import type { Long } from '@grpc/proto-loader';

export interface Toleration {
  'key'?: (string);
  /**
   * Exists or Equal
   */
  'operator'?: (string);
  'value'?: (string);
  'effect'?: (string);
  /**
   * For NoExecute: how long the pod stays bound after the taint appears.
   */
  'tolerationSeconds'?: (number | string | Long);
  '_key'?: "key";
  '_operator'?: "operator";
  '_value'?: "value";
  '_effect'?: "effect";
  '_tolerationSeconds'?: "tolerationSeconds";
}

export interface Toleration__Output {
  'key'?: (string);
  /**
   * Exists or Equal
   */
  'operator'?: (string);
  'value'?: (string);
  'effect'?: (string);
  /**
   * For NoExecute: how long the pod stays bound after the taint appears.
   */
  'tolerationSeconds'?: (number);
  '_key'?: "key";
  '_operator'?: "operator";
  '_value'?: "value";
  '_effect'?: "effect";
  '_tolerationSeconds'?: "tolerationSeconds";
}
