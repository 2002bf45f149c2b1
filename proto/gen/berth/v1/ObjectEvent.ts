// Original file: proto/berth/v1/api.proto

import type { ApiObject as _berth_objects_v1_ApiObject, ApiObject__Output as _berth_objects_v1_ApiObject__Output } from '../../berth/objects/v1/ApiObject.js';

export interface ObjectEvent {
  /**
   * ADDED, MODIFIED, DELETED or BOOKMARK.
   */
  'type'?: (string);
  /**
   * Absent on BOOKMARK.
   */
  'object'?: (_berth_objects_v1_ApiObject | null);
  /**
   * The revision of this change (or reached, for a BOOKMARK).
   */
  'resourceVersion'?: (string);
  /**
   * On the BOOKMARK that ends the initial events.
   */
  'initialEventsEnd'?: (boolean);
}

export interface ObjectEvent__Output {
  /**
   * ADDED, MODIFIED, DELETED or BOOKMARK.
   */
  'type': (string);
  /**
   * Absent on BOOKMARK.
   */
  'object': (_berth_objects_v1_ApiObject__Output | null);
  /**
   * The revision of this change (or reached, for a BOOKMARK).
   */
  'resourceVersion': (string);
  /**
   * On the BOOKMARK that ends the initial events.
   */
  'initialEventsEnd': (boolean);
}
