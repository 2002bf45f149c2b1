// Original file: proto/berth/objects/v1/objects.proto


/**
 * A field of the pod: metadata.name, metadata.labels['x'], status.podIP, spec.nodeName, ...
 */
export interface ObjectFieldSelector {
  'apiVersion'?: (string);
  'fieldPath'?: (string);
  '_apiVersion'?: "apiVersion";
  '_fieldPath'?: "fieldPath";
}

/**
 * A field of the pod: metadata.name, metadata.labels['x'], status.podIP, spec.nodeName, ...
 */
export interface ObjectFieldSelector__Output {
  'apiVersion'?: (string);
  'fieldPath'?: (string);
  '_apiVersion'?: "apiVersion";
  '_fieldPath'?: "fieldPath";
}
