// Original file: proto/berth/objects/v1/objects.proto


/**
 * The scaled object: a Deployment, ReplicaSet or StatefulSet, by kind and name.
 */
export interface CrossVersionObjectReference {
  'kind'?: (string);
  'name'?: (string);
  'apiVersion'?: (string);
  '_kind'?: "kind";
  '_name'?: "name";
  '_apiVersion'?: "apiVersion";
}

/**
 * The scaled object: a Deployment, ReplicaSet or StatefulSet, by kind and name.
 */
export interface CrossVersionObjectReference__Output {
  'kind'?: (string);
  'name'?: (string);
  'apiVersion'?: (string);
  '_kind'?: "kind";
  '_name'?: "name";
  '_apiVersion'?: "apiVersion";
}
