// Original file: proto/berth/objects/v1/objects.proto


/**
 * How often an event recurred (events.k8s.io style deduplication).
 */
export interface EventSeries {
  'count'?: (number);
  'lastObservedTime'?: (string);
  '_count'?: "count";
  '_lastObservedTime'?: "lastObservedTime";
}

/**
 * How often an event recurred (events.k8s.io style deduplication).
 */
export interface EventSeries__Output {
  'count'?: (number);
  'lastObservedTime'?: (string);
  '_count'?: "count";
  '_lastObservedTime'?: "lastObservedTime";
}
