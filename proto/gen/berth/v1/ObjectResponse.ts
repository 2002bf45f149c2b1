// Original file: proto/berth/v1/api.proto

import type { ResponseHeader as _berth_v1_ResponseHeader, ResponseHeader__Output as _berth_v1_ResponseHeader__Output } from '../../berth/v1/ResponseHeader.js';
import type { ApiObject as _berth_objects_v1_ApiObject, ApiObject__Output as _berth_objects_v1_ApiObject__Output } from '../../berth/objects/v1/ApiObject.js';

export interface ObjectResponse {
  'header'?: (_berth_v1_ResponseHeader | null);
  'object'?: (_berth_objects_v1_ApiObject | null);
  /**
   * Things the server noticed but accepted, e.g. fields it ignores.
   */
  'warnings'?: (string)[];
}

export interface ObjectResponse__Output {
  'header': (_berth_v1_ResponseHeader__Output | null);
  'object': (_berth_objects_v1_ApiObject__Output | null);
  /**
   * Things the server noticed but accepted, e.g. fields it ignores.
   */
  'warnings': (string)[];
}
