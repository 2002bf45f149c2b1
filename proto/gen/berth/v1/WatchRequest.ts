// Original file: proto/berth/v1/kv.proto

import type { Long } from '@grpc/proto-loader';

export interface WatchRequest {
  'key'?: (string);
  'rangeEnd'?: (string);
  'prefix'?: (boolean);
  /**
   * Replay history from this revision (inclusive), then follow live changes; 0: changes after now.
   */
  'startRevision'?: (number | string | Long);
  /**
   * Attach the previous version of the key to each event.
   */
  'prevKv'?: (boolean);
}

export interface WatchRequest__Output {
  'key': (string);
  'rangeEnd': (string);
  'prefix': (boolean);
  /**
   * Replay history from this revision (inclusive), then follow live changes; 0: changes after now.
   */
  'startRevision': (number);
  /**
   * Attach the previous version of the key to each event.
   */
  'prevKv': (boolean);
}
