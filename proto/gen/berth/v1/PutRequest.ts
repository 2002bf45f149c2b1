// Original file: proto/berth/v1/kv.proto


export interface PutRequest {
  'key'?: (string);
  'value'?: (Buffer | Uint8Array | string);
  /**
   * Return the version this put replaced.
   */
  'prevKv'?: (boolean);
}

export interface PutRequest__Output {
  'key': (string);
  'value': (Buffer);
  /**
   * Return the version this put replaced.
   */
  'prevKv': (boolean);
}
