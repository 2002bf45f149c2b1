// Original file: proto/berth/v1/api.proto

import type { ApiObject as _berth_objects_v1_ApiObject, ApiObject__Output as _berth_objects_v1_ApiObject__Output } from '../../berth/objects/v1/ApiObject.js';

export interface UpdateRequest {
  'object'?: (_berth_objects_v1_ApiObject | null);
  /**
   * "" or "status".
   */
  'subresource'?: (string);
  'dryRun'?: (boolean);
}

export interface UpdateRequest__Output {
  'object': (_berth_objects_v1_ApiObject__Output | null);
  /**
   * "" or "status".
   */
  'subresource': (string);
  'dryRun': (boolean);
}
