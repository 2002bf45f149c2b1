// Original file: proto/berth/objects/v1/objects.proto


export interface VolumeMount {
  'name'?: (string);
  'readOnly'?: (boolean);
  'mountPath'?: (string);
  'subPath'?: (string);
  /**
   * None, HostToContainer or Bidirectional
   */
  'mountPropagation'?: (string);
  'subPathExpr'?: (string);
  '_name'?: "name";
  '_readOnly'?: "readOnly";
  '_mountPath'?: "mountPath";
  '_subPath'?: "subPath";
  '_mountPropagation'?: "mountPropagation";
  '_subPathExpr'?: "subPathExpr";
}

export interface VolumeMount__Output {
  'name'?: (string);
  'readOnly'?: (boolean);
  'mountPath'?: (string);
  'subPath'?: (string);
  /**
   * None, HostToContainer or Bidirectional
   */
  'mountPropagation'?: (string);
  'subPathExpr'?: (string);
  '_name'?: "name";
  '_readOnly'?: "readOnly";
  '_mountPath'?: "mountPath";
  '_subPath'?: "subPath";
  '_mountPropagation'?: "mountPropagation";
  '_subPathExpr'?: "subPathExpr";
}
