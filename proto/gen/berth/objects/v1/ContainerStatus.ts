// Original file: proto/berth/objects/v1/objects.proto

import type { ContainerState as _berth_objects_v1_ContainerState, ContainerState__Output as _berth_objects_v1_ContainerState__Output } from '../../../berth/objects/v1/ContainerState.js';

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
  '_name'?: "name";
  '_ready'?: "ready";
  '_restartCount'?: "restartCount";
  '_image'?: "image";
  '_imageId'?: "imageId";
  '_containerId'?: "containerId";
  '_started'?: "started";
}
