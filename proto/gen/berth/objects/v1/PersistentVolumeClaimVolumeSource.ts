// Original file: proto/berth/objects/v1/objects.proto


/**
 * A claim by name: `<agent data dir>/volumes/<namespace>/<claim_name>` on the pod's node, made
 * when missing and never removed by the agent.
 */
export interface PersistentVolumeClaimVolumeSource {
  'claimName'?: (string);
  'readOnly'?: (boolean);
  '_claimName'?: "claimName";
  '_readOnly'?: "readOnly";
}

/**
 * A claim by name: `<agent data dir>/volumes/<namespace>/<claim_name>` on the pod's node, made
 * when missing and never removed by the agent.
 */
export interface PersistentVolumeClaimVolumeSource__Output {
  'claimName'?: (string);
  'readOnly'?: (boolean);
  '_claimName'?: "claimName";
  '_readOnly'?: "readOnly";
}
