// Original file: proto/berth/v1/kv.proto


export interface DeleteRangeRequest {
  'key'?: (string);
  'rangeEnd'?: (string);
  'prefix'?: (boolean);
  /**
   * Return the deleted versions.
   */
  'prevKv'?: (boolean);
}

export interface DeleteRangeRequest__Output {
  'key': (string);
  'rangeEnd': (string);
  'prefix': (boolean);
  /**
   * Return the deleted versions.
   */
  'prevKv': (boolean);
}
