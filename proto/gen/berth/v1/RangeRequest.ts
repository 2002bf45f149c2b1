// Original file: proto/berth/v1/kv.proto

import type { Long } from '@grpc/proto-loader';

export interface RangeRequest {
  /**
   * The key, the first key of a range, or the prefix.
   */
  'key'?: (string);
  /**
   * Exclusive end of the range; "\0" reads to the end of the key space.
   */
  'rangeEnd'?: (string);
  /**
   * Read every key that starts with `key` ('' with prefix: every key).
   */
  'prefix'?: (boolean);
  /**
   * Most keys to return; 0 means the server's maximum (then `more` says whether keys remain).
   */
  'limit'?: (number | string | Long);
  /**
   * Read at this revision; 0 reads the current state.
   */
  'revision'?: (number | string | Long);
  /**
   * Start after this key: the last key of the previous page (read that page's revision too).
   */
  'continueAfter'?: (string);
  /**
   * Serve from this replica's state without confirming with the leader: faster, maybe stale.
   */
  'serializable'?: (boolean);
}

export interface RangeRequest__Output {
  /**
   * The key, the first key of a range, or the prefix.
   */
  'key': (string);
  /**
   * Exclusive end of the range; "\0" reads to the end of the key space.
   */
  'rangeEnd': (string);
  /**
   * Read every key that starts with `key` ('' with prefix: every key).
   */
  'prefix': (boolean);
  /**
   * Most keys to return; 0 means the server's maximum (then `more` says whether keys remain).
   */
  'limit': (number);
  /**
   * Read at this revision; 0 reads the current state.
   */
  'revision': (number);
  /**
   * Start after this key: the last key of the previous page (read that page's revision too).
   */
  'continueAfter': (string);
  /**
   * Serve from this replica's state without confirming with the leader: faster, maybe stale.
   */
  'serializable': (boolean);
}
