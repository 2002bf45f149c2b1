// Original file: proto/berth/v1/api.proto

import type { ResponseHeader as _berth_v1_ResponseHeader, ResponseHeader__Output as _berth_v1_ResponseHeader__Output } from '../../berth/v1/ResponseHeader.js';
import type { ApiObject as _berth_objects_v1_ApiObject, ApiObject__Output as _berth_objects_v1_ApiObject__Output } from '../../berth/objects/v1/ApiObject.js';

export interface ApplyResponse {
  'header'?: (_berth_v1_ResponseHeader | null);
  'object'?: (_berth_objects_v1_ApiObject | null);
  /**
   * "created", "configured" or "unchanged".
   */
  'result'?: (string);
  'warnings'?: (string)[];
}

export interface ApplyResponse__Output {
  'header': (_berth_v1_ResponseHeader__Output | null);
  'object': (_berth_objects_v1_ApiObject__Output | null);
  /**
   * "created", "configured" or "unchanged".
   */
  'result': (string);
  'warnings': (string)[];
}
