// Original file: proto/berth/v1/kv.proto

import type { ResponseHeader as _berth_v1_ResponseHeader, ResponseHeader__Output as _berth_v1_ResponseHeader__Output } from '../../berth/v1/ResponseHeader.js';
import type { Event as _berth_v1_Event, Event__Output as _berth_v1_Event__Output } from '../../berth/v1/Event.js';

/**
 * The first response of a watch has no events: header.revision is the revision the watch starts
 * after. Then each response carries events of whole revisions, in order, and header.revision is
 * the revision of its last event; a response without events is a bookmark. A revision too big
 * for one response is split, and every part but the last has `fragment` set.
 */
export interface WatchResponse {
  'header'?: (_berth_v1_ResponseHeader | null);
  'events'?: (_berth_v1_Event)[];
  'fragment'?: (boolean);
}

/**
 * The first response of a watch has no events: header.revision is the revision the watch starts
 * after. Then each response carries events of whole revisions, in order, and header.revision is
 * the revision of its last event; a response without events is a bookmark. A revision too big
 * for one response is split, and every part but the last has `fragment` set.
 */
export interface WatchResponse__Output {
  'header': (_berth_v1_ResponseHeader__Output | null);
  'events': (_berth_v1_Event__Output)[];
  'fragment': (boolean);
}
