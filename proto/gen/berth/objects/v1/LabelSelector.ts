// Original file: proto/berth/objects/v1/objects.proto

import type { LabelSelectorRequirement as _berth_objects_v1_LabelSelectorRequirement, LabelSelectorRequirement__Output as _berth_objects_v1_LabelSelectorRequirement__Output } from '../../../berth/objects/v1/LabelSelectorRequirement.js';

export interface LabelSelector {
  'matchLabels'?: ({[key: string]: string});
  'matchExpressions'?: (_berth_objects_v1_LabelSelectorRequirement)[];
}

export interface LabelSelector__Output {
  'matchLabels': ({[key: string]: string});
  'matchExpressions': (_berth_objects_v1_LabelSelectorRequirement__Output)[];
}
