// Original file: proto/berth/objects/v1/objects.proto

import type { KeyToPath as _berth_objects_v1_KeyToPath, KeyToPath__Output as _berth_objects_v1_KeyToPath__Output } from '../../../berth/objects/v1/KeyToPath.js';

export interface ConfigMapVolumeSource {
  'name'?: (string);
  'items'?: (_berth_objects_v1_KeyToPath)[];
  'defaultMode'?: (number);
  'optional'?: (boolean);
  '_name'?: "name";
  '_defaultMode'?: "defaultMode";
  '_optional'?: "optional";
}

export interface ConfigMapVolumeSource__Output {
  'name'?: (string);
  'items': (_berth_objects_v1_KeyToPath__Output)[];
  'defaultMode'?: (number);
  'optional'?: (boolean);
  '_name'?: "name";
  '_defaultMode'?: "defaultMode";
  '_optional'?: "optional";
}
