// Original file: proto/berth/objects/v1/objects.proto

import type { ObjectMeta as _berth_objects_v1_ObjectMeta, ObjectMeta__Output as _berth_objects_v1_ObjectMeta__Output } from '../../../berth/objects/v1/ObjectMeta.js';

export interface Secret {
  'apiVersion'?: (string);
  'kind'?: (string);
  'metadata'?: (_berth_objects_v1_ObjectMeta | null);
  /**
   * Values are bytes; in JSON they are base64, as in Kubernetes.
   */
  'data'?: ({[key: string]: Buffer | Uint8Array | string});
  /**
   * Write-only convenience: merged into data by the server.
   */
  'stringData'?: ({[key: string]: string});
  'type'?: (string);
  'immutable'?: (boolean);
  '_apiVersion'?: "apiVersion";
  '_kind'?: "kind";
  '_type'?: "type";
  '_immutable'?: "immutable";
}

export interface Secret__Output {
  'apiVersion'?: (string);
  'kind'?: (string);
  'metadata': (_berth_objects_v1_ObjectMeta__Output | null);
  /**
   * Values are bytes; in JSON they are base64, as in Kubernetes.
   */
  'data': ({[key: string]: Buffer});
  /**
   * Write-only convenience: merged into data by the server.
   */
  'stringData': ({[key: string]: string});
  'type'?: (string);
  'immutable'?: (boolean);
  '_apiVersion'?: "apiVersion";
  '_kind'?: "kind";
  '_type'?: "type";
  '_immutable'?: "immutable";
}
