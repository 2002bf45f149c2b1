// Original file: proto/berth/objects/v1/objects.proto


export interface ContainerPort {
  'name'?: (string);
  'hostPort'?: (number);
  'containerPort'?: (number);
  /**
   * TCP, UDP or SCTP
   */
  'protocol'?: (string);
  'hostIp'?: (string);
  '_name'?: "name";
  '_hostPort'?: "hostPort";
  '_containerPort'?: "containerPort";
  '_protocol'?: "protocol";
  '_hostIp'?: "hostIp";
}

export interface ContainerPort__Output {
  'name'?: (string);
  'hostPort'?: (number);
  'containerPort'?: (number);
  /**
   * TCP, UDP or SCTP
   */
  'protocol'?: (string);
  'hostIp'?: (string);
  '_name'?: "name";
  '_hostPort'?: "hostPort";
  '_containerPort'?: "containerPort";
  '_protocol'?: "protocol";
  '_hostIp'?: "hostIp";
}
