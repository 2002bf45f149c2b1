// Original file: proto/berth/objects/v1/objects.proto

import type { PortStatus as _berth_objects_v1_PortStatus, PortStatus__Output as _berth_objects_v1_PortStatus__Output } from '../../../berth/objects/v1/PortStatus.js';

export interface LoadBalancerIngress {
  'ip'?: (string);
  'hostname'?: (string);
  /**
   * VIP or Proxy
   */
  'ipMode'?: (string);
  'ports'?: (_berth_objects_v1_PortStatus)[];
  '_ip'?: "ip";
  '_hostname'?: "hostname";
  '_ipMode'?: "ipMode";
}

export interface LoadBalancerIngress__Output {
  'ip'?: (string);
  'hostname'?: (string);
  /**
   * VIP or Proxy
   */
  'ipMode'?: (string);
  'ports': (_berth_objects_v1_PortStatus__Output)[];
  '_ip'?: "ip";
  '_hostname'?: "hostname";
  '_ipMode'?: "ipMode";
}
