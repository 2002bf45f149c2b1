// Original file: proto/berth/objects/v1/objects.proto


/**
 * Repels pods that do not tolerate it.
 */
export interface Taint {
  'key'?: (string);
  'value'?: (string);
  /**
   * NoSchedule, PreferNoSchedule or NoExecute
   */
  'effect'?: (string);
  'timeAdded'?: (string);
  '_key'?: "key";
  '_value'?: "value";
  '_effect'?: "effect";
  '_timeAdded'?: "timeAdded";
}

/**
 * Repels pods that do not tolerate it.
 */
export interface Taint__Output {
  'key'?: (string);
  'value'?: (string);
  /**
   * NoSchedule, PreferNoSchedule or NoExecute
   */
  'effect'?: (string);
  'timeAdded'?: (string);
  '_key'?: "key";
  '_value'?: "value";
  '_effect'?: "effect";
  '_timeAdded'?: "timeAdded";
}
