// Original file: proto/berth/objects/v1/objects.proto


/**
 * Used by Deployment, ReplicaSet, StatefulSet, DaemonSet, Job and Service-like selectors.
 */
export interface LabelSelectorRequirement {
  'key'?: (string);
  /**
   * In, NotIn, Exists, DoesNotExist
   */
  'operator'?: (string);
  'values'?: (string)[];
  '_key'?: "key";
  '_operator'?: "operator";
}

/**
 * Used by Deployment, ReplicaSet, StatefulSet, DaemonSet, Job and Service-like selectors.
 */
export interface LabelSelectorRequirement__Output {
  'key'?: (string);
  /**
   * In, NotIn, Exists, DoesNotExist
   */
  'operator'?: (string);
  'values': (string)[];
  '_key'?: "key";
  '_operator'?: "operator";
}
