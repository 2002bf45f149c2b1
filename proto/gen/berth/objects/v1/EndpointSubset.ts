// Original file: proto/berth/objects/v1/objects.proto

import type { EndpointAddress as _berth_objects_v1_EndpointAddress, EndpointAddress__Output as _berth_objects_v1_EndpointAddress__Output } from '../../../berth/objects/v1/EndpointAddress.js';
import type { EndpointPort as _berth_objects_v1_EndpointPort, EndpointPort__Output as _berth_objects_v1_EndpointPort__Output } from '../../../berth/objects/v1/EndpointPort.js';

/**
 * Addresses that share a set of ports.
 */
export interface EndpointSubset {
  'addresses'?: (_berth_objects_v1_EndpointAddress)[];
  /**
   * Backing pods that are not ready (yet).
   */
  'notReadyAddresses'?: (_berth_objects_v1_EndpointAddress)[];
  'ports'?: (_berth_objects_v1_EndpointPort)[];
}

/**
 * Addresses that share a set of ports.
 */
export interface EndpointSubset__Output {
  'addresses': (_berth_objects_v1_EndpointAddress__Output)[];
  /**
   * Backing pods that are not ready (yet).
   */
  'notReadyAddresses': (_berth_objects_v1_EndpointAddress__Output)[];
  'ports': (_berth_objects_v1_EndpointPort__Output)[];
}
