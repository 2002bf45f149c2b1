// Original file: proto/berth/objects/v1/objects.proto

import type { ContainerState as _berth_objects_v1_ContainerState, ContainerState__Output as _berth_objects_v1_ContainerState__Output } from '../../../berth/objects/v1/ContainerState.js';
import type { ContainerPort as _berth_objects_v1_ContainerPort, ContainerPort__Output as _berth_objects_v1_ContainerPort__Output } from '../../../berth/objects/v1/ContainerPort.js';

export interface ContainerStatus {
  'name'?: (string);
  'state'?: (_berth_objects_v1_ContainerState | null);
  'lastState'?: (_berth_objects_v1_ContainerState | null);
  'ready'?: (boolean);
  'restartCount'?: (number);
  'image'?: (string);
  'imageId'?: (string);
  'containerId'?: (string);
  'started'?: (boolean);
  /**
   * berth: the ports the container actually got. A named port with containerPort 0 or unset is
   * given a free port by the agent's process runtime; the endpoints use these.
   */
  'allocatedPorts'?: (_berth_objects_v1_ContainerPort)[];
  '_name'?: "name";
  '_ready'?: "ready";
  '_restartCount'?: "restartCount";
  '_image'?: "image";
  '_imageId'?: "imageId";
  '_containerId'?: "containerId";
  '_started'?: "started";
}

export interface ContainerStatus__Output {
  'name'?: (string);
  'state': (_berth_objects_v1_ContainerState__Output | null);
  'lastState': (_berth_objects_v1_ContainerState__Output | null);
  'ready'?: (boolean);
  'restartCount'?: (number);
  'image'?: (string);
  'imageId'?: (string);
  'containerId'?: (string);
  'started'?: (boolean);
  /**
   * berth: the ports the container actually got. A named port with containerPort 0 or unset is
   * given a free port by the agent's process runtime; the endpoints use these.
   */
  'allocatedPorts': (_berth_objects_v1_ContainerPort__Output)[];
  '_name'?: "name";
  '_ready'?: "ready";
  '_restartCount'?: "restartCount";
  '_image'?: "image";
  '_imageId'?: "imageId";
  '_containerId'?: "containerId";
  '_started'?: "started";
}
