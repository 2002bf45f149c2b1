// Original file: proto/berth/objects/v1/objects.proto


export interface PodCondition {
  /**
   * PodScheduled, Initialized, ContainersReady, Ready, ...
   */
  'type'?: (string);
  'status'?: (string);
  'lastProbeTime'?: (string);
  'lastTransitionTime'?: (string);
  'reason'?: (string);
  'message'?: (string);
  '_type'?: "type";
  '_status'?: "status";
  '_lastProbeTime'?: "lastProbeTime";
  '_lastTransitionTime'?: "lastTransitionTime";
  '_reason'?: "reason";
  '_message'?: "message";
}

export interface PodCondition__Output {
  /**
   * PodScheduled, Initialized, ContainersReady, Ready, ...
   */
  'type'?: (string);
  'status'?: (string);
  'lastProbeTime'?: (string);
  'lastTransitionTime'?: (string);
  'reason'?: (string);
  'message'?: (string);
  '_type'?: "type";
  '_status'?: "status";
  '_lastProbeTime'?: "lastProbeTime";
  '_lastTransitionTime'?: "lastTransitionTime";
  '_reason'?: "reason";
  '_message'?: "message";
}
