// Original file: proto/berth/objects/v1/objects.proto


export interface ConfigMapEnvSource {
  'name'?: (string);
  'optional'?: (boolean);
  '_name'?: "name";
  '_optional'?: "optional";
}

export interface ConfigMapEnvSource__Output {
  'name'?: (string);
  'optional'?: (boolean);
  '_name'?: "name";
  '_optional'?: "optional";
}
