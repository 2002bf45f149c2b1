// Original file: proto/berth/objects/v1/objects.proto

import type { ObjectMeta as _berth_objects_v1_ObjectMeta, ObjectMeta__Output as _berth_objects_v1_ObjectMeta__Output } from '../../../berth/objects/v1/ObjectMeta.js';
import type { ObjectReference as _berth_objects_v1_ObjectReference, ObjectReference__Output as _berth_objects_v1_ObjectReference__Output } from '../../../berth/objects/v1/ObjectReference.js';
import type { EventSource as _berth_objects_v1_EventSource, EventSource__Output as _berth_objects_v1_EventSource__Output } from '../../../berth/objects/v1/EventSource.js';
import type { EventSeries as _berth_objects_v1_EventSeries, EventSeries__Output as _berth_objects_v1_EventSeries__Output } from '../../../berth/objects/v1/EventSeries.js';

export interface Event {
  'apiVersion'?: (string);
  'kind'?: (string);
  'metadata'?: (_berth_objects_v1_ObjectMeta | null);
  'involvedObject'?: (_berth_objects_v1_ObjectReference | null);
  'reason'?: (string);
  'message'?: (string);
  'source'?: (_berth_objects_v1_EventSource | null);
  'firstTimestamp'?: (string);
  'lastTimestamp'?: (string);
  'count'?: (number);
  /**
   * Normal or Warning
   */
  'type'?: (string);
  'reportingComponent'?: (string);
  'reportingInstance'?: (string);
  'action'?: (string);
  /**
   * A MicroTime (RFC 3339 with microseconds), set by events.k8s.io writers.
   */
  'eventTime'?: (string);
  'series'?: (_berth_objects_v1_EventSeries | null);
  'related'?: (_berth_objects_v1_ObjectReference | null);
  '_apiVersion'?: "apiVersion";
  '_kind'?: "kind";
  '_reason'?: "reason";
  '_message'?: "message";
  '_firstTimestamp'?: "firstTimestamp";
  '_lastTimestamp'?: "lastTimestamp";
  '_count'?: "count";
  '_type'?: "type";
  '_reportingComponent'?: "reportingComponent";
  '_reportingInstance'?: "reportingInstance";
  '_action'?: "action";
  '_eventTime'?: "eventTime";
}

export interface Event__Output {
  'apiVersion'?: (string);
  'kind'?: (string);
  'metadata': (_berth_objects_v1_ObjectMeta__Output | null);
  'involvedObject': (_berth_objects_v1_ObjectReference__Output | null);
  'reason'?: (string);
  'message'?: (string);
  'source': (_berth_objects_v1_EventSource__Output | null);
  'firstTimestamp'?: (string);
  'lastTimestamp'?: (string);
  'count'?: (number);
  /**
   * Normal or Warning
   */
  'type'?: (string);
  'reportingComponent'?: (string);
  'reportingInstance'?: (string);
  'action'?: (string);
  /**
   * A MicroTime (RFC 3339 with microseconds), set by events.k8s.io writers.
   */
  'eventTime'?: (string);
  'series': (_berth_objects_v1_EventSeries__Output | null);
  'related': (_berth_objects_v1_ObjectReference__Output | null);
  '_apiVersion'?: "apiVersion";
  '_kind'?: "kind";
  '_reason'?: "reason";
  '_message'?: "message";
  '_firstTimestamp'?: "firstTimestamp";
  '_lastTimestamp'?: "lastTimestamp";
  '_count'?: "count";
  '_type'?: "type";
  '_reportingComponent'?: "reportingComponent";
  '_reportingInstance'?: "reportingInstance";
  '_action'?: "action";
  '_eventTime'?: "eventTime";
}
