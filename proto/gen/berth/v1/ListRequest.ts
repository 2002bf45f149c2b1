// Original file: proto/berth/v1/api.proto


export interface ListRequest {
  'kind'?: (string);
  /**
   * Empty: every namespace.
   */
  'namespace'?: (string);
  /**
   * app=web,tier in (fe,be),!canary
   */
  'labelSelector'?: (string);
  /**
   * metadata.name=web,status.phase!=Running
   */
  'fieldSelector'?: (string);
  /**
   * Most items to return; 0: all. The response's continue token fetches the next page, read at
   * the same revision as the first.
   */
  'limit'?: (number);
  'continue'?: (string);
  'stale'?: (boolean);
}

export interface ListRequest__Output {
  'kind': (string);
  /**
   * Empty: every namespace.
   */
  'namespace': (string);
  /**
   * app=web,tier in (fe,be),!canary
   */
  'labelSelector': (string);
  /**
   * metadata.name=web,status.phase!=Running
   */
  'fieldSelector': (string);
  /**
   * Most items to return; 0: all. The response's continue token fetches the next page, read at
   * the same revision as the first.
   */
  'limit': (number);
  'continue': (string);
  'stale': (boolean);
}
