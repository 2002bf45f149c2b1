// Original file: proto/berth/v1/api.proto

import type { ApiObject as _berth_objects_v1_ApiObject, ApiObject__Output as _berth_objects_v1_ApiObject__Output } from '../../berth/objects/v1/ApiObject.js';

export interface ApplyRequest {
  'object'?: (_berth_objects_v1_ApiObject | null);
  /**
   * Who applies, recorded with the last-applied configuration.
   */
  'fieldManager'?: (string);
  'dryRun'?: (boolean);
}

export interface ApplyRequest__Output {
  'object': (_berth_objects_v1_ApiObject__Output | null);
  /**
   * Who applies, recorded with the last-applied configuration.
   */
  'fieldManager': (string);
  'dryRun': (boolean);
}
