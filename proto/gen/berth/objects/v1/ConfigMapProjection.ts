// Original file: proto/berth/objects/v1/objects.proto

import type { KeyToPath as _berth_objects_v1_KeyToPath, KeyToPath__Output as _berth_objects_v1_KeyToPath__Output } from '../../../berth/objects/v1/KeyToPath.js';

export interface ConfigMapProjection {
  'name'?: (string);
  'items'?: (_berth_objects_v1_KeyToPath)[];
  'optional'?: (boolean);
  '_name'?: "name";
  '_optional'?: "optional";
}

export interface ConfigMapProjection__Output {
  'name'?: (string);
  'items': (_berth_objects_v1_KeyToPath__Output)[];
  'optional'?: (boolean);
  '_name'?: "name";
  '_optional'?: "optional";
}
