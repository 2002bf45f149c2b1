// Original file: proto/berth/objects/v1/objects.proto


export interface HostIP {
  'ip'?: (string);
  '_ip'?: "ip";
}

export interface HostIP__Output {
  'ip'?: (string);
  '_ip'?: "ip";
}
