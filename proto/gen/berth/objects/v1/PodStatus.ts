// Original file: proto/berth/objects/v1/objects.proto

import type { PodCondition as _berth_objects_v1_PodCondition, PodCondition__Output as _berth_objects_v1_PodCondition__Output } from '../../../berth/objects/v1/PodCondition.js';
import type { HostIP as _berth_objects_v1_HostIP, HostIP__Output as _berth_objects_v1_HostIP__Output } from '../../../berth/objects/v1/HostIP.js';
import type { PodIP as _berth_objects_v1_PodIP, PodIP__Output as _berth_objects_v1_PodIP__Output } from '../../../berth/objects/v1/PodIP.js';
import type { ContainerStatus as _berth_objects_v1_ContainerStatus, ContainerStatus__Output as _berth_objects_v1_ContainerStatus__Output } from '../../../berth/objects/v1/ContainerStatus.js';

export interface PodStatus {
  /**
   * Pending, Running, Succeeded, Failed or Unknown
   */
  'phase'?: (string);
  'conditions'?: (_berth_objects_v1_PodCondition)[];
  'message'?: (string);
  'reason'?: (string);
  /**
   * The node the scheduler picked while preempting others for this pod.
   */
  'nominatedNodeName'?: (string);
  'hostIp'?: (string);
  'hostIps'?: (_berth_objects_v1_HostIP)[];
  'podIp'?: (string);
  'podIps'?: (_berth_objects_v1_PodIP)[];
  'startTime'?: (string);
  'initContainerStatuses'?: (_berth_objects_v1_ContainerStatus)[];
  'containerStatuses'?: (_berth_objects_v1_ContainerStatus)[];
  /**
   * Guaranteed, Burstable or BestEffort
   */
  'qosClass'?: (string);
  '_phase'?: "phase";
  '_message'?: "message";
  '_reason'?: "reason";
  '_nominatedNodeName'?: "nominatedNodeName";
  '_hostIp'?: "hostIp";
  '_podIp'?: "podIp";
  '_startTime'?: "startTime";
  '_qosClass'?: "qosClass";
}

export interface PodStatus__Output {
  /**
   * Pending, Running, Succeeded, Failed or Unknown
   */
  'phase'?: (string);
  'conditions': (_berth_objects_v1_PodCondition__Output)[];
  'message'?: (string);
  'reason'?: (string);
  /**
   * The node the scheduler picked while preempting others for this pod.
   */
  'nominatedNodeName'?: (string);
  'hostIp'?: (string);
  'hostIps': (_berth_objects_v1_HostIP__Output)[];
  'podIp'?: (string);
  'podIps': (_berth_objects_v1_PodIP__Output)[];
  'startTime'?: (string);
  'initContainerStatuses': (_berth_objects_v1_ContainerStatus__Output)[];
  'containerStatuses': (_berth_objects_v1_ContainerStatus__Output)[];
  /**
   * Guaranteed, Burstable or BestEffort
   */
  'qosClass'?: (string);
  '_phase'?: "phase";
  '_message'?: "message";
  '_reason'?: "reason";
  '_nominatedNodeName'?: "nominatedNodeName";
  '_hostIp'?: "hostIp";
  '_podIp'?: "podIp";
  '_startTime'?: "startTime";
  '_qosClass'?: "qosClass";
}
