// Original file: proto/berth/objects/v1/objects.proto


export interface NamespaceSpec {
  'finalizers'?: (string)[];
}

export interface NamespaceSpec__Output {
  'finalizers': (string)[];
}
