// Original file: proto/berth/objects/v1/objects.proto


/**
 * Quantities by resource name ("cpu": "250m", "memory": "64Mi").
 */
export interface ResourceRequirements {
  'limits'?: ({[key: string]: string});
  'requests'?: ({[key: string]: string});
}

/**
 * Quantities by resource name ("cpu": "250m", "memory": "64Mi").
 */
export interface ResourceRequirements__Output {
  'limits': ({[key: string]: string});
  'requests': ({[key: string]: string});
}
