// Original file: proto/berth/objects/v1/objects.proto


export interface JobCondition {
  /**
   * Complete, Failed, Suspended, FailureTarget, SuccessCriteriaMet
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

export interface JobCondition__Output {
  /**
   * Complete, Failed, Suspended, FailureTarget, SuccessCriteriaMet
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
