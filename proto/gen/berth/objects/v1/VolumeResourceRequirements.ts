// Original file: proto/berth/objects/v1/objects.proto


/**
 * Quantities by resource name ("storage": "10Gi").
 */
export interface VolumeResourceRequirements {
  'limits'?: ({[key: string]: string});
  'requests'?: ({[key: string]: string});
}

/**
 * Quantities by resource name ("storage": "10Gi").
 */
export interface VolumeResourceRequirements__Output {
  'limits': ({[key: string]: string});
  'requests': ({[key: string]: string});
}
