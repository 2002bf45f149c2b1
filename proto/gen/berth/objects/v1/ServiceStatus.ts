// Original file: proto/berth/objects/v1/objects.proto

import type { LoadBalancerStatus as _berth_objects_v1_LoadBalancerStatus, LoadBalancerStatus__Output as _berth_objects_v1_LoadBalancerStatus__Output } from '../../../berth/objects/v1/LoadBalancerStatus.js';
import type { Condition as _berth_objects_v1_Condition, Condition__Output as _berth_objects_v1_Condition__Output } from '../../../berth/objects/v1/Condition.js';

export interface ServiceStatus {
  'loadBalancer'?: (_berth_objects_v1_LoadBalancerStatus | null);
  'conditions'?: (_berth_objects_v1_Condition)[];
}

export interface ServiceStatus__Output {
  'loadBalancer': (_berth_objects_v1_LoadBalancerStatus__Output | null);
  'conditions': (_berth_objects_v1_Condition__Output)[];
}
