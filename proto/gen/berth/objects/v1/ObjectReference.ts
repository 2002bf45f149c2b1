// Original file: proto/berth/objects/v1/objects.proto


/**
 * Points at any object (involvedObject of an Event, targetRef of an endpoint, a CronJob's jobs).
 */
export interface ObjectReference {
  'kind'?: (string);
  'namespace'?: (string);
  'name'?: (string);
  'uid'?: (string);
  'apiVersion'?: (string);
  'resourceVersion'?: (string);
  /**
   * A path into the object, e.g. "spec.containers{web}".
   */
  'fieldPath'?: (string);
  '_kind'?: "kind";
  '_namespace'?: "namespace";
  '_name'?: "name";
  '_uid'?: "uid";
  '_apiVersion'?: "apiVersion";
  '_resourceVersion'?: "resourceVersion";
  '_fieldPath'?: "fieldPath";
}

/**
 * Points at any object (involvedObject of an Event, targetRef of an endpoint, a CronJob's jobs).
 */
export interface ObjectReference__Output {
  'kind'?: (string);
  'namespace'?: (string);
  'name'?: (string);
  'uid'?: (string);
  'apiVersion'?: (string);
  'resourceVersion'?: (string);
  /**
   * A path into the object, e.g. "spec.containers{web}".
   */
  'fieldPath'?: (string);
  '_kind'?: "kind";
  '_namespace'?: "namespace";
  '_name'?: "name";
  '_uid'?: "uid";
  '_apiVersion'?: "apiVersion";
  '_resourceVersion'?: "resourceVersion";
  '_fieldPath'?: "fieldPath";
}
