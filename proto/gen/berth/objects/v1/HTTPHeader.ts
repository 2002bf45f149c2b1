// Original file: proto/berth/objects/v1/objects.proto


export interface HTTPHeader {
  'name'?: (string);
  'value'?: (string);
  '_name'?: "name";
  '_value'?: "value";
}

export interface HTTPHeader__Output {
  'name'?: (string);
  'value'?: (string);
  '_name'?: "name";
  '_value'?: "value";
}
