// Original file: proto/berth/objects/v1/objects.proto


/**
 * ---- Specs and statuses (filled in below) ----
 */
export interface NamespaceSpec {
  'finalizers'?: (string)[];
}

/**
 * ---- Specs and statuses (filled in below) ----
 */
export interface NamespaceSpec__Output {
  'finalizers': (string)[];
}
