// Original file: proto/berth/objects/v1/objects.proto


export interface PodOS {
  /**
   * linux or windows
   */
  'name'?: (string);
  '_name'?: "name";
}

export interface PodOS__Output {
  /**
   * linux or windows
   */
  'name'?: (string);
  '_name'?: "name";
}
