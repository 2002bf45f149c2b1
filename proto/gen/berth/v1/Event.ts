// Original file: proto/berth/v1/kv.proto

import type { KeyValue as _berth_v1_KeyValue, KeyValue__Output as _berth_v1_KeyValue__Output } from '../../berth/v1/KeyValue.js';

// Original file: proto/berth/v1/kv.proto

export const _berth_v1_Event_Type = {
  TYPE_UNSPECIFIED: 'TYPE_UNSPECIFIED',
  PUT: 'PUT',
  DELETE: 'DELETE',
} as const;

export type _berth_v1_Event_Type =
  | 'TYPE_UNSPECIFIED'
  | 0
  | 'PUT'
  | 1
  | 'DELETE'
  | 2

export type _berth_v1_Event_Type__Output = typeof _berth_v1_Event_Type[keyof typeof _berth_v1_Event_Type]

export interface Event {
  'type'?: (_berth_v1_Event_Type);
  /**
   * The new version; for a DELETE the key with an empty value, version 0 and mod_revision set to
   * the revision of the delete.
   */
  'kv'?: (_berth_v1_KeyValue | null);
  'prevKv'?: (_berth_v1_KeyValue | null);
}

export interface Event__Output {
  'type': (_berth_v1_Event_Type__Output);
  /**
   * The new version; for a DELETE the key with an empty value, version 0 and mod_revision set to
   * the revision of the delete.
   */
  'kv': (_berth_v1_KeyValue__Output | null);
  'prevKv': (_berth_v1_KeyValue__Output | null);
}
