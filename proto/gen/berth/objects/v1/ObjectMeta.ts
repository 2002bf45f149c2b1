// Original file: proto/berth/objects/v1/objects.proto

import type { OwnerReference as _berth_objects_v1_OwnerReference, OwnerReference__Output as _berth_objects_v1_OwnerReference__Output } from '../../../berth/objects/v1/OwnerReference.js';
import type { Long } from '@grpc/proto-loader';

export interface ObjectMeta {
  'name'?: (string);
  /**
   * A prefix for a name the server makes unique (create only).
   */
  'generateName'?: (string);
  'namespace'?: (string);
  'uid'?: (string);
  /**
   * The store revision of the object's last change, as a decimal string.
   */
  'resourceVersion'?: (string);
  /**
   * Bumped by the server on every change of the object's desired state (spec), not of its status.
   */
  'generation'?: (number | string | Long);
  'creationTimestamp'?: (string);
  /**
   * Set when deletion was asked for while finalizers remain.
   */
  'deletionTimestamp'?: (string);
  'deletionGracePeriodSeconds'?: (number | string | Long);
  'labels'?: ({[key: string]: string});
  'annotations'?: ({[key: string]: string});
  'ownerReferences'?: (_berth_objects_v1_OwnerReference)[];
  'finalizers'?: (string)[];
  '_name'?: "name";
  '_generateName'?: "generateName";
  '_namespace'?: "namespace";
  '_uid'?: "uid";
  '_resourceVersion'?: "resourceVersion";
  '_generation'?: "generation";
  '_creationTimestamp'?: "creationTimestamp";
  '_deletionTimestamp'?: "deletionTimestamp";
  '_deletionGracePeriodSeconds'?: "deletionGracePeriodSeconds";
}

export interface ObjectMeta__Output {
  'name'?: (string);
  /**
   * A prefix for a name the server makes unique (create only).
   */
  'generateName'?: (string);
  'namespace'?: (string);
  'uid'?: (string);
  /**
   * The store revision of the object's last change, as a decimal string.
   */
  'resourceVersion'?: (string);
  /**
   * Bumped by the server on every change of the object's desired state (spec), not of its status.
   */
  'generation'?: (number);
  'creationTimestamp'?: (string);
  /**
   * Set when deletion was asked for while finalizers remain.
   */
  'deletionTimestamp'?: (string);
  'deletionGracePeriodSeconds'?: (number);
  'labels': ({[key: string]: string});
  'annotations': ({[key: string]: string});
  'ownerReferences': (_berth_objects_v1_OwnerReference__Output)[];
  'finalizers': (string)[];
  '_name'?: "name";
  '_generateName'?: "generateName";
  '_namespace'?: "namespace";
  '_uid'?: "uid";
  '_resourceVersion'?: "resourceVersion";
  '_generation'?: "generation";
  '_creationTimestamp'?: "creationTimestamp";
  '_deletionTimestamp'?: "deletionTimestamp";
  '_deletionGracePeriodSeconds'?: "deletionGracePeriodSeconds";
}
