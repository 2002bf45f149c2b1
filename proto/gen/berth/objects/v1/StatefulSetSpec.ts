// Original file: proto/berth/objects/v1/objects.proto

import type { LabelSelector as _berth_objects_v1_LabelSelector, LabelSelector__Output as _berth_objects_v1_LabelSelector__Output } from '../../../berth/objects/v1/LabelSelector.js';
import type { PodTemplateSpec as _berth_objects_v1_PodTemplateSpec, PodTemplateSpec__Output as _berth_objects_v1_PodTemplateSpec__Output } from '../../../berth/objects/v1/PodTemplateSpec.js';
import type { PersistentVolumeClaim as _berth_objects_v1_PersistentVolumeClaim, PersistentVolumeClaim__Output as _berth_objects_v1_PersistentVolumeClaim__Output } from '../../../berth/objects/v1/PersistentVolumeClaim.js';
import type { StatefulSetUpdateStrategy as _berth_objects_v1_StatefulSetUpdateStrategy, StatefulSetUpdateStrategy__Output as _berth_objects_v1_StatefulSetUpdateStrategy__Output } from '../../../berth/objects/v1/StatefulSetUpdateStrategy.js';
import type { StatefulSetPersistentVolumeClaimRetentionPolicy as _berth_objects_v1_StatefulSetPersistentVolumeClaimRetentionPolicy, StatefulSetPersistentVolumeClaimRetentionPolicy__Output as _berth_objects_v1_StatefulSetPersistentVolumeClaimRetentionPolicy__Output } from '../../../berth/objects/v1/StatefulSetPersistentVolumeClaimRetentionPolicy.js';
import type { StatefulSetOrdinals as _berth_objects_v1_StatefulSetOrdinals, StatefulSetOrdinals__Output as _berth_objects_v1_StatefulSetOrdinals__Output } from '../../../berth/objects/v1/StatefulSetOrdinals.js';

export interface StatefulSetSpec {
  'replicas'?: (number);
  'selector'?: (_berth_objects_v1_LabelSelector | null);
  'template'?: (_berth_objects_v1_PodTemplateSpec | null);
  /**
   * A claim per pod and template, named <template>-<set>-<ordinal>.
   */
  'volumeClaimTemplates'?: (_berth_objects_v1_PersistentVolumeClaim)[];
  /**
   * The headless Service that gives pods stable DNS names.
   */
  'serviceName'?: (string);
  /**
   * OrderedReady or Parallel
   */
  'podManagementPolicy'?: (string);
  'updateStrategy'?: (_berth_objects_v1_StatefulSetUpdateStrategy | null);
  'revisionHistoryLimit'?: (number);
  'minReadySeconds'?: (number);
  'persistentVolumeClaimRetentionPolicy'?: (_berth_objects_v1_StatefulSetPersistentVolumeClaimRetentionPolicy | null);
  'ordinals'?: (_berth_objects_v1_StatefulSetOrdinals | null);
  '_replicas'?: "replicas";
  '_serviceName'?: "serviceName";
  '_podManagementPolicy'?: "podManagementPolicy";
  '_revisionHistoryLimit'?: "revisionHistoryLimit";
  '_minReadySeconds'?: "minReadySeconds";
}

export interface StatefulSetSpec__Output {
  'replicas'?: (number);
  'selector': (_berth_objects_v1_LabelSelector__Output | null);
  'template': (_berth_objects_v1_PodTemplateSpec__Output | null);
  /**
   * A claim per pod and template, named <template>-<set>-<ordinal>.
   */
  'volumeClaimTemplates': (_berth_objects_v1_PersistentVolumeClaim__Output)[];
  /**
   * The headless Service that gives pods stable DNS names.
   */
  'serviceName'?: (string);
  /**
   * OrderedReady or Parallel
   */
  'podManagementPolicy'?: (string);
  'updateStrategy': (_berth_objects_v1_StatefulSetUpdateStrategy__Output | null);
  'revisionHistoryLimit'?: (number);
  'minReadySeconds'?: (number);
  'persistentVolumeClaimRetentionPolicy': (_berth_objects_v1_StatefulSetPersistentVolumeClaimRetentionPolicy__Output | null);
  'ordinals': (_berth_objects_v1_StatefulSetOrdinals__Output | null);
  '_replicas'?: "replicas";
  '_serviceName'?: "serviceName";
  '_podManagementPolicy'?: "podManagementPolicy";
  '_revisionHistoryLimit'?: "revisionHistoryLimit";
  '_minReadySeconds'?: "minReadySeconds";
}
