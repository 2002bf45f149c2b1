// Original file: proto/berth/objects/v1/objects.proto

import type { RollingUpdateDeployment as _berth_objects_v1_RollingUpdateDeployment, RollingUpdateDeployment__Output as _berth_objects_v1_RollingUpdateDeployment__Output } from '../../../berth/objects/v1/RollingUpdateDeployment.js';

export interface DeploymentStrategy {
  /**
   * RollingUpdate or Recreate
   */
  'type'?: (string);
  'rollingUpdate'?: (_berth_objects_v1_RollingUpdateDeployment | null);
  '_type'?: "type";
}

export interface DeploymentStrategy__Output {
  /**
   * RollingUpdate or Recreate
   */
  'type'?: (string);
  'rollingUpdate': (_berth_objects_v1_RollingUpdateDeployment__Output | null);
  '_type'?: "type";
}
