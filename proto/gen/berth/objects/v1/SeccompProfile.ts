// Original file: proto/berth/objects/v1/objects.proto


export interface SeccompProfile {
  /**
   * RuntimeDefault, Unconfined or Localhost
   */
  'type'?: (string);
  'localhostProfile'?: (string);
  '_type'?: "type";
  '_localhostProfile'?: "localhostProfile";
}

export interface SeccompProfile__Output {
  /**
   * RuntimeDefault, Unconfined or Localhost
   */
  'type'?: (string);
  'localhostProfile'?: (string);
  '_type'?: "type";
  '_localhostProfile'?: "localhostProfile";
}
