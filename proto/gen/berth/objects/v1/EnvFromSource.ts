// Original file: proto/berth/objects/v1/objects.proto

import type { ConfigMapEnvSource as _berth_objects_v1_ConfigMapEnvSource, ConfigMapEnvSource__Output as _berth_objects_v1_ConfigMapEnvSource__Output } from '../../../berth/objects/v1/ConfigMapEnvSource.js';
import type { SecretEnvSource as _berth_objects_v1_SecretEnvSource, SecretEnvSource__Output as _berth_objects_v1_SecretEnvSource__Output } from '../../../berth/objects/v1/SecretEnvSource.js';

/**
 * Every key of a ConfigMap or Secret as a variable.
 */
export interface EnvFromSource {
  'prefix'?: (string);
  'configMapRef'?: (_berth_objects_v1_ConfigMapEnvSource | null);
  'secretRef'?: (_berth_objects_v1_SecretEnvSource | null);
  '_prefix'?: "prefix";
}

/**
 * Every key of a ConfigMap or Secret as a variable.
 */
export interface EnvFromSource__Output {
  'prefix'?: (string);
  'configMapRef': (_berth_objects_v1_ConfigMapEnvSource__Output | null);
  'secretRef': (_berth_objects_v1_SecretEnvSource__Output | null);
  '_prefix'?: "prefix";
}
