// Original file: proto/berth/objects/v1/objects.proto


export interface ContainerStateWaiting {
  'reason'?: (string);
  'message'?: (string);
  '_reason'?: "reason";
  '_message'?: "message";
}

export interface ContainerStateWaiting__Output {
  'reason'?: (string);
  'message'?: (string);
  '_reason'?: "reason";
  '_message'?: "message";
}
