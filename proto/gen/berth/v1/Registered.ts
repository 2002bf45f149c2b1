// Original file: proto/berth/v1/node.proto

import type { Long } from '@grpc/proto-loader';

export interface Registered {
  'node'?: (string);
  /**
   * The replica that holds this stream, and its term.
   */
  'leader'?: (string);
  'term'?: (number | string | Long);
  'heartbeatIntervalMs'?: (number);
}

export interface Registered__Output {
  'node': (string);
  /**
   * The replica that holds this stream, and its term.
   */
  'leader': (string);
  'term': (number);
  'heartbeatIntervalMs': (number);
}
