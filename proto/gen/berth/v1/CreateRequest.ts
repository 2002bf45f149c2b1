// Original file: proto/berth/v1/api.proto

import type { ApiObject as _berth_objects_v1_ApiObject, ApiObject__Output as _berth_objects_v1_ApiObject__Output } from '../../berth/objects/v1/ApiObject.js';

export interface CreateRequest {
  'object'?: (_berth_objects_v1_ApiObject | null);
  /**
   * Validate and default, but write nothing.
   */
  'dryRun'?: (boolean);
}

export interface CreateRequest__Output {
  'object': (_berth_objects_v1_ApiObject__Output | null);
  /**
   * Validate and default, but write nothing.
   */
  'dryRun': (boolean);
}
