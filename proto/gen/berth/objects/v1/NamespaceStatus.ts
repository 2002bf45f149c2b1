// Original file: proto/berth/objects/v1/objects.proto


export interface NamespaceStatus {
  'phase'?: (string);
  '_phase'?: "phase";
}

export interface NamespaceStatus__Output {
  'phase'?: (string);
  '_phase'?: "phase";
}
