// Original file: proto/berth/objects/v1/objects.proto


export interface PodIP {
  'ip'?: (string);
  '_ip'?: "ip";
}

export interface PodIP__Output {
  'ip'?: (string);
  '_ip'?: "ip";
}
