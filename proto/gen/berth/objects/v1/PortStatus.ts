// Original file: proto/berth/objects/v1/objects.proto


export interface PortStatus {
  'port'?: (number);
  'protocol'?: (string);
  'error'?: (string);
  '_port'?: "port";
  '_protocol'?: "protocol";
  '_error'?: "error";
}

export interface PortStatus__Output {
  'port'?: (number);
  'protocol'?: (string);
  'error'?: (string);
  '_port'?: "port";
  '_protocol'?: "protocol";
  '_error'?: "error";
}
