// Original file: proto/berth/v1/node.proto

import type { Long } from '@grpc/proto-loader';

export interface LogsRequest {
  'namespace'?: (string);
  'pod'?: (string);
  /**
   * Needed when the pod has more than one container.
   */
  'container'?: (string);
  'follow'?: (boolean);
  /**
   * Only the last N lines; unset: all.
   */
  'tailLines'?: (number | string | Long);
  /**
   * The previous instance's log (before the last restart).
   */
  'previous'?: (boolean);
  'limitBytes'?: (number | string | Long);
  '_tailLines'?: "tailLines";
  '_limitBytes'?: "limitBytes";
}

export interface LogsRequest__Output {
  'namespace': (string);
  'pod': (string);
  /**
   * Needed when the pod has more than one container.
   */
  'container': (string);
  'follow': (boolean);
  /**
   * Only the last N lines; unset: all.
   */
  'tailLines'?: (number);
  /**
   * The previous instance's log (before the last restart).
   */
  'previous': (boolean);
  'limitBytes'?: (number);
  '_tailLines'?: "tailLines";
  '_limitBytes'?: "limitBytes";
}
