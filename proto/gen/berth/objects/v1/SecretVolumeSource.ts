// Original file: proto/berth/objects/v1/objects.proto

import type { KeyToPath as _berth_objects_v1_KeyToPath, KeyToPath__Output as _berth_objects_v1_KeyToPath__Output } from '../../../berth/objects/v1/KeyToPath.js';

export interface SecretVolumeSource {
  'secretName'?: (string);
  'items'?: (_berth_objects_v1_KeyToPath)[];
  /**
   * File mode bits (0644 is 420 in JSON).
   */
  'defaultMode'?: (number);
  'optional'?: (boolean);
  '_secretName'?: "secretName";
  '_defaultMode'?: "defaultMode";
  '_optional'?: "optional";
}

export interface SecretVolumeSource__Output {
  'secretName'?: (string);
  'items': (_berth_objects_v1_KeyToPath__Output)[];
  /**
   * File mode bits (0644 is 420 in JSON).
   */
  'defaultMode'?: (number);
  'optional'?: (boolean);
  '_secretName'?: "secretName";
  '_defaultMode'?: "defaultMode";
  '_optional'?: "optional";
}
