// Original file: proto/berth/objects/v1/objects.proto

import type { ContainerStateWaiting as _berth_objects_v1_ContainerStateWaiting, ContainerStateWaiting__Output as _berth_objects_v1_ContainerStateWaiting__Output } from '../../../berth/objects/v1/ContainerStateWaiting.js';
import type { ContainerStateRunning as _berth_objects_v1_ContainerStateRunning, ContainerStateRunning__Output as _berth_objects_v1_ContainerStateRunning__Output } from '../../../berth/objects/v1/ContainerStateRunning.js';
import type { ContainerStateTerminated as _berth_objects_v1_ContainerStateTerminated, ContainerStateTerminated__Output as _berth_objects_v1_ContainerStateTerminated__Output } from '../../../berth/objects/v1/ContainerStateTerminated.js';

/**
 * At most one of waiting, running or terminated.
 */
export interface ContainerState {
  'waiting'?: (_berth_objects_v1_ContainerStateWaiting | null);
  'running'?: (_berth_objects_v1_ContainerStateRunning | null);
  'terminated'?: (_berth_objects_v1_ContainerStateTerminated | null);
}

/**
 * At most one of waiting, running or terminated.
 */
export interface ContainerState__Output {
  'waiting': (_berth_objects_v1_ContainerStateWaiting__Output | null);
  'running': (_berth_objects_v1_ContainerStateRunning__Output | null);
  'terminated': (_berth_objects_v1_ContainerStateTerminated__Output | null);
}
