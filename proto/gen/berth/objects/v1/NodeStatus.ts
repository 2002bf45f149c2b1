// Original file: proto/berth/objects/v1/objects.proto

import type { NodeCondition as _berth_objects_v1_NodeCondition, NodeCondition__Output as _berth_objects_v1_NodeCondition__Output } from '../../../berth/objects/v1/NodeCondition.js';
import type { NodeAddress as _berth_objects_v1_NodeAddress, NodeAddress__Output as _berth_objects_v1_NodeAddress__Output } from '../../../berth/objects/v1/NodeAddress.js';
import type { NodeDaemonEndpoints as _berth_objects_v1_NodeDaemonEndpoints, NodeDaemonEndpoints__Output as _berth_objects_v1_NodeDaemonEndpoints__Output } from '../../../berth/objects/v1/NodeDaemonEndpoints.js';
import type { NodeSystemInfo as _berth_objects_v1_NodeSystemInfo, NodeSystemInfo__Output as _berth_objects_v1_NodeSystemInfo__Output } from '../../../berth/objects/v1/NodeSystemInfo.js';
import type { ContainerImage as _berth_objects_v1_ContainerImage, ContainerImage__Output as _berth_objects_v1_ContainerImage__Output } from '../../../berth/objects/v1/ContainerImage.js';

export interface NodeStatus {
  /**
   * Quantities by resource name ("cpu": "4", "memory": "16Gi", "pods": "110").
   */
  'capacity'?: ({[key: string]: string});
  /**
   * What pods may use: capacity minus what the system keeps.
   */
  'allocatable'?: ({[key: string]: string});
  'phase'?: (string);
  'conditions'?: (_berth_objects_v1_NodeCondition)[];
  'addresses'?: (_berth_objects_v1_NodeAddress)[];
  'daemonEndpoints'?: (_berth_objects_v1_NodeDaemonEndpoints | null);
  'nodeInfo'?: (_berth_objects_v1_NodeSystemInfo | null);
  'images'?: (_berth_objects_v1_ContainerImage)[];
  'volumesInUse'?: (string)[];
  '_phase'?: "phase";
}

export interface NodeStatus__Output {
  /**
   * Quantities by resource name ("cpu": "4", "memory": "16Gi", "pods": "110").
   */
  'capacity': ({[key: string]: string});
  /**
   * What pods may use: capacity minus what the system keeps.
   */
  'allocatable': ({[key: string]: string});
  'phase'?: (string);
  'conditions': (_berth_objects_v1_NodeCondition__Output)[];
  'addresses': (_berth_objects_v1_NodeAddress__Output)[];
  'daemonEndpoints': (_berth_objects_v1_NodeDaemonEndpoints__Output | null);
  'nodeInfo': (_berth_objects_v1_NodeSystemInfo__Output | null);
  'images': (_berth_objects_v1_ContainerImage__Output)[];
  'volumesInUse': (string)[];
  '_phase'?: "phase";
}
