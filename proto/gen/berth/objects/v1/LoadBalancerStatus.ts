// Original file: proto/berth/objects/v1/objects.proto

import type { LoadBalancerIngress as _berth_objects_v1_LoadBalancerIngress, LoadBalancerIngress__Output as _berth_objects_v1_LoadBalancerIngress__Output } from '../../../berth/objects/v1/LoadBalancerIngress.js';

export interface LoadBalancerStatus {
  'ingress'?: (_berth_objects_v1_LoadBalancerIngress)[];
}

export interface LoadBalancerStatus__Output {
  'ingress': (_berth_objects_v1_LoadBalancerIngress__Output)[];
}
