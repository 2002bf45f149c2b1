// Original file: proto/berth/objects/v1/objects.proto


export interface ContainerStateTerminated {
  'exitCode'?: (number);
  'signal'?: (number);
  'reason'?: (string);
  'message'?: (string);
  'startedAt'?: (string);
  'finishedAt'?: (string);
  'containerId'?: (string);
  '_exitCode'?: "exitCode";
  '_signal'?: "signal";
  '_reason'?: "reason";
  '_message'?: "message";
  '_startedAt'?: "startedAt";
  '_finishedAt'?: "finishedAt";
  '_containerId'?: "containerId";
}

export interface ContainerStateTerminated__Output {
  'exitCode'?: (number);
  'signal'?: (number);
  'reason'?: (string);
  'message'?: (string);
  'startedAt'?: (string);
  'finishedAt'?: (string);
  'containerId'?: (string);
  '_exitCode'?: "exitCode";
  '_signal'?: "signal";
  '_reason'?: "reason";
  '_message'?: "message";
  '_startedAt'?: "startedAt";
  '_finishedAt'?: "finishedAt";
  '_containerId'?: "containerId";
}
