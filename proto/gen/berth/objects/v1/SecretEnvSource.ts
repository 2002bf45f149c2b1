// Original file: proto/berth/objects/v1/objects.proto


export interface SecretEnvSource {
  'name'?: (string);
  'optional'?: (boolean);
  '_name'?: "name";
  '_optional'?: "optional";
}

export interface SecretEnvSource__Output {
  'name'?: (string);
  'optional'?: (boolean);
  '_name'?: "name";
  '_optional'?: "optional";
}
