// Original file: proto/berth/v1/kv.proto

import type { Long } from '@grpc/proto-loader';

/**
 * One version of a key.
 */
export interface KeyValue {
  'key'?: (string);
  'value'?: (Buffer | Uint8Array | string);
  /**
   * Revision of the put that created this generation of the key.
   */
  'createRevision'?: (number | string | Long);
  /**
   * Revision of the change that produced this version.
   */
  'modRevision'?: (number | string | Long);
  /**
   * Puts since the key was (re)created: 1 for the first; 0 in a delete event.
   */
  'version'?: (number | string | Long);
}

/**
 * One version of a key.
 */
export interface KeyValue__Output {
  'key': (string);
  'value': (Buffer);
  /**
   * Revision of the put that created this generation of the key.
   */
  'createRevision': (number);
  /**
   * Revision of the change that produced this version.
   */
  'modRevision': (number);
  /**
   * Puts since the key was (re)created: 1 for the first; 0 in a delete event.
   */
  'version': (number);
}
