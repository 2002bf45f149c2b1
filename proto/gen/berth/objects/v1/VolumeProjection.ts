// Original file: proto/berth/objects/v1/objects.proto

import type { SecretProjection as _berth_objects_v1_SecretProjection, SecretProjection__Output as _berth_objects_v1_SecretProjection__Output } from '../../../berth/objects/v1/SecretProjection.js';
import type { ConfigMapProjection as _berth_objects_v1_ConfigMapProjection, ConfigMapProjection__Output as _berth_objects_v1_ConfigMapProjection__Output } from '../../../berth/objects/v1/ConfigMapProjection.js';
import type { DownwardAPIProjection as _berth_objects_v1_DownwardAPIProjection, DownwardAPIProjection__Output as _berth_objects_v1_DownwardAPIProjection__Output } from '../../../berth/objects/v1/DownwardAPIProjection.js';
import type { ServiceAccountTokenProjection as _berth_objects_v1_ServiceAccountTokenProjection, ServiceAccountTokenProjection__Output as _berth_objects_v1_ServiceAccountTokenProjection__Output } from '../../../berth/objects/v1/ServiceAccountTokenProjection.js';

/**
 * One of secret, config_map, downward_api or service_account_token.
 */
export interface VolumeProjection {
  'secret'?: (_berth_objects_v1_SecretProjection | null);
  'configMap'?: (_berth_objects_v1_ConfigMapProjection | null);
  'downwardApi'?: (_berth_objects_v1_DownwardAPIProjection | null);
  'serviceAccountToken'?: (_berth_objects_v1_ServiceAccountTokenProjection | null);
}

/**
 * One of secret, config_map, downward_api or service_account_token.
 */
export interface VolumeProjection__Output {
  'secret': (_berth_objects_v1_SecretProjection__Output | null);
  'configMap': (_berth_objects_v1_ConfigMapProjection__Output | null);
  'downwardApi': (_berth_objects_v1_DownwardAPIProjection__Output | null);
  'serviceAccountToken': (_berth_objects_v1_ServiceAccountTokenProjection__Output | null);
}
