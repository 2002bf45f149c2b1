// Original file: proto/berth/objects/v1/objects.proto

import type { EnvVarSource as _berth_objects_v1_EnvVarSource, EnvVarSource__Output as _berth_objects_v1_EnvVarSource__Output } from '../../../berth/objects/v1/EnvVarSource.js';

export interface EnvVar {
  'name'?: (string);
  /**
   * May refer to earlier variables as $(NAME).
   */
  'value'?: (string);
  'valueFrom'?: (_berth_objects_v1_EnvVarSource | null);
  '_name'?: "name";
  '_value'?: "value";
}

export interface EnvVar__Output {
  'name'?: (string);
  /**
   * May refer to earlier variables as $(NAME).
   */
  'value'?: (string);
  'valueFrom': (_berth_objects_v1_EnvVarSource__Output | null);
  '_name'?: "name";
  '_value'?: "value";
}
