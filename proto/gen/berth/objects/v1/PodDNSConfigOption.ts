// Original file: proto/berth/objects/v1/objects.proto


export interface PodDNSConfigOption {
  'name'?: (string);
  'value'?: (string);
  '_name'?: "name";
  '_value'?: "value";
}

export interface PodDNSConfigOption__Output {
  'name'?: (string);
  'value'?: (string);
  '_name'?: "name";
  '_value'?: "value";
}
