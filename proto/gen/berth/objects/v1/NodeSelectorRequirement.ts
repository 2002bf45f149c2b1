// Original file: proto/berth/objects/v1/objects.proto


export interface NodeSelectorRequirement {
  'key'?: (string);
  /**
   * In, NotIn, Exists, DoesNotExist, Gt, Lt
   */
  'operator'?: (string);
  'values'?: (string)[];
  '_key'?: "key";
  '_operator'?: "operator";
}

export interface NodeSelectorRequirement__Output {
  'key'?: (string);
  /**
   * In, NotIn, Exists, DoesNotExist, Gt, Lt
   */
  'operator'?: (string);
  'values': (string)[];
  '_key'?: "key";
  '_operator'?: "operator";
}
