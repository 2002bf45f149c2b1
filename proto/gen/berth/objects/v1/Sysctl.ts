// Original file: proto/berth/objects/v1/objects.proto


export interface Sysctl {
  'name'?: (string);
  'value'?: (string);
  '_name'?: "name";
  '_value'?: "value";
}

export interface Sysctl__Output {
  'name'?: (string);
  'value'?: (string);
  '_name'?: "name";
  '_value'?: "value";
}
