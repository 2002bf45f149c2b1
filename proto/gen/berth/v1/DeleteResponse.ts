// Original file: proto/berth/v1/api.proto

import type { ResponseHeader as _berth_v1_ResponseHeader, ResponseHeader__Output as _berth_v1_ResponseHeader__Output } from '../../berth/v1/ResponseHeader.js';
import type { ApiObject as _berth_objects_v1_ApiObject, ApiObject__Output as _berth_objects_v1_ApiObject__Output } from '../../berth/objects/v1/ApiObject.js';

export interface DeleteResponse {
  'header'?: (_berth_v1_ResponseHeader | null);
  /**
   * The object as deleted, or as marked for deletion while finalizers remain.
   */
  'object'?: (_berth_objects_v1_ApiObject | null);
  /**
   * True when finalizers keep the object until they are removed.
   */
  'pending'?: (boolean);
}

export interface DeleteResponse__Output {
  'header': (_berth_v1_ResponseHeader__Output | null);
  /**
   * The object as deleted, or as marked for deletion while finalizers remain.
   */
  'object': (_berth_objects_v1_ApiObject__Output | null);
  /**
   * True when finalizers keep the object until they are removed.
   */
  'pending': (boolean);
}
