// Original file: proto/berth/v1/api.proto


export interface PatchRequest {
  'kind'?: (string);
  'namespace'?: (string);
  'name'?: (string);
  /**
   * A JSON merge patch: the fields to set; null removes a field.
   */
  'mergePatch'?: (string);
  'subresource'?: (string);
  'dryRun'?: (boolean);
}

export interface PatchRequest__Output {
  'kind': (string);
  'namespace': (string);
  'name': (string);
  /**
   * A JSON merge patch: the fields to set; null removes a field.
   */
  'mergePatch': (string);
  'subresource': (string);
  'dryRun': (boolean);
}
