// Original file: proto/berth/objects/v1/objects.proto


export interface StatefulSetPersistentVolumeClaimRetentionPolicy {
  /**
   * Retain or Delete
   */
  'whenDeleted'?: (string);
  'whenScaled'?: (string);
  '_whenDeleted'?: "whenDeleted";
  '_whenScaled'?: "whenScaled";
}

export interface StatefulSetPersistentVolumeClaimRetentionPolicy__Output {
  /**
   * Retain or Delete
   */
  'whenDeleted'?: (string);
  'whenScaled'?: (string);
  '_whenDeleted'?: "whenDeleted";
  '_whenScaled'?: "whenScaled";
}
