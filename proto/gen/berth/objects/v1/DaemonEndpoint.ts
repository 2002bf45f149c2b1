// Original file: proto/berth/objects/v1/objects.proto


export interface DaemonEndpoint {
  'port'?: (number);
  '_port'?: "port";
}

export interface DaemonEndpoint__Output {
  'port'?: (number);
  '_port'?: "port";
}
