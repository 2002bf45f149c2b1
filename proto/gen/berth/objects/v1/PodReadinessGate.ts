// Original file: proto/berth/objects/v1/objects.proto


export interface PodReadinessGate {
  'conditionType'?: (string);
  '_conditionType'?: "conditionType";
}

export interface PodReadinessGate__Output {
  'conditionType'?: (string);
  '_conditionType'?: "conditionType";
}
