// Original file: proto/berth/objects/v1/objects.proto

import type { ObjectMeta as _berth_objects_v1_ObjectMeta, ObjectMeta__Output as _berth_objects_v1_ObjectMeta__Output } from '../../../berth/objects/v1/ObjectMeta.js';

export interface ConfigMap {
  'apiVersion'?: (string);
  'kind'?: (string);
  'metadata'?: (_berth_objects_v1_ObjectMeta | null);
  'data'?: ({[key: string]: string});
  'binaryData'?: ({[key: string]: Buffer | Uint8Array | string});
  'immutable'?: (boolean);
  '_apiVersion'?: "apiVersion";
  '_kind'?: "kind";
  '_immutable'?: "immutable";
}

export interface ConfigMap__Output {
  'apiVersion'?: (string);
  'kind'?: (string);
  'metadata': (_berth_objects_v1_ObjectMeta__Output | null);
  'data': ({[key: string]: string});
  'binaryData': ({[key: string]: Buffer});
  'immutable'?: (boolean);
  '_apiVersion'?: "apiVersion";
  '_kind'?: "kind";
  '_immutable'?: "immutable";
}
