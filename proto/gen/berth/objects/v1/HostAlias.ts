// Original file: proto/berth/objects/v1/objects.proto


export interface HostAlias {
  'ip'?: (string);
  'hostnames'?: (string)[];
  '_ip'?: "ip";
}

export interface HostAlias__Output {
  'ip'?: (string);
  'hostnames': (string)[];
  '_ip'?: "ip";
}
