// Original file: proto/berth/objects/v1/objects.proto


export interface NodeCondition {
  /**
   * Ready, MemoryPressure, DiskPressure, PIDPressure, NetworkUnavailable
   */
  'type'?: (string);
  'status'?: (string);
  'lastHeartbeatTime'?: (string);
  'lastTransitionTime'?: (string);
  'reason'?: (string);
  'message'?: (string);
  '_type'?: "type";
  '_status'?: "status";
  '_lastHeartbeatTime'?: "lastHeartbeatTime";
  '_lastTransitionTime'?: "lastTransitionTime";
  '_reason'?: "reason";
  '_message'?: "message";
}

export interface NodeCondition__Output {
  /**
   * Ready, MemoryPressure, DiskPressure, PIDPressure, NetworkUnavailable
   */
  'type'?: (string);
  'status'?: (string);
  'lastHeartbeatTime'?: (string);
  'lastTransitionTime'?: (string);
  'reason'?: (string);
  'message'?: (string);
  '_type'?: "type";
  '_status'?: "status";
  '_lastHeartbeatTime'?: "lastHeartbeatTime";
  '_lastTransitionTime'?: "lastTransitionTime";
  '_reason'?: "reason";
  '_message'?: "message";
}
