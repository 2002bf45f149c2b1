// Original file: proto/berth/objects/v1/objects.proto


export interface KeyToPath {
  'key'?: (string);
  'path'?: (string);
  'mode'?: (number);
  '_key'?: "key";
  '_path'?: "path";
  '_mode'?: "mode";
}

export interface KeyToPath__Output {
  'key'?: (string);
  'path'?: (string);
  'mode'?: (number);
  '_key'?: "key";
  '_path'?: "path";
  '_mode'?: "mode";
}
