// Original file: proto/berth/objects/v1/objects.proto


/**
 * A reference to an object of a known kind in the same namespace (image pull secrets).
 */
export interface LocalObjectReference {
  'name'?: (string);
  '_name'?: "name";
}

/**
 * A reference to an object of a known kind in the same namespace (image pull secrets).
 */
export interface LocalObjectReference__Output {
  'name'?: (string);
  '_name'?: "name";
}
