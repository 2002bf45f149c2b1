// Original file: proto/berth/objects/v1/objects.proto

import type { ObjectMeta as _berth_objects_v1_ObjectMeta, ObjectMeta__Output as _berth_objects_v1_ObjectMeta__Output } from '../../../berth/objects/v1/ObjectMeta.js';
import type { PersistentVolumeClaimSpec as _berth_objects_v1_PersistentVolumeClaimSpec, PersistentVolumeClaimSpec__Output as _berth_objects_v1_PersistentVolumeClaimSpec__Output } from '../../../berth/objects/v1/PersistentVolumeClaimSpec.js';
import type { PersistentVolumeClaimStatus as _berth_objects_v1_PersistentVolumeClaimStatus, PersistentVolumeClaimStatus__Output as _berth_objects_v1_PersistentVolumeClaimStatus__Output } from '../../../berth/objects/v1/PersistentVolumeClaimStatus.js';

/**
 * Only as a StatefulSet's claim template: berth keeps no PersistentVolumeClaim objects.
 */
export interface PersistentVolumeClaim {
  'apiVersion'?: (string);
  'kind'?: (string);
  'metadata'?: (_berth_objects_v1_ObjectMeta | null);
  'spec'?: (_berth_objects_v1_PersistentVolumeClaimSpec | null);
  'status'?: (_berth_objects_v1_PersistentVolumeClaimStatus | null);
  '_apiVersion'?: "apiVersion";
  '_kind'?: "kind";
}

/**
 * Only as a StatefulSet's claim template: berth keeps no PersistentVolumeClaim objects.
 */
export interface PersistentVolumeClaim__Output {
  'apiVersion'?: (string);
  'kind'?: (string);
  'metadata': (_berth_objects_v1_ObjectMeta__Output | null);
  'spec': (_berth_objects_v1_PersistentVolumeClaimSpec__Output | null);
  'status': (_berth_objects_v1_PersistentVolumeClaimStatus__Output | null);
  '_apiVersion'?: "apiVersion";
  '_kind'?: "kind";
}
