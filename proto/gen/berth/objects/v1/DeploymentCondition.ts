// Original file: proto/berth/objects/v1/objects.proto


export interface DeploymentCondition {
  /**
   * Available, Progressing or ReplicaFailure
   */
  'type'?: (string);
  'status'?: (string);
  'lastUpdateTime'?: (string);
  'lastTransitionTime'?: (string);
  'reason'?: (string);
  'message'?: (string);
  '_type'?: "type";
  '_status'?: "status";
  '_lastUpdateTime'?: "lastUpdateTime";
  '_lastTransitionTime'?: "lastTransitionTime";
  '_reason'?: "reason";
  '_message'?: "message";
}

export interface DeploymentCondition__Output {
  /**
   * Available, Progressing or ReplicaFailure
   */
  'type'?: (string);
  'status'?: (string);
  'lastUpdateTime'?: (string);
  'lastTransitionTime'?: (string);
  'reason'?: (string);
  'message'?: (string);
  '_type'?: "type";
  '_status'?: "status";
  '_lastUpdateTime'?: "lastUpdateTime";
  '_lastTransitionTime'?: "lastTransitionTime";
  '_reason'?: "reason";
  '_message'?: "message";
}
