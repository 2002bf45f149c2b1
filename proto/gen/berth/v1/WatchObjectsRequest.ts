// Original file: proto/berth/v1/api.proto


export interface WatchObjectsRequest {
  'kind'?: (string);
  'namespace'?: (string);
  'labelSelector'?: (string);
  'fieldSelector'?: (string);
  /**
   * Changes after this revision; "" or "0": changes from now on.
   */
  'resourceVersion'?: (string);
  /**
   * First the current objects as ADDED events, then a BOOKMARK marking the end of that list.
   */
  'sendInitialEvents'?: (boolean);
  /**
   * Ask for BOOKMARK events, which carry only the revision the watch has reached.
   */
  'allowBookmarks'?: (boolean);
}

export interface WatchObjectsRequest__Output {
  'kind': (string);
  'namespace': (string);
  'labelSelector': (string);
  'fieldSelector': (string);
  /**
   * Changes after this revision; "" or "0": changes from now on.
   */
  'resourceVersion': (string);
  /**
   * First the current objects as ADDED events, then a BOOKMARK marking the end of that list.
   */
  'sendInitialEvents': (boolean);
  /**
   * Ask for BOOKMARK events, which carry only the revision the watch has reached.
   */
  'allowBookmarks': (boolean);
}
