// Original file: proto/berth/objects/v1/objects.proto


/**
 * A container's limit or request, in units of divisor.
 */
export interface ResourceFieldSelector {
  'containerName'?: (string);
  'resource'?: (string);
  /**
   * A quantity.
   */
  'divisor'?: (string);
  '_containerName'?: "containerName";
  '_resource'?: "resource";
  '_divisor'?: "divisor";
}

/**
 * A container's limit or request, in units of divisor.
 */
export interface ResourceFieldSelector__Output {
  'containerName'?: (string);
  'resource'?: (string);
  /**
   * A quantity.
   */
  'divisor'?: (string);
  '_containerName'?: "containerName";
  '_resource'?: "resource";
  '_divisor'?: "divisor";
}
