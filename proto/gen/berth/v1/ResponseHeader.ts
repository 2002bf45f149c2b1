// Original file: proto/berth/v1/kv.proto

import type { Long } from '@grpc/proto-loader';

/**
 * Every response says who answered and at which state.
 */
export interface ResponseHeader {
  'clusterId'?: (string);
  /**
   * The replica that answered.
   */
  'memberId'?: (string);
  /**
   * The store revision the response reflects: for a write, the revision after it; for a watch
   * response, every change up to this revision has been sent.
   */
  'revision'?: (number | string | Long);
  'raftTerm'?: (number | string | Long);
  /**
   * The leader as this replica knows it; empty while none is known.
   */
  'leader'?: (string);
}

/**
 * Every response says who answered and at which state.
 */
export interface ResponseHeader__Output {
  'clusterId': (string);
  /**
   * The replica that answered.
   */
  'memberId': (string);
  /**
   * The store revision the response reflects: for a write, the revision after it; for a watch
   * response, every change up to this revision has been sent.
   */
  'revision': (number);
  'raftTerm': (number);
  /**
   * The leader as this replica knows it; empty while none is known.
   */
  'leader': (string);
}
