// Original file: proto/berth/objects/v1/objects.proto


export interface ConfigMapKeySelector {
  'name'?: (string);
  'key'?: (string);
  /**
   * Start the container even if the ConfigMap or key is missing.
   */
  'optional'?: (boolean);
  '_name'?: "name";
  '_key'?: "key";
  '_optional'?: "optional";
}

export interface ConfigMapKeySelector__Output {
  'name'?: (string);
  'key'?: (string);
  /**
   * Start the container even if the ConfigMap or key is missing.
   */
  'optional'?: (boolean);
  '_name'?: "name";
  '_key'?: "key";
  '_optional'?: "optional";
}
