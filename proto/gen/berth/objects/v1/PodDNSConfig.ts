// Original file: proto/berth/objects/v1/objects.proto

import type { PodDNSConfigOption as _berth_objects_v1_PodDNSConfigOption, PodDNSConfigOption__Output as _berth_objects_v1_PodDNSConfigOption__Output } from '../../../berth/objects/v1/PodDNSConfigOption.js';

export interface PodDNSConfig {
  'nameservers'?: (string)[];
  'searches'?: (string)[];
  'options'?: (_berth_objects_v1_PodDNSConfigOption)[];
}

export interface PodDNSConfig__Output {
  'nameservers': (string)[];
  'searches': (string)[];
  'options': (_berth_objects_v1_PodDNSConfigOption__Output)[];
}
