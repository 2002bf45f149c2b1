// Original file: proto/berth/v1/api.proto

import type { ObjectEvent as _berth_v1_ObjectEvent, ObjectEvent__Output as _berth_v1_ObjectEvent__Output } from '../../berth/v1/ObjectEvent.js';

export interface WatchObjectsResponse {
  /**
   * One or more events in revision order. Events that are ready together travel in one message
   * (up to the server's bound), which spares the per-message cost when many change at once.
   */
  'events'?: (_berth_v1_ObjectEvent)[];
}

export interface WatchObjectsResponse__Output {
  /**
   * One or more events in revision order. Events that are ready together travel in one message
   * (up to the server's bound), which spares the per-message cost when many change at once.
   */
  'events': (_berth_v1_ObjectEvent__Output)[];
}
