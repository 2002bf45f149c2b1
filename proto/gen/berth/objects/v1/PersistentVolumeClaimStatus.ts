// Original file: proto/berth/objects/v1/objects.proto


export interface PersistentVolumeClaimStatus {
  'phase'?: (string);
  'accessModes'?: (string)[];
  'capacity'?: ({[key: string]: string});
  '_phase'?: "phase";
}

export interface PersistentVolumeClaimStatus__Output {
  'phase'?: (string);
  'accessModes': (string)[];
  'capacity': ({[key: string]: string});
  '_phase'?: "phase";
}
