// Original file: proto/berth/v1/api.proto

import type { ResponseHeader as _berth_v1_ResponseHeader, ResponseHeader__Output as _berth_v1_ResponseHeader__Output } from '../../berth/v1/ResponseHeader.js';
import type { ApiObject as _berth_objects_v1_ApiObject, ApiObject__Output as _berth_objects_v1_ApiObject__Output } from '../../berth/objects/v1/ApiObject.js';

export interface ListResponse {
  'header'?: (_berth_v1_ResponseHeader | null);
  'items'?: (_berth_objects_v1_ApiObject)[];
  /**
   * The revision the list reflects; watch from it to see every later change.
   */
  'resourceVersion'?: (string);
  /**
   * Set when more items match: pass it back as ListRequest.continue.
   */
  'continue'?: (string);
}

export interface ListResponse__Output {
  'header': (_berth_v1_ResponseHeader__Output | null);
  'items': (_berth_objects_v1_ApiObject__Output)[];
  /**
   * The revision the list reflects; watch from it to see every later change.
   */
  'resourceVersion': (string);
  /**
   * Set when more items match: pass it back as ListRequest.continue.
   */
  'continue': (string);
}
