// Original file: proto/berth/objects/v1/objects.proto

import type { HostPathVolumeSource as _berth_objects_v1_HostPathVolumeSource, HostPathVolumeSource__Output as _berth_objects_v1_HostPathVolumeSource__Output } from '../../../berth/objects/v1/HostPathVolumeSource.js';
import type { EmptyDirVolumeSource as _berth_objects_v1_EmptyDirVolumeSource, EmptyDirVolumeSource__Output as _berth_objects_v1_EmptyDirVolumeSource__Output } from '../../../berth/objects/v1/EmptyDirVolumeSource.js';
import type { SecretVolumeSource as _berth_objects_v1_SecretVolumeSource, SecretVolumeSource__Output as _berth_objects_v1_SecretVolumeSource__Output } from '../../../berth/objects/v1/SecretVolumeSource.js';
import type { ConfigMapVolumeSource as _berth_objects_v1_ConfigMapVolumeSource, ConfigMapVolumeSource__Output as _berth_objects_v1_ConfigMapVolumeSource__Output } from '../../../berth/objects/v1/ConfigMapVolumeSource.js';
import type { DownwardAPIVolumeSource as _berth_objects_v1_DownwardAPIVolumeSource, DownwardAPIVolumeSource__Output as _berth_objects_v1_DownwardAPIVolumeSource__Output } from '../../../berth/objects/v1/DownwardAPIVolumeSource.js';
import type { ProjectedVolumeSource as _berth_objects_v1_ProjectedVolumeSource, ProjectedVolumeSource__Output as _berth_objects_v1_ProjectedVolumeSource__Output } from '../../../berth/objects/v1/ProjectedVolumeSource.js';
import type { PersistentVolumeClaimVolumeSource as _berth_objects_v1_PersistentVolumeClaimVolumeSource, PersistentVolumeClaimVolumeSource__Output as _berth_objects_v1_PersistentVolumeClaimVolumeSource__Output } from '../../../berth/objects/v1/PersistentVolumeClaimVolumeSource.js';

/**
 * A name and one source. berth's persistent volumes are node-local: a persistentVolumeClaim
 * source is a directory on the node the pod runs on, kept when the pod goes (a StatefulSet brings
 * the pod of an ordinal back to the node that holds its claim's directory).
 */
export interface Volume {
  'name'?: (string);
  'hostPath'?: (_berth_objects_v1_HostPathVolumeSource | null);
  /**
   * Present and empty ({}) is the usual form: a scratch directory on the node's disk.
   */
  'emptyDir'?: (_berth_objects_v1_EmptyDirVolumeSource | null);
  'secret'?: (_berth_objects_v1_SecretVolumeSource | null);
  'configMap'?: (_berth_objects_v1_ConfigMapVolumeSource | null);
  'downwardApi'?: (_berth_objects_v1_DownwardAPIVolumeSource | null);
  'projected'?: (_berth_objects_v1_ProjectedVolumeSource | null);
  'persistentVolumeClaim'?: (_berth_objects_v1_PersistentVolumeClaimVolumeSource | null);
  '_name'?: "name";
}

/**
 * A name and one source. berth's persistent volumes are node-local: a persistentVolumeClaim
 * source is a directory on the node the pod runs on, kept when the pod goes (a StatefulSet brings
 * the pod of an ordinal back to the node that holds its claim's directory).
 */
export interface Volume__Output {
  'name'?: (string);
  'hostPath': (_berth_objects_v1_HostPathVolumeSource__Output | null);
  /**
   * Present and empty ({}) is the usual form: a scratch directory on the node's disk.
   */
  'emptyDir': (_berth_objects_v1_EmptyDirVolumeSource__Output | null);
  'secret': (_berth_objects_v1_SecretVolumeSource__Output | null);
  'configMap': (_berth_objects_v1_ConfigMapVolumeSource__Output | null);
  'downwardApi': (_berth_objects_v1_DownwardAPIVolumeSource__Output | null);
  'projected': (_berth_objects_v1_ProjectedVolumeSource__Output | null);
  'persistentVolumeClaim': (_berth_objects_v1_PersistentVolumeClaimVolumeSource__Output | null);
  '_name'?: "name";
}
