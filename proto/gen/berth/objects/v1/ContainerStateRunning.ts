// Original file: proto/berth/objects/v1/objects.proto


export interface ContainerStateRunning {
  'startedAt'?: (string);
  '_startedAt'?: "startedAt";
}

export interface ContainerStateRunning__Output {
  'startedAt'?: (string);
  '_startedAt'?: "startedAt";
}
