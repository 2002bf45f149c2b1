// Original file: proto/berth/objects/v1/objects.proto

import type { VolumeProjection as _berth_objects_v1_VolumeProjection, VolumeProjection__Output as _berth_objects_v1_VolumeProjection__Output } from '../../../berth/objects/v1/VolumeProjection.js';

export interface ProjectedVolumeSource {
  'sources'?: (_berth_objects_v1_VolumeProjection)[];
  'defaultMode'?: (number);
  '_defaultMode'?: "defaultMode";
}

export interface ProjectedVolumeSource__Output {
  'sources': (_berth_objects_v1_VolumeProjection__Output)[];
  'defaultMode'?: (number);
  '_defaultMode'?: "defaultMode";
}
