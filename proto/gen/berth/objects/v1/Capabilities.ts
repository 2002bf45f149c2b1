// Original file: proto/berth/objects/v1/objects.proto


export interface Capabilities {
  'add'?: (string)[];
  'drop'?: (string)[];
}

export interface Capabilities__Output {
  'add': (string)[];
  'drop': (string)[];
}
