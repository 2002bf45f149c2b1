// Original file: proto/berth/objects/v1/objects.proto


export interface EmptyDirVolumeSource {
  /**
   * "" (node disk) or Memory (tmpfs)
   */
  'medium'?: (string);
  /**
   * A quantity.
   */
  'sizeLimit'?: (string);
  '_medium'?: "medium";
  '_sizeLimit'?: "sizeLimit";
}

export interface EmptyDirVolumeSource__Output {
  /**
   * "" (node disk) or Memory (tmpfs)
   */
  'medium'?: (string);
  /**
   * A quantity.
   */
  'sizeLimit'?: (string);
  '_medium'?: "medium";
  '_sizeLimit'?: "sizeLimit";
}
