// Original file: proto/berth/v1/api.proto

import type { ResponseHeader as _berth_v1_ResponseHeader, ResponseHeader__Output as _berth_v1_ResponseHeader__Output } from '../../berth/v1/ResponseHeader.js';

export interface MemberAddResponse {
  'header'?: (_berth_v1_ResponseHeader | null);
  /**
   * What just happened, for people: "r4 added as a learner; waiting for it to catch up".
   */
  'progress'?: (string);
  /**
   * Set on the last response: the member is a voter.
   */
  'done'?: (boolean);
}

export interface MemberAddResponse__Output {
  'header': (_berth_v1_ResponseHeader__Output | null);
  /**
   * What just happened, for people: "r4 added as a learner; waiting for it to catch up".
   */
  'progress': (string);
  /**
   * Set on the last response: the member is a voter.
   */
  'done': (boolean);
}
