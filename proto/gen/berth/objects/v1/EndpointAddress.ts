// Original file: proto/berth/objects/v1/objects.proto

import type { ObjectReference as _berth_objects_v1_ObjectReference, ObjectReference__Output as _berth_objects_v1_ObjectReference__Output } from '../../../berth/objects/v1/ObjectReference.js';

export interface EndpointAddress {
  'ip'?: (string);
  'hostname'?: (string);
  'nodeName'?: (string);
  'targetRef'?: (_berth_objects_v1_ObjectReference | null);
  '_ip'?: "ip";
  '_hostname'?: "hostname";
  '_nodeName'?: "nodeName";
}

export interface EndpointAddress__Output {
  'ip'?: (string);
  'hostname'?: (string);
  'nodeName'?: (string);
  'targetRef': (_berth_objects_v1_ObjectReference__Output | null);
  '_ip'?: "ip";
  '_hostname'?: "hostname";
  '_nodeName'?: "nodeName";
}
