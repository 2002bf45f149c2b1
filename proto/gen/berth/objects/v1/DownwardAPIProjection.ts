// Original file: proto/berth/objects/v1/objects.proto

import type { DownwardAPIVolumeFile as _berth_objects_v1_DownwardAPIVolumeFile, DownwardAPIVolumeFile__Output as _berth_objects_v1_DownwardAPIVolumeFile__Output } from '../../../berth/objects/v1/DownwardAPIVolumeFile.js';

export interface DownwardAPIProjection {
  'items'?: (_berth_objects_v1_DownwardAPIVolumeFile)[];
}

export interface DownwardAPIProjection__Output {
  'items': (_berth_objects_v1_DownwardAPIVolumeFile__Output)[];
}
