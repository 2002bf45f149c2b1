// Original file: proto/berth/objects/v1/objects.proto

import type { ObjectFieldSelector as _berth_objects_v1_ObjectFieldSelector, ObjectFieldSelector__Output as _berth_objects_v1_ObjectFieldSelector__Output } from '../../../berth/objects/v1/ObjectFieldSelector.js';
import type { ResourceFieldSelector as _berth_objects_v1_ResourceFieldSelector, ResourceFieldSelector__Output as _berth_objects_v1_ResourceFieldSelector__Output } from '../../../berth/objects/v1/ResourceFieldSelector.js';

export interface DownwardAPIVolumeFile {
  'path'?: (string);
  'fieldRef'?: (_berth_objects_v1_ObjectFieldSelector | null);
  'resourceFieldRef'?: (_berth_objects_v1_ResourceFieldSelector | null);
  'mode'?: (number);
  '_path'?: "path";
  '_mode'?: "mode";
}

export interface DownwardAPIVolumeFile__Output {
  'path'?: (string);
  'fieldRef': (_berth_objects_v1_ObjectFieldSelector__Output | null);
  'resourceFieldRef': (_berth_objects_v1_ResourceFieldSelector__Output | null);
  'mode'?: (number);
  '_path'?: "path";
  '_mode'?: "mode";
}
