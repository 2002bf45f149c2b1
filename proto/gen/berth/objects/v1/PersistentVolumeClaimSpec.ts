// Original file: proto/berth/objects/v1/objects.proto

import type { LabelSelector as _berth_objects_v1_LabelSelector, LabelSelector__Output as _berth_objects_v1_LabelSelector__Output } from '../../../berth/objects/v1/LabelSelector.js';
import type { VolumeResourceRequirements as _berth_objects_v1_VolumeResourceRequirements, VolumeResourceRequirements__Output as _berth_objects_v1_VolumeResourceRequirements__Output } from '../../../berth/objects/v1/VolumeResourceRequirements.js';

export interface PersistentVolumeClaimSpec {
  /**
   * ReadWriteOnce, ReadOnlyMany, ReadWriteMany, ReadWriteOncePod
   */
  'accessModes'?: (string)[];
  'selector'?: (_berth_objects_v1_LabelSelector | null);
  'resources'?: (_berth_objects_v1_VolumeResourceRequirements | null);
  'volumeName'?: (string);
  'storageClassName'?: (string);
  /**
   * Filesystem or Block
   */
  'volumeMode'?: (string);
  '_volumeName'?: "volumeName";
  '_storageClassName'?: "storageClassName";
  '_volumeMode'?: "volumeMode";
}

export interface PersistentVolumeClaimSpec__Output {
  /**
   * ReadWriteOnce, ReadOnlyMany, ReadWriteMany, ReadWriteOncePod
   */
  'accessModes': (string)[];
  'selector': (_berth_objects_v1_LabelSelector__Output | null);
  'resources': (_berth_objects_v1_VolumeResourceRequirements__Output | null);
  'volumeName'?: (string);
  'storageClassName'?: (string);
  /**
   * Filesystem or Block
   */
  'volumeMode'?: (string);
  '_volumeName'?: "volumeName";
  '_storageClassName'?: "storageClassName";
  '_volumeMode'?: "volumeMode";
}
